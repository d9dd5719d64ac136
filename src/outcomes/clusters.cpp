// Cluster summaries and award money, from the outcomes (classes, rankings, awards) of a report.

#include "thidua/detail/clusters.hpp"

#include "thidua/detail/classes.hpp"
#include "thidua/detail/rules.hpp"

namespace thidua::detail {

namespace {

/// count / n with 4 fractional digits (half up); 0 when n is 0.
decimal share(std::int64_t count, std::int64_t n) {
    if (n == 0) return {};
    return decimal::from_micros(rounded_quotient(int128{count} * decimal::micros_per_unit, n, 4, rounding::half_up, "a share"));
}

cluster_summary summarize(const compiled_plan& pl, const scores& sc, const classification& classes,
                          const award_outcome& awards, const ranking_view ranked, std::size_t g,
                          const std::vector<decimal>& amount) {
    const auto& c = pl.campaign();
    cluster_summary s;
    s.cluster = g;
    s.units = static_cast<std::int64_t>(ranked.order.size());
    s.class_counts.assign(c.classes.size(), 0);
    s.award_counts.assign(c.awards.size(), 0);
    int128 sum = 0;
    for (const std::uint32_t u : ranked.order) {
        ++s.class_counts[static_cast<std::size_t>(classes.cls[u])];
        sum += sc.total[u];
        for (std::size_t a = 0; a < c.awards.size(); ++a) {
            if (!awards.given[u * c.awards.size() + a]) continue;
            ++s.award_counts[a];
            s.award_cash += amount[a];
        }
    }
    for (const std::int64_t count : s.class_counts) s.class_shares.push_back(share(count, s.units));
    if (s.units > 0) {
        const int digits = c.precision;
        s.mean_total = decimal::from_micros(rounded_quotient(sum, s.units, digits, c.rounding_mode, "a mean"));
        // The ranking orders the cluster by total, highest first: the middle of it is the median.
        const std::size_t n = ranked.order.size(), mid = n / 2;
        const int128 twice = n % 2 ? int128{sc.total[ranked.order[mid]]} * 2
                                   : int128{sc.total[ranked.order[mid - 1]]} + sc.total[ranked.order[mid]];
        s.median_total = decimal::from_micros(rounded_quotient(twice, 2, digits, c.rounding_mode, "a median"));
    }
    for (std::size_t i = 0; i < c.cluster_goals.size(); ++i) {
        const auto& goal = c.cluster_goals[i];
        if (!goal.judges(c.clusters[g].id)) continue;
        const auto at_least = static_cast<std::size_t>(pl.class_index(goal.class_at_least));
        goal_outcome out;
        out.goal = i;
        for (std::size_t k = 0; k <= at_least; ++k) out.count += s.class_counts[k];
        out.share = share(out.count, s.units);
        out.met = share_reached(out.count, s.units, goal.min_share);
        s.goals.push_back(out);
    }
    for (const auto& q : classes.quotas) {
        if (q.cluster == static_cast<std::int32_t>(g)) s.quotas.push_back(q);
    }
    return s;
}

}  // namespace

decimal award_amount(const campaign& c, std::size_t a) {
    const auto& rule = c.awards[a];
    if (rule.cash) return *rule.cash;
    if (rule.multiplier) return mul_div(*rule.multiplier, *c.base_salary, decimal::from_int(1), 6, rounding::half_up);
    return {};
}

cluster_outcomes summarize_clusters(const compiled_plan& pl, const scores& sc, const classification& classes,
                                    const award_outcome& awards, const cluster_rankings& by_cluster) {
    const auto& c = pl.campaign();
    cluster_outcomes out;
    std::vector<decimal> amount;
    for (std::size_t a = 0; a < c.awards.size(); ++a) amount.push_back(award_amount(c, a));
    for (std::size_t g = 0; g < by_cluster.size(); ++g) {
        out.clusters.push_back(summarize(pl, sc, classes, awards, by_cluster[g], g, amount));
    }
    for (std::size_t a = 0; a < c.awards.size(); ++a) {
        award_total t;
        t.amount = amount[a];
        for (const auto& s : out.clusters) t.receivers += s.award_counts[a];
        t.total = mul_div(t.amount, decimal::from_int(t.receivers), decimal::from_int(1), 6, rounding::half_up);
        out.money.total += t.total;
        out.money.awards.push_back(t);
    }
    return out;
}

}  // namespace thidua::detail
