// Result rows meet the campaign: references, duplicates, values and targets checked, each error naming the row.

#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>

#include "thidua/detail/columns.hpp"
#include "thidua/detail/messages.hpp"
#include "thidua/detail/rules.hpp"

namespace thidua::detail {

namespace {

class binder {
public:
    binder(const compiled_plan& pl, const results& r) : pl_(pl), c_(pl.campaign()), r_(r) {}

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
        if (c_.late_penalty && c_.late_penalty->per != late_per::row) count_late_items(c_.late_penalty->per);
        if (r_.as_of) mark_pending(*r_.as_of);
        if (!r_.history.empty()) bind_history();
        out_.use_storage(pl_);
        return std::move(out_);
    }

private:
    /// Earlier years, for the awards' history gates: each past unit is a unit of the campaign or a predecessor of
    /// one (else an error naming it); each gated (unit, award) gets the first year that fails it.
    void bind_history() {
        std::unordered_map<std::string_view, std::uint32_t> owner;  // a past unit id → the unit it is now
        const auto& units = pl_.unit_list();
        for (std::uint32_t u = 0; u < units.size(); ++u) {
            for (const auto& p : units[u].predecessors) owner.emplace(p, u);
        }
        for (std::uint32_t u = 0; u < units.size(); ++u) owner[units[u].id] = u;
        std::map<int, std::vector<past_record>> by_year;
        for (const auto& y : r_.history) {
            for (std::size_t i = 0; i < y.units.size(); ++i) {
                const auto it = owner.find(y.units[i].id);
                if (it == owner.end()) {
                    throw reference_error("history " + std::to_string(y.year) + ": unit '" + y.units[i].id +
                                              "' is neither a unit of the campaign nor a predecessor of one",
                                          {y.source, y.at + "/units/" + std::to_string(i) + "/id", 0, {}});
                }
                by_year[y.year].push_back({it->second, &y.units[i], units[it->second].id == y.units[i].id});
            }
        }
        const std::size_t awards = c_.awards.size(), classes = c_.classes.size();
        const auto gated = [](const auto& items) {
            return std::any_of(items.begin(), items.end(), [](const auto& item) { return item.history.has_value(); });
        };
        const int year = c_.end.year();
        if (gated(c_.awards)) {
            out_.history.assign(units.size() * awards, {});
            for (std::size_t a = 0; a < awards; ++a) {
                if (!c_.awards[a].history) continue;
                for (std::uint32_t u = 0; u < units.size(); ++u) {
                    out_.history[u * awards + a] = look_back(by_year, *c_.awards[a].history, c_.awards[a].id, u, year);
                }
            }
        }
        if (gated(c_.classes)) {
            out_.class_history.assign(units.size() * classes, {});
            for (std::size_t k = 0; k < classes; ++k) {
                if (!c_.classes[k].history) continue;
                for (std::uint32_t u = 0; u < units.size(); ++u) {
                    out_.class_history[u * classes + k] = look_back(by_year, *c_.classes[k].history, {}, u, year);
                }
            }
        }
    }

    struct past_record {
        std::uint32_t unit;
        const past_unit* held;
        bool own;  ///< the unit's own record, not a predecessor's
    };

    /// Unit u against `gate` in the years before `year`: the first year that fails it (year 0: it holds). `award`:
    /// the award whose receipt not_within_years looks for.
    history_fact look_back(const std::map<int, std::vector<past_record>>& by_year, const history_gate& gate,
                           std::string_view award, std::uint32_t u, int year) const {
        const auto& unit = pl_.unit_list()[u];
        const bool any = c_.history_predecessors == predecessors_rule::any;
        const std::int32_t at_least = pl_.class_index(gate.class_at_least);
        // The records of unit u in year y: its own, else its predecessors' (all or any of them must pass).
        const auto passes = [&](int y, auto&& test, history_fact& why) {
            std::vector<const past_unit*> own, merged;
            if (const auto found = by_year.find(y); found != by_year.end()) {
                for (const auto& rec : found->second) {
                    if (rec.unit == u) (rec.own ? own : merged).push_back(rec.held);
                }
            }
            const auto& held = own.empty() ? merged : own;
            const std::size_t expected = own.empty() ? unit.predecessors.size() : 1;
            std::size_t passed = 0;
            for (const auto* h : held) passed += test(*h, why);
            const bool ok = held.empty() ? false : (any && own.empty() ? passed > 0 : passed == expected);
            if (!ok) why.year = y;
            return ok;
        };
        history_fact why;
        bool ok = true;
        for (int y = year - 1; ok && gate.consecutive_years > 0 && y > year - gate.consecutive_years; --y) {
            ok = passes(y, [&](const past_unit& h, history_fact& f) {
                const std::int32_t k = pl_.class_index(h.class_id);
                if (k < 0 || k > at_least) f.held_class = k;
                return k >= 0 && k <= at_least;
            }, why);
        }
        for (int y = year - 1; ok && y >= year - gate.not_within_years; --y) {
            ok = passes(y, [&](const past_unit& h, history_fact& f) {
                const bool received = std::find(h.awards.begin(), h.awards.end(), award) != h.awards.end();
                f.received |= received;
                return !received;
            }, why) || !why.received;  // no record of that year: nothing received
            if (ok) why = {};
        }
        return ok ? history_fact{} : why;
    }

