#pragma once
/// @file phase.hpp
/// Dated phases of a campaign (giai đoạn): inclusive dates, a weight in the base score, a report due date.

#include <optional>
#include <string>
#include <vector>

#include "thidua/core/date.hpp"
#include "thidua/core/decimal.hpp"

namespace thidua {

struct phase {
    std::string id;
    std::string title;
    std::string label;  ///< optional short name for a column ("Giai đoạn 1" when absent, texts.hpp phase_label)
    date start;
    date end;  ///< inclusive
    decimal weight = decimal::from_int(1);
    std::optional<date> report_due;     ///< reports submitted after this date are late
    std::vector<std::string> criteria;  ///< ids of the criteria scored in this phase

    bool contains(date d) const { return start <= d && d <= end; }
};

}  // namespace thidua
