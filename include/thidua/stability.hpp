#pragma once
/// @file stability.hpp
/// Stability analysis: how likely each unit keeps its class, its awards and its rank when the pact's points
/// distribution (and optionally the reported data) are uncertain. Each draw jitters every criterion's max points by
/// a relative factor in [1 − jitter, 1 + jitter] (the unit's points on a criterion scale with it, phase scores stay
/// on the campaign's scale), optionally adds relative Gaussian noise to reported values and re-scores them with
/// the rules, then re-ranks, re-classifies and re-awards exactly as a report does.
///
/// This estimates probabilities, so the draws use floating point for the jittered scores; totals are then rounded
/// to micros and everything after (ranks, quotas, awards) is the exact code of a report. Draw d uses its own
/// random stream seeded by (seed, d), so results do not depend on the thread count or on how draws are split.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <vector>

#include "thidua/detail/parallel.hpp"
#include "thidua/report.hpp"

namespace thidua {

struct stability_options {
    double weight_jitter = 0.1;  ///< relative jitter of each criterion's max points
    double value_noise = 0;      ///< relative standard deviation of the noise on reported values; 0: none
    std::uint64_t seed = 0;
    unsigned threads = 0;        ///< 0: every hardware thread
};

/// Counts over the draws run so far, per unit.
struct stability_counts {
    std::uint64_t draws = 0;
    std::vector<std::uint64_t> same_class, same_awards, rank_one, rank_sum;
    std::vector<std::size_t> histogram_offset;  ///< unit u's cluster ranks 1…n count at [offset, offset + n)
    std::vector<std::uint32_t> histogram_size;  ///< n: the size of unit u's cluster
    std::vector<std::uint64_t> rank_histogram;

    /// Zeroed counts for the units of `base`.
    explicit stability_counts(const report& base);
    stability_counts& operator+=(const stability_counts& other);

