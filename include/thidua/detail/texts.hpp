#pragma once
// Every sentence the library writes about a report (reasons, warnings, explanations), in Vietnamese and
// English, kept in one place (src/texts.cpp).

#include <cstddef>

#include "thidua/core/date.hpp"
#include "thidua/core/decimal.hpp"
#include <string>
#include <vector>

#include "thidua/core/language.hpp"

namespace thidua {
class report;
struct layer;
}  // namespace thidua

namespace thidua::detail {

/// Why unit u did not receive award a ("vote share 5/8 < 0.7; …"); empty when it did.
std::string award_reason(const report& r, std::size_t u, std::size_t a, language lang);

/// What a class's quota counts in its cluster: "6 units of the cluster", or with `share_of` (the class named as the
/// caller names it) "8 units qualifying for tot or higher".
std::string quota_base(std::int64_t base, const std::string& share_of, language lang);

/// Why a quota pushed unit u below a class; empty when none did.
std::string class_reason(const report& r, std::size_t u, language lang);

/// Warnings about unit u: missing results, late reports, ties admitted past a quota or an award's count.
struct warning {
    std::string code;
    std::string phase, criterion, subject;  ///< subject: class or award id when the warning is about one
    std::string message;
};
std::vector<warning> unit_warnings(const report& r, std::size_t u, language lang);

/// Warnings about the whole input: the campaign needs votes (an award's min_vote_share, a vote tie-break) or
/// declares adjustments, and the input does not state its votes or its events (results from a table alone).
std::vector<warning> report_warnings(const report& r, language lang);

/// A layer's title: its own, else the catalog's for a known id ("tham-dinh": "Thẩm định"), else its id.
std::string layer_title(const layer& l, language lang);

/// "gd1/mo-hinh": the key of a (phase, criterion) pair in reports.
std::string pair_key(const report& r, std::size_t p, std::size_t c);

/// A decimal for readers: `digits` fractional digits (−1: as few as exact), a decimal comma in Vietnamese, and
/// thousands separators when `group` (1,490,000 / 1.490.000).
std::string format_number(decimal d, language lang, int digits = -1, bool group = false);

/// 2024-08-10 in English, 10/08/2024 in Vietnamese.
std::string format_date(date d, language lang);

}  // namespace thidua::detail
