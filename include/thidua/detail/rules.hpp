#pragma once
// The semantics of a rule, in one place: the points, exceed bonus, flags and branch of one reported value
// (score_rule), the branch alone (branch_of, what the trace records), why a value cannot be scored (rule_problem),
// and the nearest value that can (clamp_value, for values that were never reported: a stability draw's). The
// kernel's loops (scalar and AVX2), the binder, the stability draws and the explanations all call these: the
// vector loops are faster spellings of the same decisions, tested against them.

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "thidua/core/decimal.hpp"
#include "thidua/core/error.hpp"
#include "thidua/detail/compiled_plan.hpp"
#include "thidua/detail/divider.hpp"
#include "thidua/detail/int128.hpp"

namespace thidua::detail {

/// Flags of a slot after scoring.
enum slot_flag : std::uint8_t {
    slot_met = 1,       ///< points equal max (ratio: r ≥ 1)
    slot_exceeded = 2,  ///< ratio with r > 1
};

/// Which branch of its rule a slot took (what an explanation says about it).
enum class slot_branch : std::uint8_t {
    none,              ///< out of the scale, missing, or no row
    ratio_met,         ///< r ≥ 1: full points (and maybe an exceed bonus)
    ratio_linear,      ///< r < 1, linear credit
    ratio_short,       ///< r < 1, all-or-nothing credit: 0
    ratio_below_min,   ///< r < min_ratio: 0
    band,              ///< a band was reached (slot_result::band says which, best band first)
    no_band,           ///< no band reached: 0
    boolean_done,
    boolean_not_done,
    manual,
};

/// The outcome of one slot.
struct slot_result {
    std::int64_t points = 0;  ///< rounded, micros
    std::int64_t bonus = 0;   ///< exceed bonus, micros
    std::uint8_t flags = 0;   ///< slot_flag bits
    slot_branch branch = slot_branch::none;
    std::uint8_t band = 0;    ///< with slot_branch::band: index of the band, best first
    std::int64_t steps = 0;   ///< ratio beyond its target: the exceed steps, before the bonus cap (at most 10^12)
};

[[noreturn]] inline void out_of_range(const std::string& what) {
    throw arithmetic_error(what + " is outside the range of exact decimals (magnitude below 10^12)", {});
}

/// round(num / den) at the campaign's precision, in micros.
inline std::int64_t rounded_quotient(int128 num, int128 den, int digits, rounding mode, const char* what) {
    decimal out;
    if (!quotient_to_decimal(num, den, digits, mode, out)) out_of_range(what);
    return out.micros();
}

/// rounded_quotient(num, den, …) through `by`, a divider of den × 10^(6 − digits), when there is one and num fits
/// in 64 bits: the same rounding of the same quotient, without a hardware division.
inline std::int64_t rounded_quotient(int128 num, int128 den, const divider* by, int digits, rounding mode,
                                     const char* what) {
    if (!by || num < 0 || num > INT64_MAX) return rounded_quotient(num, den, digits, mode, what);
    const int128 q = int128{by->rounded(static_cast<std::int64_t>(num), mode)} * pow10(decimal::max_fraction_digits - digits);
    if (q >= decimal::micros_limit) out_of_range(what);
    return static_cast<std::int64_t>(q);
}

inline int128 checked_mul(int128 a, int128 b, const char* what) {
    int128 out;
    if (__builtin_mul_overflow(a, b, &out)) out_of_range(what);
    return out;
}

/// round(a × b / c) in micros at `digits` digits; 64-bit arithmetic when it cannot overflow (the common case),
/// 128-bit otherwise. c > 0.
inline std::int64_t rounded_product_quotient(std::int64_t a, std::int64_t b, std::int64_t c, int digits,
                                             rounding mode) {
    std::int64_t num, den;
    const std::int64_t step = pow10(decimal::max_fraction_digits - digits);
    if (!__builtin_mul_overflow(a, b, &num) && !__builtin_mul_overflow(c, step, &den) && num >= 0) {
        return round_quotient64(num, den, mode) * step;
    }
    return rounded_quotient(int128{a} * b, c, digits, mode, "points");
}

/// The exceed bonus of `steps` steps beyond the target, capped.
inline std::int64_t exceed_bonus(const compiled_rule& r, int128 steps) {
    steps = std::min<int128>(steps, int128{decimal::micros_limit});  // beyond any cap
    int128 b = steps * r.points_per_step;
    if (r.exceed_cap >= 0) b = std::min<int128>(b, r.exceed_cap);
    if (b >= decimal::micros_limit) out_of_range("an exceed bonus");
    return static_cast<std::int64_t>(b);
}

/// The branch a ratio rule takes for a value short of its target.
[[gnu::always_inline]] inline slot_branch short_ratio_branch(const compiled_rule& r, std::int64_t value,
                                                             std::int64_t target) {
    if (r.credit == credit_kind::all_or_nothing) return slot_branch::ratio_short;
    if (r.min_ratio != 0 && int128{value} * decimal::micros_per_unit < int128{r.min_ratio} * target) {
        return slot_branch::ratio_below_min;
    }
    return slot_branch::ratio_linear;
}

/// The first (best) band a value reaches, or r.band_count when none.
[[gnu::always_inline]] inline std::uint32_t band_reached(const compiled_rule& r, const band* bands, std::int64_t value) {
    for (std::uint32_t b = 0; b < r.band_count; ++b) {
        const std::int64_t threshold = bands[b].threshold.micros();
        if (r.lower_is_better ? value <= threshold : value >= threshold) return b;
    }
    return r.band_count;
}

/// The branch score_rule<K> takes, without its arithmetic: what the trace records.
template <rule_kind K>
[[gnu::always_inline]] inline slot_branch branch_of(const compiled_rule& r, const band* bands, std::int64_t value,
                                                    std::int64_t target) {
    if constexpr (K == rule_kind::ratio) {
        return value >= target ? slot_branch::ratio_met : short_ratio_branch(r, value, target);
    } else if constexpr (K == rule_kind::bands) {
        return band_reached(r, bands, value) < r.band_count ? slot_branch::band : slot_branch::no_band;
    } else if constexpr (K == rule_kind::boolean) {
        return value != 0 ? slot_branch::boolean_done : slot_branch::boolean_not_done;
    } else {
        return slot_branch::manual;
    }
}

/// Points of one reported value for a rule of kind K (step 3a), the exceed bonus, the met/exceeded flags and the
/// branch taken. A template, so that the kernel's loop over a criterion's units is compiled once per rule kind.
template <rule_kind K>
[[gnu::always_inline]] inline slot_result score_rule(const compiled_rule& r, const band* bands, std::int64_t value,
                                                     std::int64_t target, int digits, rounding mode) {
    slot_result out;
    if constexpr (K == rule_kind::ratio) {
        if (value >= target) {
            out.points = r.max;
            out.flags = slot_met;
            out.branch = slot_branch::ratio_met;
            if (value > target) {
                out.flags |= slot_exceeded;
                if (r.has_exceed) {
                    // steps = floor((r − 1) × 100 / step_percent), r = value / target
                    const int128 steps = int128{value - target} * 100 * decimal::micros_per_unit /
                                         (int128{target} * r.step_percent);
                    out.steps = static_cast<std::int64_t>(std::min<int128>(steps, decimal::micros_limit));
                    out.bonus = exceed_bonus(r, steps);
                }
            }
        } else {
            out.branch = short_ratio_branch(r, value, target);
            if (out.branch == slot_branch::ratio_linear) out.points = rounded_product_quotient(r.max, value, target, digits, mode);
        }
        return out;  // met only when r ≥ 1, whatever the rounding
    } else if constexpr (K == rule_kind::bands) {
        const std::uint32_t b = band_reached(r, bands, value);
        out.branch = slot_branch::no_band;
        if (b < r.band_count) {
            out.points = bands[b].points.micros();
            out.branch = slot_branch::band;
            out.band = static_cast<std::uint8_t>(b);
        }
    } else if constexpr (K == rule_kind::boolean) {
        out.points = value != 0 ? r.max : 0;
        out.branch = value != 0 ? slot_branch::boolean_done : slot_branch::boolean_not_done;
    } else {  // manual: the value is the points, rounded at the campaign's precision
        const std::int64_t step = pow10(decimal::max_fraction_digits - digits);
        out.points = value % step == 0 ? value
                     : value < 0       ? rounded_quotient(value, 1, digits, mode, "points")
                                       : round_quotient64(value, step, mode) * step;
        out.branch = slot_branch::manual;
    }
    if (out.points == r.max) out.flags = slot_met;
    return out;
}

/// Calls f with std::integral_constant<rule_kind, K> for the rule kind K: the one switch that turns a run-time
/// kind into the compile-time one the per-kind functions take.
template <class F>
[[gnu::always_inline]] inline decltype(auto) with_kind(rule_kind kind, F&& f) {
    switch (kind) {
        case rule_kind::ratio: return f(std::integral_constant<rule_kind, rule_kind::ratio>{});
        case rule_kind::bands: return f(std::integral_constant<rule_kind, rule_kind::bands>{});
        case rule_kind::boolean: return f(std::integral_constant<rule_kind, rule_kind::boolean>{});
        case rule_kind::manual: break;
    }
    return f(std::integral_constant<rule_kind, rule_kind::manual>{});
}

/// score_rule for the rule's kind.
[[gnu::always_inline]] inline slot_result score_value(const compiled_rule& r, const band* bands, std::int64_t value,
                                                      std::int64_t target, int digits, rounding mode) {
    return with_kind(r.kind, [&](auto k) { return score_rule<decltype(k)::value>(r, bands, value, target, digits, mode); });
}

/// Why a reported value cannot be scored by its rule.
enum class value_problem : std::uint8_t {
    none,
    out_of_range,      ///< beyond the exact decimals (|v| ≥ 10^12)
    negative_ratio,    ///< a ratio value below 0
    no_target,         ///< a ratio slot without a target (none given, registered or in the rule)
    bad_target,        ///< a target ≤ 0 or beyond the exact decimals
    not_boolean,       ///< a boolean criterion's value other than 1 or 0
    negative_manual,   ///< a manual value (the points) below 0
    manual_above_max,  ///< a manual value above max_points
};

/// The values [lowest, highest] a rule of kind K scores; a boolean's must moreover be one of the two ends.
struct value_range {
    std::int64_t lowest, highest;
};
template <rule_kind K>
[[gnu::always_inline]] inline value_range valid_values(const compiled_rule& r) {
    if constexpr (K == rule_kind::ratio) return {0, decimal::micros_limit - 1};
    if constexpr (K == rule_kind::boolean) return {0, decimal::micros_per_unit};
    if constexpr (K == rule_kind::manual) return {0, r.max};
    return {-decimal::micros_limit + 1, decimal::micros_limit - 1};
}

/// Why a reported value cannot be scored by a rule of kind K (value_problem::none: it can). Result rows are
/// checked when they are bound, arrays given directly in the loop that reads them: both ask this function, and
/// value_problem_text words its answer.
template <rule_kind K>
[[gnu::always_inline]] inline value_problem rule_problem(const compiled_rule& r, std::int64_t value, std::int64_t target) {
    if (value <= -decimal::micros_limit || value >= decimal::micros_limit) return value_problem::out_of_range;
    const value_range valid = valid_values<K>(r);
    if constexpr (K == rule_kind::ratio) {
        if (value < valid.lowest) return value_problem::negative_ratio;
        if (target == 0) return value_problem::no_target;
        if (target < 0 || target >= decimal::micros_limit) return value_problem::bad_target;
    } else if constexpr (K == rule_kind::boolean) {
        if (value != valid.lowest && value != valid.highest) return value_problem::not_boolean;
    } else if constexpr (K == rule_kind::manual) {
        if (value < valid.lowest) return value_problem::negative_manual;
        if (value > valid.highest) return value_problem::manual_above_max;
    }
    return value_problem::none;
}

/// The value rule_problem accepts that is nearest to `value` (a boolean's nearer end). A value that was not
/// reported (a stability draw's perturbed one) is scored as this, so that it earns no more than a reported one
/// could: a manual value above max_points earns max_points.
template <rule_kind K>
[[gnu::always_inline]] inline std::int64_t clamp_value(const compiled_rule& r, std::int64_t value) {
    const value_range valid = valid_values<K>(r);
    value = std::clamp(value, valid.lowest, valid.highest);
    if constexpr (K == rule_kind::boolean) {
        return value - valid.lowest < valid.highest - value ? valid.lowest : valid.highest;
    }
    return value;
}

/// score_rule of the value clamp_value brings into the rule's domain. The target is not clamped: it is the
/// report's, checked when the report was made.
template <rule_kind K>
[[gnu::always_inline]] inline slot_result score_clamped_rule(const compiled_rule& r, const band* bands,
                                                             std::int64_t value, std::int64_t target, int digits,
                                                             rounding mode) {
    return score_rule<K>(r, bands, clamp_value<K>(r, value), target, digits, mode);
}

/// score_clamped_rule for the rule's kind.
[[gnu::always_inline]] inline slot_result score_clamped_value(const compiled_rule& r, const band* bands,
                                                              std::int64_t value, std::int64_t target, int digits,
                                                              rounding mode) {
    return with_kind(r.kind, [&](auto k) {
        return score_clamped_rule<decltype(k)::value>(r, bands, value, target, digits, mode);
    });
}

/// rule_problem for the rule's kind.
[[gnu::always_inline]] inline value_problem problem_of(const compiled_rule& r, std::int64_t value, std::int64_t target) {
    return with_kind(r.kind, [&](auto k) { return rule_problem<decltype(k)::value>(r, value, target); });
}

/// The field of a result row a problem is about: "value", "target", or "" (the row) for a missing target.
const char* value_problem_field(value_problem problem);

/// The sentence of a problem with `value` (as written) for criterion `cr`: "manual value 11 is above max_points 10
/// (a manual value is the points)".
std::string value_problem_text(value_problem problem, const criterion& cr, std::string_view value);

/// Throws the problem's error at `where`: a schema_error for a value of the wrong form for its rule (a boolean's
/// 2), a validation_error for one outside the rule's range.
[[noreturn]] void raise_value_problem(value_problem problem, const criterion& cr, std::string_view value, location where);

}  // namespace thidua::detail