    /// An interim review: in each phase not ended on `as_of`, the slots without a row wait for their results.
    void mark_pending(date as_of) {
        for (std::size_t p = 0; p < pl_.phases(); ++p) {
            if (c_.phases[p].end <= as_of) continue;
            for (std::size_t u = 0; u < pl_.units(); ++u) {
                for (std::size_t k = 0; k < pl_.criteria_in(p); ++k) {
                    auto& status = out_.status_storage[pl_.slot(p, u, k)];
                    if (status == slot_status::absent) status = slot_status::pending;
                }
            }
        }
    }

    /// late_reports as items of the late penalty when an item is not a row: the phases with a late row, or 1.
    void count_late_items(late_per per) {
        std::fill(out_.late_reports.begin(), out_.late_reports.end(), 0);
        for (std::size_t i = 0; i < out_.late.size(); ++i) {  // by unit
            const late_report& l = out_.late[i];
            bool counted = false;  // this unit's phase (or, per unit, anything) is already counted
            for (std::size_t j = i; j-- > 0 && out_.late[j].unit == l.unit;) counted |= per == late_per::unit || out_.late[j].phase == l.phase;
            if (!counted) ++out_.late_reports[l.unit];
        }
    }

    template <class Error = reference_error>
    [[noreturn]] void fail(const origin& o, std::string_view field, const std::string& message) const {
        throw Error(message, r_.where(o, field));
    }
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
            if (by_id < 0) fail(row.origin, "phase", unknown_id_message("phase", row.phase, ids_of(c_.phases)));
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
        if (u < 0) {
            if (i == 0) check_other_campaign();
            fail(row.origin, "unit", unknown_id_message("unit", row.unit, ids_of(pl_.unit_list())));
        }
        const std::int32_t c = pl_.criterion_index(row.criterion);
        if (c < 0) fail(row.origin, "criterion", unknown_id_message("criterion", row.criterion, ids_of(c_.criteria)));
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
            if (*row.target <= decimal{}) {
                fail<validation_error>(row.origin, "target",
                                       value_problem_text(value_problem::bad_target, cr, row.target->to_string()));
            }
            if (row.target_percent) check_percent(row, cr, "target");
            if (cr.min_registration && *row.target < *cr.min_registration) {
                fail<validation_error>(row.origin, "target",
                                       registration_below_floor(row.unit, cr.id, *row.target, *cr.min_registration));
            }
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

    /// Results none of whose units is a unit of the campaign: said as such, rather than as one unknown id.
    void check_other_campaign() const {
        if (r_.rows.size() < 2) return;
        for (const auto& row : r_.rows) {
            if (pl_.unit_index(row.unit) >= 0) return;
        }
        throw reference_error("none of the " + std::to_string(r_.rows.size()) + " result rows names a unit of campaign " +
                                  quoted(c_.id) + " (the first names " + quoted(r_.rows[0].unit) +
                                  "): are these the results of another campaign?",
                              r_.where(r_.rows[0].origin, "unit"));
    }

