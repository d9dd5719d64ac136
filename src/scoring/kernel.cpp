// The scoring kernel, docs/semantics.md §4 steps 3–7: points per slot, phase scores with group caps, the weighted base,
// bonuses and penalties, and the total, all on fixed-point integers. Units are scored in blocks of 128, phase by
// phase and criterion by criterion across the block, so that each inner loop applies one rule to many units;
// accumulators are per thread and sized before the loop: nothing in the loop allocates. Units are independent,
// so large populations are split across threads.
//
// Two loops per rule kind. The checked loop (score_rule, slot by slot) serves result rows, statuses and per-unit
// targets. Arrays without statuses take the fixed loop: the block's values transposed into a tile read in order,
// divisions by a rule's constants done by multiplication (detail/divider.hpp), masks instead of branches on the
// values, and the values checked together, the first wrong one then located for the error. A test holds both
// loops equal on random rule variants. Where the processor has AVX2 (asked at run time; the library itself is
// built for SSE2), the block is transposed and the fixed loops take four units an instruction, ratio and manual
// rules in exact double arithmetic (detail/rules_avx2.hpp), counts added in vector lanes. Phase and base scores
// are divided by multiplication too, through the plan's per-kind dividers, when every slot is reported. The
// output arrays are not zeroed first: each thread writes every element of its units (arrays.hpp).
//
// The per-slot outcome (points, exceed bonus, met, the branch of the rule taken) is not stored: score_slot()
// recomputes it on demand with the same function the kernel uses, so reports and explanations cost nothing here.
// An optional trace records the branch of every slot in one byte.

#include <algorithm>
#include <array>
#include <span>
#include <stdexcept>
#include <utility>

#include "thidua/detail/kernel.hpp"
#include "thidua/detail/parallel.hpp"
#include "thidua/detail/rules_avx2.hpp"

namespace thidua::detail {

/// Throws the error for slot (p, u, k) of array input, located as "/<phase>/<unit index>/<criterion>".
[[noreturn]] void invalid_slot(const compiled_plan& pl, std::size_t p, std::size_t u, std::size_t k,
                               const std::string& message) {
    const auto& c = pl.campaign();
    const auto& cr = c.criteria[pl.phase_criteria(p)[k]];
    throw validation_error(message, {"values", "/" + c.phases[p].id + "/" + std::to_string(u) + "/" + cr.id, 0, {}});
}

/// Throws the error of a value (or its target) the slot's rule cannot score.
[[noreturn]] void invalid_value(const compiled_plan& pl, std::size_t p, std::size_t u, std::size_t k, value_problem why,
                                std::int64_t value, std::int64_t target) {
    const auto& c = pl.campaign();
    const auto& cr = c.criteria[pl.phase_criteria(p)[k]];
    const std::int64_t shown = why == value_problem::bad_target ? target : value;
    raise_value_problem(why, cr, decimal::from_micros(shown).to_string(),
                        {"values", "/" + c.phases[p].id + "/" + std::to_string(u) + "/" + cr.id, 0, {}});
}

/// Working memory of one thread: accumulators for a block of units, sized once.
struct block_scratch {
    /// A block's tile of values (criteria × units × 8 bytes: 50 KB for 50 criteria) stays in the L2 cache while it
    /// is scored; 128 units share each criterion's dispatch (64: 5 % slower, 256: the tile spills).
    static constexpr std::size_t units = block_units;
    /// [group × units]: Σ points and Σ max of the phase (group 0 without groups); 64 bits suffice because the
    /// plan refuses phases whose max_points add up to 2^63 micros or more.
    std::vector<std::int64_t> points, max;
    std::vector<std::uint8_t> any;            ///< something applied in the phase
    std::vector<int128> weighted, weights, exceed;
    /// Exceed bonuses of the AVX2 loop, each below 2^52, added to `exceed` every fold_every criteria and at the
    /// end of a phase: 64-bit lanes while the loop runs.
    std::vector<std::int64_t> exceed_small;
    static constexpr std::size_t fold_every = 2048;
    std::vector<std::int32_t> scale_pairs, ratio_pairs;
    /// Counts and the mandatory flag (1 or 0) in 64 bits, so that the AVX2 loops add a comparison's lanes to them.
    std::vector<std::int64_t> met_pairs, exceeded_pairs, mandatory_met;
    std::vector<const std::uint8_t*> applies;
    /// [criterion × units]: a phase's values for the block, transposed so that each criterion's loop reads them
    /// in order (read row by row, the strided loads of a block's rows stall on the cache).
    std::vector<std::int64_t> tile;

