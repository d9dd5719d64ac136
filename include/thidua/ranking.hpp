#pragma once
/// @file ranking.hpp
/// Ranking (domain.md §4 step 9): by total, higher first; equal totals are separated by the campaign's
/// tie-breaks in order, each applied only inside groups still tied. Units tied after every rule share a
/// competition rank (1, 2, 2, 4).

#include <algorithm>
#include <climits>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "thidua/columns.hpp"
#include "thidua/detail/int128.hpp"
#include "thidua/engine.hpp"
#include "thidua/plan.hpp"

namespace thidua {

/// tie_broken_by of a unit: the index of the deciding tie-break, or one of these.
constexpr std::int32_t not_tied = -1;
constexpr std::int32_t unresolved_tie = -2;

struct ranking {
    std::vector<std::uint32_t> order;  ///< the ranked units, best first (unresolved ties in campaign order)
    std::vector<std::int32_t> rank;    ///< per position in `order`
    std::vector<std::int32_t> broken_by;  ///< per position in `order`
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

/// Ranks `members` (unit indices) by total and the tie-break chain.
ranking rank_units(const plan& pl, const columns& in, const scores& sc, std::span<const std::uint32_t> members);

namespace detail {

/// Orders two units by one tie-break: negative when a goes first, 0 when still tied.
class tie_break_order {
public:
    tie_break_order(const plan& pl, const columns& in, const scores& sc, const tie_break& t) : in_(in), sc_(sc), t_(t) {
        const auto& c = pl.campaign();
        switch (t.kind) {
            case tie_break_kind::criterion: {
                // Points of the criterion summed over the phases that score it.
                const auto crit = static_cast<std::size_t>(pl.criterion_index(t.argument));
                key_.assign(pl.units(), 0);
                for (std::size_t p = 0; p < pl.phases(); ++p) {
                    const std::int32_t k = pl.position_in_phase(p, crit);
                    if (k < 0) continue;
                    for (std::size_t u = 0; u < pl.units(); ++u) {
                        key_[u] += sc.points[pl.slot(p, u, static_cast<std::size_t>(k))];
                    }
                }
                break;
            }
            case tie_break_kind::phase: phase_ = static_cast<std::size_t>(pl.phase_index(t.argument)); break;
            case tie_break_kind::attribute:
                key_.assign(pl.units(), 0);
                present_.assign(pl.units(), 0);
                for (std::size_t u = 0; u < pl.units(); ++u) {
                    if (const auto* a = c.units[u].find_attribute(t.argument); a && a->number) {
                        key_[u] = a->number->micros();
                        present_[u] = 1;
                    }
                }
                break;
            case tie_break_kind::lot:
                key_.assign(pl.units(), 0);
                hash_.resize(pl.units());
                for (std::size_t u = 0; u < pl.units(); ++u) hash_[u] = fnv1a64(t.seed + ":" + c.units[u].id);
                break;
            default: break;
        }
        phases_ = pl.phases();
    }

    int operator()(std::uint32_t a, std::uint32_t b) const {
        switch (t_.kind) {
            case tie_break_kind::criterion: return higher_first(key_[a], key_[b]);
            case tie_break_kind::phase: {
                const std::size_t ia = a * phases_ + phase_, ib = b * phases_ + phase_;
                return present_first(sc_.phase_counted[ia], sc_.phase_counted[ib],
                                     higher_first(sc_.phase_score[ia], sc_.phase_score[ib]));
            }
            case tie_break_kind::bonus: return higher_first(sc_.bonus[a], sc_.bonus[b]);
            case tie_break_kind::penalty: return -higher_first(sc_.penalty[a], sc_.penalty[b]);
            case tie_break_kind::earliest_submission: {
                const auto sa = in_.last_submission[a], sb = in_.last_submission[b];
                return present_first(sa != INT_MIN, sb != INT_MIN, sa < sb ? -1 : sa > sb ? 1 : 0);
            }
            case tie_break_kind::vote: {
                // yes_a / of_a against yes_b / of_b, exactly.
                const bool va = in_.vote_of[a] != 0, vb = in_.vote_of[b] != 0;
                const auto lhs = static_cast<detail::int128>(in_.vote_yes[a]) * in_.vote_of[b];
                const auto rhs = static_cast<detail::int128>(in_.vote_yes[b]) * in_.vote_of[a];
                return present_first(va, vb, lhs > rhs ? -1 : lhs < rhs ? 1 : 0);
            }
            case tie_break_kind::attribute: {
                const int order = higher_first(key_[a], key_[b]);
                return present_first(present_[a], present_[b], t_.descending ? order : -order);
            }
            case tie_break_kind::lot: return hash_[a] < hash_[b] ? -1 : hash_[a] > hash_[b] ? 1 : 0;
        }
        return 0;
    }

private:
    static int higher_first(std::int64_t a, std::int64_t b) { return a > b ? -1 : a < b ? 1 : 0; }
    /// Units without the key go last; two units without it stay tied.
    static int present_first(bool a, bool b, int when_both) {
        if (a && b) return when_both;
        if (a != b) return a ? -1 : 1;
        return 0;
    }

    const columns& in_;
    const scores& sc_;
    const tie_break& t_;
    std::vector<std::int64_t> key_;
    std::vector<std::uint8_t> present_;
    std::vector<std::uint64_t> hash_;
    std::size_t phase_ = 0, phases_ = 0;
};

}  // namespace detail

inline ranking rank_units(const plan& pl, const columns& in, const scores& sc, std::span<const std::uint32_t> members) {
    const auto& c = pl.campaign();
    ranking out;
    out.order.assign(members.begin(), members.end());
    std::stable_sort(out.order.begin(), out.order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return sc.total[a] > sc.total[b]; });
    const std::size_t n = out.order.size();
    out.broken_by.assign(n, not_tied);
    // Runs of still-tied units as [begin, end) over `order`; a run of one is decided.
    std::vector<std::pair<std::size_t, std::size_t>> tied, next;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && sc.total[out.order[j]] == sc.total[out.order[i]]) ++j;
        if (j - i > 1) tied.emplace_back(i, j);
        i = j;
    }
    for (std::size_t rule = 0; rule < c.tie_breaks.size() && !tied.empty(); ++rule) {
        const detail::tie_break_order cmp(pl, in, sc, c.tie_breaks[rule]);
        next.clear();
        for (auto [b, e] : tied) {
            std::stable_sort(out.order.begin() + static_cast<std::ptrdiff_t>(b),
                             out.order.begin() + static_cast<std::ptrdiff_t>(e),
                             [&](std::uint32_t x, std::uint32_t y) { return cmp(x, y) < 0; });
            for (std::size_t i = b; i < e;) {
                std::size_t j = i + 1;
                while (j < e && cmp(out.order[i], out.order[j]) == 0) ++j;
                if (j - i > 1) {
                    next.emplace_back(i, j);
                } else {
                    out.broken_by[i] = static_cast<std::int32_t>(rule);  // this rule left it alone
                }
                i = j;
            }
        }
        tied.swap(next);
    }
    out.rank.resize(n);
    std::vector<std::uint8_t> unresolved(n, 0);
    for (auto [b, e] : tied) {
        for (std::size_t i = b; i < e; ++i) {
            out.broken_by[i] = unresolved_tie;
            unresolved[i] = i > b;  // shares the rank of the run's first unit
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        out.rank[i] = unresolved[i] ? out.rank[i - 1] : static_cast<std::int32_t>(i + 1);
    }
    return out;
}

}  // namespace thidua
