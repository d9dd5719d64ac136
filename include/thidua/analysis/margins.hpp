#pragma once
/// @file margins.hpp
/// Margins: for every unit, how many points it lacks for the next class up, the next rank up in its cluster and
/// each award it did not receive ("how far is Nam Hồng from the flag?"). A margin is the smallest total_delta (a
/// what-if, analysis/what_if.hpp), in steps of the campaign's precision, that reaches the target with everything
/// else fixed: with it the target is reached, with one step less it is not. When points alone cannot reach it, the
/// margin names what blocks it instead (a mandatory criterion missed, a vote below the threshold, a veto …).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "thidua/core/decimal.hpp"
#include "thidua/model/results.hpp"
#include "thidua/report/report.hpp"

namespace thidua {

/// One unit's distance to one target.
struct margin {
    /// What the margin is to: the next class up, the next rank up in the cluster, or an award.
    enum class target_kind { class_up, rank_up, award };
    std::size_t unit = 0;      ///< the unit's index (report::unit_index)
    target_kind target = target_kind::class_up;  ///< what the margin is to
    std::size_t index = 0;     ///< the class (class_up), the cluster rank (rank_up) or the award (award) aimed at
    std::optional<decimal> delta;  ///< the points lacking, at the campaign's precision; none when blocked
    /// What points cannot overcome, when blocked: "mandatory", "met_share", "exceeded_share", "disqualified",
    /// "veto", "quota" (a class's or award's quota of 0), "class" (an award's min_class out of reach), "vote",
    /// "no_vote", "exclusive", "unregistered"; several joined by ", ".
    std::string blocked_by;
    /// A single reported value that reaches the target alone (margin_options::closing_values), everything else
    /// fixed: the slot's phase and criterion ids and the least value that does ("1 more model in phase 2"); of
    /// several slots, the one whose points grow least. Empty criterion: no single value does.
    ///@{
    std::string phase, criterion;
    std::optional<result_value> value;
    ///@}
};

/// What margins() looks for besides the points lacking.
struct margin_options {
    /// Also look for the single reported value that closes each gap (a search over what-ifs per slot of the unit).
    bool closing_values = true;
};

/// Every unit's margins, units in report order: its next class up (none for the best class), its next rank up
/// (none at rank 1), then each award it did not receive, in the campaign's order. The report must have been scored
/// from result rows (score()); each margin is found by bisection over what-ifs of the unit's total, and a closing
/// value over what-ifs of one slot's value: bands at their thresholds, a yes/no criterion at yes, a number in
/// whole steps when the slot holds a whole number (else steps of the campaign's precision).
std::vector<margin> margins(const report& r, const margin_options& options = {});

}  // namespace thidua