    explicit block_scratch(const compiled_plan& pl) {
        const std::size_t groups = pl.groups();
        std::size_t widest = 0;
        for (std::size_t p = 0; p < pl.phases(); ++p) widest = std::max<std::size_t>(widest, pl.criteria_in(p));
        tile.assign(widest * units, 0);
        const std::size_t rows = std::max<std::size_t>(groups, 1) * units;
        points.assign(rows, 0);
        max.assign(rows, 0);
        for (auto* v : {&weighted, &weights, &exceed}) v->assign(units, 0);
        for (auto* v : {&exceed_small, &met_pairs, &exceeded_pairs}) v->assign(units, 0);
        for (auto* v : {&scale_pairs, &ratio_pairs}) v->assign(units, 0);
        any.assign(units, 0);
        mandatory_met.assign(units, 1);
        applies.assign(units, nullptr);
    }
};

/// A sum as a fact: beyond int64 (a huge count of events, before its cap) it saturates.
std::int64_t saturated(int128 v) { return static_cast<std::int64_t>(std::min<int128>(v, INT64_MAX)); }

/// Σ points and Σ max of a unit's phase after the group caps, from its per-group sums (group g's at [g × stride]);
/// each group's sums before and after its cap go to `facts` when given.
std::pair<int128, int128> capped_sums(const compiled_plan& pl, const std::int64_t* points, const std::int64_t* max,
                                      std::size_t stride, group_fact* facts = nullptr) {
    const std::size_t groups = pl.groups();
    if (!groups) return {points[0], max[0]};
    int128 sum_points = 0, sum_max = 0;
    for (std::size_t g = 0; g < groups; ++g) {
        const std::int64_t cap = pl.group_cap(g), p = points[g * stride], m = max[g * stride];
        const std::int64_t capped_p = cap >= 0 ? std::min(p, cap) : p, capped_m = cap >= 0 ? std::min(m, cap) : m;
        if (facts) facts[g] = {p, m, capped_p, capped_m};
        sum_points += capped_p;
        sum_max += capped_m;
    }
    return {sum_points, sum_max};
}

/// A phase's score: scale × points / max at the campaign's precision (through the kind's divider when given).
std::int64_t phase_score_of(const campaign& c, int128 points, int128 max, const divider* by_kind) {
    return rounded_quotient(checked_mul(c.scale.micros(), points, "a phase score"), max, by_kind, c.precision,
                            c.rounding_mode, "a phase score");
}

/// What steps 5–7 give a unit.
struct unit_totals {
    std::int64_t base = 0, bonus = 0, penalty = 0, total = 0, late = 0, exceed = 0;
};

/// Steps 5–7 for unit u once its phases are scored: base, adjustments, caps and total. Each adjustment's capped
/// points go to adjustment_points[a]; what each step gave goes to `facts` when given. `base_by`: the kind's base
/// divider when every slot of every phase is reported, else null.
unit_totals finish_unit(const compiled_plan& pl, const columns& in, std::size_t u, int128 weighted, int128 weights,
                        int128 exceed_total, const divider* base_by, std::int64_t* adjustment_points,
                        unit_facts* facts = nullptr) {
    const auto& c = pl.campaign();
    const std::int64_t base =
        weights == 0 ? 0 : rounded_quotient(weighted, weights, base_by, c.precision, c.rounding_mode, "the base score");
    int128 bonus = exceed_total, penalty = 0;
    const std::size_t adjustments = pl.adjustments();
    for (std::size_t a = 0; a < adjustments; ++a) {
        const auto& adj = c.adjustments[a];
        const std::int64_t count = in.event_count[u * adjustments + a];
        if (adj.kind == adjustment_kind::disqualify || count == 0) {
            adjustment_points[a] = 0;
            continue;
        }
        const int128 raw = checked_mul(count, adj.points_per_item.micros(), "an adjustment");
        const int128 amount = adj.cap ? std::min<int128>(raw, adj.cap->micros()) : raw;
        if (amount >= decimal::micros_limit) out_of_range("an adjustment");
        adjustment_points[a] = static_cast<std::int64_t>(amount);
        if (facts) facts->adjustments[a] = {count, saturated(raw), adjustment_points[a]};
        (adj.kind == adjustment_kind::bonus ? bonus : penalty) += amount;
    }
    int128 late = 0;
    if (c.late_penalty && in.late_reports[u] > 0) {
        const int128 raw = int128{in.late_reports[u]} * c.late_penalty->per_report.micros();
        late = c.late_penalty->cap ? std::min<int128>(raw, c.late_penalty->cap->micros()) : raw;
        penalty += late;
        if (facts) facts->late_raw = saturated(raw);
    }
    if (facts) {
        facts->raw_bonus = saturated(bonus);
        facts->raw_penalty = saturated(penalty);
    }
    if (c.bonus_cap) bonus = std::min<int128>(bonus, c.bonus_cap->micros());
    if (c.penalty_cap) penalty = std::min<int128>(penalty, c.penalty_cap->micros());
    if (bonus >= decimal::micros_limit || penalty >= decimal::micros_limit || exceed_total >= decimal::micros_limit) {
        out_of_range("the bonus or penalty");
    }
    const int128 delta = in.total_delta.empty() ? 0 : in.total_delta[u];  // a what-if's, after the caps
    const int128 total = std::max<int128>(0, int128{base} + bonus - penalty + delta);
    if (total >= decimal::micros_limit) out_of_range("the total");
    const unit_totals t{base, static_cast<std::int64_t>(bonus), static_cast<std::int64_t>(penalty),
                        static_cast<std::int64_t>(total), static_cast<std::int64_t>(late),
                        static_cast<std::int64_t>(exceed_total)};
    if (facts) {
        facts->base = t.base;
        facts->exceed = t.exceed;
        facts->late = t.late;
        facts->bonus = t.bonus;
        facts->penalty = t.penalty;
        facts->total = t.total;
        facts->floored = int128{base} + bonus - penalty < 0;
    }
    return t;
}

/// Which units of a block a criterion applies to.
enum class coverage : std::uint8_t { none, some, all };

/// The loop over one criterion's units in a block when every slot is reported, compiled once per rule kind.
/// run() takes each unit's own target and checks each value as it goes. run_fixed() serves rules that need no
/// per-unit target (a ratio rule at its own target, and the other kinds): it divides by multiplying, skips the
/// applicability test when the criterion applies to the whole block, and only notes whether a value is wrong;
/// then first_problem() finds the first one for the error.
struct reported_loop {
    const compiled_plan& pl;
    const compiled_rule& r;
    std::uint32_t criterion;
    std::size_t p, k, n, u0, count;
    const std::int64_t* __restrict__ values;  ///< the unit i's value is values[i × value_stride]
    std::size_t value_stride;
    const std::int64_t* __restrict__ targets;
    const std::uint8_t* const* __restrict__ applies;
    const band* bands;
    std::int64_t default_target;
    bool registered;
    int digits;
    rounding mode;
    std::int64_t* __restrict__ points;
    int128* __restrict__ exceed;
    std::int64_t* __restrict__ exceed_small;
    std::int64_t* __restrict__ met_pairs;
    std::int64_t* __restrict__ exceeded_pairs;
    std::int64_t* __restrict__ mandatory_met;
    slot_branch* __restrict__ trace;

