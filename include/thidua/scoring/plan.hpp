#pragma once
/// @file plan.hpp
/// A campaign compiled for scoring: ids become dense indices, rules become small tagged records, and the
/// phase × criterion layout and the unit × criterion applicability are computed once. Compile once, score many
/// times (what-if variants, many result sets, stability draws). A plan is a handle: copies share the compiled form,
/// and every report made from it keeps it alive.
///
/// @code
/// const thidua::plan plan(thidua::read_campaign_file("campaign.json"));   // validated, compiled
/// auto first = thidua::score(plan, thidua::read_results_file("results.json"));
/// auto second = thidua::score(plan, thidua::read_results_file("results-v2.json"));
/// @endcode

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "thidua/model/campaign.hpp"
#include "thidua/model/population.hpp"

namespace thidua {

namespace detail {
class compiled_plan;
}

/// A validated, compiled campaign.
class plan {
public:
    /// Validates the campaign (thidua::validate; a campaign that fails throws here, so a plan always holds a valid
    /// one) and compiles it.
    explicit plan(thidua::campaign c);
    /// Validates the rules, checks `people` against them (check_population()) and compiles the rules for those
    /// units, which are kept as arrays: campaign().units is then empty, and unit_list() builds the unit objects on
    /// first use.
    plan(thidua::campaign rules, population people);

    /// The campaign; without its units when the plan was made from a population (see unit_list()).
    const thidua::campaign& campaign() const&;
    const thidua::campaign& campaign() const&& = delete;  ///< would dangle: keep the plan
    /// The units as objects: the campaign's, or those of the population, built on first use.
    const std::vector<unit>& unit_list() const&;
    const std::vector<unit>& unit_list() const&& = delete;  ///< would dangle: keep the plan
    /// SHA-256 of the canonical campaign with its units (the fingerprint reports carry).
    std::string sha256() const;

    /// The number of units.
    std::size_t units() const;
    /// The number of criteria.
    std::size_t criteria() const;
    /// The number of phases.
    std::size_t phases() const;
    /// The number of clusters.
    std::size_t clusters() const;
    /// Position of a unit id, or −1.
    std::int32_t unit_index(std::string_view id) const;
    /// The cluster (its position in campaign().clusters) of unit u.
    std::uint32_t cluster_of(std::size_t u) const;
    /// Units of cluster g, in campaign order.
    std::span<const std::uint32_t> cluster_members(std::size_t g) const&;
    std::span<const std::uint32_t> cluster_members(std::size_t g) const&& = delete;  ///< would dangle

    /// The compiled form, for the library's own passes (detail/compiled_plan.hpp).
    const detail::compiled_plan& compiled() const& { return *compiled_; }
    const detail::compiled_plan& compiled() const&& = delete;
    /// The compiled form as shared with the plan's copies, for reports that keep it alive.
    const std::shared_ptr<const detail::compiled_plan>& compiled_ptr() const { return compiled_; }

private:
    std::shared_ptr<const detail::compiled_plan> compiled_;
};

}  // namespace thidua
