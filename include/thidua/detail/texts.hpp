#pragma once
// Every sentence the library writes about a report (reasons, warnings, explanations), in Vietnamese and
// English, kept in one place (src/texts.cpp).

#include <cstddef>

#include "thidua/core/date.hpp"
#include "thidua/core/decimal.hpp"
#include <string>
#include <vector>

#include "thidua/core/language.hpp"
#include "thidua/model/unit.hpp"

namespace thidua {
class report;
struct campaign;
struct layer;
struct margin;
struct tie_break;
}  // namespace thidua

namespace thidua::detail {

/// Why unit u did not receive award a ("vote share 5/8 < 0.7; …"); empty when it did.
std::string award_reason(const report& r, std::size_t u, std::size_t a, language lang);

/// What a class's quota counts in its cluster: "6 units of the block", or with `share_of` (the class named as the
/// caller names it) "8 units qualifying for tot or higher".
std::string quota_base(std::int64_t base, const std::string& share_of, cluster_kind kind, language lang);

/// Why unit u fails class k's history gate ("chưa đủ 2 năm liên tục đạt «…» trở lên: năm 2023 «…»").
std::string class_history_reason(const report& r, std::size_t u, std::size_t k, language lang);

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

/// A margin in a sentence: "Còn thiếu 0,01 điểm để được xếp «Xuất sắc»; chẳng hạn «Mô hình» (Giai đoạn 1) đạt 4", or
/// what blocks it ("Chưa thể được «Cờ thi đua» chỉ nhờ thêm điểm: tỷ lệ phiếu đồng ý chưa đạt").
std::string margin_text(const report& r, const margin& m, language lang);

/// What the award cash rests on when the campaign takes figures from the legal tables: the base salary on the
/// decision day and its decree, each legal title's multiplier and its decree; empty otherwise.
std::vector<std::string> legal_basis(const report& r, language lang);

/// "gd1/mo-hinh": the key of a (phase, criterion) pair in reports.
std::string pair_key(const report& r, std::size_t p, std::size_t c);

// Names for readers: texts never show an id of a phase, criterion, unit kind or tie-break.

/// Phase p's short name for a column or an axis: its label, else "Giai đoạn 2" ("Phase 2") by position.
std::string phase_label(const campaign& c, std::size_t p, language lang);

/// Phase p as a sentence names it: its title, else its label.
std::string phase_name(const campaign& c, std::size_t p, language lang);

/// Criterion k as a sentence names it: its title, else "Tiêu chí 3" ("Criterion 3") by position.
std::string criterion_name(const campaign& c, std::size_t k, language lang);

/// "«Đối ngoại»", followed by ", giai đoạn 2" when the campaign has several phases: a slot in a sentence.
std::string slot_name(const campaign& c, std::size_t p, std::size_t k, language lang);

/// The title of a unit kind (campaign unit_kinds), else empty: texts then leave the kind out.
std::string unit_kind_title(const campaign& c, const std::string& kind);

/// A tie-break as a sentence names it: its title, else its rule in words ("Điểm thưởng cao hơn").
std::string tie_break_name(const campaign& c, const tie_break& t, language lang);

/// A decimal for readers: `digits` fractional digits (−1: as few as exact), a decimal comma in Vietnamese, and
/// thousands separators when `group` (1,490,000 / 1.490.000).
std::string format_number(decimal d, language lang, int digits = -1, bool group = false);

/// A name quoted as the language quotes it: «…» in Vietnamese, “…” in English.
std::string quote_name(const std::string& words, language lang);

/// A share as a percentage: 0.625 → "62,5 %" (vi), "62.5%" (en); `digits` ≥ 0 rounds half up to that many digits.
std::string format_percent(decimal share, language lang, int digits = -1);

/// 2024-08-10 in English, 10/08/2024 in Vietnamese.
std::string format_date(date d, language lang);

}  // namespace thidua::detail
