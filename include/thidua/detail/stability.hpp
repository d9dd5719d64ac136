#pragma once
// The stability analysis' internals that its tests name: what every draw starts from, the batch of draws, the
// weighted sums a batch computes, how each unit's ranks are binned and counted, and the memory estimate
// (src/analysis/stability.cpp).

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "thidua/analysis/stability.hpp"
#include "thidua/detail/arrays.hpp"
#include "thidua/detail/cpu.hpp"
#include "thidua/detail/report_data.hpp"

namespace thidua::detail {

/// How one cluster's units bin their ranks. A cluster of at most rank_bins units: one bin per rank (an exact
/// histogram). A larger one: bins of the distance δ = rank − report rank, one per δ within ±exact_distance, then
/// `side` bins on each side whose width grows geometrically (each about a fixed share of its distance wider than
/// the one before, the share the smallest that reaches n − 1 in `side` bins), so that ranks near the report's are
/// counted exactly and the resolution stays relative farther out.
struct cluster_bins {
    std::uint32_t bins = 0;            ///< per unit
    std::uint32_t exact_distance = 0;  ///< n for an exact histogram
    bool exact() const { return bins == exact_distance; }
};
cluster_bins bins_of_cluster(std::uint32_t n, std::uint32_t rank_bins);

/// The first distance of each bin of a cluster of n > rank_bins units, ascending, then n (one past the last):
/// bins + 1 edges, the first −(n − 1).
std::vector<std::int32_t> distance_edges(std::uint32_t n, std::uint32_t rank_bins);

/// Which ranks each unit's bins count (fixed before the draws, from the report's ranks), and where a thread
/// counts them. Clusters of at most tallied_size units are exact and counted in each thread's own histogram,
/// small enough to stay in its cache, added to the shared counts at the end of a run; the ranks of larger clusters'
/// units are logged, log_draws draws at a time, and then binned into the shared counts: a thread's memory then
/// grows with its units, not with their bins.
struct rank_layout {
    static constexpr std::uint32_t tallied_size = 64;
    static constexpr std::size_t log_draws = 64;

    struct cluster {
        std::uint32_t size = 0;
        cluster_bins bins;
        std::size_t edges = 0;  ///< where its bins + 1 edges start in `edges`
        bool tallied() const { return size <= tallied_size && bins.exact(); }
    };
    std::vector<cluster> clusters;
    /// Per cluster: the first rank (exact histograms) or distance from the report rank (larger clusters) each bin
    /// counts, then one past the last bin's.
    std::vector<std::int32_t> edges;
    /// Per logged cluster: each rank's bin (exact histograms) or each distance's (larger clusters), from the lowest.
    std::vector<std::uint32_t> bin_of;
    std::size_t cells = 0;        ///< every unit's bins
    std::size_t tally_cells = 0;  ///< a thread's histogram of the tallied clusters
    // Per unit.
    std::vector<std::uint32_t> cluster_of;
    std::vector<std::size_t> first_bin;  ///< units + 1: unit u's bins are [first_bin[u], first_bin[u + 1])
    std::vector<std::int32_t> rank_shift;  ///< added to an edge to make it a rank: 0, or the report rank
    std::vector<std::size_t> bin_lookup;  ///< logged units: bin_of[bin_lookup[u] + rank] is the bin of `rank`
    /// Where a thread counts unit u: its histogram of ranks 1 … n at tally_at[u] (tallied clusters), or its row of
    /// the rank log (the others).
    std::vector<std::size_t> tally_at;
    std::vector<std::uint32_t> logged;  ///< the logged units, row by row of the rank log
    /// Runs of positions in a cluster ranking (cluster after cluster) that are tallied, and that are logged.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> tallied_runs, logged_runs;
};

/// The layout of `base`'s units with at most `rank_bins` bins each.
rank_layout make_rank_layout(const report_data& base, std::uint32_t rank_bins);

/// The sizes of a layout that the memory estimate needs, known before the layout is made.
struct layout_shape {
    std::uint64_t cells = 0, tally_cells = 0, logged_units = 0, lookup_entries = 0;
};
layout_shape shape_of(const compiled_plan& pl, std::uint32_t rank_bins);
layout_shape shape_of(const rank_layout& layout);

/// The analysis' memory, as estimated before anything is allocated: what all threads share (counts, layout, what
/// every draw starts from) and what each thread adds (its tallies, rank log and working arrays).
struct stability_memory {
    std::uint64_t shared = 0, per_thread = 0;
    std::uint64_t total(unsigned threads) const { return shared + per_thread * threads; }
};
stability_memory estimate_memory(const report_data& base, const layout_shape& shape);

/// The threads a run uses: options.threads, or when 0 every hardware thread that options.memory_cap leaves room
/// for (at least one). Throws limit_error, naming the figures, when the estimate exceeds the cap.
unsigned stability_threads(const report_data& base, const layout_shape& shape, const stability_options& options);

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
    uninit_vector<std::int32_t> base_class;
    uninit_vector<std::uint8_t> base_awards;         ///< [unit × award]
};

/// Draws run in batches of this many when they only re-weigh the base points (no value noise, no group caps): a
/// batch reads each unit's row once for all its draws, where one draw at a time streamed the whole points matrix
/// (2.4 MB for 10 000 units × 30 criteria, more than a core's cache) once per draw.
constexpr std::size_t draw_batch = 8;

/// out[d × stride] = Σ f[k × draw_batch + d] × a[k] over k < n for the draws d of a batch, each draw's terms added
/// in one fixed order; with SSE2, and with AVX2 where the processor has it (the same sums).
void weighted_sums_sse2(const double* a, const double* f, std::size_t n, double* out, std::size_t stride);
#if THIDUA_X86_DISPATCH
void weighted_sums_avx2(const double* a, const double* f, std::size_t n, double* out, std::size_t stride);
#endif

}  // namespace thidua::detail
