// Classification: classes in order, quotas per cluster in rank order.

#include "thidua/detail/classes.hpp"

#include <algorithm>
#include <climits>
#include <functional>

#include "thidua/detail/int128.hpp"

namespace thidua::detail {

/// floor(share × n) for a share in micros.
std::int64_t share_of_count(decimal share, std::int64_t n) {
    return static_cast<std::int64_t>(int128{share.micros()} * n / decimal::micros_per_unit);
}

/// count / of ≥ share, exactly; false when of is 0.
bool share_reached(std::int64_t count, std::int64_t of, decimal share) {
    return of > 0 && int128{count} * decimal::micros_per_unit >= int128{share.micros()} * of;
}

decimal cut_share(std::int64_t count, std::int64_t of) {
    if (of == 0) return {};
    return decimal::from_micros(static_cast<std::int64_t>(int128{count} * 10000 / of) * (decimal::micros_per_unit / 10000));
}

unsigned class_failures(const compiled_plan& pl, const columns& in, const scores& sc, std::size_t u, std::size_t k) {
    const auto& cls = pl.campaign().classes[k];
    unsigned failed = 0;
    if (in.forced_class[u] >= 0 && static_cast<std::int32_t>(k) < in.forced_class[u]) failed |= fails_veto;
    if (cls.min_score && sc.total[u] < cls.min_score->micros()) failed |= fails_min_score;
    if (cls.requires_all_mandatory && !sc.mandatory_met[u]) failed |= fails_mandatory;
    if (cls.min_met_share && !share_reached(sc.met_pairs[u], sc.scale_pairs[u], *cls.min_met_share)) {
        failed |= fails_met_share;
    }
    if (cls.min_exceeded_share && !share_reached(sc.exceeded_pairs[u], sc.ratio_pairs[u], *cls.min_exceeded_share)) {
        failed |= fails_exceeded_share;
    }
    if (cls.exclude_disqualified && in.disqualified[u]) failed |= fails_disqualified;
    if (cls.history) {  // earlier years, bound from results::history; none given cannot show them
        const std::size_t classes = pl.campaign().classes.size();
        const bool none = in.class_history.empty();
        if (none ? cls.history->consecutive_years > 1 : in.class_history[u * classes + k].year != 0) failed |= fails_history;
    }
    return failed;
}

void classify(const compiled_plan& pl, const columns& in, const scores& sc, const cluster_rankings& by_cluster,
                     classification& out) {
    const auto& classes = pl.campaign().classes;
    out.cls.resize(pl.units());  // every unit's class is written below
    out.refused_by.assign(pl.units(), -1);
    out.tie_admitted.assign(pl.units(), 0);
    out.quotas.clear();
    if (std::all_of(classes.begin(), classes.end(), [](const class_rule& k) { return k.by_score_only(); })) {
        // Classes by score alone (the usual scale): a unit's class is the first, from the one a disqualifying
        // event leaves it, whose min_score its total reaches. No ranking needed.
        const std::size_t last = classes.size() - 1;
        thread_local std::vector<std::int64_t> min_score;  // INT64_MIN: no min_score
        min_score.clear();
        for (const auto& k : classes) min_score.push_back(k.min_score ? k.min_score->micros() : INT64_MIN);
        if (std::is_sorted(min_score.begin(), min_score.begin() + static_cast<std::ptrdiff_t>(last),
                           std::greater<>())) {
            // Thresholds falling class by class (as scales go): the classes a total reaches are the last ones, so
            // the first it reaches is the number it misses. Counting them costs no mispredicted branch.
            const std::int64_t* total = sc.total.data();
            const std::int32_t* forced = in.forced_class.data();
            std::int32_t* cls = out.cls.data();
            for (std::size_t u = 0; u < pl.units(); ++u) {
                std::int32_t missed = 0;
                for (std::size_t k = 0; k < last; ++k) missed += total[u] < min_score[k];
                cls[u] = std::max(missed, forced[u]);
            }
            return;
        }
        for (std::size_t u = 0; u < pl.units(); ++u) {
            std::size_t k = in.forced_class[u] >= 0 ? static_cast<std::size_t>(in.forced_class[u]) : 0;
            while (k < last && sc.total[u] < min_score[k]) ++k;
            out.cls[u] = static_cast<std::int32_t>(k);
        }
        return;
    }
    std::fill(out.cls.begin(), out.cls.end(), static_cast<std::int32_t>(classes.size() - 1));  // the catch-all
    thread_local std::vector<std::int32_t> last_rank;  // per class: rank of the last unit its quota admitted
    for (std::size_t g = 0; g < by_cluster.size(); ++g) {
        const ranking_view r = by_cluster[g];
        const auto size = static_cast<std::int64_t>(r.order.size());
        // Quotas of this cluster, with their bases counted before anyone is admitted.
        const std::size_t first_quota = out.quotas.size();
        for (std::size_t k = 0; k < classes.size(); ++k) {
            if (!classes[k].max_share) continue;
            class_quota q;
            q.cluster = static_cast<std::int32_t>(g);
            q.cls = static_cast<std::int32_t>(k);
            q.base = size;
            if (!classes[k].share_of.empty()) {
                const auto upto = static_cast<std::size_t>(pl.class_index(classes[k].share_of));
                q.base = 0;
                for (std::uint32_t u : r.order) {
                    for (std::size_t j = 0; j <= upto; ++j) {
                        if (class_failures(pl, in, sc, u, j) == 0) {
                            ++q.base;
                            break;
                        }
                    }
                }
            }
            q.limit = share_of_count(*classes[k].max_share, q.base);
            out.quotas.push_back(q);
        }
        last_rank.assign(classes.size(), 0);
        for (std::size_t i = 0; i < r.order.size(); ++i) {
            const std::uint32_t u = r.order[i];
            for (std::size_t k = 0; k < classes.size(); ++k) {
                if (class_failures(pl, in, sc, u, k) != 0) continue;
                if (classes[k].max_share) {
                    class_quota* q = nullptr;
                    for (std::size_t x = first_quota; x < out.quotas.size(); ++x) {
                        if (out.quotas[x].cls == static_cast<std::int32_t>(k)) q = &out.quotas[x];
                    }
                    if (q->admitted >= q->limit) {
                        if (q->admitted == 0 || r.rank[i] != last_rank[k]) {
                            if (out.refused_by[u] < 0) out.refused_by[u] = static_cast<std::int32_t>(k);
                            continue;  // falls through to the next class
                        }
                        out.tie_admitted[u] = 1;
                    }
                    ++q->admitted;
                    last_rank[k] = r.rank[i];
                }
                out.cls[u] = static_cast<std::int32_t>(k);
                break;
            }
        }
    }
}

}  // namespace thidua::detail
