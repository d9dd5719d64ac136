#pragma once
// The scoring kernel, docs/semantics.md §4 steps 3–7: points per slot, phase scores with group caps, the
// weighted base, bonuses and penalties, and the total, on fixed-point integers, into per-unit arrays.

#include <cstdint>
#include <vector>

#include "thidua/detail/arrays.hpp"
#include "thidua/detail/columns.hpp"
#include "thidua/detail/compiled_plan.hpp"
#include "thidua/detail/rules.hpp"
#include "thidua/scoring/options.hpp"

namespace thidua::detail {

/// Units scored together by one pass of the kernel's loops (a block): each criterion's loop runs across them.
constexpr std::size_t block_units = 128;

/// Everything the kernel computes, as per-unit arrays (micros for every number). evaluate() sizes them without
/// zeroing, and its threads write every element of their units.
struct scores {
    // per unit × phase
    uninit_vector<std::int64_t> phase_score;
    uninit_vector<std::uint8_t> phase_counted;  ///< 0: nothing applied, left out of the base
    // per unit
    uninit_vector<std::int64_t> base, bonus, penalty, total;
    uninit_vector<std::int64_t> adjustment_points;  ///< [unit × adjustment], each capped on its own
    uninit_vector<std::int64_t> late_points;        ///< late penalty, capped
    uninit_vector<std::int64_t> exceed_points;      ///< sum of exceed bonuses
    uninit_vector<std::int32_t> scale_pairs;        ///< applicable (in the scale) criterion-phase pairs
    uninit_vector<std::int32_t> met_pairs;
    uninit_vector<std::int32_t> ratio_pairs;        ///< applicable pairs scored by a ratio rule
    uninit_vector<std::int32_t> exceeded_pairs;
    uninit_vector<std::uint8_t> mandatory_met;      ///< every applicable mandatory criterion met in every phase
    // per slot, only when score_options::trace
    std::vector<slot_branch> trace;
};

/// Runs the kernel over every unit.
scores evaluate(const compiled_plan& pl, const columns& in, const score_options& options = {});

/// The outcome of slot (p, u, k), computed as the kernel computes it.
slot_result score_slot(const compiled_plan& pl, const columns& in, std::size_t p, std::size_t u, std::size_t k);

/// What the kernel decided for one unit, step by step: the facts an explanation puts into words (trace_unit()).
struct slot_fact {
    slot_status status = slot_status::absent;
    std::int64_t value = 0;   ///< reported value
    std::int64_t target = 0;  ///< the target a ratio slot was measured against
    slot_result result;       ///< points, exceed bonus and steps, flags, branch, band
};
/// A group's sums in one phase, before and after its cap.
struct group_fact {
    std::int64_t points = 0, max = 0;
    std::int64_t capped_points = 0, capped_max = 0;
};
struct phase_fact {
    std::vector<slot_fact> slots;    ///< per criterion of the phase, in its order
    std::vector<group_fact> groups;  ///< per group (empty when the campaign has none)
    std::int64_t points = 0, max = 0;  ///< Σ points and Σ max after the group caps
    bool counted = false;            ///< something applied: the phase counts in the base
    std::int64_t score = 0;
};
/// An adjustment's events for the unit: count × points_per_item before its cap, and after.
struct adjustment_fact {
    std::int64_t count = 0, raw = 0, points = 0;
};
struct unit_facts {
    std::vector<phase_fact> phases;
    std::int64_t base = 0;
    std::vector<adjustment_fact> adjustments;  ///< per adjustment of the campaign
    std::int64_t exceed = 0;                   ///< Σ exceed bonuses
    std::int64_t late_raw = 0, late = 0;       ///< the late penalty before and after its cap
    std::int64_t raw_bonus = 0, raw_penalty = 0;  ///< before bonus_cap and penalty_cap
    std::int64_t bonus = 0, penalty = 0, total = 0;
    bool floored = false;                      ///< base + bonus − penalty was below 0: the total is 0
};

/// Scores unit u alone, recording every step: the slots' decisions (rules.hpp), each group's sums before and after
/// its cap, the phase scores, and the adjustments before and after their caps. The same decisions as evaluate(),
/// through the same functions; explanations read these facts instead of deriving them.
unit_facts trace_unit(const compiled_plan& pl, const columns& in, std::size_t u);

/// A criterion's points and exceed bonus for unit u, summed over the phases that score it (micros).
struct criterion_sums {
    std::int64_t points = 0;
    std::int64_t bonus = 0;
};
criterion_sums sum_over_phases(const compiled_plan& pl, const columns& in, std::size_t u, std::size_t criterion);

}  // namespace thidua::detail
