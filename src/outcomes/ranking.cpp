// Ranking by total and the tie-break chain, per cluster and overall.

#include "thidua/detail/ranking.hpp"

#include <algorithm>
#include <bit>
#include <climits>
#include <string>
#include <utility>
#include <vector>

#include "thidua/detail/int128.hpp"

namespace thidua::detail {

namespace {

/// Negative when a goes first, 0 when still tied.
int compare(const tie_key& a, const tie_key& b) {
    if (a.present != b.present) return a.present ? -1 : 1;
    if (!a.present) return 0;
    const int128 lhs = a.num * b.den, rhs = b.num * a.den;
    return lhs < rhs ? -1 : lhs > rhs ? 1 : 0;
}


/// Ranks `members` into the arrays `order`, `rank` and `broken_by` (each members.size() long): rank_units'
/// work, for a ranking of its own or a cluster's place in cluster_rankings.
void rank_into(const compiled_plan& pl, const columns& in, const scores& sc, std::span<const std::uint32_t> members,
                      std::span<const std::uint32_t> near_order, std::span<std::uint32_t> ordered,
                      std::span<std::int32_t> rank, std::span<std::int32_t> broken_by) {
    const auto& c = pl.campaign();
    const bool hinted = !near_order.empty();
    const auto start = hinted ? near_order : members;
    const std::size_t n = start.size();
    const std::int64_t* total = sc.total.data();
    std::uint32_t* order = ordered.data();
    if (n <= 32 && hinted) {
        // Starting from a near order (stability draws), an insertion sort is nearly one pass. It inserts straight
        // from `start`, which is then never copied.
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t u = start[i];
            std::size_t j = i;
            for (; j > 0 && total[u] > total[order[j - 1]]; --j) order[j] = order[j - 1];
            order[j] = u;
        }
    } else if (n <= 32) {
        // A small cluster in campaign order: each unit's place is the number of units ahead of it (a higher total,
        // or the same total earlier in campaign order). n² comparisons without a branch cost less than an
        // insertion sort's mispredicted ones on unsorted totals.
        std::int64_t t[32];
        for (std::size_t i = 0; i < n; ++i) t[i] = total[start[i]];
        for (std::size_t i = 0; i < n; ++i) {
            std::size_t ahead = 0;
            for (std::size_t j = 0; j < n; ++j) ahead += (t[j] > t[i]) | ((t[j] == t[i]) & (j < i));
            order[ahead] = start[i];
        }
    } else {
        std::copy(start.begin(), start.end(), order);
        sort_by_total(ordered, sc.total, pl.precision_step());
    }
    bool tie = false;
    for (std::size_t i = 0; i < n; ++i) {
        rank[i] = static_cast<std::int32_t>(i + 1);
        broken_by[i] = not_tied;
        tie = tie || (i + 1 < n && total[order[i]] == total[order[i + 1]]);
    }
    if (!tie) return;  // the usual case: the ranking is the order
    // Runs of still-tied units as [begin, end) over `order`; a run of one is decided. The working vectors are
    // kept per thread, so that ranking again (stability draws) does not allocate.
    thread_local std::vector<std::pair<std::size_t, std::size_t>> tied, next;
    thread_local std::vector<std::pair<tie_key, std::uint32_t>> keyed;
    tied.clear();
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && total[order[j]] == total[order[i]]) ++j;
        if (j - i > 1) {
            // Equal totals in campaign order, whatever order the sort started from.
            if (hinted) std::sort(order + i, order + j);
            tied.emplace_back(i, j);
        }
        i = j;
    }
    // Keys are computed for the units of tied runs only: most units are never tied.
    for (std::size_t rule = 0; rule < c.tie_breaks.size() && !tied.empty(); ++rule) {
        next.clear();
        for (auto [b, e] : tied) {
            keyed.clear();
            for (std::size_t i = b; i < e; ++i) keyed.emplace_back(key_of(pl, in, sc, c.tie_breaks[rule], order[i]), order[i]);
            std::stable_sort(keyed.begin(), keyed.end(),
                             [](const auto& x, const auto& y) { return compare(x.first, y.first) < 0; });
            for (std::size_t i = 0; i < keyed.size(); ++i) order[b + i] = keyed[i].second;
            for (std::size_t i = 0; i < keyed.size();) {
                std::size_t j = i + 1;
                while (j < keyed.size() && compare(keyed[i].first, keyed[j].first) == 0) ++j;
                if (j - i > 1) {
                    next.emplace_back(b + i, b + j);
                } else {
                    broken_by[b + i] = static_cast<std::int32_t>(rule);  // this rule left it alone
                }
                i = j;
            }
        }
        tied.swap(next);
    }
    for (auto [b, e] : tied) {
        for (std::size_t i = b; i < e; ++i) {
            broken_by[i] = unresolved_tie;
            rank[i] = static_cast<std::int32_t>(b + 1);  // the rank of the run's first unit
        }
    }
}

}  // namespace

