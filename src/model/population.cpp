// Populations: checked against a campaign's rules, and the unit objects they stand for.

#include "thidua/model/population.hpp"

#include <charconv>
#include <unordered_map>

#include "thidua/core/error.hpp"
#include "thidua/detail/parallel.hpp"

namespace thidua {

void check_population(const campaign& rules, const population& people) {
    const std::size_t n = people.size();
    auto fail = [](const std::string& pointer, const std::string& message) -> void {
        throw schema_error(message, {"population", pointer, 0, {}});
    };
    auto check_size = [&](const char* what, std::size_t size, bool may_be_one) {
        if (size != n && !(may_be_one && size == 1)) {
            fail(std::string("/") + what, std::string(what) + " has " + std::to_string(size) + " entries for " +
                                              std::to_string(n) + " units");
        }
    };
    if (n == 0) fail("", "a population needs at least one unit");
    if (!people.ids.empty()) check_size("ids", people.ids.size(), false);
    check_size("kinds", people.kinds.size(), true);
    if (people.cluster_indices.empty()) check_size("clusters", people.clusters.size(), false);
    else check_size("cluster_indices", people.cluster_indices.size(), false);
    if (!people.names.empty()) check_size("names", people.names.size(), false);
    for (const auto& column : people.attributes) check_size(("attributes/" + column.name).c_str(), column.micros.size(), false);

    std::unordered_map<std::string_view, std::uint32_t> cluster_ids;  // only to check clusters given as ids
    if (people.cluster_indices.empty()) {
        for (std::size_t g = 0; g < rules.clusters.size(); ++g) cluster_ids.emplace(rules.clusters[g].id, g);
    }
    // In unit order, so that the error is the first unit's.
    std::unordered_map<std::string_view, std::size_t> first;
    if (!people.ids.empty()) first.reserve(n);
    for (std::size_t u = 0; u < n; ++u) {
        if (!people.ids.empty()) {
            if (people.ids[u].empty()) {
                throw reference_error("an id must not be empty", {"population", "/ids/" + std::to_string(u), 0, {}});
            }
            const auto [it, added] = first.emplace(people.ids[u], u);
            if (!added) {
                throw reference_error("duplicate unit id '" + people.ids[u] + "' (also /ids/" + std::to_string(it->second) + ")",
                                      {"population", "/ids/" + std::to_string(u), 0, {}});
            }
        }
        if (people.cluster_indices.empty()) {
            if (!cluster_ids.count(people.clusters[u])) {
                throw reference_error("unknown cluster '" + people.clusters[u] + "'",
                                      {"population", "/clusters/" + std::to_string(u), 0, {}});
            }
        } else if (people.cluster_indices[u] >= rules.clusters.size()) {
            throw reference_error("cluster index " + std::to_string(people.cluster_indices[u]) + " is beyond the " +
                                      std::to_string(rules.clusters.size()) + " clusters of the campaign",
                                  {"population", "/cluster_indices/" + std::to_string(u), 0, {}});
        }
    }
    // Units named by their row: "0", "1", … "n − 1", written without leading zeros.
    const auto is_row_id = [&](std::string_view id) {
        std::size_t row = 0;
        const auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), row);
        return error == std::errc() && end == id.data() + id.size() && row < n && std::to_string(row) == id;
    };
    for (std::size_t t = 0; t < rules.targets.size(); ++t) {
        const std::string& unit = rules.targets[t].unit;
        if (people.ids.empty() ? !is_row_id(unit) : !first.count(unit)) {
            throw reference_error("the registered target of unit '" + unit + "' names a unit that is not in the population",
                                  {"campaign", "/targets/" + std::to_string(t) + "/unit", 0, {}});
        }
    }
    for (std::size_t r = 0; r < rules.registrations.size(); ++r) {
        const std::string& unit = rules.registrations[r].unit;
        if (people.ids.empty() ? !is_row_id(unit) : !first.count(unit)) {
            throw reference_error("the registration of unit '" + unit + "' names a unit that is not in the population",
                                  {"campaign", "/registrations/" + std::to_string(r) + "/unit", 0, {}});
        }
    }
}

std::vector<unit> units_of(const campaign& rules, const population& people) {
    const std::size_t n = people.size();
    const unsigned threads = n < (1u << 16) ? 1 : std::min(2u, detail::thread_count(0));
    std::vector<unit> units;
    units.reserve(n);
    if (threads > 1) detail::touch_pages(units.data(), n * sizeof(unit), threads);
    units.resize(n);
    const auto fill = [&](std::size_t begin, std::size_t end) {
        for (std::size_t u = begin; u < end; ++u) {
            auto& unit = units[u];
            unit.id = people.id(u);
            unit.kind = people.kind(u);
            unit.cluster = people.cluster_indices.empty() ? people.clusters[u] : rules.clusters[people.cluster_indices[u]].id;
            if (!people.names.empty()) unit.name = people.names[u];
            for (const auto& column : people.attributes) {
                const std::int64_t m = column.micros[u];
                if (m == missing_attribute) continue;
                const decimal d = decimal::from_micros(m);
                unit.attributes.push_back({column.name, d.to_string(), false, d});
            }
        }
    };
    detail::in_parallel(threads, [&](unsigned t) { fill(n * t / threads, n * (t + 1) / threads); });
    return units;
}

}  // namespace thidua
