#pragma once
/// @file population.hpp
/// Units given as parallel arrays (a population), how they are checked against a campaign's rules, and the unit
/// objects they stand for. A plan made from a population keeps the arrays (plan.hpp): the kernel needs each
/// unit's kind and cluster only, and a million unit objects cost more to build and free than scoring takes. The
/// objects are built when something asks for them (a report's JSON, explanations, result rows naming units).

#include <algorithm>
#include <climits>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "thidua/model/campaign.hpp"

namespace thidua {

/// A numeric unit attribute as an array (micros); missing_attribute marks a unit without it.
struct attribute_column {
    std::string name;  ///< the attribute's name, as a tie-break names it
    std::vector<std::int64_t> micros;  ///< one value per unit, in micros
};
/// The value of attribute_column::micros for a unit without the attribute.
constexpr std::int64_t missing_attribute = INT64_MIN;

/// Units given as parallel arrays. A large population can avoid strings per unit: leave `ids` empty (the units
/// are named by their row, "0", "1", …), give one kind for every unit, and clusters as positions in the
/// campaign's cluster list. `names` and `attributes` may be empty.
struct population {
    std::vector<std::string> ids;  ///< one per unit; empty: units are named by their row ("0", "1", …)
    std::vector<std::string> kinds;              ///< one per unit, or one for every unit
    std::vector<std::string> clusters;           ///< ids of the campaign's clusters, one per unit …
    std::vector<std::uint32_t> cluster_indices;  ///< … or their positions in the campaign's list
    std::vector<std::string> names;  ///< one per unit, or empty
    std::vector<attribute_column> attributes;  ///< numeric attributes, each one value per unit

    /// The number of units.
    std::size_t size() const { return std::max({ids.size(), clusters.size(), cluster_indices.size()}); }
    /// The id of unit u: ids[u], or its row number when ids is empty.
    std::string id(std::size_t u) const { return ids.empty() ? std::to_string(u) : ids[u]; }
    /// The kind of unit u.
    const std::string& kind(std::size_t u) const { return kinds.size() == 1 ? kinds[0] : kinds[u]; }
};

/// Checks `people` against the rules: sizes, ids neither empty nor repeated, known clusters, and registered
/// targets naming units of the population. Errors are located as "/ids/<i>", "/clusters/<i>" … in the document
/// "population".
void check_population(const campaign& rules, const population& people);

/// The unit objects of a checked population, built by two threads for a large one.
std::vector<unit> units_of(const campaign& rules, const population& people);

}  // namespace thidua