    template <rule_kind K>
    void run() const {
        for (std::size_t i = 0; i < count; ++i) {
            if (!applies[i][criterion]) continue;
            const std::int64_t value = values[i * value_stride];
            std::int64_t target = 0;
            if constexpr (K == rule_kind::ratio) {
                target = targets ? targets[i * n] : 0;
                if (target == 0) target = registered ? pl.fallback_target(u0 + i, criterion, p) : default_target;
            }
            if (const auto why = rule_problem<K>(r, value, target); why != value_problem::none) {
                invalid_value(pl, p, u0 + i, k, why, value, target);
            }
            const slot_result res = score_rule<K>(r, bands, value, target, digits, mode);
            if (trace) trace[i * n] = res.branch;
            points[i] += res.points;
            met_pairs[i] += res.flags & slot_met;
            if constexpr (K == rule_kind::ratio) {
                if (res.bonus) exceed[i] += res.bonus;
                exceeded_pairs[i] += (res.flags & slot_exceeded) != 0;
            }
            if (r.mandatory && !(res.flags & slot_met)) mandatory_met[i] = 0;
        }
    }

    /// Whether every value was valid; the same points as run() (score_rule), with the divisions by constants and
    /// masks instead of branches: the values are data, so branches on them would often be mispredicted. The
    /// trace, when recorded, takes each slot's branch from branch_of, the decisions score_rule makes.
    template <rule_kind K, coverage C, rounding M>
    bool run_fixed() const {
        // Copies in locals: the stores below could otherwise alias the members, which would then be reloaded.
        const fixed_ratio fixed = r.fixed;
        const detail::divider precision = pl.precision_step();
        const std::int64_t target = default_target, step = precision.divisor(), max = r.max;
        const bool credit_short = r.credit == credit_kind::all_or_nothing, has_exceed = r.has_exceed;
        const bool mandatory = r.mandatory, lower_is_better = r.lower_is_better;
        const std::uint32_t band_count = r.band_count;
        const std::size_t units = count;
        const std::int64_t* __restrict__ value_of = values;  // the block's tile: value_stride is 1
        std::int64_t* __restrict__ earned_of = points;
        std::int64_t* __restrict__ met_of = met_pairs;
        std::int64_t* __restrict__ mandatory_of = mandatory_met;
        constexpr auto mask = [](bool b) { return -static_cast<std::int64_t>(b); };
        constexpr std::int64_t exceed_room = INT64_MAX / (100 * decimal::micros_per_unit);
        bool invalid = false;
        std::size_t i = 0;
#if THIDUA_X86_DISPATCH
        if constexpr (C == coverage::all) {
            // Four units an instruction where the processor has AVX2; the units left over take the loop below.
            if (has_avx2()) {
                const block_sums sums{earned_of, met_of, mandatory_of, mandatory};
                if constexpr (K == rule_kind::ratio) {
                    const ratio_block block{value_of, units, target, max, credit_short, sums, exceeded_pairs, exceed_small};
                    if (fixed.in_doubles && !has_exceed) i = ratio_avx2<M, false>(block, fixed, invalid);
                    if (fixed.in_doubles && has_exceed && fixed.exceed_in_doubles) i = ratio_avx2<M, true>(block, fixed, invalid);
                } else if constexpr (K == rule_kind::bands) {
                    i = bands_avx2({value_of, units, bands, band_count, lower_is_better, max, sums}, invalid);
                } else if constexpr (K == rule_kind::boolean) {
                    i = boolean_avx2(value_of, units, max, sums, invalid);
                } else if (manual_in_doubles(max)) {
                    i = manual_avx2<M>({value_of, units, max, step, sums}, invalid);
                }
            }
        }
#endif
        for (; i < units; ++i) {
            if constexpr (C == coverage::some) {
                if (!applies[i][criterion]) continue;
            }
            const std::int64_t v = value_of[i];
            std::int64_t earned;
            bool met;
            if constexpr (K == rule_kind::ratio) {
                invalid |= (v < 0) | (v >= decimal::micros_limit);
                met = v >= target;
                const bool credited = !met & !credit_short & (v >= fixed.min_value);  // min_value ≥ 0
                const std::int64_t linear =
                    fixed.linear.rounded<M>(max * std::clamp<std::int64_t>(v, 0, target - 1)) * step;  // < 2^63
                earned = (max & mask(met)) | (linear & mask(credited));
                exceeded_pairs[i] += v > target;
                if (has_exceed) {
                    const std::int64_t over = std::max(v, target) - target;
                    exceed[i] += exceed_bonus(r, over <= exceed_room
                                                     ? fixed.exceed.quotient(over * 100 * decimal::micros_per_unit)
                                                     : int128{over} * 100 * decimal::micros_per_unit / fixed.exceed.divisor());
                }
            } else if constexpr (K == rule_kind::bands) {
                invalid |= (v <= -decimal::micros_limit) | (v >= decimal::micros_limit);
                // The first (best) band reached: from the worst to the best, each band reached replaces the last.
                earned = 0;
                for (std::uint32_t b = band_count; b-- > 0;) {
                    const std::int64_t threshold = bands[b].threshold.micros();
                    const std::int64_t reached = mask(lower_is_better ? v <= threshold : v >= threshold);
                    earned = (earned & ~reached) | (bands[b].points.micros() & reached);
                }
                met = earned == max;
            } else if constexpr (K == rule_kind::boolean) {
                invalid |= (v != 0) & (v != decimal::micros_per_unit);
                earned = max & mask(v != 0);
                met = earned == max;
            } else {  // manual: the value is the points, at the campaign's precision
                const bool in_range = (v >= 0) & (v <= max);
                invalid |= !in_range;
                earned = precision.rounded<M>(v & mask(in_range)) * step;
                met = earned == max;
            }
            earned_of[i] += earned;
            met_of[i] += met;
            mandatory_of[i] &= static_cast<std::int64_t>(met | !mandatory);
        }
        if (trace) {
            for (std::size_t j = 0; j < units; ++j) {
                if (C == coverage::all || applies[j][criterion]) trace[j * n] = branch_of<K>(r, bands, value_of[j], target);
            }
        }
        return !invalid;
    }

