#pragma once
/// @file columns.hpp
/// Results laid out for the kernel: per phase, a units × criteria block of values (and of targets and statuses),
/// plus per-unit event counts, late reports, last submission and votes. The blocks are read through pointers, so
/// they may live here (results read from rows) or in the caller's memory (arrays, zero-copy from numpy).
/// bind() is where result rows meet the campaign, so every reference and every value is checked there, each
/// error naming the result row (JSON pointer or CSV line) at fault.

#include <algorithm>
#include <climits>
#include <cstdint>
#include <utility>
#include <vector>

#include "thidua/detail/arrays.hpp"
#include "thidua/detail/messages.hpp"
#include "thidua/scoring/plan.hpp"
#include "thidua/model/results.hpp"

namespace thidua {

/// What a slot holds. Out of the unit's scale: exempt, not_applicable, inapplicable (the criterion does not
/// apply to the unit's kind). In the scale: reported, missing (a row says so) and absent (no row: missing, with
/// a warning).
enum class slot_status : std::uint8_t { reported, missing, absent, exempt, not_applicable, inapplicable };

constexpr bool in_scale(slot_status s) {
    return s == slot_status::reported || s == slot_status::missing || s == slot_status::absent;
}

/// The status a report shows (the four of the results format): absent counts as missing, and a criterion that
/// does not apply to the unit's kind as not_applicable.
constexpr const char* report_name(slot_status s) {
    switch (s) {
        case slot_status::reported: return "reported";
        case slot_status::missing:
        case slot_status::absent: return "missing";
        case slot_status::exempt: return "exempt";
        case slot_status::not_applicable:
        case slot_status::inapplicable: return "not_applicable";
    }
    return "missing";
}

/// A late report: row `row` of `unit` was submitted after the report_due of `phase`.
struct late_report {
    std::uint32_t unit;
    std::uint32_t phase;
    std::uint32_t row;
};

/// The input of the kernel. Block p has plan::units() rows of plan::criteria_in(p) columns, row-major; slot
/// (p, u, k) is element u × criteria_in(p) + k of it. Move-only: the blocks may point into its own storage.
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
    uninit_vector<std::int32_t> late_reports;     ///< rows submitted after their phase's report_due
    uninit_vector<std::int32_t> last_submission;  ///< latest submitted date (days) of reported rows, INT_MIN: none
    uninit_vector<std::int64_t> vote_yes, vote_of;  ///< the ballot on every award; vote_of 0: no vote
    /// [unit × award]: ballots on one award, which take the place of the unit's vote for that award; empty when
    /// no vote names an award.
    std::vector<std::int64_t> award_vote_yes, award_vote_of;
    uninit_vector<std::uint8_t> disqualified;
    uninit_vector<std::int32_t> forced_class;     ///< class index a veto caps the unit at, −1: none
    std::vector<late_report> late;              ///< by unit, then row order
    /// Whether the input stated the votes and the events (even as empty tables); report warnings read them.
    bool votes_given = false, events_given = false;
    // Storage of the blocks when they were built here (from result rows), in the plan's slot order.
    std::vector<std::int64_t> value_storage, target_storage;
    std::vector<slot_status> status_storage;

    /// What slot (p, u, k) holds: inapplicable when the criterion does not apply to the unit's kind.
    slot_status status(const plan& pl, std::size_t p, std::size_t u, std::size_t k) const {
        if (!pl.applies(u, pl.phase_criteria(p)[k])) return slot_status::inapplicable;
        return statuses[p] ? statuses[p][u * pl.criteria_in(p) + k] : slot_status::reported;
    }
    std::int64_t value(const plan& pl, std::size_t p, std::size_t u, std::size_t k) const {
        return values[p][u * pl.criteria_in(p) + k];
    }
    /// The target slot (p, u, k) is measured against: its own, else the registered or the rule's (0: none).
    std::int64_t target(const plan& pl, std::size_t p, std::size_t u, std::size_t k) const {
        const std::int64_t own = targets[p] ? targets[p][u * pl.criteria_in(p) + k] : 0;
        return own != 0 ? own : pl.fallback_target(u, pl.phase_criteria(p)[k], p);
    }
    /// The result row behind slot (p, u, k), or −1.
    std::int32_t row_of(const plan& pl, std::size_t p, std::size_t u, std::size_t k) const {
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
    void use_storage(const plan& pl) {
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
    }
};

/// Lays `r` out against the plan and checks it (references, duplicates, values, targets).
columns bind(const plan& pl, const results& r);

namespace detail {

class binder {
public:
    binder(const plan& pl, const results& r) : pl_(pl), c_(pl.campaign()), r_(r) {}

