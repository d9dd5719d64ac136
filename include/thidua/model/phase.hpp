#pragma once
/// @file phase.hpp
/// Dated phases of a campaign (giai đoạn): inclusive dates, a weight in the base score, a report due date.

#include <optional>
#include <string>
#include <vector>

#include "thidua/core/date.hpp"
#include "thidua/core/decimal.hpp"

namespace thidua {

/// A dated part of the campaign: the criteria it scores and its weight in the base score.
struct phase {
    std::string id;  ///< the phase's id; result rows name it
    std::string title;  ///< shown in explanations
    std::string label;  ///< optional short name for a column ("Giai đoạn 1" when absent, texts.hpp phase_label)
    date start;  ///< the phase's first day
    date end;  ///< inclusive
    decimal weight = decimal::from_int(1);  ///< its share of the base score; the weights sum to exactly 1
    std::optional<date> report_due;     ///< reports submitted after this date are late
    std::vector<std::string> criteria;  ///< ids of the criteria scored in this phase

    /// Whether the day falls within the phase.
    bool contains(date d) const { return start <= d && d <= end; }
};

}  // namespace thidua