    /// Throws the error of the first invalid value (run_fixed() found one).
    template <rule_kind K>
    [[noreturn]] void first_problem() const {
        for (std::size_t i = 0; i < count; ++i) {
            if (!applies[i][criterion]) continue;
            const std::int64_t value = values[i * value_stride];
            if (const auto why = rule_problem<K>(r, value, default_target); why != value_problem::none) {
                invalid_value(pl, p, u0 + i, k, why, value, default_target);
            }
        }
        throw std::logic_error("thidua: run_fixed() found an invalid value that rule_problem() accepts");
    }

    /// run_fixed at the campaign's rounding (which only ratio and manual rules use).
    template <rule_kind K, coverage C>
    bool run_fixed_in() const {
        if constexpr (K == rule_kind::ratio || K == rule_kind::manual) {
            switch (mode) {
                case rounding::down: return run_fixed<K, C, rounding::down>();
                case rounding::up: return run_fixed<K, C, rounding::up>();
                case rounding::half_up: return run_fixed<K, C, rounding::half_up>();
                case rounding::half_even: return run_fixed<K, C, rounding::half_even>();
            }
        }
        return run_fixed<K, C, rounding::half_up>();
    }

    template <rule_kind K>
    void dispatch(coverage c, bool fixed_target) const {
        if (c == coverage::none) return;
        if (!fixed_target) return run<K>();
        if (!(c == coverage::all ? run_fixed_in<K, coverage::all>() : run_fixed_in<K, coverage::some>())) {
            first_problem<K>();
        }
    }
};

/// Units of one kind share an applicability row, and a block holds few kinds: a criterion then applies to all
/// of its units or to none of them unless their kinds disagree on it.
struct block_kinds {
    static constexpr std::size_t most = 4;  ///< beyond this, every unit is checked
    std::array<const std::uint8_t*, most> rows{};
    std::size_t count = 0;
    bool many = false;

