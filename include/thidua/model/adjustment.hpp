#pragma once
/// @file adjustment.hpp
/// Bonus points (điểm thưởng), penalty points (điểm trừ) and disqualifying events, and the late-report penalty.

#include <optional>
#include <string>
#include <string_view>

#include "thidua/core/decimal.hpp"

namespace thidua {

enum class adjustment_kind { bonus, penalty, disqualify };

struct adjustment {
    std::string id;
    adjustment_kind kind = adjustment_kind::bonus;
    std::string title;
    decimal points_per_item;     ///< bonus and penalty only
    std::optional<decimal> cap;  ///< bonus and penalty only
    std::string forces_class;    ///< disqualify only: the unit's class is at most this one (a veto)
};

/// A penalty for each result row submitted after its phase's report_due.
/// What one item of the late-report penalty is: each late result row (the default), each phase with a late row,
/// or the unit once, whatever it reported late (so that a unit scored on more criteria does not pay more for the
/// same lateness).
enum class late_per { row, phase, unit };

struct late_penalty {
    decimal per_report;  ///< points per item
    std::optional<decimal> cap;
    late_per per = late_per::row;
};

inline std::string_view to_string(adjustment_kind kind) {
    switch (kind) {
        case adjustment_kind::bonus: return "bonus";
        case adjustment_kind::penalty: return "penalty";
        case adjustment_kind::disqualify: return "disqualify";
    }
    return "bonus";
}

}  // namespace thidua
