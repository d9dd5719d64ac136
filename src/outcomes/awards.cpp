// The awards, in their listed order, per scope group in rank order.

#include "thidua/detail/awards.hpp"

#include <algorithm>

namespace thidua::detail {

void give_awards(const compiled_plan& pl, const columns& in, const scores& sc, const classification& cl,
                        const cluster_rankings& by_cluster, const ranking& overall, award_outcome& out) {
    const auto& c = pl.campaign();
    const std::size_t units = pl.units(), awards = c.awards.size();
    out.given.assign(units * awards, 0);
    out.tie_given.assign(units * awards, 0);
    out.refused.assign(units * awards, 0);
    out.exclusive_holder.assign(units * awards, -1);
    out.quota.resize(awards);
    thread_local std::vector<std::size_t> exclusive;  // kept per thread: repeated draws do not allocate
    for (std::size_t a = 0; a < awards; ++a) {
        const auto& rule = c.awards[a];
        const std::int32_t min_class = pl.class_index(rule.min_class);
        out.quota[a].clear();
        exclusive.clear();
        for (const auto& other : rule.exclusive_with) exclusive.push_back(static_cast<std::size_t>(index_of(c.awards, other)));
        auto gates = [&](std::uint32_t u) {
            unsigned failed = 0;
            const std::size_t ua = u * awards + a;
            if (in.disqualified[u]) failed |= refused_disqualified;
            if (min_class >= 0 && cl.cls[u] > min_class) failed |= refused_class;
            if (rule.min_score && sc.total[u] < rule.min_score->micros()) failed |= refused_score;
            if (rule.requires_registration && !pl.registered_for(u, a)) failed |= refused_unregistered;
            if (rule.history) {  // earlier years (bound from results::history), and this year's class
                const bool this_year = rule.history->consecutive_years == 0 ||
                                       cl.cls[u] <= pl.class_index(rule.history->class_at_least);
                if (!this_year || (!in.history.empty() && in.history[ua].year != 0)) failed |= refused_history;
                if (in.history.empty() && rule.history->consecutive_years > 1) failed |= refused_history;  // no history
            }
            if (rule.min_vote_share) {
                const auto [yes, of] = in.ballot(u, a, awards);
                if (of == 0) {
                    failed |= refused_no_vote;
                } else if (!share_reached(yes, rule.council_size.value_or(of), *rule.min_vote_share)) {
                    failed |= refused_vote;
                }
            }
            for (const std::size_t o : exclusive) {
                if (out.given[u * awards + o]) {
                    failed |= refused_exclusive;
                    out.exclusive_holder[ua] = static_cast<std::int32_t>(o);
                }
            }
            return failed;
        };
        auto give_in = [&](const ranking_view r) {
            const auto size = static_cast<std::int64_t>(r.order.size());
            const std::int64_t n = rule.count ? *rule.count
                                              : std::max(share_of_count(*rule.max_share, size), rule.min_count);
            out.quota[a].push_back(n);
            std::int64_t received = 0;
            std::int32_t last_rank = 0;
            for (std::size_t i = 0; i < r.order.size(); ++i) {
                const std::uint32_t u = r.order[i];
                const std::size_t ua = u * awards + a;
                out.refused[ua] = gates(u);
                if (out.refused[ua] != 0) continue;
                if (received >= n) {
                    if (received == 0 || r.rank[i] != last_rank) {
                        out.refused[ua] = refused_quota;
                        continue;
                    }
                    out.tie_given[ua] = 1;
                }
                out.given[ua] = 1;
                ++received;
                last_rank = r.rank[i];
            }
        };
        if (rule.scope == award_scope::overall) {
            give_in(overall);
        } else {
            for (std::size_t g = 0; g < by_cluster.size(); ++g) give_in(by_cluster[g]);
        }
    }
}

}  // namespace thidua::detail