tie_key key_of(const compiled_plan& pl, const columns& in, const scores& sc, const tie_break& t, std::uint32_t u) {
    switch (t.kind) {
        case tie_break_kind::criterion: {
            // The criterion's points summed over the phases that score it, higher first.
            const auto crit = static_cast<std::size_t>(pl.criterion_index(t.argument));
            return {true, -int128{sum_over_phases(pl, in, u, crit).points}, 1};
        }
        case tie_break_kind::phase: {
            const std::size_t at = u * pl.phases() + static_cast<std::size_t>(pl.phase_index(t.argument));
            return {sc.phase_counted[at] != 0, -int128{sc.phase_score[at]}, 1};
        }
        case tie_break_kind::bonus: return {true, -int128{sc.bonus[u]}, 1};
        case tie_break_kind::penalty: return {true, sc.penalty[u], 1};
        case tie_break_kind::earliest_submission: return {in.last_submission[u] != INT_MIN, in.last_submission[u], 1};
        case tie_break_kind::vote: return {in.vote_of[u] != 0, -int128{in.vote_yes[u]}, in.vote_of[u] ? in.vote_of[u] : 1};
        case tie_break_kind::attribute: {
            const auto* a = pl.unit_list()[u].find_attribute(t.argument);
            if (t.at_least) {  // two sides: at or above the threshold first; an unknown share is not above it
                return {true, a && a->number && *a->number >= *t.at_least ? 0 : 1, 1};
            }
            if (!a || !a->number) return {false, 0, 1};
            const int128 v = a->number->micros();
            return {true, t.descending ? -v : v, 1};
        }
        case tie_break_kind::lot: return {true, fnv1a64(t.seed + ":" + pl.unit_list()[u].id), 1};
    }
    return {};
}

void sort_by_total(std::span<std::uint32_t> order, std::span<const std::int64_t> total, const divider& step) {
    constexpr int widest_pass = 16;  // one pass when the keys take at most 16 bits: 2^16 counters stay in L2
    constexpr int digit_bits = 11;
    const std::size_t n = order.size();
    thread_local uninit_vector<std::uint64_t> keys, keys_out;
    thread_local uninit_vector<std::uint32_t> order_out;
    thread_local std::vector<std::uint32_t> counts;
    std::int64_t highest = INT64_MIN, lowest = INT64_MAX;
    for (const std::uint32_t u : order) {
        highest = std::max(highest, total[u]);
        lowest = std::min(lowest, total[u]);
    }
    if (highest == lowest) return;
    keys.resize(n);
    bool in_steps = true;
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t below = highest - total[order[i]];
        const std::int64_t steps = step.quotient(below);
        in_steps &= steps * step.divisor() == below;
        keys[i] = static_cast<std::uint64_t>(steps);
    }
    if (!in_steps) {
        for (std::size_t i = 0; i < n; ++i) keys[i] = static_cast<std::uint64_t>(highest - total[order[i]]);
    }
    const auto range = static_cast<std::uint64_t>(in_steps ? step.quotient(highest - lowest) : highest - lowest);
    const int bits = static_cast<int>(std::bit_width(range));
    const int passes = bits <= widest_pass ? 1 : (bits + digit_bits - 1) / digit_bits;
    const int width = (bits + passes - 1) / passes;
    const std::uint64_t digit_mask = (std::uint64_t{1} << width) - 1;
    order_out.resize(n);
    if (passes > 1) keys_out.resize(n);
    // Each pass scatters from one buffer to the other; the last result is copied to `order` if it is not there.
    std::uint32_t* from = order.data();
    std::uint32_t* to = order_out.data();
    for (int shift = 0; shift < bits; shift += width) {
        counts.assign(std::size_t{1} << width, 0);
        for (const std::uint64_t k : keys) ++counts[(k >> shift) & digit_mask];
        std::uint32_t start = 0;
        for (auto& c : counts) start += std::exchange(c, start);
        if (shift + width < bits) {  // the keys move with the units for the next pass
            for (std::size_t i = 0; i < n; ++i) {
                const std::uint32_t at = counts[(keys[i] >> shift) & digit_mask]++;
                keys_out[at] = keys[i];
                to[at] = from[i];
            }
            keys.swap(keys_out);
        } else {
            for (std::size_t i = 0; i < n; ++i) to[counts[(keys[i] >> shift) & digit_mask]++] = from[i];
        }
        std::swap(from, to);
    }
    if (from != order.data()) std::copy(from, from + n, order.data());
}


void rank_units(const compiled_plan& pl, const columns& in, const scores& sc, std::span<const std::uint32_t> members,
                       ranking& out, std::span<const std::uint32_t> near_order) {
    const std::size_t n = members.size();
    out.order.resize(n);
    out.rank.resize(n);
    out.broken_by.resize(n);
    rank_into(pl, in, sc, members, near_order, out.order, out.rank, out.broken_by);
}

void rank_cluster(const compiled_plan& pl, const columns& in, const scores& sc, std::size_t g, cluster_rankings& out,
                         const cluster_rankings* near) {
    const std::size_t b = out.start[g], n = out.start[g + 1] - b;
    rank_into(pl, in, sc, pl.cluster_members(g), near ? (*near)[g].order : std::span<const std::uint32_t>{},
                      {out.order.data() + b, n}, {out.rank.data() + b, n}, {out.broken_by.data() + b, n});
}

}  // namespace thidua::detail
