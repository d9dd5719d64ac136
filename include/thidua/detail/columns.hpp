#pragma once
// The input of the kernel: per phase, a units × criteria block of values (and of targets and statuses), plus
// per-unit event counts, late reports, last submission and votes. The blocks are read through pointers, so they
// may live here (results read from rows) or in the caller's memory (arrays, zero-copy from numpy). bind() is where
// result rows meet the campaign, so every reference and every value is checked there, each error naming the
// result row (JSON pointer, CSV line or sheet cell) at fault.

#include <climits>
#include <cstdint>
#include <utility>
#include <vector>

#include "thidua/detail/arrays.hpp"
#include "thidua/detail/compiled_plan.hpp"
#include "thidua/model/results.hpp"
#include "thidua/scoring/arrays.hpp"
#include "thidua/scoring/status.hpp"

namespace thidua::detail {

/// A late report: row `row` of `unit` was submitted after the report_due of `phase`.
struct late_report {
    std::uint32_t unit;
    std::uint32_t phase;
    std::uint32_t row;
};

/// The input of the kernel. Block p has plan::units() rows of plan::criteria_in(p) columns, row-major; slot
/// (p, u, k) is element u × criteria_in(p) + k of it. Move-only: the blocks may point into its own storage.
/// Why a unit fails an award's history gate (award_rule::history), for its explanation: the first year that fails,
/// and what the unit held then. year 0: the gate holds.
struct history_fact {
    std::int32_t year = 0;
    std::int32_t held_class = -1;  ///< the class (campaign index) held that year; -1: no record, or a class unknown now
    bool received = false;         ///< not_within_years: the award was received that year
};

struct columns {
    columns() = default;
    columns(const columns&) = delete;
    columns& operator=(const columns&) = delete;
    columns(columns&&) = default;
    columns& operator=(columns&&) = default;

    // per phase
    std::vector<const std::int64_t*> values;       ///< micros (booleans as 0 or 1)
    std::vector<const std::int64_t*> targets;      ///< micros; a null block or a 0 means the fallback target
    std::vector<const slot_status*> statuses;      ///< a null block means every slot is reported
    // per slot, when the input had rows
    std::vector<std::int32_t> row;                 ///< index of the result row, −1 when none
    // per unit
    uninit_vector<std::int64_t> event_count;      ///< [unit × adjustment]
    /// items of the late penalty: rows submitted after their phase's report_due, or the phases with such a row,
    /// or 1 (late_penalty.per)
    uninit_vector<std::int32_t> late_reports;
    uninit_vector<std::int32_t> last_submission;  ///< latest submitted date (days) of reported rows, INT_MIN: none
    uninit_vector<std::int64_t> vote_yes, vote_of;  ///< the ballot on every award; vote_of 0: no vote
    /// [unit × award]: ballots on one award, which take the place of the unit's vote for that award; empty when
    /// no vote names an award.
    std::vector<std::int64_t> award_vote_yes, award_vote_of;
    uninit_vector<std::uint8_t> disqualified;
    uninit_vector<std::int32_t> forced_class;     ///< class index a veto caps the unit at, −1: none
    std::vector<late_report> late;              ///< by unit, then row order
    std::vector<history_fact> history;          ///< [unit × award] when an award has a history gate, else empty
    std::vector<history_fact> class_history;    ///< [unit × class] when a class has a history gate, else empty
    /// [unit]: hypothetical points added to each total after the caps (a what-if); empty: none.
    std::vector<std::int64_t> total_delta;
    /// Whether the input stated the votes and the events (even as empty tables); report warnings read them.
    bool votes_given = false, events_given = false;
    // Storage of the blocks when they were built here (from result rows), in the plan's slot order.
    std::vector<std::int64_t> value_storage, target_storage;
    std::vector<slot_status> status_storage;

    /// What slot (p, u, k) holds: inapplicable when the criterion does not apply to the unit's kind.
    slot_status status(const compiled_plan& pl, std::size_t p, std::size_t u, std::size_t k) const {
        if (!pl.applies(u, pl.phase_criteria(p)[k])) return slot_status::inapplicable;
        return statuses[p] ? statuses[p][u * pl.criteria_in(p) + k] : slot_status::reported;
    }
    std::int64_t value(const compiled_plan& pl, std::size_t p, std::size_t u, std::size_t k) const {
        return values[p][u * pl.criteria_in(p) + k];
    }
    /// The target slot (p, u, k) is measured against: its own, else the registered or the rule's (0: none).
    std::int64_t target(const compiled_plan& pl, std::size_t p, std::size_t u, std::size_t k) const {
        const std::int64_t own = targets[p] ? targets[p][u * pl.criteria_in(p) + k] : 0;
        return own != 0 ? own : pl.fallback_target(u, pl.phase_criteria(p)[k], p);
    }
    /// The result row behind slot (p, u, k), or −1.
    std::int32_t row_of(const compiled_plan& pl, std::size_t p, std::size_t u, std::size_t k) const {
        return row.empty() ? -1 : row[pl.slot(p, u, k)];
    }

    /// The ballot that decides award `a` (of `awards`) for unit `u`: the unit's vote on that award, else its vote
    /// on every award. {yes, of}; of 0: no vote.
    std::pair<std::int64_t, std::int64_t> ballot(std::size_t u, std::size_t a, std::size_t awards) const {
        if (!award_vote_of.empty() && award_vote_of[u * awards + a] != 0) {
            return {award_vote_yes[u * awards + a], award_vote_of[u * awards + a]};
        }
        return {vote_yes[u], vote_of[u]};
    }

    /// Points the per-phase block pointers at the owned storage (after it is filled or moved in).
    void use_storage(const compiled_plan& pl) {
        values.assign(pl.phases(), nullptr);
        targets.assign(pl.phases(), nullptr);
        statuses.assign(pl.phases(), nullptr);
        for (std::size_t p = 0; p < pl.phases(); ++p) {
            values[p] = value_storage.data() + pl.phase_offset(p);
            targets[p] = target_storage.data() + pl.phase_offset(p);
            statuses[p] = status_storage.data() + pl.phase_offset(p);
        }
    }

    /// Sizes the per-unit arrays for `units` units and `adjustments` adjustments, with nothing recorded.
    void reset_units(std::size_t units, std::size_t adjustments) {
        event_count.assign(units * adjustments, 0);
        late_reports.assign(units, 0);
        last_submission.assign(units, INT_MIN);
        vote_yes.assign(units, 0);
        vote_of.assign(units, 0);
        award_vote_yes.clear();
        award_vote_of.clear();
        disqualified.assign(units, 0);
        forced_class.assign(units, -1);
        late.clear();
        total_delta.clear();
        history.clear();
        class_history.clear();
    }
};

/// Lays `r` out against the plan and checks it (references, duplicates, values, targets).
columns bind(const compiled_plan& pl, const results& r);

/// Wraps the blocks without copying (something keeps them alive as long as the columns and any report made from
/// them live) and checks the per-unit arrays. The values are checked by the kernel, in the loop that reads them,
/// with the same locations.
columns columns_from_blocks(const compiled_plan& pl, const std::vector<block>& blocks, const unit_arrays& extra = {});

}  // namespace thidua::detail