    columns run() {
        check_campaign_id();
        const std::size_t slots = pl_.slots();
        out_.value_storage.assign(slots, 0);
        out_.target_storage.assign(slots, 0);
        out_.status_storage.assign(slots, slot_status::absent);
        out_.row.assign(slots, -1);
        out_.reset_units(pl_.units(), pl_.adjustments());
        for (std::size_t i = 0; i < r_.rows.size(); ++i) bind_row(i);
        for (const auto& e : r_.events) bind_event(e);
        for (std::size_t i = 0; i < r_.votes.size(); ++i) bind_vote(i);
        out_.votes_given = r_.votes_given || !r_.votes.empty();
        out_.events_given = r_.events_given || !r_.events.empty();
        std::stable_sort(out_.late.begin(), out_.late.end(),
                         [](const late_report& a, const late_report& b) { return a.unit < b.unit; });
        out_.use_storage(pl_);
        return std::move(out_);
    }

private:
    template <class Error = reference_error>
    [[noreturn]] void fail(const origin& o, std::string_view field, const std::string& message) const {
        throw Error(message, r_.where(o, field));
    }
    static std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }
    /// Where an item given twice was first given: its place, with its document when that is another one (another
    /// form, another table).
    std::string first_place(const origin& first, const origin& again) const {
        auto where = r_.where(first);
        if (first.source == again.source) where.document.clear();
        return where.text();
    }

    void check_campaign_id() const {
        if (!r_.campaign.empty() && r_.campaign != c_.id) {
            throw reference_error("these results are for campaign " + quoted(r_.campaign) + ", not " + quoted(c_.id),
                                  {r_.sources.at(r_.campaign_source).name, "/campaign", 0, {}});
        }
    }

    std::int32_t locate_phase(const result_row& row) const {
        std::int32_t by_id = -1, by_date = -1;
        if (!row.phase.empty()) {
            by_id = pl_.phase_index(row.phase);
            if (by_id < 0) fail(row.origin, "phase", detail::unknown_id_message("phase", row.phase, detail::ids_of(c_.phases)));
        }
        if (row.on) {
            by_date = pl_.phase_at(*row.on);
            if (by_date < 0) {
                fail<validation_error>(row.origin, "date",
                                       "the date " + row.on->to_string() + " lies outside every phase (the campaign runs " +
                                           c_.start.to_string() + "–" + c_.end.to_string() + ")");
            }
            if (by_id >= 0 && by_id != by_date) {
                fail<validation_error>(row.origin, "date",
                                       "the date " + row.on->to_string() + " lies in phase " +
                                           c_.phases[static_cast<std::size_t>(by_date)].id + ", not in phase " + row.phase);
            }
        }
        if (by_id >= 0) return by_id;
        if (by_date >= 0) return by_date;
        if (pl_.phases() == 1) return 0;
        fail<validation_error>(row.origin, {},
                               "the row names no phase: give 'phase' or 'date' (the campaign has " +
                                   std::to_string(pl_.phases()) + " phases)");
    }

