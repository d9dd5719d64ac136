#pragma once
/// @file clusters.hpp
/// What a report says about each cluster as a whole and about the award money, computed once with the other
/// outcomes: class counts and shares, the mean and median totals, the cluster goals, the class quotas, and the
/// awards given in the cluster with their cash.
///
/// @code
/// for (const auto& s : report.clusters())
///     for (const auto& g : s.goals)
///         std::cout << report.campaign().cluster_goals[g.goal].id << (g.met ? " met\n" : " not met\n");
/// @endcode

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "thidua/core/decimal.hpp"
#include "thidua/outcomes/classes.hpp"

namespace thidua {

/// How far a cluster reached one of the campaign's cluster goals.
struct goal_outcome {
    std::size_t goal = 0;     ///< position in campaign().cluster_goals
    std::int64_t count = 0;   ///< units whose class is class_at_least or better
    decimal share;            ///< count / units, 4 fractional digits (half up); 0 for a cluster without units
    bool met = false;         ///< count / units ≥ min_share, compared exactly
};

/// One cluster's summary.
struct cluster_summary {
    std::size_t cluster = 0;                 ///< position in campaign().clusters
    std::int64_t units = 0;                  ///< how many units rank in it
    std::vector<std::int64_t> class_counts;  ///< per class, in the campaign's order
    std::vector<decimal> class_shares;       ///< per class: count / units, 4 fractional digits (half up)
    std::optional<decimal> mean_total;       ///< at the campaign's precision and rounding; none without units
    std::optional<decimal> median_total;     ///< likewise
    std::vector<goal_outcome> goals;         ///< per cluster goal, in the campaign's order
    std::vector<class_quota> quotas;         ///< the quotas (max_share) of its classes
    std::vector<std::int64_t> award_counts;  ///< per award: units of the cluster that received it
    decimal award_cash;                      ///< the cash of every award its units received
};

/// The money of one award over the whole report.
struct award_total {
    std::int64_t receivers = 0;  ///< units that received the award
    decimal amount;  ///< per receiver: cash, or multiplier × base_salary
    decimal total;   ///< receivers × amount
};

/// The money of every award, and its sum.
struct award_totals {
    std::vector<award_total> awards;  ///< in the campaign's order
    decimal total;  ///< the sum of every award's total
};

}  // namespace thidua