    explicit block_kinds(std::span<const std::uint8_t* const> applies) {
        for (const std::uint8_t* row : applies) {
            if (std::find(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(count), row) !=
                rows.begin() + static_cast<std::ptrdiff_t>(count)) {
                continue;
            }
            if (count == most) {
                many = true;
                return;
            }
            rows[count++] = row;
        }
    }

    coverage of(std::uint32_t criterion) const {
        if (many) return coverage::some;
        std::size_t applying = 0;
        for (std::size_t i = 0; i < count; ++i) applying += rows[i][criterion] != 0;
        return applying == 0 ? coverage::none : applying == count ? coverage::all : coverage::some;
    }
};

/// A block's rows of values (count units × n criteria) transposed into its tile.
void to_tile(const std::int64_t* rows, std::size_t count, std::size_t n, std::int64_t* tile) {
    constexpr std::size_t B = block_scratch::units;
#if THIDUA_X86_DISPATCH
    if (has_avx2()) return transpose_avx2(rows, count, n, tile, B);
#endif
    for (std::size_t i = 0; i < count; ++i) {
        for (std::size_t k = 0; k < n; ++k) tile[k * B + i] = rows[i * n + k];
    }
}

/// Scores the units [u0, u0 + count), count ≤ block_scratch::units. Criterion by criterion across the block, so
/// that each inner loop applies one rule to many units while their rows of values stay in the cache.
void evaluate_block(const compiled_plan& pl, const columns& in, scores& out, std::size_t u0, std::size_t count,
                           block_scratch& s) {
    const auto& c = pl.campaign();
    const int digits = c.precision;
    const rounding mode = c.rounding_mode;
    const std::size_t phases = pl.phases(), groups = pl.groups();
    const std::size_t B = block_scratch::units;
    const band* bands = pl.bands().data();
    const bool tracing = !out.trace.empty();
    const bool all_reported = std::none_of(in.statuses.begin(), in.statuses.end(), [](const slot_status* b) { return b; });
    for (std::size_t i = 0; i < count; ++i) {
        s.applies[i] = pl.applicability(u0 + i);
        s.weighted[i] = s.weights[i] = s.exceed[i] = s.exceed_small[i] = 0;
        s.scale_pairs[i] = s.ratio_pairs[i] = 0;
        s.met_pairs[i] = s.exceeded_pairs[i] = 0;
        s.mandatory_met[i] = 1;
    }
    const block_kinds kinds({s.applies.data(), count});
    const auto fold_exceed_small = [&] {
        for (std::size_t i = 0; i < count; ++i) s.exceed[i] += std::exchange(s.exceed_small[i], 0);
    };
    for (std::size_t p = 0; p < phases; ++p) {
        const std::size_t n = pl.criteria_in(p);
        const std::uint32_t* crit = pl.phase_criteria(p);
        std::fill(s.points.begin(), s.points.end(), 0);
        std::fill(s.max.begin(), s.max.end(), 0);
        std::fill(s.any.begin(), s.any.begin() + static_cast<std::ptrdiff_t>(count), 0);
        const std::size_t first = u0 * n;
        const bool tiled = !in.statuses[p];
        if (tiled) to_tile(in.values[p] + first, count, n, s.tile.data());
        for (std::size_t k = 0; k < n; ++k) {
            if (k % block_scratch::fold_every == block_scratch::fold_every - 1) fold_exceed_small();
            const std::uint32_t cr = crit[k];
            const compiled_rule& r = pl.rule(cr);
            const std::size_t row = static_cast<std::size_t>(groups ? r.group : 0) * B;
            // Raw pointers, so that the loop does not reload the vectors' data after every store.
            const std::int64_t* __restrict__ values = tiled ? s.tile.data() + k * B : in.values[p] + first + k;
            const std::int64_t* __restrict__ targets = in.targets[p] ? in.targets[p] + first + k : nullptr;
            const slot_status* __restrict__ statuses = in.statuses[p] ? in.statuses[p] + first + k : nullptr;
            const std::uint8_t* const* __restrict__ applies = s.applies.data();
            std::int64_t* __restrict__ points = s.points.data() + row;
            std::int64_t* __restrict__ max = s.max.data() + row;
            std::uint8_t* __restrict__ any = s.any.data();
            int128* __restrict__ exceed = s.exceed.data();
            std::int64_t* __restrict__ exceed_small = s.exceed_small.data();
            std::int32_t* __restrict__ scale_pairs = s.scale_pairs.data();
            std::int64_t* __restrict__ met_pairs = s.met_pairs.data();
            std::int32_t* __restrict__ ratio_pairs = s.ratio_pairs.data();
            std::int64_t* __restrict__ exceeded_pairs = s.exceeded_pairs.data();
            std::int64_t* __restrict__ mandatory_met = s.mandatory_met.data();
            slot_branch* __restrict__ trace = tracing ? out.trace.data() + pl.phase_offset(p) + first + k : nullptr;
            const band* rule_bands = bands + r.first_band;
            const bool ratio = r.kind == rule_kind::ratio;
            const std::int64_t default_target = r.default_target;
            const bool registered = pl.has_registered_targets();
            if (!statuses) {
                // Every slot reported (arrays without statuses): only the points depend on the slot; the max and
                // the counts of what applies are added per unit kind below. One loop per rule kind.
                const reported_loop loop{pl, r, cr, p, k, n, u0, count, values, 1, targets, applies, rule_bands,
                                         default_target, registered, digits, mode, points, exceed, exceed_small,
                                         met_pairs, exceeded_pairs, mandatory_met, trace};
                const coverage covered = kinds.of(cr);
                const bool fixed_target = !targets && !registered;
                switch (r.kind) {
                    case rule_kind::ratio: loop.dispatch<rule_kind::ratio>(covered, fixed_target && r.fixed.usable); break;
                    case rule_kind::bands: loop.dispatch<rule_kind::bands>(covered, true); break;
                    case rule_kind::boolean: loop.dispatch<rule_kind::boolean>(covered, true); break;
                    case rule_kind::manual: loop.dispatch<rule_kind::manual>(covered, true); break;
                }
                continue;
            }
            for (std::size_t i = 0; i < count; ++i) {
                if (!applies[i][cr]) continue;
                const slot_status status = statuses[i * n];
                if (status > slot_status::not_applicable && status != slot_status::pending) {
                    invalid_slot(pl, p, u0 + i, k,
                                 "a status code is one of 0 reported, 1 missing, 2 absent, 3 exempt, 4 not_applicable, "
                                 "found " + std::to_string(static_cast<int>(status)));
                }
                if (!in_scale(status)) continue;
                slot_result res;
                if (status == slot_status::reported) {
                    std::int64_t target = targets ? targets[i * n] : 0;
                    if (target == 0 && ratio) target = registered ? pl.fallback_target(u0 + i, cr, p) : default_target;
                    if (const auto why = problem_of(r, values[i * n], target); why != value_problem::none) {
                        invalid_value(pl, p, u0 + i, k, why, values[i * n], target);
                    }
                    res = score_value(r, rule_bands, values[i * n], target, digits, mode);
                }
                if (trace) trace[i * n] = res.branch;
                points[i] += res.points;
                max[i] += r.max;
                any[i] = 1;
                if (res.bonus) exceed[i] += res.bonus;
                ++scale_pairs[i];
                met_pairs[i] += res.flags & slot_met;
                if (ratio) {
                    ++ratio_pairs[i];
                    exceeded_pairs[i] += (res.flags & slot_exceeded) != 0;
                }
                if (r.mandatory && !(res.flags & slot_met)) mandatory_met[i] = 0;
            }
        }
        fold_exceed_small();
        if (!in.statuses[p]) {
            for (std::size_t i = 0; i < count; ++i) {
                const auto sums = pl.applicable_in(u0 + i, p);
                for (std::size_t g = 0; g < std::max<std::size_t>(groups, 1); ++g) s.max[g * B + i] += sums.max[g];
                s.any[i] = sums.criteria > 0;
                s.scale_pairs[i] += sums.criteria;
                s.ratio_pairs[i] += sums.ratio_criteria;
            }
        }
        const std::int64_t weight = c.phases[p].weight.micros();
        for (std::size_t i = 0; i < count; ++i) {
            const auto [sum_points, sum_max] = capped_sums(pl, s.points.data() + i, s.max.data() + i, B);
            const std::size_t up = (u0 + i) * phases + p;
            if (!s.any[i] || sum_max == 0) {
                out.phase_counted[up] = 0;
                out.phase_score[up] = 0;
                continue;
            }
            const divider* by_kind = in.statuses[p] ? nullptr : pl.phase_score_divider(u0 + i, p);
            const std::int64_t score = phase_score_of(c, sum_points, sum_max, by_kind);
            out.phase_counted[up] = 1;
            out.phase_score[up] = score;
            s.weighted[i] += checked_mul(weight, score, "the base score");
            s.weights[i] += weight;
        }
    }
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t u = u0 + i;
        out.scale_pairs[u] = s.scale_pairs[i];
        out.met_pairs[u] = static_cast<std::int32_t>(s.met_pairs[i]);
        out.ratio_pairs[u] = s.ratio_pairs[i];
        out.exceeded_pairs[u] = static_cast<std::int32_t>(s.exceeded_pairs[i]);
        out.mandatory_met[u] = static_cast<std::uint8_t>(s.mandatory_met[i]);
        const unit_totals t = finish_unit(pl, in, u, s.weighted[i], s.weights[i], s.exceed[i],
                                          all_reported ? pl.base_divider(u) : nullptr,
                                          out.adjustment_points.data() + u * pl.adjustments());
        out.base[u] = t.base;
        out.bonus[u] = t.bonus;
        out.penalty[u] = t.penalty;
        out.total[u] = t.total;
        out.late_points[u] = t.late;
        out.exceed_points[u] = t.exceed;
    }
}

