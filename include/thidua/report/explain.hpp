#pragma once
/// @file explain.hpp
/// Explanations: how a unit's report came about, step by step, quoting the actual inputs, rules, thresholds and
/// points ("Quỹ Vì người nghèo, giai đoạn 1: đạt 7/9 chỉ tiêu (77,78%) → 7,78/10 điểm, tính theo tỷ lệ"), in
/// Vietnamese or English. Generated from the report alone; scoring never pays for it.

#include <string>
#include <utility>
#include <vector>

#include "thidua/core/language.hpp"
#include "thidua/report/report.hpp"

namespace thidua {

/// One step of an explanation.
struct explanation_step {
    std::string step;       ///< unit, points, phase, base, bonus, penalty, disqualify, total, class, rank, award, warning
    std::string message;    ///< the id of its sentence in the catalog (report/messages.hpp)
    std::string phase;      ///< phase id, when the step belongs to one
    std::string subject;    ///< criterion, adjustment, class or award id, when the step is about one
    std::vector<std::pair<std::string, std::string>> inputs;  ///< named inputs as written ("value": "7")
    std::string rule;       ///< the rule applied, in words
    std::string threshold;  ///< the threshold that decided, in words
    std::string points;     ///< points (or score) at the campaign's precision; empty when none
    std::string max;        ///< the maximum, when there is one
    std::string text;       ///< the sentence
    int depth = 0;          ///< 0 for a section, 1 for an item inside it
};

/// How one unit's report came about, step by step, in one language (explain()).
struct explanation {
    std::string unit;  ///< the unit's id
    language lang = language::vi;  ///< the language of the sentences
    std::vector<explanation_step> steps;  ///< sections and their items, in order

    /// The steps as text, one per line, items indented under their section.
    std::string prose() const {
        std::string out;
        for (const auto& s : steps) {
            out += s.depth == 0 ? "" : "  - ";
            out += s.text;
            out += '\n';
        }
        return out;
    }
};

/// Explains unit `u` of a report.
explanation explain(const report& r, std::size_t u, language lang = language::vi);

/// "vi" or "en"; throws schema_error otherwise.
language parse_language(std::string_view text);

/// The language a campaign's reports use unless told otherwise: its `language`, else Vietnamese.
language default_language(const campaign& c);

/// "vi" or "en".
const char* language_code(language lang);

}  // namespace thidua
