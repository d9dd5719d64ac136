#pragma once
// The arrays of rankings, and ranking units by total and the tie-break chain (src/outcomes/ranking.cpp).

#include <cstdint>
#include <span>
#include <string_view>

#include "thidua/detail/arrays.hpp"
#include "thidua/detail/columns.hpp"
#include "thidua/detail/compiled_plan.hpp"
#include "thidua/detail/kernel.hpp"
#include "thidua/outcomes/ranking.hpp"

namespace thidua::detail {

struct ranking {
    uninit_vector<std::uint32_t> order;  ///< the ranked units, best first (unresolved ties in campaign order)
    uninit_vector<std::int32_t> rank;    ///< per position in `order`
    uninit_vector<std::int32_t> broken_by;  ///< per position in `order`

    operator ranking_view() const { return {order, rank, broken_by}; }
};

/// Every cluster's ranking in one set of arrays, cluster after cluster: cluster g's ranking holds the positions
/// plan::cluster_starts()[g] … [g + 1]. One allocation per array, where a ranking per cluster would make three
/// per cluster (a hundred thousand clusters of ten units spent a third of their ranking time allocating).
struct cluster_rankings {
    uninit_vector<std::uint32_t> order;
    uninit_vector<std::int32_t> rank, broken_by;
    std::span<const std::uint32_t> start;  ///< the plan's cluster_starts(): clusters + 1 positions

    /// Sizes the arrays for the plan's clusters, reusing their storage.
    void reset(const compiled_plan& pl) {
        start = pl.cluster_starts();
        order.resize(pl.units());
        rank.resize(pl.units());
        broken_by.resize(pl.units());
    }
    std::size_t size() const { return start.empty() ? 0 : start.size() - 1; }
    ranking_view operator[](std::size_t g) const {
        const std::size_t b = start[g], n = start[g + 1] - b;
        return {{order.data() + b, n}, {rank.data() + b, n}, {broken_by.data() + b, n}};
    }
};

/// FNV-1a 64-bit hash of a UTF-8 text (the `lot` tie-break hashes "<seed>:<unit id>").
constexpr std::uint64_t fnv1a64(std::string_view text) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char ch : text) {
        h ^= static_cast<unsigned char>(ch);
        h *= 0x100000001b3ULL;
    }
    return h;
}

/// Ranks `members` (unit indices in campaign order, that is ascending) by total and the tie-break chain into
/// `out`, reusing its storage. `near_order`, when given, holds the same units in an order close to the result (a
/// previous ranking of them): the sort then starts from it and costs little more than a pass, which matters when
/// the same units are ranked again and again (stability draws). The result does not depend on it; it must not be
/// `out.order` itself.
void rank_units(const compiled_plan& pl, const columns& in, const scores& sc, std::span<const std::uint32_t> members,
                ranking& out, std::span<const std::uint32_t> near_order = {});

/// The same, returning a new ranking.
inline ranking rank_units(const compiled_plan& pl, const columns& in, const scores& sc, std::span<const std::uint32_t> members) {
    ranking out;
    rank_units(pl, in, sc, members, out);
    return out;
}

/// Ranks cluster g into its place in `out` (sized by cluster_rankings::reset()). `near`, when given, holds the
/// same clusters ranked before (a report's), and each cluster's sort starts from it, as rank_units' near_order.
void rank_cluster(const compiled_plan& pl, const columns& in, const scores& sc, std::size_t g, cluster_rankings& out,
                  const cluster_rankings* near = nullptr);

/// Every cluster into `out`, reusing its storage.
inline void rank_clusters(const compiled_plan& pl, const columns& in, const scores& sc, cluster_rankings& out,
                          const cluster_rankings* near = nullptr) {
    out.reset(pl);
    for (std::size_t g = 0; g < pl.clusters(); ++g) rank_cluster(pl, in, sc, g, out, near);
}

/// A unit's key under one tie-break, ordered so that the smaller key goes first: num / den (den > 0), compared
/// exactly; units without the key (no phase score, no date, no vote, no attribute) go last.
struct tie_key {
    bool present = true;
    int128 num = 0;
    int128 den = 1;
};

/// Unit u's key under tie-break t (what the ranking compares, and an explanation quotes).
tie_key key_of(const compiled_plan& pl, const columns& in, const scores& sc, const tie_break& t, std::uint32_t u);

/// Sorts `order` by total, higher first, keeping the given order among equal totals (a counting or radix sort on
/// the totals' distances below the highest, in precision steps when they all are).
void sort_by_total(std::span<std::uint32_t> order, std::span<const std::int64_t> total, const divider& step);

}  // namespace thidua::detail
