#pragma once
/// @file class_rule.hpp
/// Classification levels (xuất sắc, tốt, hoàn thành, không hoàn thành) with their conditions and quotas, and the
/// collective goals of a cluster ("100 % of communes complete their tasks well or better").

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "thidua/core/decimal.hpp"
#include "thidua/model/history.hpp"

namespace thidua {

/// A class; classes are tried in the listed order and the first whose conditions all hold is the unit's class.
struct class_rule {
    std::string id;  ///< the class's id
    std::string title;  ///< shown in tables
    std::optional<decimal> min_score;           ///< total ≥
    bool requires_all_mandatory = false;        ///< every applicable mandatory criterion met in every phase
    std::optional<decimal> min_met_share;       ///< met / applicable criterion-phase pairs ≥
    std::optional<decimal> min_exceeded_share;  ///< share of applicable ratio pairs with r > 1 ≥
    bool exclude_disqualified = false;  ///< a disqualified unit cannot hold the class
    std::optional<decimal> max_share;           ///< quota: at most floor(max_share × base) units of a cluster
    std::string share_of;                       ///< quota base: units qualifying for this class or higher
    /// Earlier years (results::history): class_at_least held in each of the consecutive_years − 1 years before
    /// ("excellent two years running" as a class of its own).
    std::optional<history_gate> history;

    /// True when the class depends on the total alone: no quota and no condition besides min_score.
    bool by_score_only() const {
        return !requires_all_mandatory && !min_met_share && !min_exceeded_share && !exclude_disqualified && !max_share &&
               !history;
    }

    /// True when the class admits every unit (the catch-all last class).
    bool has_no_conditions() const {
        return !min_score && !requires_all_mandatory && !min_met_share && !min_exceeded_share &&
               !exclude_disqualified && !max_share && !history;
    }
};

/// A collective target of a cluster: at least `min_share` of its units hold `class_at_least` or a higher class.
struct cluster_goal {
    std::string id;  ///< the goal's id
    std::string title;  ///< shown in the cluster summary
    std::string class_at_least;  ///< id of the class that, or a better one, counts toward the goal
    decimal min_share;  ///< the goal is met when that share of the cluster's units is at least this
    std::vector<std::string> clusters;  ///< ids of the clusters it is judged for; empty: every cluster

    /// Whether the goal is judged for the cluster with that id.
    bool judges(std::string_view cluster_id) const {
        return clusters.empty() || std::find(clusters.begin(), clusters.end(), cluster_id) != clusters.end();
    }
};

}  // namespace thidua
