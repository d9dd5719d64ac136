#pragma once
/// @file stability.hpp
/// Stability analysis: how likely each unit keeps its class, its awards and its rank when the pact's points
/// distribution (and optionally the reported data) are uncertain. Each draw jitters every criterion's max points by
/// a relative factor in [1 − jitter, 1 + jitter] (the unit's points on a criterion scale with it, phase scores stay
/// on the campaign's scale), optionally adds relative Gaussian noise to reported values and re-scores them with
/// the rules (a perturbed value is first brought into its rule's domain, so a manual value never earns more than
/// max_points), then re-ranks, re-classifies and re-awards exactly as a report does.
///
/// This estimates probabilities, so the draws use floating point for the jittered scores; totals are then rounded
/// to micros and everything after (ranks, quotas, awards) is the exact code of a report. Draw d uses its own
/// random stream seeded by (seed, d), and every figure is an integer count added over the draws, so results do not
/// depend on the thread count or on how draws are split.
///
/// Memory does not grow with the square of a cluster: each unit keeps at most `rank_bins` rank counters. A
/// cluster of at most `rank_bins` units keeps each unit's exact rank histogram; in a larger one a unit's bins count
/// the distance of its rank from its rank in the report, one distance a bin near it and in bins that widen
/// geometrically farther out (stability_counts::rank_quantile says what is then exact).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "thidua/report/report.hpp"

namespace thidua {

/// How the draws perturb the report's inputs, and what the analysis may use.
struct stability_options {
    double weight_jitter = 0.1;  ///< relative jitter of each criterion's max points
    double value_noise = 0;      ///< relative standard deviation of the noise on reported values; 0: none
    std::uint64_t seed = 0;      ///< the draws depend on the seed only, whatever the threads or the split
    unsigned threads = 0;        ///< 0: every hardware thread, or as many as memory_cap leaves room for
    /// The most rank counters a unit keeps (at least 16): clusters of at most this many units keep exact rank
    /// histograms, larger ones bins (stability_counts::rank_quantile).
    std::uint32_t rank_bins = 512;
    /// The bytes the analysis may take, as estimated before anything is allocated (the counts, what every draw
    /// starts from, each thread's working arrays; not the report): beyond it, thidua::limit_error.
    std::uint64_t memory_cap = std::uint64_t{4} << 30;
};

namespace detail {
struct rank_layout;
}

/// Counts over the draws run so far, per unit, all integers: adding them does not depend on the order.
struct stability_counts {
    std::uint64_t draws = 0;  ///< the draws counted
    /// Per unit: the draws in which it kept its class, and its awards.
    ///@{
    std::vector<std::uint64_t> same_class, same_awards;
    ///@}
    std::vector<std::uint64_t> first_places;  ///< draws in which the unit ranked first in its cluster
    std::vector<std::uint64_t> rank_sum;      ///< its cluster ranks added over the draws
    /// Every unit's rank bins, unit after unit: bin k of unit u counts the draws whose rank lies in bin_ranks(u, k).
    std::vector<std::uint64_t> rank_bins;
    std::shared_ptr<const detail::rank_layout> layout;  ///< which ranks each bin counts, shared by copies
    /// A checksum of the report's outcomes the draws are compared with (totals, classes, awards, cluster ranks):
    /// counts made for another report are refused when added.
    std::uint64_t base_checksum = 0;

    /// Zeroed counts for the units of `base`, binned as options.rank_bins says. Throws limit_error, before
    /// allocating, when the analysis would take more than options.memory_cap, and std::invalid_argument when
    /// rank_bins is below 16.
    explicit stability_counts(const report& base, const stability_options& options = {});
    /// Adds counts of the same report binned the same way (std::invalid_argument otherwise).
    stability_counts& operator+=(const stability_counts& other);
    /// The counts as bytes, for another process to add with merge(): a header (format, units, bins, the report's
    /// checksum, draws), then every counter, 64-bit integers in the machine's byte order. Draws split across
    /// machines (Python's thidua.stability(..., client=)) are merged this way, exactly.
    std::string state() const;
    /// Adds counts that state() wrote for the same report and rank bins. Throws std::invalid_argument, before
    /// changing anything, when the bytes are not such a state or were made for another report or binned otherwise.
    void merge(std::string_view state);

    /// The share of the draws in which unit u kept its class (0 before any draw).
    double p_same_class(std::size_t u) const { return share(same_class[u]); }
    /// The share of the draws in which unit u kept its awards.
    double p_same_awards(std::size_t u) const { return share(same_awards[u]); }
    /// The share of the draws in which unit u ranked first in its cluster.
    double p_rank_one(std::size_t u) const { return share(first_places[u]); }
    /// Unit u's mean cluster rank over the draws.
    double mean_rank(std::size_t u) const { return share(rank_sum[u]); }
    /// The smallest rank r with P(rank ≤ r) ≥ q, read from the unit's bins: exact when the bin it falls in counts
    /// one rank, which every bin of a cluster of at most rank_bins units does, and in a larger cluster every bin
    /// within exact_distance(u) of the unit's report rank. Otherwise it is interpolated linearly within that bin,
    /// so it and the exact quantile lie in the same bin: they differ by less than the bin's width.
    std::int32_t rank_quantile(std::size_t u, double q) const;

    /// How many rank bins unit u has.
    std::size_t bins(std::size_t u) const;
    /// The first and last rank bin k of unit u counts; first > last for a bin no rank of u can fall in.
    std::pair<std::int32_t, std::int32_t> bin_ranks(std::size_t u, std::size_t k) const;
    /// How far from its report rank unit u's ranks are counted one rank a bin: its cluster's size when every bin
    /// counts one rank (exact histograms).
    std::uint32_t exact_distance(std::size_t u) const;

private:
    double share(std::uint64_t n) const { return draws ? static_cast<double>(n) / static_cast<double>(draws) : 0.0; }
};

/// Runs draws [first, last) and adds their counts to `counts` (made for `base`); call again with the next range to
/// go on. Throws limit_error, before allocating, when the analysis would take more than options.memory_cap.
void run_stability(const report& base, const stability_options& options, std::uint64_t first, std::uint64_t last,
                   stability_counts& counts);

namespace detail {
struct stability_base;
struct stability_worker;
}  // namespace detail

/// An analysis in progress: what every draw starts from is prepared once, then ranges of draws run on demand
/// (so that a caller can report progress between them without paying the preparation again).
class stability_run {
public:
    /// Prepares the analysis of `base`, which it keeps (a report is a handle: the copy shares its arrays). Throws
    /// limit_error, before allocating, when the analysis would take more than options.memory_cap.
    stability_run(report base, const stability_options& options);
    ~stability_run();
    /// Runs draws [first, last) and adds their counts.
    void run(std::uint64_t first, std::uint64_t last);
    /// Adds the counts of draws run elsewhere: stability_counts::state() of the same analysis of the same report.
    void merge(std::string_view state) { counts_.merge(state); }
    /// The counts of every draw run or merged so far.
    const stability_counts& counts() const { return counts_; }

private:
    report base_;
    stability_options options_;
    stability_counts counts_;  // before prepared_: its constructor checks the memory cap before anything is allocated
    std::unique_ptr<detail::stability_base> prepared_;
    /// Each thread's working arrays, kept from one run to the next: a caller that runs a few draws at a time (a
    /// progress bar) would otherwise allocate them, and fault their pages in, again every time.
    std::vector<std::unique_ptr<detail::stability_worker>> workers_;
};

}  // namespace thidua