    double p_same_class(std::size_t u) const { return share(same_class[u]); }
    double p_same_awards(std::size_t u) const { return share(same_awards[u]); }
    double p_rank_one(std::size_t u) const { return share(rank_one[u]); }
    double mean_rank(std::size_t u) const { return share(rank_sum[u]); }
    /// The smallest rank r with P(rank ≤ r) ≥ q.
    std::int32_t rank_quantile(std::size_t u, double q) const;

private:
    double share(std::uint64_t n) const { return draws ? static_cast<double>(n) / static_cast<double>(draws) : 0.0; }
};

/// Runs draws [first, last) and adds their counts to `counts`; call again with the next range to go on.
void run_stability(const report& base, const stability_options& options, std::uint64_t first, std::uint64_t last,
                   stability_counts& counts);

namespace detail {
struct stability_base;
}

/// An analysis in progress: what every draw starts from is prepared once, then ranges of draws run on demand
/// (so that a caller can report progress between them without paying the preparation again).
class stability_run {
public:
    stability_run(const report& base, const stability_options& options);
    ~stability_run();
    void run(std::uint64_t first, std::uint64_t last);
    const stability_counts& counts() const { return counts_; }

private:
    const report& base_;
    stability_options options_;
    std::unique_ptr<detail::stability_base> prepared_;
    stability_counts counts_;
};

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

/// What every draw starts from, computed once: per phase, unit-major matrices of the units' points and max
/// (0 out of the scale), so that a draw's weighted sums are dot products with the criteria's factors.
struct stability_base {
    std::vector<std::vector<double>> points, max;  ///< [phase][u × criteria_in(p) + k]
    /// Units share rows of max (those of one kind with every slot in the scale): per phase, the distinct rows and
    /// each unit's, so that a draw weighs each distinct row once.
    static constexpr std::size_t distinct_rows = 1024;
    static constexpr std::uint32_t own_row = UINT32_MAX;  ///< the unit's row is not among the distinct ones
    std::vector<std::vector<std::uint32_t>> max_row_of;  ///< [phase][u]: index into distinct_max[phase], or own_row
    std::vector<std::vector<double>> distinct_max;       ///< [phase][row × criteria_in(p) + k]
    std::vector<std::int32_t> base_class;
    std::vector<std::uint8_t> base_awards;         ///< [unit × award]
};

inline stability_base prepare_stability(const report& base) {
    const auto& pl = base.plan();
    stability_base out;
    out.points.resize(pl.phases());
    out.max.resize(pl.phases());
    for (std::size_t p = 0; p < pl.phases(); ++p) {
        const std::size_t n = pl.criteria_in(p), units = pl.units();
        out.points[p].assign(n * units, 0.0);
        out.max[p].assign(n * units, 0.0);
        for (std::size_t u = 0; u < units; ++u) {
            for (std::size_t k = 0; k < n; ++k) {
                if (!in_scale(base.status(p, u, k))) continue;
                out.points[p][u * n + k] = static_cast<double>(base.slot(p, u, k).points);
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
    out.base_class = base.classification().cls;
    out.base_awards = base.awards().given;
    return out;
}

/// A non-negative amount of micros held in a double, rounded to the nearest (cheaper than llround, which the
/// draws would call millions of times).
inline std::int64_t to_micros(double x) { return static_cast<std::int64_t>(x + 0.5); }

/// One thread's reusable state: a copy of the base scores whose totals each draw overwrites, and the outcomes.
struct stability_worker {
    scores sc;
    std::vector<double> factor, phase_factor, num, den, row_den, weighted, weights, group_num, group_den;
    std::vector<ranking> by_cluster;
    ranking overall;
    classification classes;
    award_outcome awards;
};

/// Σ f[k] × a[k] for k < n, two criteria at a time with the GCC/Clang vector extension (SSE2 instructions without
/// any -march flag; plain loops are not vectorised at -O2). The order of the additions is fixed, so that a draw
/// gives the same sums on any thread.
inline double weighted_sum(const double* a, const double* f, std::size_t n) {
    typedef double two_doubles __attribute__((vector_size(16)));
    two_doubles sum{0.0, 0.0};
    std::size_t k = 0;
    for (; k + 2 <= n; k += 2) {
        two_doubles x, w;
        std::memcpy(&x, a + k, sizeof x);
        std::memcpy(&w, f + k, sizeof w);
        sum += w * x;
    }
    double out = sum[0] + sum[1];
    for (; k < n; ++k) out += f[k] * a[k];
    return out;
}

inline void run_draw(const report& base, const stability_base& prepared, const stability_options& options,
                     std::uint64_t draw, stability_worker& w, stability_counts& counts) {
    const auto& pl = base.plan();
    const auto& c = pl.campaign();
    const auto& in = base.inputs();
    const std::size_t units = pl.units();
    draw_random random(options.seed, draw);
    w.factor.resize(pl.criteria());
    for (auto& f : w.factor) f = std::max(0.0, 1.0 + options.weight_jitter * (2.0 * random.uniform() - 1.0));
    const double scale = static_cast<double>(c.scale.micros());
    w.weighted.assign(units, 0.0);
    w.weights.assign(units, 0.0);
    const bool noisy = options.value_noise > 0;
    std::vector<std::int64_t>* exceed = nullptr;  // noisy draws re-score values and recount bonuses and met pairs
    if (noisy) {
        for (auto* v : {&w.sc.scale_pairs, &w.sc.met_pairs, &w.sc.ratio_pairs, &w.sc.exceeded_pairs}) v->assign(units, 0);
        w.sc.mandatory_met.assign(units, 1);
        w.sc.exceed_points.assign(units, 0);
        exceed = &w.sc.exceed_points;
    }
    for (std::size_t p = 0; p < pl.phases(); ++p) {
        const std::size_t n = pl.criteria_in(p), groups = pl.groups();
        const std::uint32_t* crit = pl.phase_criteria(p);
        w.phase_factor.resize(n);
        for (std::size_t k = 0; k < n; ++k) w.phase_factor[k] = w.factor[crit[k]];
        const double* f = w.phase_factor.data();
        w.num.resize(units);
        w.den.resize(units);
        if (!noisy && groups == 0) {
            const auto& rows = prepared.distinct_max[p];
            w.row_den.resize(rows.size() / std::max<std::size_t>(n, 1));
            for (std::size_t j = 0; j < w.row_den.size(); ++j) w.row_den[j] = weighted_sum(&rows[j * n], f, n);
            for (std::size_t u = 0; u < units; ++u) {
                w.num[u] = weighted_sum(&prepared.points[p][u * n], f, n);
                const std::uint32_t row = prepared.max_row_of[p][u];
                w.den[u] = row != stability_base::own_row ? w.row_den[row] : weighted_sum(&prepared.max[p][u * n], f, n);
            }
        } else {
            // Group caps, or values re-scored with noise: unit by unit, criterion by criterion.
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
                    if (noisy) {
                        slot_result res;
                        if (in.status(pl, p, u, k) == slot_status::reported) {
                            const std::int64_t v = in.value(pl, p, u, k);
                            double noisy_value = static_cast<double>(v) * (1.0 + options.value_noise * random.normal());
                            if (rule.kind == rule_kind::boolean) noisy_value = static_cast<double>(v);  // a fact
                            const auto value = std::max<std::int64_t>(0, to_micros(noisy_value));
                            res = score_value(rule, pl.bands().data() + rule.first_band, value, in.target(pl, p, u, k),
                                              c.precision, c.rounding_mode);
                        }
                        earned = static_cast<double>(res.points);
                        (*exceed)[u] += res.bonus;
                        ++w.sc.scale_pairs[u];
                        if (res.flags & slot_met) ++w.sc.met_pairs[u];
                        if (rule.kind == rule_kind::ratio) {
                            ++w.sc.ratio_pairs[u];
                            if (res.flags & slot_exceeded) ++w.sc.exceeded_pairs[u];
                        }
                        if (rule.mandatory && !(res.flags & slot_met)) w.sc.mandatory_met[u] = 0;
                    }
                    const std::size_t g = groups ? static_cast<std::size_t>(rule.group) : 0;
                    w.group_num[g] += f[k] * earned;
                    w.group_den[g] += f[k] * mx;
                }
                double num = 0.0, den = 0.0;
                for (std::size_t g = 0; g < w.group_num.size(); ++g) {
                    const double cap = groups ? static_cast<double>(pl.group_cap(g)) : -1.0;
                    num += cap >= 0 ? std::min(w.group_num[g], cap) : w.group_num[g];
                    den += cap >= 0 ? std::min(w.group_den[g], cap) : w.group_den[g];
                }
                w.num[u] = num;
                w.den[u] = den;
            }
        }
        const double weight = static_cast<double>(c.phases[p].weight.micros());
        for (std::size_t u = 0; u < units; ++u) {
            const std::size_t up = u * pl.phases() + p;
            if (w.den[u] <= 0.0) {
                w.sc.phase_counted[up] = 0;
                continue;
            }
            const double score = scale * w.num[u] / w.den[u];
            w.sc.phase_counted[up] = 1;
            w.sc.phase_score[up] = to_micros(score);
            w.weighted[u] += weight * score;
            w.weights[u] += weight;
        }
    }
    for (std::size_t u = 0; u < units; ++u) {
        double bonus = static_cast<double>(base.scores().bonus[u]);
        if (noisy) {
            // Adjustments and caps as the kernel applies them, with the re-scored exceed bonuses.
            double b = static_cast<double>(w.sc.exceed_points[u]);
            for (std::size_t a = 0; a < pl.adjustments(); ++a) {
                if (c.adjustments[a].kind == adjustment_kind::bonus) {
                    b += static_cast<double>(base.scores().adjustment_points[u * pl.adjustments() + a]);
                }
            }
            if (c.bonus_cap) b = std::min(b, static_cast<double>(c.bonus_cap->micros()));
            bonus = b;
            w.sc.bonus[u] = to_micros(bonus);
        }
        const double based = w.weights[u] > 0 ? w.weighted[u] / w.weights[u] : 0.0;
        const double total = std::max(0.0, based + bonus - static_cast<double>(base.scores().penalty[u]));
        w.sc.total[u] = to_micros(total);
    }
    // The outcomes, exactly as a report computes them.
    for (std::size_t g = 0; g < pl.clusters(); ++g) rank_units(pl, in, w.sc, pl.cluster_members(g), w.by_cluster[g]);
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

    ++counts.draws;
    const std::size_t awards = c.awards.size();
    for (std::size_t u = 0; u < units; ++u) {
        counts.same_class[u] += w.classes.cls[u] == prepared.base_class[u];
        counts.same_awards[u] += std::equal(w.awards.given.begin() + static_cast<std::ptrdiff_t>(u * awards),
                                            w.awards.given.begin() + static_cast<std::ptrdiff_t>((u + 1) * awards),
                                            prepared.base_awards.begin() + static_cast<std::ptrdiff_t>(u * awards));
    }
    for (const auto& r : w.by_cluster) {
        for (std::size_t i = 0; i < r.order.size(); ++i) {
            const std::uint32_t u = r.order[i];
            const auto rank = static_cast<std::size_t>(r.rank[i]);
            counts.rank_one[u] += rank == 1;
            counts.rank_sum[u] += rank;
            ++counts.rank_histogram[counts.histogram_offset[u] + rank - 1];
        }
    }
}

}  // namespace detail

inline stability_counts::stability_counts(const report& base) {
    const auto& pl = base.plan();
    const std::size_t units = pl.units();
    same_class.assign(units, 0);
    same_awards.assign(units, 0);
    rank_one.assign(units, 0);
    rank_sum.assign(units, 0);
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

inline stability_counts& stability_counts::operator+=(const stability_counts& other) {
    draws += other.draws;
    for (std::size_t u = 0; u < same_class.size(); ++u) {
        same_class[u] += other.same_class[u];
        same_awards[u] += other.same_awards[u];
        rank_one[u] += other.rank_one[u];
        rank_sum[u] += other.rank_sum[u];
    }
    for (std::size_t i = 0; i < rank_histogram.size(); ++i) rank_histogram[i] += other.rank_histogram[i];
    return *this;
}

inline std::int32_t stability_counts::rank_quantile(std::size_t u, double q) const {
    std::uint64_t cumulative = 0;
    for (std::uint32_t r = 0; r < histogram_size[u]; ++r) {
        cumulative += rank_histogram[histogram_offset[u] + r];
        if (static_cast<double>(cumulative) >= q * static_cast<double>(draws)) return static_cast<std::int32_t>(r + 1);
    }
    return static_cast<std::int32_t>(histogram_size[u]);
}

namespace detail {

inline void run_draws(const report& base, const stability_base& prepared, const stability_options& options,
                      std::uint64_t first, std::uint64_t last, stability_counts& counts) {
    if (last <= first) return;
    const auto threads = static_cast<unsigned>(std::min<std::uint64_t>(thread_count(options.threads), last - first));
    std::vector<stability_counts> partial(threads, stability_counts(base));
    in_parallel(threads, [&](unsigned t) {
        stability_worker w;
        w.sc = base.scores();
        w.by_cluster.resize(base.plan().clusters());
        const std::uint64_t n = last - first;
        for (std::uint64_t d = first + n * t / threads; d < first + n * (t + 1) / threads; ++d) {
            run_draw(base, prepared, options, d, w, partial[t]);
        }
    });
    for (const auto& part : partial) counts += part;  // integer counts: the sum does not depend on the split
}

}  // namespace detail

inline void run_stability(const report& base, const stability_options& options, std::uint64_t first,
                          std::uint64_t last, stability_counts& counts) {
    const detail::stability_base prepared = detail::prepare_stability(base);
    detail::run_draws(base, prepared, options, first, last, counts);
}

inline stability_run::stability_run(const report& base, const stability_options& options)
    : base_(base),
      options_(options),
      prepared_(std::make_unique<detail::stability_base>(detail::prepare_stability(base))),
      counts_(base) {}

inline stability_run::~stability_run() = default;

inline void stability_run::run(std::uint64_t first, std::uint64_t last) {
    detail::run_draws(base_, *prepared_, options_, first, last, counts_);
}

}  // namespace thidua
