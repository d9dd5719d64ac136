#pragma once
// Classification over a report's arrays (src/outcomes/classes.cpp).

#include <cstdint>
#include <vector>

#include "thidua/detail/arrays.hpp"
#include "thidua/detail/columns.hpp"
#include "thidua/detail/compiled_plan.hpp"
#include "thidua/detail/kernel.hpp"
#include "thidua/detail/ranking.hpp"
#include "thidua/outcomes/classes.hpp"

namespace thidua::detail {

/// Which conditions of class k unit u fails, quotas aside (0: it qualifies).
unsigned class_failures(const compiled_plan& pl, const columns& in, const scores& sc, std::size_t u, std::size_t k);

struct classification {
    uninit_vector<std::int32_t> cls;          ///< per unit: class index
    uninit_vector<std::int32_t> refused_by;   ///< per unit: the first class whose quota refused it, −1: none
    uninit_vector<std::uint8_t> tie_admitted; ///< per unit: admitted past a full quota because tied with the last one
    std::vector<class_quota> quotas;        ///< one per (cluster, class with max_share)

    const class_quota* quota(std::size_t cluster, std::size_t k) const {
        for (const auto& q : quotas) {
            if (q.cluster == static_cast<std::int32_t>(cluster) && q.cls == static_cast<std::int32_t>(k)) return &q;
        }
        return nullptr;
    }
};

/// Classifies every unit into `out` (reusing its storage); `by_cluster[g]` is the ranking of cluster g.
void classify(const compiled_plan& pl, const columns& in, const scores& sc, const cluster_rankings& by_cluster,
              classification& out);

/// The same, returning a new classification.
inline classification classify(const compiled_plan& pl, const columns& in, const scores& sc,
                               const cluster_rankings& by_cluster) {
    classification out;
    classify(pl, in, sc, by_cluster, out);
    return out;
}

/// floor(share × n) for a share in micros.
std::int64_t share_of_count(decimal share, std::int64_t n);

/// count / of ≥ share, exactly; false when of is 0.
bool share_reached(std::int64_t count, std::int64_t of, decimal share);
/// count / of with 4 fractional digits, cut rather than rounded, so that a share below a threshold never reads as
/// reaching it (0 when of is 0): the share a ballot record and an award's reason show.
decimal cut_share(std::int64_t count, std::int64_t of);

}  // namespace thidua::detail
