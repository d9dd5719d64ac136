#pragma once
// The scoring kernel, domain steps 3–7 (docs/semantics.md): points per slot, phase scores with group caps, the
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

/// A criterion's points and exceed bonus for unit u, summed over the phases that score it (micros).
struct criterion_sums {
    std::int64_t points = 0;
    std::int64_t bonus = 0;
};
criterion_sums sum_over_phases(const compiled_plan& pl, const columns& in, std::size_t u, std::size_t criterion);

}  // namespace thidua::detail
