#pragma once
/// @file columnar.hpp
/// Scoring a population given as arrays: the campaign supplies the rules, the caller supplies the units (ids,
/// kinds, clusters) and, per phase, a units × criteria block of values in micros (and optionally of targets and
/// statuses). The blocks are used where they are, without a copy; every value is checked the way result rows
/// are checked (by the kernel, as it reads them), errors naming the place as "/<phase>/<unit index>/<criterion>"
/// in the document "values".
///
/// @code
/// auto pl = std::make_shared<const thidua::plan>(thidua::with_population(rules, {ids, kinds, clusters}));
/// std::vector<thidua::block> blocks{{values.data()}};               // phase 0: units × criteria_in(0)
/// auto report = thidua::score(pl, thidua::columns_from_blocks(*pl, blocks));
/// @endcode

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "thidua/campaign.hpp"
#include "thidua/columns.hpp"
#include "thidua/detail/parallel.hpp"
#include "thidua/plan.hpp"

namespace thidua {

/// A numeric unit attribute as an array (micros); missing_attribute marks a unit without it.
struct attribute_column {
    std::string name;
    std::vector<std::int64_t> micros;
};
constexpr std::int64_t missing_attribute = INT64_MIN;

/// Units given as parallel arrays. A large population can avoid strings per unit: leave `ids` empty (the units
/// are named by their row, "0", "1", …), give one kind for every unit, and clusters as positions in the
/// campaign's cluster list. `names` and `attributes` may be empty.
struct population {
    std::vector<std::string> ids;
    std::vector<std::string> kinds;              ///< one per unit, or one for every unit
    std::vector<std::string> clusters;           ///< ids of the campaign's clusters, one per unit …
    std::vector<std::uint32_t> cluster_indices;  ///< … or their positions in the campaign's list
    std::vector<std::string> names;
    std::vector<attribute_column> attributes;

