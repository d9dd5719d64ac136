#pragma once
// Summarizing a report's clusters and its award money (src/outcomes/clusters.cpp).

#include <vector>

#include "thidua/detail/awards.hpp"
#include "thidua/detail/classes.hpp"
#include "thidua/detail/compiled_plan.hpp"
#include "thidua/detail/kernel.hpp"
#include "thidua/detail/ranking.hpp"
#include "thidua/outcomes/clusters.hpp"

namespace thidua::detail {

/// Cash of award a for one receiving unit: its cash, or multiplier × base_salary.
decimal award_amount(const campaign& c, std::size_t a);

struct cluster_outcomes {
    std::vector<cluster_summary> clusters;  ///< in the campaign's order
    award_totals money;
};

/// Every cluster's summary and the award money, from the report's outcomes.
cluster_outcomes summarize_clusters(const compiled_plan& pl, const scores& sc, const classification& classes,
                                    const award_outcome& awards, const cluster_rankings& by_cluster);

}  // namespace thidua::detail
