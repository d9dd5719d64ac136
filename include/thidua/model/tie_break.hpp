#pragma once
/// @file tie_break.hpp
/// The ordered rules that separate units with equal totals.

#include <optional>
#include <string>
#include <string_view>

#include "thidua/core/decimal.hpp"

namespace thidua {

/// What a tie-break compares (docs/format.md, "Tie-breaks"): a criterion's points, a phase score, the bonus, the
/// penalty (lower first), the earliest submission, the vote share, a unit attribute, or a seeded draw (lot).
enum class tie_break_kind { criterion, phase, bonus, penalty, earliest_submission, vote, attribute, lot };

/// One rule separating units with equal totals, applied only inside groups still tied.
struct tie_break {
    tie_break_kind kind = tie_break_kind::lot;  ///< what it compares
    std::string argument;        ///< criterion id, phase id or attribute name
    bool descending = true;      ///< attribute order (desc by default)
    std::string seed;            ///< lot: the seed as written
    /// attribute: a threshold preference instead of an order: units whose attribute is at least this come first,
    /// all the others (below it, or without it) after; each side stays tied for the next rule.
    std::optional<decimal> at_least;
    std::string title;           ///< optional

    /// The name used for tie_broken_by: the title, else "kind:argument", else the bare kind.
    std::string label() const;
};

/// The kind as campaign files spell it ("criterion", "earliest_submission", "lot" …).
inline std::string_view to_string(tie_break_kind kind) {
    switch (kind) {
        case tie_break_kind::criterion: return "criterion";
        case tie_break_kind::phase: return "phase";
        case tie_break_kind::bonus: return "bonus";
        case tie_break_kind::penalty: return "penalty";
        case tie_break_kind::earliest_submission: return "earliest_submission";
        case tie_break_kind::vote: return "vote";
        case tie_break_kind::attribute: return "attribute";
        case tie_break_kind::lot: return "lot";
    }
    return "lot";
}

inline std::string tie_break::label() const {
    if (!title.empty()) return title;
    std::string out(to_string(kind));
    if (!argument.empty()) out += ":" + argument;
    if (at_least) out += ">=" + at_least->to_string();
    return out;
}

}  // namespace thidua
