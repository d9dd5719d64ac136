#pragma once
/// @file award_rule.hpp
/// Awards (cờ thi đua, bằng khen, "leading unit of the cluster"): quota, gates and cash.

#include <optional>
#include <string>
#include <vector>

#include "thidua/core/decimal.hpp"

namespace thidua {

enum class award_scope { cluster, overall };

struct award_rule {
    std::string id;
    std::string title;
    award_scope scope = award_scope::cluster;
    std::optional<std::int64_t> count;      ///< exactly one of count and max_share
    std::optional<decimal> max_share;       ///< floor(max_share × group size), at least min_count
    std::int64_t min_count = 0;
    std::string min_class;                  ///< class id; empty: no gate
    std::optional<decimal> min_score;
    std::optional<decimal> min_vote_share;
    std::vector<std::string> exclusive_with;
    std::optional<decimal> cash;            ///< an amount per receiving unit
    std::optional<decimal> multiplier;      ///< × the campaign's base_salary per receiving unit
};

}  // namespace thidua