    void bind_row(std::size_t i) {
        const auto& row = r_.rows[i];
        const std::int32_t u = pl_.unit_index(row.unit);
        if (u < 0) fail(row.origin, "unit", detail::unknown_id_message("unit", row.unit, detail::ids_of(pl_.unit_list())));
        const std::int32_t c = pl_.criterion_index(row.criterion);
        if (c < 0) fail(row.origin, "criterion", detail::unknown_id_message("criterion", row.criterion, detail::ids_of(c_.criteria)));
        const std::int32_t p = locate_phase(row);
        const auto& cr = c_.criteria[static_cast<std::size_t>(c)];
        const auto& ph = c_.phases[static_cast<std::size_t>(p)];
        const std::int32_t k = pl_.position_in_phase(static_cast<std::size_t>(p), static_cast<std::size_t>(c));
        if (k < 0) {
            fail<validation_error>(row.origin, "criterion",
                                   "criterion " + quoted(cr.id) + " is not scored in phase " + quoted(ph.id));
        }
        const std::size_t slot = pl_.slot(static_cast<std::size_t>(p), static_cast<std::size_t>(u),
                                          static_cast<std::size_t>(k));
        if (out_.row[slot] >= 0) {
            fail<validation_error>(row.origin, {},
                                   "duplicate result for unit " + quoted(row.unit) + ", criterion " + quoted(cr.id) +
                                       ", phase " + quoted(ph.id) + " (first given at " +
                                       first_place(r_.rows[static_cast<std::size_t>(out_.row[slot])].origin, row.origin) + ")");
        }
        out_.row[slot] = static_cast<std::int32_t>(i);
        const bool applicable = pl_.applies(static_cast<std::size_t>(u), static_cast<std::size_t>(c));
        if (!applicable && row.status != result_status::not_applicable) {
            fail<validation_error>(row.origin, "criterion",
                                   "criterion " + quoted(cr.id) + " does not apply to unit kind " +
                                       quoted(pl_.unit_list()[static_cast<std::size_t>(u)].kind) +
                                       "; leave the row out or give status 'not_applicable'");
        }
        if (row.status != result_status::reported && row.value) {
            fail<validation_error>(row.origin, "value",
                                   "a value is given but the status is '" + std::string(to_string(row.status)) +
                                       "'; only reported rows carry a value");
        }
        if (row.target) {
            if (cr.rule.kind != rule_kind::ratio) {
                fail<validation_error>(row.origin, "target", "only ratio criteria take a target; " + quoted(cr.id) +
                                                                 " is scored by " + std::string(to_string(cr.rule.kind)));
            }
            if (*row.target <= decimal{}) fail<validation_error>(row.origin, "target", "a target must be greater than 0");
        }
        switch (row.status) {
            case result_status::reported: bind_value(row, cr, slot, static_cast<std::size_t>(u), static_cast<std::size_t>(c),
                                                     static_cast<std::size_t>(p)); break;
            case result_status::missing: out_.status_storage[slot] = slot_status::missing; break;
            case result_status::exempt: out_.status_storage[slot] = slot_status::exempt; break;
            case result_status::not_applicable: out_.status_storage[slot] = slot_status::not_applicable; break;
        }
        if (row.submitted) {
            if (row.status == result_status::reported) {
                out_.last_submission[static_cast<std::size_t>(u)] =
                    std::max(out_.last_submission[static_cast<std::size_t>(u)], row.submitted->days());
            }
            if (ph.report_due && *row.submitted > *ph.report_due) {
                ++out_.late_reports[static_cast<std::size_t>(u)];
                out_.late.push_back({static_cast<std::uint32_t>(u), static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(i)});
            }
        }
    }

    void bind_value(const result_row& row, const criterion& cr, std::size_t slot, std::size_t u, std::size_t c,
                    std::size_t p) {
        if (!row.value) fail<validation_error>(row.origin, {}, "a reported result needs a value");
        const auto& v = *row.value;
        const std::string kind(to_string(cr.rule.kind));
        if (v.is_boolean && cr.rule.kind != rule_kind::boolean) {
            fail<schema_error>(row.origin, "value",
                               "criterion " + quoted(cr.id) + " is scored by " + kind + " and takes a number, not " + v.text);
        }
        switch (cr.rule.kind) {
            case rule_kind::ratio: {
                if (v.number < decimal{}) {
                    fail<validation_error>(row.origin, "value", "a ratio value must not be negative, found " + v.text);
                }
                const std::int64_t target = row.target ? row.target->micros() : pl_.fallback_target(u, c, p);
                if (target == 0) {
                    fail<validation_error>(row.origin, {},
                                           "no target for ratio criterion " + quoted(cr.id) +
                                               ": give 'target' in the row, register one under /targets, or set "
                                               "the rule's target");
                }
                out_.target_storage[slot] = target;
                break;
            }
            case rule_kind::boolean:
                if (!v.is_boolean && v.number != decimal{} && v.number != decimal::from_int(1)) {
                    fail<schema_error>(row.origin, "value",
                                       "a boolean criterion takes true or false (or 1 or 0), found " + v.text);
                }
                break;
            case rule_kind::manual:
                if (v.number > cr.max_points) {
                    fail<validation_error>(row.origin, "value",
                                           "manual value " + v.text + " is above max_points " +
                                               cr.max_points.to_string() + " (a manual value is the points)");
                }
                if (v.number < decimal{}) {
                    fail<validation_error>(row.origin, "value",
                                           "manual value " + v.text + " is negative (a manual value is the points)");
                }
                break;
            case rule_kind::bands: break;
        }
        out_.value_storage[slot] = v.number.micros();
        out_.status_storage[slot] = slot_status::reported;
    }

