// Stability analysis: draws that jitter the points distribution (and optionally the values), each re-ranked,
// re-classified and re-awarded exactly as a report is.

#include "thidua/analysis/stability.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>

#include "thidua/core/error.hpp"
#include "thidua/detail/cpu.hpp"
#include "thidua/detail/int128.hpp"
#include "thidua/detail/parallel.hpp"
#include "thidua/detail/report_data.hpp"
#include "thidua/detail/rules.hpp"
#include "thidua/detail/stability.hpp"

namespace thidua {

namespace detail {

/// The random stream of one draw (splitmix64).
class draw_random {
public:
    draw_random(std::uint64_t seed, std::uint64_t draw) : state_(seed ^ (draw * 0xd1b54a32d192ed03ULL)) { next(); }
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  ///< [0, 1)
    double normal() {  // Box–Muller
        const double u1 = 1.0 - uniform(), u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

private:
    std::uint64_t state_;
};

stability_base prepare_stability(const report_data& base) {
    const auto& pl = base.compiled();
    stability_base out;
    out.points.resize(pl.phases());
    out.max.resize(pl.phases());
    for (std::size_t p = 0; p < pl.phases(); ++p) {
        const std::size_t n = pl.criteria_in(p), units = pl.units();
        out.points[p].assign(n * units, 0.0);
        out.max[p].assign(n * units, 0.0);
        for (std::size_t u = 0; u < units; ++u) {
            for (std::size_t k = 0; k < n; ++k) {
                if (!in_scale(base.inputs.status(pl, p, u, k))) continue;
                out.points[p][u * n + k] = static_cast<double>(score_slot(pl, base.inputs, p, u, k).points);
                out.max[p][u * n + k] = static_cast<double>(pl.rule(pl.phase_criteria(p)[k]).max);
            }
        }
    }
    out.max_row_of.resize(pl.phases());
    out.distinct_max.resize(pl.phases());
    for (std::size_t p = 0; p < pl.phases(); ++p) {
        const std::size_t n = pl.criteria_in(p);
        std::map<std::vector<double>, std::uint32_t> seen;  // at most distinct_rows: rows beyond are the unit's own
        for (std::size_t u = 0; u < pl.units(); ++u) {
            std::vector<double> row(out.max[p].begin() + static_cast<std::ptrdiff_t>(u * n),
                                    out.max[p].begin() + static_cast<std::ptrdiff_t>((u + 1) * n));
            auto at = seen.find(row);
            if (at == seen.end() && seen.size() < stability_base::distinct_rows) {
                out.distinct_max[p].insert(out.distinct_max[p].end(), row.begin(), row.end());
                at = seen.emplace(std::move(row), static_cast<std::uint32_t>(seen.size())).first;
            }
            out.max_row_of[p].push_back(at == seen.end() ? stability_base::own_row : at->second);
        }
    }
    out.base_class = base.classes.cls;
    out.base_awards = base.awards.given;
    return out;
}

/// A non-negative amount of micros held in a double, rounded to the nearest (cheaper than llround, which the
/// draws would call millions of times).
[[gnu::always_inline]] inline std::int64_t to_micros(double x) { return static_cast<std::int64_t>(x + 0.5); }

/// Reported value v (micros) times `factor`, rounded to the nearest micro and kept within the range of exact
/// decimals (a large noise could take it where the conversion overflows): clamp_value then brings it into its
/// rule's domain.
std::int64_t perturbed_value(std::int64_t v, double factor) {
    constexpr auto limit = static_cast<double>(decimal::micros_limit);
    return std::llround(std::clamp(static_cast<double>(v) * factor, -limit, limit));
}

/// Whether the draws of this analysis run in batches: they do unless they re-score noisy values or cap groups,
/// which is done unit by unit for one draw at a time.
bool draws_in_batches(const report_data& base, const stability_options& options) {
    return !(options.value_noise > 0) && base.compiled().groups() == 0;
}

/// The counts every thread adds to, and the lock they take to add.
struct shared_counts {
    stability_counts& counts;
    std::mutex lock;
};

/// One thread's counts since they were last added to the shared counts. They are 32-bit, so that the histograms
/// of small clusters (100 000 counters for 10 000 units in clusters of 10) stay in a core's cache, and are added
/// before they could overflow. Larger clusters' ranks are logged, a row of every logged unit's rank per draw, and
/// binned into the shared counts every rank_layout::log_draws draws.
struct draw_tally {
    std::uint32_t draws = 0;
    std::vector<std::uint32_t> same_class, same_awards;
    std::vector<std::uint32_t> histogram;  ///< the tallied clusters' units' ranks 1 … n, at rank_layout::tally_at
    /// [draw × logged units + row]: each draw writes its whole row before it is read, so it is not zeroed, and
    /// it comes from the array cache: the next run's log reuses the pages.
    uninit_vector<std::uint32_t> log;
    std::size_t logged = 0;  ///< draws in the log

