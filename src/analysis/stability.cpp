// Stability analysis: draws that jitter the points distribution (and optionally the values), each re-ranked,
// re-classified and re-awarded exactly as a report is.

#include "thidua/analysis/stability.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <utility>

#include "thidua/detail/cpu.hpp"
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
std::int64_t to_micros(double x) { return static_cast<std::int64_t>(x + 0.5); }

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

/// One thread's counts since they were last added to its stability_counts. They are 32-bit, so that the rank
/// histogram (100 000 counters for 10 000 units in clusters of 10) stays in a core's cache, and are added to the
/// 64-bit counts before they could overflow.
struct draw_tally {
    std::uint32_t draws = 0;
    std::vector<std::uint32_t> same_class, same_awards, rank_histogram;

    explicit draw_tally(const stability_counts& counts)
        : same_class(counts.same_class.size()),
          same_awards(counts.same_awards.size()),
          rank_histogram(counts.rank_histogram.size()) {}

    /// Adds the tally to `counts` and starts again from zero.
    void add_to(stability_counts& counts) {
        counts.draws += std::exchange(draws, 0);
        const auto move = [](std::vector<std::uint32_t>& from, std::vector<std::uint64_t>& to) {
            for (std::size_t i = 0; i < from.size(); ++i) to[i] += std::exchange(from[i], 0);
        };
        move(same_class, counts.same_class);
        move(same_awards, counts.same_awards);
        move(rank_histogram, counts.rank_histogram);
    }
};

/// One thread's reusable state: a copy of the base scores whose totals each draw overwrites, and the outcomes.
struct stability_worker {
    stability_worker(const report_data& base, const stability_counts& counts)
        : sc(base.scores), tally(counts) {}

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

/// Draw d of the batch from its weighted sums: phase scores and totals, then the outcomes exactly as a report
/// computes them, counted.
void finish_draw(const report_data& base, const stability_base& prepared, const stability_options& options,
                        std::size_t d, stability_worker& w, stability_counts& counts) {
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
    for (std::size_t i = 0; i < units; ++i) {
        const std::uint32_t u = w.by_cluster.order[i];
        ++tally.rank_histogram[counts.histogram_offset[u] + static_cast<std::size_t>(w.by_cluster.rank[i]) - 1];
    }
    if (tally.draws == UINT32_MAX) tally.add_to(counts);
}

/// Draws [first, first + count), count ≤ draw_batch (1 with noise or group caps).
void run_batch(const report_data& base, const stability_base& prepared, const stability_options& options,
                      std::uint64_t first, std::size_t count, stability_worker& w, stability_counts& counts) {
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
    for (std::size_t d = 0; d < count; ++d) finish_draw(base, prepared, options, d, w, counts);
}

}  // namespace detail

stability_counts::stability_counts(const report& base) {
    const auto& pl = base.data().compiled();
    const std::size_t units = pl.units();
    same_class.assign(units, 0);
    same_awards.assign(units, 0);
    histogram_offset.resize(units);
    histogram_size.resize(units);
    std::size_t offset = 0;
    for (std::size_t g = 0; g < pl.clusters(); ++g) {
        for (std::uint32_t u : pl.cluster_members(g)) {
            histogram_offset[u] = offset;
            histogram_size[u] = static_cast<std::uint32_t>(pl.cluster_members(g).size());
            offset += pl.cluster_members(g).size();
        }
    }
    rank_histogram.assign(offset, 0);
}

stability_counts& stability_counts::operator+=(const stability_counts& other) {
    draws += other.draws;
    for (std::size_t u = 0; u < same_class.size(); ++u) {
        same_class[u] += other.same_class[u];
        same_awards[u] += other.same_awards[u];
    }
    for (std::size_t i = 0; i < rank_histogram.size(); ++i) rank_histogram[i] += other.rank_histogram[i];
    return *this;
}

double stability_counts::mean_rank(std::size_t u) const {
    std::uint64_t sum = 0;
    for (std::uint32_t r = 0; r < histogram_size[u]; ++r) sum += (r + 1) * rank_histogram[histogram_offset[u] + r];
    return share(sum);
}

std::int32_t stability_counts::rank_quantile(std::size_t u, double q) const {
    std::uint64_t cumulative = 0;
    for (std::uint32_t r = 0; r < histogram_size[u]; ++r) {
        cumulative += rank_histogram[histogram_offset[u] + r];
        if (static_cast<double>(cumulative) >= q * static_cast<double>(draws)) return static_cast<std::int32_t>(r + 1);
    }
    return static_cast<std::int32_t>(histogram_size[u]);
}

namespace detail {

void run_draws(const report_data& base, const stability_base& prepared, const stability_options& options,
                      std::uint64_t first, std::uint64_t last, stability_counts& counts) {
    if (last <= first) return;
    const auto threads = static_cast<unsigned>(std::min<std::uint64_t>(thread_count(options.threads), last - first));
    stability_counts blank = counts;  // the shape of the counts, zeroed
    blank.draws = 0;
    for (auto* v : {&blank.same_class, &blank.same_awards, &blank.rank_histogram}) std::fill(v->begin(), v->end(), 0);
    std::vector<stability_counts> partial(threads, blank);
    in_parallel(threads, [&](unsigned t) {
        stability_worker w(base, partial[t]);
        const std::uint64_t n = last - first;
        const std::size_t batch = draws_in_batches(base, options) ? draw_batch : 1;
        const std::uint64_t end = first + n * (t + 1) / threads;
        for (std::uint64_t d = first + n * t / threads; d < end; d += batch) {
            run_batch(base, prepared, options, d, static_cast<std::size_t>(std::min<std::uint64_t>(batch, end - d)), w,
                      partial[t]);
        }
        w.tally.add_to(partial[t]);
    });
    for (const auto& part : partial) counts += part;  // integer counts: the sum does not depend on the split
}

}  // namespace detail

void run_stability(const report& base, const stability_options& options, std::uint64_t first, std::uint64_t last,
                   stability_counts& counts) {
    const detail::stability_base prepared = detail::prepare_stability(base.data());
    detail::run_draws(base.data(), prepared, options, first, last, counts);
}

stability_run::stability_run(report base, const stability_options& options)
    : base_(std::move(base)),
      options_(options),
      prepared_(std::make_unique<detail::stability_base>(detail::prepare_stability(base_.data()))),
      counts_(base_) {}

stability_run::~stability_run() = default;

void stability_run::run(std::uint64_t first, std::uint64_t last) {
    detail::run_draws(base_.data(), *prepared_, options_, first, last, counts_);
}

}  // namespace thidua