    void bind_event(const event& e) {
        const std::int32_t u = pl_.unit_index(e.unit);
        if (u < 0) fail(e.origin, "unit", detail::unknown_id_message("unit", e.unit, detail::ids_of(pl_.unit_list())));
        const std::int32_t a = pl_.adjustment_index(e.adjustment);
        if (a < 0) fail(e.origin, "adjustment", detail::unknown_id_message("adjustment", e.adjustment, detail::ids_of(c_.adjustments)));
        if (auto problem = detail::event_problem(e)) problem->raise(r_.where(e.origin, problem->field));
        const auto uu = static_cast<std::size_t>(u);
        out_.event_count[uu * pl_.adjustments() + static_cast<std::size_t>(a)] += e.count;
        const auto& adj = c_.adjustments[static_cast<std::size_t>(a)];
        if (adj.kind == adjustment_kind::disqualify) {
            out_.disqualified[uu] = 1;
            const std::int32_t forced = pl_.class_index(adj.forces_class);
            out_.forced_class[uu] = std::max(out_.forced_class[uu], forced);  // the lowest class wins
        }
    }

    void bind_vote(std::size_t i) {
        const vote& v = r_.votes[i];
        const std::int32_t u = pl_.unit_index(v.unit);
        if (u < 0) fail(v.origin, "unit", detail::unknown_id_message("unit", v.unit, detail::ids_of(pl_.unit_list())));
        if (auto problem = detail::vote_problem(v)) problem->raise(r_.where(v.origin, problem->field));
        const auto uu = static_cast<std::size_t>(u);
        // The ballot's place: the unit's vote on every award, or its ballot on one award.
        std::size_t at = uu;
        if (!v.award.empty()) {
            const auto a = index_of(c_.awards, v.award);
            if (a < 0) fail(v.origin, "award", detail::unknown_id_message("award", v.award, detail::ids_of(c_.awards)));
            if (out_.award_vote_of.empty()) {
                out_.award_vote_yes.assign(pl_.units() * c_.awards.size(), 0);
                out_.award_vote_of.assign(pl_.units() * c_.awards.size(), 0);
            }
            at = pl_.units() + uu * c_.awards.size() + static_cast<std::size_t>(a);
        }
        if (vote_at_.empty()) vote_at_.assign(pl_.units() * (1 + c_.awards.size()), -1);
        if (vote_at_[at] >= 0) {
            fail<validation_error>(v.origin, "unit",
                                   "a second vote for unit " + quoted(v.unit) +
                                       (v.award.empty() ? " on every award" : " on award " + quoted(v.award)) +
                                       " (first given at " + first_place(r_.votes[static_cast<std::size_t>(vote_at_[at])].origin, v.origin) + ")");
        }
        vote_at_[at] = static_cast<std::int32_t>(i);
        if (v.award.empty()) {
            out_.vote_yes[uu] = v.yes;
            out_.vote_of[uu] = v.of;
        } else {
            out_.award_vote_yes[at - pl_.units()] = v.yes;
            out_.award_vote_of[at - pl_.units()] = v.of;
        }
    }

    const plan& pl_;
    const campaign& c_;
    const results& r_;
    columns out_;
    std::vector<std::int32_t> vote_at_;  // the vote bound at each ballot place (units, then units × awards), −1
};

}  // namespace detail

inline columns bind(const plan& pl, const results& r) { return detail::binder(pl, r).run(); }

}  // namespace thidua
