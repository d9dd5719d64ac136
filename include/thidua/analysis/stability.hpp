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

#include <cstdint>
#include <memory>
#include <vector>

#include "thidua/report/report.hpp"

namespace thidua {

struct stability_options {
    double weight_jitter = 0.1;  ///< relative jitter of each criterion's max points
    double value_noise = 0;      ///< relative standard deviation of the noise on reported values; 0: none
    std::uint64_t seed = 0;
    unsigned threads = 0;        ///< 0: every hardware thread
};

/// Counts over the draws run so far, per unit. A draw adds one to a unit's cluster rank in the histogram; the share
/// of first places and the mean rank are read from it.
struct stability_counts {
    std::uint64_t draws = 0;
    std::vector<std::uint64_t> same_class, same_awards;
    std::vector<std::size_t> histogram_offset;  ///< unit u's cluster ranks 1…n count at [offset, offset + n)
    std::vector<std::uint32_t> histogram_size;  ///< n: the size of unit u's cluster
    std::vector<std::uint64_t> rank_histogram;

    /// Zeroed counts for the units of `base`.
    explicit stability_counts(const report& base);
    stability_counts& operator+=(const stability_counts& other);

    double p_same_class(std::size_t u) const { return share(same_class[u]); }
    double p_same_awards(std::size_t u) const { return share(same_awards[u]); }
    double p_rank_one(std::size_t u) const { return share(rank_histogram[histogram_offset[u]]); }
    double mean_rank(std::size_t u) const;
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
    /// Prepares the analysis of `base`, which it keeps (a report is a handle: the copy shares its arrays).
    stability_run(report base, const stability_options& options);
    ~stability_run();
    void run(std::uint64_t first, std::uint64_t last);
    const stability_counts& counts() const { return counts_; }

private:
    report base_;
    stability_options options_;
    std::unique_ptr<detail::stability_base> prepared_;
    stability_counts counts_;
};

}  // namespace thidua
