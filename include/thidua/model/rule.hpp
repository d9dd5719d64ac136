#pragma once
/// @file rule.hpp
/// How a criterion turns a reported figure into points.

#include <optional>
#include <string_view>
#include <vector>

#include "thidua/core/decimal.hpp"

namespace thidua {

/// How a criterion's value becomes points.
enum class rule_kind {
    ratio,    ///< value / target, full points at 100 %
    bands,    ///< thresholds with points
    boolean,  ///< done (max) or not (0)
    manual,   ///< the value is the points
};

/// Partial credit of a ratio rule below the target: linear (points in proportion to the ratio) or all_or_nothing (0
/// below the target).
enum class credit_kind { linear, all_or_nothing };

/// Bonus for exceeding the target: floor((r − 1) × 100 / step_percent) × points_per_step, capped.
struct exceed_bonus {
    decimal step_percent;  ///< the size of a step above the target, in percent of it
    decimal points_per_step;  ///< the points of each full step
    std::optional<decimal> cap;  ///< at most this bonus per phase; none: no cap
};

/// One band: `threshold` is at_least (higher is better) or at_most (lower is better), see rule::lower_is_better.
struct band {
    decimal threshold;  ///< the least (at_least) or the most (at_most) value in the band
    decimal points;  ///< the points of a value in the band
};

/// A criterion's rule (docs/format.md, "Rules"): the kind, and the keys of that kind.
struct rule {
    rule_kind kind = rule_kind::boolean;  ///< which of the other members apply
    // ratio
    std::optional<decimal> target;  ///< default target when neither the row nor a registered target gives one
    credit_kind credit = credit_kind::linear;  ///< partial credit below the target
    decimal min_ratio;              ///< r below this gives 0
    std::optional<exceed_bonus> exceed;  ///< the bonus above the target; none: no bonus
    // bands, in the order written
    std::vector<band> bands;  ///< each threshold with its points
    bool lower_is_better = false;   ///< bands written with at_most
};

/// The rule's kind as campaign files spell it: "ratio", "bands", "boolean" or "manual".
inline std::string_view to_string(rule_kind kind) {
    switch (kind) {
        case rule_kind::ratio: return "ratio";
        case rule_kind::bands: return "bands";
        case rule_kind::boolean: return "boolean";
        case rule_kind::manual: return "manual";
    }
    return "boolean";
}

/// The credit as campaign files spell it: "linear" or "all_or_nothing".
inline std::string_view to_string(credit_kind kind) {
    return kind == credit_kind::linear ? "linear" : "all_or_nothing";
}

}  // namespace thidua