    void bind_value(const result_row& row, const criterion& cr, std::size_t slot, std::size_t u, std::size_t c,
                    std::size_t p) {
        if (!row.value) fail<validation_error>(row.origin, {}, "a reported result needs a value");
        const auto& v = *row.value;
        if (v.percent) check_percent(row, cr, "value");
        if (cr.value_kind == value_kind::share && !v.is_boolean &&
            (v.number < decimal{} || v.number > decimal::from_int(1))) {
            fail<validation_error>(row.origin, "value", "criterion " + quoted(cr.id) + " measures a share, from 0 to 1 "
                                                        "(or 0% to 100%), found " + v.written());
        }
        if (v.is_boolean && cr.rule.kind != rule_kind::boolean) {
            fail<schema_error>(row.origin, "value", "criterion " + quoted(cr.id) + " is scored by " +
                                                        std::string(to_string(cr.rule.kind)) + " and takes a number, not " + v.written());
        }
        // The rule's own checks (detail/rules.hpp), located at the row's field.
        const compiled_rule& rule = pl_.rule(c);
        const std::int64_t target =
            rule.kind == rule_kind::ratio ? (row.target ? row.target->micros() : pl_.fallback_target(u, c, p)) : 0;
        if (const auto why = problem_of(rule, v.number.micros(), target); why != value_problem::none) {
            const std::string shown = why == value_problem::bad_target ? row.target->to_string() : v.written();
            raise_value_problem(why, cr, shown, r_.where(row.origin, value_problem_field(why)));
        }
        if (rule.kind == rule_kind::ratio) out_.target_storage[slot] = target;
        out_.value_storage[slot] = v.number.micros();
        out_.status_storage[slot] = slot_status::reported;
    }

    /// A percentage ("85%") is read only for a criterion whose value is a share.
    void check_percent(const result_row& row, const criterion& cr, std::string_view field) const {
        if (cr.value_kind == value_kind::share) return;
        fail<schema_error>(row.origin, field, "a percentage is read only for a criterion that measures a share "
                                              "(\"value_kind\": \"share\"); criterion " + quoted(cr.id) +
                                              " takes the number itself");
    }

    void bind_event(const event& e) {
        const std::int32_t u = pl_.unit_index(e.unit);
        if (u < 0) fail(e.origin, "unit", unknown_id_message("unit", e.unit, ids_of(pl_.unit_list())));
        const std::int32_t a = pl_.adjustment_index(e.adjustment);
        if (a < 0) fail(e.origin, "adjustment", unknown_id_message("adjustment", e.adjustment, ids_of(c_.adjustments)));
        if (auto problem = event_problem(e)) problem->raise(r_.where(e.origin, problem->field));
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
        if (u < 0) fail(v.origin, "unit", unknown_id_message("unit", v.unit, ids_of(pl_.unit_list())));
        if (auto problem = vote_problem(v)) problem->raise(r_.where(v.origin, problem->field));
        const auto uu = static_cast<std::size_t>(u);
        // The ballot's place: the unit's vote on every award, or its ballot on one award.
        std::size_t at = uu;
        if (!v.award.empty()) {
            const auto a = index_of(c_.awards, v.award);
            if (a < 0) fail(v.origin, "award", unknown_id_message("award", v.award, ids_of(c_.awards)));
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
        check_council(v);
        if (v.award.empty()) {
            out_.vote_yes[uu] = v.yes;
            out_.vote_of[uu] = v.of;
        } else {
            out_.award_vote_yes[at - pl_.units()] = v.yes;
            out_.award_vote_of[at - pl_.units()] = v.of;
        }
    }

    /// A ballot counts at most the council of the award it decides (council_size): its own award's, or, for a
    /// vote on every award, each award's that has a council.
    void check_council(const vote& v) const {
        for (const auto& award : c_.awards) {
            if (!award.council_size || (!v.award.empty() && v.award != award.id)) continue;
            if (v.of > *award.council_size) {
                fail<validation_error>(v.origin, "of", "the ballot counts " + std::to_string(v.of) +
                                                           " members, more than the council of award " + quoted(award.id) +
                                                           " (council_size " + std::to_string(*award.council_size) + ")");
            }
        }
    }

    const compiled_plan& pl_;
    const campaign& c_;
    const results& r_;
    columns out_;
    std::vector<std::int32_t> vote_at_;  // the vote bound at each ballot place (units, then units × awards), −1
};

}  // namespace

columns bind(const compiled_plan& pl, const results& r) { return binder(pl, r).run(); }

}  // namespace thidua::detail
