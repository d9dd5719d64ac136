#pragma once
// Giving the awards over a report's arrays (src/outcomes/awards.cpp).

#include <cstdint>
#include <vector>

#include "thidua/detail/classes.hpp"
#include "thidua/detail/columns.hpp"
#include "thidua/detail/compiled_plan.hpp"
#include "thidua/detail/kernel.hpp"
#include "thidua/detail/ranking.hpp"
#include "thidua/outcomes/awards.hpp"

namespace thidua::detail {

struct award_outcome {
    uninit_vector<std::uint8_t> given;      ///< [unit × award]
    uninit_vector<std::uint8_t> tie_given;  ///< [unit × award]: received as a tie with the last receiver
    uninit_vector<unsigned> refused;        ///< [unit × award]: award_refusal bits, 0 when given
    uninit_vector<std::int32_t> exclusive_holder;  ///< [unit × award]: the award index that excluded it, −1
    std::vector<std::vector<std::int64_t>> quota;  ///< [award][scope group]: how many it could go to
};

/// Gives every award into `out` (reusing its storage); `by_cluster` are the cluster rankings and `overall` the
/// ranking of all units (unused when no award has the overall scope).
void give_awards(const compiled_plan& pl, const columns& in, const scores& sc, const classification& cl,
                 const cluster_rankings& by_cluster, const ranking& overall, award_outcome& out);

/// The same, returning a new outcome.
inline award_outcome give_awards(const compiled_plan& pl, const columns& in, const scores& sc, const classification& cl,
                                 const cluster_rankings& by_cluster, const ranking& overall) {
    award_outcome out;
    give_awards(pl, in, sc, cl, by_cluster, overall, out);
    return out;
}

}  // namespace thidua::detail
