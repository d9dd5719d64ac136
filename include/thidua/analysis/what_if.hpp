#pragma once
/// @file what_if.hpp
/// What-if: a new report for hypothetical changes of a report's inputs, without touching files ("what if Đậu Liêu's
/// second model is accepted?"). The changed inputs are scored from scratch, so the new report equals the report of
/// the changed documents; only `total_delta`, which no document can state, is applied inside the scoring: the
/// points are added to the unit's total after the caps, before classes, ranks and awards.
///
/// @code
/// const auto changes = thidua::read_what_if(R"([{"unit": "dau-lieu", "criterion": "mo-hinh", "phase": "gd2",
///                                                 "value": 4}])");
/// const thidua::report after = thidua::what_if(report, changes);
/// @endcode

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "thidua/model/results.hpp"
#include "thidua/report/report.hpp"
#include "thidua/scoring/options.hpp"

namespace thidua {

/// One hypothetical change. Its JSON forms (docs/python.md, "What-if"):
/// - `{"unit", "criterion", "phase"?, "value"}`: a reported value (the slot's row changed, or added);
/// - `{"unit", "criterion", "phase"?, "status"}`: a status (`missing`, `exempt` … drop the value);
/// - `{"unit", "adjustment", "count"?}`: one more event (count 1 by default);
/// - `{"unit", "total_delta"}`: points added to the unit's total after the caps;
/// - `{"phase", "weight"}`: a phase's weight (the weights must still sum to 1 once every change is made);
/// - `{"class", "min_score"}`: a class threshold;
/// - `{"award", "count"}` or `{"award", "max_share"}`: an award's quota.
struct what_if_change {
    /// Which of the forms above the change is.
    enum class kind { value, status, event, total_delta, phase_weight, class_min_score, award_count, award_max_share };
    kind what = kind::value;  ///< which form the change is
    ///@{
    std::string unit, criterion, phase;  ///< the slot (value, status); the unit (event, total_delta); the phase (weight)
    ///@}
    std::string id;                      ///< the adjustment (event), class or award
    result_value value;  ///< the new value (value)
    result_status status = result_status::reported;  ///< the new status (status)
    std::int64_t count = 1;  ///< an event's count, an award's quota
    decimal amount;          ///< total_delta, weight, min_score or max_share
    std::string pointer;     ///< where the change was given ("/2"), named by its errors
};

/// Reads a JSON array of changes; errors name the pointer in `document` ("what-if /2/value").
std::vector<what_if_change> read_what_if(std::string_view json_text, const std::string& document = "what-if");

/// The report of `r`'s inputs with `changes` made, in order. `r` must have been scored from result rows (score()),
/// not from arrays; a change naming an unknown unit, criterion, phase, adjustment, class or award, or leaving the
/// campaign invalid, is an error naming the change.
report what_if(const report& r, std::span<const what_if_change> changes, const score_options& options = {});

}  // namespace thidua