/// Scores units [begin, end) block by block.
void evaluate_range(const compiled_plan& pl, const columns& in, scores& out, std::size_t begin, std::size_t end) {
    block_scratch scratch(pl);
    for (std::size_t u = begin; u < end; u += block_scratch::units) {
        evaluate_block(pl, in, out, u, std::min(block_scratch::units, end - u), scratch);
    }
}

scores evaluate(const compiled_plan& pl, const columns& in, const score_options& options) {
    const std::size_t units = pl.units(), phases = pl.phases();
    scores out;
    out.phase_score.resize(units * phases);
    out.phase_counted.resize(units * phases);
    for (auto* v : {&out.base, &out.bonus, &out.penalty, &out.total, &out.late_points, &out.exceed_points}) {
        v->resize(units);
    }
    out.adjustment_points.resize(units * pl.adjustments());
    for (auto* v : {&out.scale_pairs, &out.met_pairs, &out.ratio_pairs, &out.exceeded_pairs}) v->resize(units);
    out.mandatory_met.resize(units);
    if (options.trace) out.trace.assign(pl.slots(), slot_branch::none);

    // Threads pay off from a few hundred thousand slots; each takes a contiguous range of units, and the error of
    // the first range is the one reported, whatever the thread count.
    unsigned threads = thread_count(options.threads);
    if (options.threads == 0 && pl.slots() < (1u << 18)) threads = 1;
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(units, 1)));
    in_parallel(threads, [&](unsigned t) {
        evaluate_range(pl, in, out, units * t / threads, units * (t + 1) / threads);
    });
    return out;
}

