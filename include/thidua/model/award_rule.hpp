#pragma once
/// @file award_rule.hpp
/// Awards (cờ thi đua, bằng khen, "leading unit of the cluster"): quota, gates and cash.

#include <optional>
#include <string>
#include <vector>

#include "thidua/core/decimal.hpp"
#include "thidua/model/history.hpp"

namespace thidua {

/// Where an award's quota applies: in each cluster, or once across all units.
enum class award_scope { cluster, overall };

/// An award of the campaign: who may receive it (gates), how many per scope group (quota) and the money it brings.
struct award_rule {
    std::string id;  ///< the award's id
    std::string title;  ///< shown in tables
    award_scope scope = award_scope::cluster;  ///< the groups its quota counts in
    std::optional<std::int64_t> count;      ///< exactly one of count and max_share
    std::optional<decimal> max_share;       ///< floor(max_share × group size), at least min_count
    std::int64_t min_count = 0;  ///< with max_share: the quota is at least this
    std::string min_class;                  ///< class id; empty: no gate
    std::optional<decimal> min_score;  ///< receivers' total is at least this; none: no gate
    std::optional<decimal> min_vote_share;  ///< receivers' vote share is at least this; a unit without a vote fails
    /// The council that votes on this award, absent members included (Decree 98/2023 Art. 30(7)): the vote
    /// share is yes / council_size, and a ballot counts at most this many members. None: yes / of.
    std::optional<std::int64_t> council_size;
    bool requires_registration = false;     ///< only units that registered for it (campaign::registrations)
    std::vector<std::string> exclusive_with;  ///< ids of awards (listed earlier) whose holders cannot receive this one
    std::optional<decimal> cash;            ///< an amount per receiving unit
    std::optional<decimal> multiplier;      ///< × the campaign's base_salary per receiving unit
    /// A title of the legal tables ("co-thi-dua-tinh", model/legal.hpp): its multiplier under the decree in force
    /// on the campaign's `decided` date, unless the award gives its own cash or multiplier.
    std::string legal_title;
    bool legal_multiplier = false;  ///< `multiplier` came from the legal tables (apply_legal_tables)
    std::optional<history_gate> history;  ///< a look back on earlier years (results::history)
};

}  // namespace thidua
