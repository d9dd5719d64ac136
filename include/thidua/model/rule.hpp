#pragma once
/// @file rule.hpp
/// How a criterion turns a reported figure into points.

#include <optional>
#include <string_view>
#include <vector>

#include "thidua/core/decimal.hpp"

namespace thidua {

enum class rule_kind {
    ratio,    ///< value / target, full points at 100 %
    bands,    ///< thresholds with points
    boolean,  ///< done (max) or not (0)
    manual,   ///< the value is the points
};

/// Partial credit of a ratio rule below the target.
enum class credit_kind { linear, all_or_nothing };

/// Bonus for exceeding the target: floor((r − 1) × 100 / step_percent) × points_per_step, capped.
struct exceed_bonus {
    decimal step_percent;
    decimal points_per_step;
    std::optional<decimal> cap;
};

/// One band: `threshold` is at_least (higher is better) or at_most (lower is better), see rule::lower_is_better.
struct band {
    decimal threshold;
    decimal points;
};

struct rule {
    rule_kind kind = rule_kind::boolean;
    // ratio
    std::optional<decimal> target;  ///< default target when neither the row nor a registered target gives one
    credit_kind credit = credit_kind::linear;
    decimal min_ratio;              ///< r below this gives 0
    std::optional<exceed_bonus> exceed;
    // bands, in the order written
    std::vector<band> bands;
    bool lower_is_better = false;   ///< bands written with at_most
};

inline std::string_view to_string(rule_kind kind) {
    switch (kind) {
        case rule_kind::ratio: return "ratio";
        case rule_kind::bands: return "bands";
        case rule_kind::boolean: return "boolean";
        case rule_kind::manual: return "manual";
    }
    return "boolean";
}

inline std::string_view to_string(credit_kind kind) {
    return kind == credit_kind::linear ? "linear" : "all_or_nothing";
}

}  // namespace thidua
