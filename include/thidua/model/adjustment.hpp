#pragma once
/// @file adjustment.hpp
/// Bonus points (điểm thưởng), penalty points (điểm trừ) and disqualifying events, and the late-report penalty.

#include <optional>
#include <string>
#include <string_view>

#include "thidua/core/decimal.hpp"

namespace thidua {

/// Bonus points (điểm thưởng), penalty points (điểm trừ), or an event that disqualifies the unit.
enum class adjustment_kind { bonus, penalty, disqualify };

/// A kind of event that adds or removes points, or disqualifies (the campaign's "adjustments"); results count its
/// events per unit.
struct adjustment {
    std::string id;  ///< named by the results' events
    adjustment_kind kind = adjustment_kind::bonus;  ///< what its events do
    std::string title;  ///< shown in tables and explanations
    decimal points_per_item;     ///< bonus and penalty only
    std::optional<decimal> cap;  ///< bonus and penalty only
    std::string forces_class;    ///< disqualify only: the unit's class is at most this one (a veto)
};

/// What one item of the late-report penalty is: each late result row (the default), each phase with a late row,
/// or the unit once, whatever it reported late (so that a unit scored on more criteria does not pay more for the
/// same lateness).
enum class late_per { row, phase, unit };

/// A penalty for each result row submitted after its phase's report_due.
struct late_penalty {
    decimal per_report;  ///< points per item
    std::optional<decimal> cap;  ///< at most this many late-report points; none: no cap
    late_per per = late_per::row;  ///< what one item is
};

/// The kind as campaign files spell it: "bonus", "penalty" or "disqualify".
inline std::string_view to_string(adjustment_kind kind) {
    switch (kind) {
        case adjustment_kind::bonus: return "bonus";
        case adjustment_kind::penalty: return "penalty";
        case adjustment_kind::disqualify: return "disqualify";
    }
    return "bonus";
}

}  // namespace thidua