    std::size_t size() const { return std::max({ids.size(), clusters.size(), cluster_indices.size()}); }
};

/// One phase's input: row-major blocks of plan::units() × plan::criteria_in(p).
struct block {
    const std::int64_t* values = nullptr;    ///< micros; a boolean is the decimal 1 or 0 (1000000 or 0 micros)
    const std::int64_t* targets = nullptr;   ///< micros; null, or 0 in a cell: the registered or rule target
    const slot_status* statuses = nullptr;   ///< null: every slot reported
};

/// Per-unit inputs besides the values; null pointers mean none.
struct unit_arrays {
    const std::int64_t* vote_yes = nullptr;         ///< with vote_of
    const std::int64_t* vote_of = nullptr;          ///< 0: no vote
    const std::int64_t* events = nullptr;           ///< units × adjustments counts, row-major
    const std::int32_t* late_reports = nullptr;     ///< reports submitted after their phase's report_due
    const std::int32_t* last_submission = nullptr;  ///< latest submission of a reported value, days since
                                                    ///< 1970-01-01; INT_MIN: none
};

/// The campaign (already validated) with its units replaced by `people`, which is checked: sizes, unique ids,
/// known clusters, and registered targets naming units of the population. Errors are located as
/// "/ids/<i>", "/clusters/<i>" … in the document "population".
campaign with_population(campaign rules, population people);

/// Wraps the blocks without copying (the caller keeps them alive as long as the columns and any report made from
/// them live) and checks the per-unit arrays. The values are checked by the kernel, in the loop that reads them,
/// with the same locations.
columns columns_from_blocks(const plan& pl, const std::vector<block>& blocks, const unit_arrays& extra = {});

/// A float64 value as micros when it is the double nearest to a decimal with at most 6 fractional digits
/// (0.1 → 100000); false otherwise (0.1 + 0.2, 1e-7, NaN, infinities, magnitudes beyond 2^53 micros).
inline bool micros_from_double(double x, std::int64_t& micros) {
    if (!std::isfinite(x) || std::fabs(x) >= 9007199254.740992) return false;  // 2^53 micros: exact doubles
    const auto m = static_cast<std::int64_t>(std::llround(x * 1e6));
    for (std::int64_t candidate : {m, m - 1, m + 1}) {
        if (static_cast<double>(candidate) / 1e6 == x) {  // one correctly rounded division: the nearest double
            micros = candidate;
            return true;
        }
    }
    return false;
}

inline campaign with_population(campaign rules, population people) {
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
    // The references first, in order, so that the error is the first unit's; then the units, which cannot fail,
    // filled by two threads for a large population (a million units take a tenth of a second alone).
    for (std::size_t u = 0; u < n; ++u) {
        if (!people.ids.empty() && people.ids[u].empty()) {
            throw reference_error("an id must not be empty", {"population", "/ids/" + std::to_string(u), 0, {}});
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
    const unsigned threads = n < (1u << 16) ? 1 : std::min(2u, detail::thread_count(0));
    std::vector<unit> units;
    units.reserve(n);
    if (threads > 1) detail::touch_pages(units.data(), n * sizeof(unit), threads);
    units.resize(n);
    const auto fill = [&](std::size_t begin, std::size_t end) {
        for (std::size_t u = begin; u < end; ++u) {
            auto& unit = units[u];
            unit.id = people.ids.empty() ? std::to_string(u) : std::move(people.ids[u]);
            unit.kind = people.kinds.size() == 1 ? people.kinds[0] : std::move(people.kinds[u]);
            unit.cluster = people.cluster_indices.empty() ? std::move(people.clusters[u])
                                                          : rules.clusters[people.cluster_indices[u]].id;
            if (!people.names.empty()) unit.name = std::move(people.names[u]);
            for (const auto& column : people.attributes) {
                const std::int64_t m = column.micros[u];
                if (m == missing_attribute) continue;
                const decimal d = decimal::from_micros(m);
                unit.attributes.push_back({column.name, d.to_string(), false, d});
            }
        }
    };
    detail::in_parallel(threads, [&](unsigned t) { fill(n * t / threads, n * (t + 1) / threads); });
    if (!people.ids.empty() || !rules.targets.empty()) {
        // Ids given by the caller must be unique, and registered targets must name units of the population.
        std::unordered_map<std::string_view, std::size_t> first;
        first.reserve(n);
        for (std::size_t u = 0; u < n; ++u) {
            const auto [it, added] = first.emplace(units[u].id, u);
            if (!added) {
                throw reference_error("duplicate unit id '" + units[u].id + "' (also /ids/" + std::to_string(it->second) + ")",
                                      {"population", "/ids/" + std::to_string(u), 0, {}});
            }
        }
        for (std::size_t t = 0; t < rules.targets.size(); ++t) {
            if (!first.count(rules.targets[t].unit)) {
                throw reference_error("the registered target of unit '" + rules.targets[t].unit +
                                          "' names a unit that is not in the population",
                                      {"campaign", "/targets/" + std::to_string(t) + "/unit", 0, {}});
            }
        }
    }
    rules.units = std::move(units);
    return rules;
}

inline columns columns_from_blocks(const plan& pl, const std::vector<block>& blocks, const unit_arrays& extra) {
    const auto& c = pl.campaign();
    if (blocks.size() != pl.phases()) {
        throw schema_error("expected one block per phase (" + std::to_string(pl.phases()) + "), found " +
                               std::to_string(blocks.size()),
                           {"values", "", 0, {}});
    }
    columns in;
    in.reset_units(pl.units(), pl.adjustments());
    in.values.resize(pl.phases());
    in.targets.resize(pl.phases());
    in.statuses.resize(pl.phases());
    for (std::size_t p = 0; p < pl.phases(); ++p) {
        const block& b = blocks[p];
        if (!b.values) throw schema_error("no values for phase " + c.phases[p].id, {"values", "/" + c.phases[p].id, 0, {}});
        in.values[p] = b.values;
        in.targets[p] = b.targets;
        in.statuses[p] = b.statuses;
    }
    for (std::size_t u = 0; u < pl.units(); ++u) {
        if (extra.vote_of) {
            const std::int64_t yes = extra.vote_yes ? extra.vote_yes[u] : 0, of = extra.vote_of[u];
            if (of < 0 || yes < 0 || yes > of) {
                throw validation_error("a vote needs 0 ≤ yes ≤ of, found " + std::to_string(yes) + " of " + std::to_string(of),
                                       {"votes", "/" + std::to_string(u), 0, {}});
            }
            in.vote_yes[u] = yes;
            in.vote_of[u] = of;
        }
        if (extra.late_reports) {
            if (extra.late_reports[u] < 0) {
                throw validation_error("a late report count must not be negative",
                                       {"late_reports", "/" + std::to_string(u), 0, {}});
            }
            in.late_reports[u] = extra.late_reports[u];
        }
        if (extra.last_submission) in.last_submission[u] = extra.last_submission[u];
        for (std::size_t a = 0; extra.events && a < pl.adjustments(); ++a) {
            const std::int64_t count = extra.events[u * pl.adjustments() + a];
            if (count < 0) {
                throw validation_error("an event count must not be negative",
                                       {"events", "/" + std::to_string(u) + "/" + c.adjustments[a].id, 0, {}});
            }
            in.event_count[u * pl.adjustments() + a] = count;
            if (count > 0 && c.adjustments[a].kind == adjustment_kind::disqualify) {
                in.disqualified[u] = 1;
                in.forced_class[u] = std::max(in.forced_class[u], pl.class_index(c.adjustments[a].forces_class));
            }
        }
    }
    return in;
}

}  // namespace thidua
