#pragma once
/// @file columnar.hpp
/// Scoring a population given as arrays: the campaign supplies the rules, the caller supplies the units (ids,
/// kinds, clusters) and, per phase, a units × criteria block of values in micros (and optionally of targets and
/// statuses). The blocks are used where they are, without a copy; every value is checked the way result rows
/// are checked (by the kernel, as it reads them), errors naming the place as "/<phase>/<unit index>/<criterion>"
/// in the document "values".
///
/// @code
/// auto pl = std::make_shared<const thidua::plan>(rules, thidua::population{ids, kinds, clusters});
/// std::vector<thidua::block> blocks{{values.data()}};               // phase 0: units × criteria_in(0)
/// thidua::report report(pl, thidua::columns_from_blocks(*pl, blocks));
/// @endcode

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "thidua/model/campaign.hpp"
#include "thidua/scoring/columns.hpp"
#include "thidua/scoring/plan.hpp"
#include "thidua/model/population.hpp"

namespace thidua {

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

/// The campaign (already validated) with its units replaced by the objects of `people`, which is checked as
/// check_population() checks it. A plan made from the rules and the population directly (plan.hpp) gives the same
/// reports without building the unit objects until something asks for them.
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
    check_population(rules, people);
    rules.units = units_of(rules, people);
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
    in.votes_given = extra.vote_of != nullptr;
    in.events_given = extra.events != nullptr;
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