unit_facts trace_unit(const compiled_plan& pl, const columns& in, std::size_t u) {
    const auto& c = pl.campaign();
    const std::size_t rows = std::max<std::size_t>(pl.groups(), 1);
    unit_facts facts;
    facts.phases.resize(pl.phases());
    facts.adjustments.resize(pl.adjustments());
    std::vector<std::int64_t> points(rows), max(rows);
    int128 weighted = 0, weights = 0, exceed = 0;
    for (std::size_t p = 0; p < pl.phases(); ++p) {
        phase_fact& phase = facts.phases[p];
        std::fill(points.begin(), points.end(), 0);
        std::fill(max.begin(), max.end(), 0);
        bool any = false;
        for (std::size_t k = 0; k < pl.criteria_in(p); ++k) {
            slot_fact& slot = phase.slots.emplace_back();
            slot.status = in.status(pl, p, u, k);
            if (!in_scale(slot.status)) continue;
            any = true;
            const compiled_rule& r = pl.rule(pl.phase_criteria(p)[k]);
            if (slot.status == slot_status::reported) {
                slot.value = in.value(pl, p, u, k);
                slot.target = in.target(pl, p, u, k);
                slot.result = score_slot(pl, in, p, u, k);
            }
            const std::size_t g = pl.groups() ? static_cast<std::size_t>(r.group) : 0;
            points[g] += slot.result.points;
            max[g] += r.max;
            exceed += slot.result.bonus;
        }
        phase.groups.resize(pl.groups());
        const auto [sum_points, sum_max] = capped_sums(pl, points.data(), max.data(), 1, phase.groups.data());
        phase.points = static_cast<std::int64_t>(sum_points);
        phase.max = static_cast<std::int64_t>(sum_max);
        if (!any || sum_max == 0) continue;
        phase.counted = true;
        phase.score = phase_score_of(c, sum_points, sum_max, nullptr);
        weighted += checked_mul(c.phases[p].weight.micros(), phase.score, "the base score");
        weights += c.phases[p].weight.micros();
    }
    std::vector<std::int64_t> adjustment_points(pl.adjustments());
    finish_unit(pl, in, u, weighted, weights, exceed, nullptr, adjustment_points.data(), &facts);
    return facts;
}

criterion_sums sum_over_phases(const compiled_plan& pl, const columns& in, std::size_t u, std::size_t criterion) {
    criterion_sums sums;
    for (std::size_t p = 0; p < pl.phases(); ++p) {
        const std::int32_t k = pl.position_in_phase(p, criterion);
        if (k < 0) continue;
        const slot_result res = score_slot(pl, in, p, u, static_cast<std::size_t>(k));
        sums.points += res.points;
        sums.bonus += res.bonus;
    }
    return sums;
}

slot_result score_slot(const compiled_plan& pl, const columns& in, std::size_t p, std::size_t u, std::size_t k) {
    if (in.status(pl, p, u, k) != slot_status::reported) return {};
    const std::size_t c = pl.phase_criteria(p)[k];
    const compiled_rule& r = pl.rule(c);
    const auto& campaign = pl.campaign();
    return score_value(r, pl.bands().data() + r.first_band, in.value(pl, p, u, k), in.target(pl, p, u, k),
                               campaign.precision, campaign.rounding_mode);
}

}  // namespace thidua::detail
