#pragma once
/// @file ranking.hpp
/// Ranking (docs/semantics.md §4 step 9): by total, higher first; equal totals are separated by the campaign's
/// tie-breaks in order, each applied only inside groups still tied. Units tied after every rule share a competition
/// rank (1, 2, 2, 4). A report gives each cluster's ranking and the overall one as views of its arrays.

#include <cstdint>
#include <span>

namespace thidua {

/// tie_broken_by of a unit tied with no other; a unit placed by a tie-break has that tie-break's index.
constexpr std::int32_t not_tied = -1;
/// tie_broken_by of a unit still tied after every tie-break (the tied units share a rank).
constexpr std::int32_t unresolved_tie = -2;

/// A ranking's arrays: those of a `ranking`, or one cluster's part of a `cluster_rankings`.
struct ranking_view {
    std::span<const std::uint32_t> order;  ///< the ranked units, best first (unresolved ties in campaign order)
    std::span<const std::int32_t> rank;    ///< per position in `order`
    std::span<const std::int32_t> broken_by;  ///< per position in `order`
};

}  // namespace thidua