    draw_tally(std::size_t units, const rank_layout& layout)
        : same_class(units),
          same_awards(units),
          histogram(layout.tally_cells),
          log(layout.logged.size() * rank_layout::log_draws) {}
};

/// Bins the logged draws' ranks into `counts` and empties the log; the caller holds the lock. Unit by unit, so
/// that each unit's bins (a few kilobytes) are updated together.
void add_logged_ranks(const rank_layout& layout, draw_tally& tally, stability_counts& counts) {
    const std::size_t rows = layout.logged.size();
    for (std::size_t row = 0; row < rows; ++row) {
        const std::uint32_t u = layout.logged[row];
        std::uint64_t* bins = counts.rank_bins.data() + layout.first_bin[u];
        const std::uint32_t* bin_of = layout.bin_of.data() + layout.bin_lookup[u];
        std::uint64_t sum = 0, first = 0;
        for (std::size_t d = 0; d < tally.logged; ++d) {
            const std::uint32_t rank = tally.log[d * rows + row];
            ++bins[bin_of[rank]];
            sum += rank;
            first += rank == 1;
        }
        counts.rank_sum[u] += sum;
        counts.first_places[u] += first;
    }
    tally.logged = 0;
}

/// Adds the tally (and the log) to the shared counts and starts again from zero.
void add_tally(const rank_layout& layout, draw_tally& tally, shared_counts& shared) {
    const std::lock_guard<std::mutex> hold(shared.lock);
    stability_counts& counts = shared.counts;
    add_logged_ranks(layout, tally, counts);
    counts.draws += std::exchange(tally.draws, 0);
    for (std::size_t u = 0; u < tally.same_class.size(); ++u) {
        counts.same_class[u] += std::exchange(tally.same_class[u], 0);
        counts.same_awards[u] += std::exchange(tally.same_awards[u], 0);
        const rank_layout::cluster& cluster = layout.clusters[layout.cluster_of[u]];
        if (!cluster.tallied()) continue;
        std::uint32_t* ranks = tally.histogram.data() + layout.tally_at[u];
        std::uint64_t* bins = counts.rank_bins.data() + layout.first_bin[u];  // bin r counts rank r + 1
        counts.first_places[u] += ranks[0];
        for (std::uint32_t r = 0; r < cluster.size; ++r) {
            const std::uint32_t n = std::exchange(ranks[r], 0);
            bins[r] += n;
            counts.rank_sum[u] += std::uint64_t{r + 1} * n;
        }
    }
}

/// One thread's reusable state: a copy of the base scores whose totals each draw overwrites, and the outcomes.
struct stability_worker {
    stability_worker(const report_data& base, const rank_layout& layout)
        : sc(base.scores), tally(base.compiled().units(), layout) {}

    scores sc;
    std::vector<draw_random> random;  ///< per draw of the batch
    std::vector<double> factor;       ///< [draw × criteria + criterion]
    std::vector<double> phase_factor; ///< [k × draw_batch + draw]: one phase's factors, the batch's draws together
    std::vector<double> row_den;      ///< [row × draw_batch + draw]
    std::vector<std::vector<double>> num, den;  ///< [phase][draw × units + u]: the weighted sums of a unit
    std::vector<double> weighted, weights, group_num, group_den;
    cluster_rankings by_cluster;
    ranking overall;
    classification classes;
    award_outcome awards;
    draw_tally tally;
};

/// out[d × stride] = Σ f[k × draw_batch + d] × a[k] over k < n, for the draws d of a batch, a vector of `Vec`
/// (GCC/Clang vector extension: plain loops are not vectorised at -O2) holding several draws. The accumulators
/// are indexed by constants only (Part…), so that they stay in registers. Each draw adds its terms in a fixed
/// order (even and odd criteria apart, then together, then the last odd one) whatever the vector width, so that
/// a draw's sums depend neither on the thread, nor on the batch it falls in, nor on the instruction set.
template <class Vec, std::size_t... Part>
[[gnu::always_inline]] inline void weighted_sums_in(const double* a, const double* f, std::size_t n, double* out,
                                                    std::size_t stride, std::index_sequence<Part...>) {
    constexpr std::size_t lanes = sizeof(Vec) / sizeof(double);
    static_assert(lanes * sizeof...(Part) == draw_batch);
    // No helper returns a Vec: a function without the caller's target attribute would pass it by another ABI.
    Vec even[sizeof...(Part)] = {}, odd[sizeof...(Part)] = {}, x0, x1, w;
    std::size_t k = 0;
    for (; k + 2 <= n; k += 2) {
        const double* f0 = f + k * draw_batch;
        for (std::size_t lane = 0; lane < lanes; ++lane) {
            x0[lane] = a[k];
            x1[lane] = a[k + 1];
        }
        ((std::memcpy(&w, f0 + Part * lanes, sizeof w), even[Part] += w * x0), ...);
        ((std::memcpy(&w, f0 + draw_batch + Part * lanes, sizeof w), odd[Part] += w * x1), ...);
    }
    double sum[draw_batch];
    ((void)std::memcpy(sum + Part * lanes, &(even[Part] += odd[Part]), sizeof(Vec)), ...);
    if (k < n) {
        for (std::size_t d = 0; d < draw_batch; ++d) sum[d] += f[k * draw_batch + d] * a[k];
    }
    for (std::size_t d = 0; d < draw_batch; ++d) out[d * stride] = sum[d];
}

typedef double two_doubles __attribute__((vector_size(16)));
typedef double four_doubles __attribute__((vector_size(32)));

/// The weighted sums with SSE2, which every x86-64 has (and other targets emulate).
void weighted_sums_sse2(const double* a, const double* f, std::size_t n, double* out, std::size_t stride) {
    weighted_sums_in<two_doubles>(a, f, n, out, stride, std::make_index_sequence<draw_batch / 2>());
}

#if THIDUA_X86_DISPATCH
/// The same sums with AVX2, four draws an instruction: chosen at run time when the processor has it (without FMA,
/// so that each sum is rounded exactly as with SSE2).
[[gnu::target("avx2")]] void weighted_sums_avx2(const double* a, const double* f, std::size_t n, double* out,
                                                       std::size_t stride) {
    weighted_sums_in<four_doubles>(a, f, n, out, stride, std::make_index_sequence<draw_batch / 4>());
}
#endif

using weighted_sums_fn = void (*)(const double*, const double*, std::size_t, double*, std::size_t);

/// The widest weighted sums this processor runs.
weighted_sums_fn widest_weighted_sums() {
#if THIDUA_X86_DISPATCH
    if (has_avx2()) return weighted_sums_avx2;
#endif
    return weighted_sums_sse2;
}

/// Phase p's weighted sums of points (num) and of max (den) for the `count` draws of a batch. Without noise or
/// group caps a unit's sums are dot products of its rows with the factors; otherwise (one draw per batch) the
/// unit's criteria are taken one by one, re-scoring noisy values and capping groups.
void phase_sums(const report_data& base, const stability_base& prepared, const stability_options& options,
                       std::size_t p, std::size_t count, stability_worker& w) {
    const auto& pl = base.compiled();
    const auto& in = base.inputs;
    const auto& c = pl.campaign();
    const std::size_t units = pl.units(), n = pl.criteria_in(p), groups = pl.groups();
    const std::uint32_t* crit = pl.phase_criteria(p);
    w.phase_factor.assign(std::max<std::size_t>(n, 1) * draw_batch, 0.0);
    for (std::size_t d = 0; d < count; ++d) {
        for (std::size_t k = 0; k < n; ++k) w.phase_factor[k * draw_batch + d] = w.factor[d * pl.criteria() + crit[k]];
    }
    const double* f = w.phase_factor.data();
    auto& num = w.num[p];
    auto& den = w.den[p];
    num.resize(draw_batch * units);
    den.resize(draw_batch * units);
    if (draws_in_batches(base, options)) {
        const auto& rows = prepared.distinct_max[p];
        const std::size_t distinct = rows.size() / std::max<std::size_t>(n, 1);
        w.row_den.resize(distinct * draw_batch);
        const weighted_sums_fn weighted_sums = widest_weighted_sums();
        for (std::size_t j = 0; j < distinct; ++j) weighted_sums(&rows[j * n], f, n, &w.row_den[j * draw_batch], 1);
        for (std::size_t u = 0; u < units; ++u) {
            weighted_sums(&prepared.points[p][u * n], f, n, &num[u], units);
            const std::uint32_t row = prepared.max_row_of[p][u];
            if (row == stability_base::own_row) {
                weighted_sums(&prepared.max[p][u * n], f, n, &den[u], units);
            } else {
                for (std::size_t d = 0; d < count; ++d) den[d * units + u] = w.row_den[row * draw_batch + d];
            }
        }
        return;
    }
    // Group caps, or values re-scored with noise: one draw, unit by unit, criterion by criterion.
    draw_random& random = w.random[0];
    w.group_num.resize(std::max<std::size_t>(groups, 1));
    w.group_den.resize(std::max<std::size_t>(groups, 1));
    for (std::size_t u = 0; u < units; ++u) {
        std::fill(w.group_num.begin(), w.group_num.end(), 0.0);
        std::fill(w.group_den.begin(), w.group_den.end(), 0.0);
        for (std::size_t k = 0; k < n; ++k) {
            const double mx = prepared.max[p][u * n + k];
            if (mx == 0.0) continue;  // out of the scale
            const compiled_rule& rule = pl.rule(crit[k]);
            double earned = prepared.points[p][u * n + k];
            if (options.value_noise > 0) {
                slot_result res;
                if (in.status(pl, p, u, k) == slot_status::reported) {
                    const std::int64_t v = in.value(pl, p, u, k);
                    const double factor = 1.0 + options.value_noise * random.normal();  // drawn for booleans too
                    const std::int64_t value = rule.kind == rule_kind::boolean ? v  // a fact, not perturbed
                                                                               : perturbed_value(v, factor);
                    res = score_clamped_value(rule, pl.bands().data() + rule.first_band, value,
                                              in.target(pl, p, u, k), c.precision, c.rounding_mode);
                }
                earned = static_cast<double>(res.points);
                w.sc.exceed_points[u] += res.bonus;
                ++w.sc.scale_pairs[u];
                if (res.flags & slot_met) ++w.sc.met_pairs[u];
                if (rule.kind == rule_kind::ratio) {
                    ++w.sc.ratio_pairs[u];
                    if (res.flags & slot_exceeded) ++w.sc.exceeded_pairs[u];
                }
                if (rule.mandatory && !(res.flags & slot_met)) w.sc.mandatory_met[u] = 0;
            }
            const std::size_t g = groups ? static_cast<std::size_t>(rule.group) : 0;
            const double factor = f[k * draw_batch];
            w.group_num[g] += factor * earned;
            w.group_den[g] += factor * mx;
        }
        double sum_num = 0.0, sum_den = 0.0;
        for (std::size_t g = 0; g < w.group_num.size(); ++g) {
            const double cap = groups ? static_cast<double>(pl.group_cap(g)) : -1.0;
            sum_num += cap >= 0 ? std::min(w.group_num[g], cap) : w.group_num[g];
            sum_den += cap >= 0 ? std::min(w.group_den[g], cap) : w.group_den[g];
        }
        num[u] = sum_num;
        den[u] = sum_den;
    }
}

/// Counts a draw's cluster ranks: the tallied clusters' in the thread's histogram, the others' in a row of the log.
void count_ranks(const rank_layout& layout, const cluster_rankings& ranked, draw_tally& tally) {
    const std::uint32_t* order = ranked.order.data();
    const std::int32_t* rank = ranked.rank.data();
    const std::size_t* at = layout.tally_at.data();
    std::uint32_t* histogram = tally.histogram.data();
    for (const auto& [begin, end] : layout.tallied_runs) {
        for (std::size_t i = begin; i < end; ++i) ++histogram[at[order[i]] + static_cast<std::size_t>(rank[i]) - 1];
    }
    if (layout.logged.empty()) return;
    std::uint32_t* row = tally.log.data() + tally.logged * layout.logged.size();
    for (const auto& [begin, end] : layout.logged_runs) {
        for (std::size_t i = begin; i < end; ++i) row[at[order[i]]] = static_cast<std::uint32_t>(rank[i]);
    }
    ++tally.logged;
}

/// Draw d of the batch from its weighted sums: phase scores and totals, then the outcomes exactly as a report
/// computes them, counted.
void finish_draw(const report_data& base, const stability_base& prepared, const stability_options& options,
                 std::size_t d, stability_worker& w, shared_counts& shared) {
    const auto& pl = base.compiled();
    const auto& c = pl.campaign();
    const auto& in = base.inputs;
    const std::size_t units = pl.units();
    const double scale = static_cast<double>(c.scale.micros());
    const std::size_t phases = pl.phases();
    // Raw pointers in locals: a store through a byte pointer (phase_counted) may alias anything, so pointers held
    // in the vectors would be loaded again after each one.
    w.weighted.resize(units);
    w.weights.resize(units);
    double* weighted = w.weighted.data();
    double* weights = w.weights.data();
    std::int64_t* phase_score = w.sc.phase_score.data();
    std::uint8_t* phase_counted = w.sc.phase_counted.data();
    for (std::size_t p = 0; p < phases; ++p) {
        const double weight = static_cast<double>(c.phases[p].weight.micros());
        const double* num = w.num[p].data() + d * units;
        const double* den = w.den[p].data() + d * units;
        const bool first = p == 0;  // the first phase sets the sums, the others add to them
        for (std::size_t u = 0; u < units; ++u) {
            const std::size_t up = u * phases + p;
            double score = 0.0, counted = 0.0;
            if (den[u] > 0.0) {
                score = scale * num[u] / den[u];
                counted = weight;
                phase_score[up] = to_micros(score);
            }
            phase_counted[up] = den[u] > 0.0;
            weighted[u] = first ? weight * score : weighted[u] + weight * score;
            weights[u] = first ? counted : weights[u] + counted;
        }
    }
    const std::int64_t* base_bonus = base.scores.bonus.data();
    const std::int64_t* penalty = base.scores.penalty.data();
    std::int64_t* total = w.sc.total.data();
    const auto total_of = [&](std::size_t u, double bonus) {
        const double based = weights[u] > 0 ? weighted[u] / weights[u] : 0.0;
        return to_micros(std::max(0.0, based + bonus - static_cast<double>(penalty[u])));
    };
    if (options.value_noise > 0) {
        for (std::size_t u = 0; u < units; ++u) {
            // Adjustments and caps as the kernel applies them, with the re-scored exceed bonuses.
            double bonus = static_cast<double>(w.sc.exceed_points[u]);
            for (std::size_t a = 0; a < pl.adjustments(); ++a) {
                if (c.adjustments[a].kind == adjustment_kind::bonus) {
                    bonus += static_cast<double>(base.scores.adjustment_points[u * pl.adjustments() + a]);
                }
            }
            if (c.bonus_cap) bonus = std::min(bonus, static_cast<double>(c.bonus_cap->micros()));
            w.sc.bonus[u] = to_micros(bonus);
            total[u] = total_of(u, bonus);
        }
    } else {
        for (std::size_t u = 0; u < units; ++u) total[u] = total_of(u, static_cast<double>(base_bonus[u]));
    }
    // The outcomes, exactly as a report computes them. A draw's order is close to the base's: sorting from it
    // is nearly a pass.
    rank_clusters(pl, in, w.sc, w.by_cluster, &base.by_cluster);
    const bool overall = std::any_of(c.awards.begin(), c.awards.end(),
                                     [](const award_rule& a) { return a.scope == award_scope::overall; });
    if (overall) {
        thread_local std::vector<std::uint32_t> everyone;
        everyone.resize(units);
        for (std::size_t u = 0; u < units; ++u) everyone[u] = static_cast<std::uint32_t>(u);
        rank_units(pl, in, w.sc, everyone, w.overall);
    }
    classify(pl, in, w.sc, w.by_cluster, w.classes);
    give_awards(pl, in, w.sc, w.classes, w.by_cluster, w.overall, w.awards);

    draw_tally& tally = w.tally;
    ++tally.draws;
    const std::size_t awards = c.awards.size();
    for (std::size_t u = 0; u < units; ++u) {
        tally.same_class[u] += w.classes.cls[u] == prepared.base_class[u];
        tally.same_awards[u] += std::equal(w.awards.given.begin() + static_cast<std::ptrdiff_t>(u * awards),
                                            w.awards.given.begin() + static_cast<std::ptrdiff_t>((u + 1) * awards),
                                            prepared.base_awards.begin() + static_cast<std::ptrdiff_t>(u * awards));
    }
    const rank_layout& layout = *shared.counts.layout;
    count_ranks(layout, w.by_cluster, tally);
    if (tally.logged == rank_layout::log_draws) {
        const std::lock_guard<std::mutex> hold(shared.lock);
        add_logged_ranks(layout, tally, shared.counts);
    }
    if (tally.draws == UINT32_MAX) add_tally(layout, tally, shared);
}

/// Draws [first, first + count), count ≤ draw_batch (1 with noise or group caps).
void run_batch(const report_data& base, const stability_base& prepared, const stability_options& options,
               std::uint64_t first, std::size_t count, stability_worker& w, shared_counts& shared) {
    const auto& pl = base.compiled();
    const std::size_t criteria = pl.criteria(), units = pl.units();
    w.random.clear();
    w.factor.resize(count * criteria);
    for (std::size_t d = 0; d < count; ++d) {
        auto& random = w.random.emplace_back(options.seed, first + d);
        for (std::size_t k = 0; k < criteria; ++k) {
            w.factor[d * criteria + k] = std::max(0.0, 1.0 + options.weight_jitter * (2.0 * random.uniform() - 1.0));
        }
    }
    if (options.value_noise > 0) {  // noisy draws re-score values and recount bonuses and met pairs
        for (auto* v : {&w.sc.scale_pairs, &w.sc.met_pairs, &w.sc.ratio_pairs, &w.sc.exceeded_pairs}) v->assign(units, 0);
        w.sc.mandatory_met.assign(units, 1);
        w.sc.exceed_points.assign(units, 0);
    }
    w.num.resize(pl.phases());
    w.den.resize(pl.phases());
    for (std::size_t p = 0; p < pl.phases(); ++p) phase_sums(base, prepared, options, p, count, w);
    for (std::size_t d = 0; d < count; ++d) finish_draw(base, prepared, options, d, w, shared);
}

constexpr std::uint32_t fewest_rank_bins = 16;

cluster_bins bins_of_cluster(std::uint32_t n, std::uint32_t rank_bins) {
    if (n <= rank_bins) return {n, n};
    // About a quarter of the bins each side one distance a bin, the other half widening outwards.
    const std::uint32_t exact = (rank_bins - 1) / 4, side = (rank_bins - 1 - 2 * exact) / 2;
    return {2 * exact + 1 + 2 * side, exact};
}

namespace {

/// Where `side` bins starting at distance `from` end when each is wider than the one before by growth / 4096 of
/// its first distance (at least one), stopping at n.
std::uint64_t side_reach(std::uint64_t from, std::uint32_t side, std::uint64_t growth, std::uint64_t n) {
    std::uint64_t d = from;
    for (std::uint32_t k = 0; k < side && d < n; ++k) {
        d += std::max<std::uint64_t>(1, static_cast<std::uint64_t>(uint128{d} * growth / 4096));
    }
    return d;
}

}  // namespace

std::vector<std::int32_t> distance_edges(std::uint32_t n, std::uint32_t rank_bins) {
    const cluster_bins shape = bins_of_cluster(n, rank_bins);
    const std::uint32_t exact = shape.exact_distance, side = (shape.bins - 2 * exact - 1) / 2;
    // The smallest growth whose side bins reach n: integer arithmetic, so that the bins are the same everywhere.
    std::uint64_t low = 0, high = std::uint64_t{4096} * n;
    while (low < high) {
        const std::uint64_t mid = low + (high - low) / 2;
        if (side_reach(exact + 1, side, mid, n) >= n) {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    std::vector<std::uint64_t> starts{exact + 1};  // the side bins' first distances, then one past the last
    for (std::uint32_t k = 0; k < side; ++k) {
        starts.push_back(std::min<std::uint64_t>(n, side_reach(starts.back(), 1, low, n)));
    }
    std::vector<std::int32_t> edges;
    edges.reserve(shape.bins + 1);
    for (std::uint32_t k = side; k-- > 0;) edges.push_back(1 - static_cast<std::int32_t>(starts[k + 1]));
    for (auto d = -static_cast<std::int32_t>(exact); d <= static_cast<std::int32_t>(exact); ++d) edges.push_back(d);
    for (std::uint32_t k = 0; k <= side; ++k) edges.push_back(static_cast<std::int32_t>(starts[k]));
    return edges;
}

rank_layout make_rank_layout(const report_data& base, std::uint32_t rank_bins) {
    const auto& pl = base.compiled();
    const std::size_t units = pl.units();
    rank_layout out;
    out.cluster_of.resize(units);
    out.first_bin.assign(units + 1, 0);
    out.rank_shift.assign(units, 0);
    out.bin_lookup.assign(units, 0);
    out.tally_at.assign(units, 0);
    out.clusters.resize(pl.clusters());
    for (std::size_t g = 0; g < pl.clusters(); ++g) {
        rank_layout::cluster& cluster = out.clusters[g];
        cluster.size = static_cast<std::uint32_t>(pl.cluster_members(g).size());
        cluster.bins = bins_of_cluster(cluster.size, rank_bins);
        cluster.edges = out.edges.size();
        if (cluster.bins.exact()) {
            for (std::uint32_t r = 1; r <= cluster.size + 1; ++r) out.edges.push_back(static_cast<std::int32_t>(r));
        } else {
            const auto edges = distance_edges(cluster.size, rank_bins);
            out.edges.insert(out.edges.end(), edges.begin(), edges.end());
        }
        // A logged cluster's lookup: the bin of each rank 1 … n (exact histograms), or of each distance
        // −(n − 1) … n − 1 at 1 … 2n − 1.
        const std::size_t lookup = out.bin_of.size();
        if (!cluster.tallied()) {
            out.bin_of.push_back(0);  // index 0 is never looked up
            for (std::uint32_t k = 0; k < cluster.bins.bins; ++k) {
                const std::int32_t* edge = out.edges.data() + cluster.edges + k;
                out.bin_of.insert(out.bin_of.end(), static_cast<std::size_t>(edge[1] - edge[0]), k);
            }
        }
        for (const std::uint32_t u : pl.cluster_members(g)) {
            out.cluster_of[u] = static_cast<std::uint32_t>(g);
            out.first_bin[u + 1] = cluster.bins.bins;
            const std::int32_t report_rank = base.cluster_rank[u];
            if (!cluster.bins.exact()) out.rank_shift[u] = report_rank;
            // bin_of[lookup + i] holds rank i, or distance i − n: rank r is at lookup + n − report rank + r.
            out.bin_lookup[u] = lookup + (cluster.bins.exact() ? 0 : cluster.size - static_cast<std::size_t>(report_rank));
            if (cluster.tallied()) {
                out.tally_at[u] = out.tally_cells;
                out.tally_cells += cluster.size;
            }
        }
    }
    for (std::size_t u = 0; u < units; ++u) {
        out.first_bin[u + 1] += out.first_bin[u];
        if (!out.clusters[out.cluster_of[u]].tallied()) {
            out.tally_at[u] = out.logged.size();
            out.logged.push_back(static_cast<std::uint32_t>(u));
        }
    }
    out.cells = out.first_bin[units];
    // Runs of positions of one kind, cluster after cluster in a cluster ranking.
    const auto& starts = pl.cluster_starts();
    for (std::size_t g = 0; g < pl.clusters(); ++g) {
        auto& runs = out.clusters[g].tallied() ? out.tallied_runs : out.logged_runs;
        if (!runs.empty() && runs.back().second == starts[g]) {
            runs.back().second = starts[g + 1];
        } else {
            runs.emplace_back(starts[g], starts[g + 1]);
        }
    }
    return out;
}

layout_shape shape_of(const compiled_plan& pl, std::uint32_t rank_bins) {
    layout_shape out;
    for (std::size_t g = 0; g < pl.clusters(); ++g) {
        const auto n = static_cast<std::uint32_t>(pl.cluster_members(g).size());
        rank_layout::cluster cluster;
        cluster.size = n;
        cluster.bins = bins_of_cluster(n, rank_bins);
        out.cells += std::uint64_t{n} * cluster.bins.bins;
        if (cluster.tallied()) {
            out.tally_cells += std::uint64_t{n} * n;
        } else {
            out.logged_units += n;
            out.lookup_entries += 2 * std::uint64_t{n};
        }
    }
    return out;
}

layout_shape shape_of(const rank_layout& layout) {
    return {layout.cells, layout.tally_cells, layout.logged.size(), layout.bin_of.size()};
}

stability_memory estimate_memory(const report_data& base, const layout_shape& shape) {
    const auto& pl = base.compiled();
    const std::uint64_t units = pl.units(), phases = pl.phases(), awards = pl.campaign().awards.size();
    std::uint64_t slots = 0;  // criteria per unit over the phases
    for (std::size_t p = 0; p < phases; ++p) slots += pl.criteria_in(p);
    stability_memory out;
    // Counts (four per unit and the bins), the layout (six per unit, edges and lookups), and what every draw
    // starts from (points and max per slot, the row of max per phase, the report's classes and awards).
    out.shared = 8 * (4 * units + shape.cells) + units * 44 + 4 * (units + pl.clusters() + shape.lookup_entries) +
                 units * (16 * slots + 4 * phases + 4 + awards);
    // Each thread: its tallies and rank log; the working copy of the scores (phase scores, sums, adjustments,
    // counts of pairs, the trace if the report has one); the weighted sums of a batch per phase; the rankings,
    // with the sort's buffers; classes and awards.
    const std::uint64_t score_bytes =
        units * (9 * phases + 8 * (6 + pl.adjustments()) + 17) + base.scores.trace.size() * sizeof(slot_branch);
    out.per_thread = 8 * units + 4 * shape.tally_cells + 4 * shape.logged_units * rank_layout::log_draws +
                     score_bytes + units * (16 * draw_batch * phases + 16) + units * (24 + 24) +
                     units * (9 + 7 * awards);
    return out;
}

namespace {

/// "12.5 MiB", "4.00 GiB".
std::string in_mib_or_gib(std::uint64_t bytes) {
    char text[32];
    const auto x = static_cast<double>(bytes);
    if (bytes < (std::uint64_t{1} << 30)) {
        std::snprintf(text, sizeof text, "%.1f MiB", x / static_cast<double>(1 << 20));
    } else {
        std::snprintf(text, sizeof text, "%.2f GiB", x / static_cast<double>(1 << 30));
    }
    return text;
}

}  // namespace

unsigned stability_threads(const report_data& base, const layout_shape& shape, const stability_options& options) {
    const stability_memory memory = estimate_memory(base, shape);
    unsigned threads = thread_count(options.threads);
    if (options.threads == 0) {
        while (threads > 1 && memory.total(threads) > options.memory_cap) --threads;
    }
    if (memory.total(threads) <= options.memory_cap) return threads;
    const auto& pl = base.compiled();
    std::size_t largest = 0;
    for (std::size_t g = 0; g < pl.clusters(); ++g) largest = std::max(largest, pl.cluster_members(g).size());
    throw limit_error("a stability analysis of " + std::to_string(pl.units()) + " units (largest cluster " +
                          std::to_string(largest) + ", at most " + std::to_string(options.rank_bins) +
                          " rank bins a unit) on " + std::to_string(threads) + (threads == 1 ? " thread" : " threads") +
                          " needs about " + in_mib_or_gib(memory.total(threads)) + " (" +
                          in_mib_or_gib(memory.shared) + " shared, " + in_mib_or_gib(memory.per_thread) +
                          " a thread), more than its memory cap of " + in_mib_or_gib(options.memory_cap) +
                          ": lower rank_bins or threads, or raise memory_cap",
                      {});
}

/// Runs draws [first, last) on the threads the memory cap allows and adds them to `counts`, each thread adding its
/// tallies under a lock: integer counts, so the sum does not depend on the order. Thread t works with workers[t],
/// made (by that thread) when there is none yet; a worker's tallies are empty again when its run ends.
void run_draws(const report_data& base, const stability_base& prepared, const stability_options& options,
               std::uint64_t first, std::uint64_t last, stability_counts& counts,
               std::vector<std::unique_ptr<stability_worker>>& workers) {
    if (last <= first) return;
    const rank_layout& layout = *counts.layout;
    const auto threads = static_cast<unsigned>(
        std::min<std::uint64_t>(stability_threads(base, shape_of(layout), options), last - first));
    if (workers.size() < threads) workers.resize(threads);
    shared_counts shared{counts, {}};
    in_parallel(threads, [&](unsigned t) {
        if (!workers[t]) workers[t] = std::make_unique<stability_worker>(base, layout);
        stability_worker& w = *workers[t];
        const std::uint64_t n = last - first;
        const std::size_t batch = draws_in_batches(base, options) ? draw_batch : 1;
        const std::uint64_t end = first + n * (t + 1) / threads;
        for (std::uint64_t d = first + n * t / threads; d < end; d += batch) {
            run_batch(base, prepared, options, d, static_cast<std::size_t>(std::min<std::uint64_t>(batch, end - d)), w,
                      shared);
        }
        add_tally(layout, w.tally, shared);
    });
}

/// What the draws of a report are compared with, hashed: its totals, classes, awards and cluster ranks.
std::uint64_t outcome_checksum(const report_data& base) {
    std::string bytes;
    const auto put = [&bytes](const auto& v) {
        bytes.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(v[0]));
    };
    put(base.scores.total);
    put(base.classes.cls);
    put(base.awards.given);
    put(base.cluster_rank);
    return fnv1a64(bytes);
}

/// The first word of a stability state: "thidua" in ASCII, then the state's format version (1).
constexpr std::uint64_t state_magic = 0x746869647561'0001ULL;
/// The words of a state's header: the magic word, units, bins, the report's checksum, draws.
constexpr std::size_t state_header = 5;

}  // namespace detail

stability_counts::stability_counts(const report& base, const stability_options& options) {
    if (options.rank_bins < detail::fewest_rank_bins) {
        throw std::invalid_argument("thidua: stability_options::rank_bins must be at least " +
                                    std::to_string(detail::fewest_rank_bins));
    }
    const auto& data = base.data();
    detail::stability_threads(data, detail::shape_of(data.compiled(), options.rank_bins), options);  // may throw
    auto made = std::make_shared<detail::rank_layout>(detail::make_rank_layout(data, options.rank_bins));
    const std::size_t units = data.compiled().units();
    for (auto* v : {&same_class, &same_awards, &first_places, &rank_sum}) v->assign(units, 0);
    rank_bins.assign(made->cells, 0);
    layout = std::move(made);
    base_checksum = detail::outcome_checksum(data);
}

stability_counts& stability_counts::operator+=(const stability_counts& other) {
    if (other.rank_bins.size() != rank_bins.size() || other.same_class.size() != same_class.size() ||
        other.base_checksum != base_checksum) {
        throw std::invalid_argument(
            "thidua: stability counts of another report, or binned differently, cannot be added");
    }
    draws += other.draws;
    const auto add = [](std::vector<std::uint64_t>& to, const std::vector<std::uint64_t>& from) {
        for (std::size_t i = 0; i < to.size(); ++i) to[i] += from[i];
    };
    add(same_class, other.same_class);
    add(same_awards, other.same_awards);
    add(first_places, other.first_places);
    add(rank_sum, other.rank_sum);
    add(rank_bins, other.rank_bins);
    return *this;
}

std::string stability_counts::state() const {
    const std::uint64_t header[detail::state_header] = {detail::state_magic, same_class.size(), rank_bins.size(),
                                                        base_checksum, draws};
    std::string out;
    out.reserve(sizeof header + sizeof(std::uint64_t) * (4 * same_class.size() + rank_bins.size()));
    const auto put = [&out](const std::uint64_t* words, std::size_t n) {
        out.append(reinterpret_cast<const char*>(words), n * sizeof(std::uint64_t));
    };
    put(header, detail::state_header);
    for (const auto* v : {&same_class, &same_awards, &first_places, &rank_sum, &rank_bins}) put(v->data(), v->size());
    return out;
}

void stability_counts::merge(std::string_view state) {
    std::uint64_t header[detail::state_header];
    if (state.size() < sizeof header) throw std::invalid_argument("thidua: not a stability state (too short)");
    std::memcpy(header, state.data(), sizeof header);
    if (header[0] != detail::state_magic) {
        throw std::invalid_argument(
            "thidua: not a stability state of this version of thidua (stability_counts::state)");
    }
    if (header[1] != same_class.size() || header[2] != rank_bins.size() || header[3] != base_checksum) {
        throw std::invalid_argument("thidua: a stability state of another report, or binned differently, cannot be "
                                    "merged");
    }
    if (state.size() != sizeof header + sizeof(std::uint64_t) * (4 * same_class.size() + rank_bins.size())) {
        throw std::invalid_argument("thidua: a stability state of the wrong length (" + std::to_string(state.size()) +
                                    " bytes)");
    }
    draws += header[4];
    const char* at = state.data() + sizeof header;
    for (auto* v : {&same_class, &same_awards, &first_places, &rank_sum, &rank_bins}) {
        for (std::uint64_t& count : *v) {
            std::uint64_t more;
            std::memcpy(&more, at, sizeof more);
            count += more;
            at += sizeof more;
        }
    }
}

std::size_t stability_counts::bins(std::size_t u) const { return layout->first_bin[u + 1] - layout->first_bin[u]; }

std::pair<std::int32_t, std::int32_t> stability_counts::bin_ranks(std::size_t u, std::size_t k) const {
    const detail::rank_layout::cluster& cluster = layout->clusters[layout->cluster_of[u]];
    const std::int32_t* edge = layout->edges.data() + cluster.edges + k;
    const std::int32_t shift = layout->rank_shift[u];
    return {std::max(edge[0] + shift, 1), std::min(edge[1] - 1 + shift, static_cast<std::int32_t>(cluster.size))};
}

std::uint32_t stability_counts::exact_distance(std::size_t u) const {
    return layout->clusters[layout->cluster_of[u]].bins.exact_distance;
}

std::int32_t stability_counts::rank_quantile(std::size_t u, double q) const {
    const double wanted = q * static_cast<double>(draws);
    const std::uint64_t* count = rank_bins.data() + layout->first_bin[u];
    std::uint64_t cumulative = 0;
    for (std::size_t k = 0; k < bins(u); ++k) {
        const auto [lowest, highest] = bin_ranks(u, k);
        if (lowest > highest) continue;  // beyond the cluster's ranks: never counted
        const std::uint64_t before = cumulative;
        cumulative += count[k];
        if (static_cast<double>(cumulative) < wanted) continue;
        if (lowest == highest || count[k] == 0) return lowest;
        // Spread evenly over the bin: the rank at which the wanted share is reached.
        const double width = highest - lowest + 1;
        const double into = std::ceil((wanted - static_cast<double>(before)) / static_cast<double>(count[k]) * width);
        return lowest + static_cast<std::int32_t>(std::clamp(into - 1.0, 0.0, width - 1.0));
    }
    return static_cast<std::int32_t>(layout->clusters[layout->cluster_of[u]].size);
}

void run_stability(const report& base, const stability_options& options, std::uint64_t first, std::uint64_t last,
                   stability_counts& counts) {
    if (!counts.layout || counts.same_class.size() != base.units()) {
        throw std::invalid_argument("thidua: run_stability needs counts made for its report");
    }
    detail::stability_threads(base.data(), detail::shape_of(*counts.layout), options);  // before preparing
    const detail::stability_base prepared = detail::prepare_stability(base.data());
    std::vector<std::unique_ptr<detail::stability_worker>> workers;
    detail::run_draws(base.data(), prepared, options, first, last, counts, workers);
}

stability_run::stability_run(report base, const stability_options& options)
    : base_(std::move(base)),
      options_(options),
      counts_(base_, options_),
      prepared_(std::make_unique<detail::stability_base>(detail::prepare_stability(base_.data()))) {}

stability_run::~stability_run() = default;

void stability_run::run(std::uint64_t first, std::uint64_t last) {
    detail::run_draws(base_.data(), *prepared_, options_, first, last, counts_, workers_);
}

}  // namespace thidua
