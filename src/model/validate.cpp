// The rules of docs/semantics.md §6 that relate values of one campaign. Each error names the value at fault with a JSON
// pointer into the campaign document.

#include <algorithm>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "thidua/model/campaign.hpp"
#include "thidua/model/results.hpp"
#include "thidua/detail/int128.hpp"
#include "thidua/detail/json_reader.hpp"

namespace thidua {

namespace {

using detail::quoted;

/// Positions of ids, so that every check stays linear however many units and references there are.
using id_map = std::unordered_map<std::string_view, std::size_t>;

template <class Range>
id_map map_ids(const Range& items) {
    id_map m;
    m.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) m.emplace(items[i].id, i);  // the first of duplicates
    return m;
}

std::string span(const phase& p) { return p.start.to_string() + "–" + p.end.to_string(); }

class checker {
public:
    /// `units_apart`: the units come with a population, which check_population() checks (and the registered
    /// targets' units against it).
    checker(const campaign& c, const std::string& document, bool units_apart)
        : c_(c),
          document_(document),
          units_apart_(units_apart),
          clusters_(map_ids(c.clusters)),
          units_(map_ids(c.units)),
          phases_(map_ids(c.phases)),
          groups_(map_ids(c.groups)),
          criteria_(map_ids(c.criteria)),
          classes_(map_ids(c.classes)),
          awards_(map_ids(c.awards)) {}

    void run() {
        check_header();
        check_ids();
        check_units();
        check_phases();
        check_criteria();
        check_targets();
        check_registrations();
        check_adjustments();
        check_classes();
        check_tie_breaks();
        check_awards();
        check_goals();
    }

private:
    template <class Error = validation_error>
    [[noreturn]] void fail(const std::string& pointer, const std::string& message) const {
        throw Error(message, {document_, pointer, 0, {}});
    }
    /// Fails unless `id` is in `known` (the ids of `items`); the message suggests the nearest id.
    template <class Range>
    void check_known(const std::string& pointer, std::string_view what, std::string_view id, const id_map& known,
                     const Range& items) const {
        if (known.count(id) == 0) {
            fail<reference_error>(pointer, detail::unknown_id_message(what, id, detail::ids_of(items)));
        }
    }

    /// Points written in the campaign carry at most `precision` fractional digits. Messages name the key
    /// ("max_points 0 must be greater than 0").
    void check_points(const std::string& pointer, decimal value, bool positive = false) const {
        const std::string key = pointer.substr(pointer.rfind('/') + 1) + " " + value.to_string();
        if (value.fraction_digits() > c_.precision) {
            fail(pointer, key + " has more fractional digits than the campaign's precision (" +
                              std::to_string(c_.precision) + ")");
        }
        if (positive ? value <= decimal{} : value < decimal{}) {
            fail(pointer, key + (positive ? " must be greater than 0" : " must not be negative"));
        }
    }
    void check_share(const std::string& pointer, decimal value) const {
        if (value < decimal{} || value > decimal::from_int(1)) {
            fail(pointer, "a share is between 0 and 1, found " + value.to_string());
        }
    }

    /// Ids are unique; `first` maps each id to its first position.
    template <class Range>
    void check_unique(const Range& items, const id_map& first, const std::string& list, std::string_view what) const {
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::size_t j = first.at(items[i].id);
            if (j != i) {
                fail<reference_error>("/" + list + "/" + std::to_string(i) + "/id",
                                      "duplicate " + std::string(what) + " id " + quoted(items[i].id) + " (also /" +
                                          list + "/" + std::to_string(j) + "); ids must be unique");
            }
        }
    }

    void check_header() const {
        if (c_.end < c_.start) fail("/end", "the campaign ends (" + c_.end.to_string() + ") before it starts");
        // A full phase score is the scale itself, written at the campaign's precision.
        check_points("/scale", c_.scale, true);
        if (c_.bonus_cap) check_points("/bonus_cap", *c_.bonus_cap);
        if (c_.penalty_cap) check_points("/penalty_cap", *c_.penalty_cap);
        if (c_.base_salary && *c_.base_salary < decimal{}) fail("/base_salary", "base_salary must not be negative");
        if (c_.late_penalty) {
            check_points("/late_penalty/per_report", c_.late_penalty->per_report, true);
            if (c_.late_penalty->cap) check_points("/late_penalty/cap", *c_.late_penalty->cap);
        }
    }

    void check_ids() const {
        check_unique(c_.clusters, clusters_, "clusters", "cluster");
        for (std::size_t g = 0; g < c_.clusters.size() && !units_apart_; ++g) {
            const auto& head = c_.clusters[g].head;
            if (head.empty()) continue;
            const std::string at = "/clusters/" + std::to_string(g) + "/head";
            check_known(at, "unit", head, units_, c_.units);
            if (c_.units[static_cast<std::size_t>(units_.at(head))].cluster != c_.clusters[g].id) {
                fail(at, "the head of a cluster is one of its units; '" + head + "' ranks in another");
            }
        }
        check_unique(c_.units, units_, "units", "unit");
        if (!c_.implicit_phase) check_unique(c_.phases, phases_, "phases", "phase");
        check_unique(c_.groups, groups_, "groups", "group");
        check_unique(c_.criteria, criteria_, "criteria", "criterion");
        check_unique(c_.adjustments, map_ids(c_.adjustments), "adjustments", "adjustment");
        check_unique(c_.classes, classes_, "classes", "class");
        check_unique(c_.awards, awards_, "awards", "award");
        check_unique(c_.cluster_goals, map_ids(c_.cluster_goals), "cluster_goals", "cluster goal");
        check_unique(c_.unit_kinds, map_ids(c_.unit_kinds), "unit_kinds", "unit kind");
        if (c_.units.empty() && !units_apart_) fail("/units", "a campaign needs at least one unit");
        if (c_.criteria.empty()) fail("/criteria", "a campaign needs at least one criterion");
    }

    void check_units() const {
        for (std::size_t i = 0; i < c_.units.size(); ++i) {
            check_known("/units/" + std::to_string(i) + "/cluster", "cluster", c_.units[i].cluster, clusters_,
                        c_.clusters);
        }
    }

    void check_phases() const {
        if (c_.implicit_phase) return;
        const auto& ps = c_.phases;
        for (std::size_t i = 0; i < ps.size(); ++i) {
            const std::string at = "/phases/" + std::to_string(i);
            if (ps[i].end < ps[i].start) {
                fail(at + "/end", "phase " + quoted(ps[i].id) + " ends (" + ps[i].end.to_string() +
                                      ") before it starts (" + ps[i].start.to_string() + ")");
            }
            if (i == 0) {
                if (ps[0].start != c_.start) {
                    fail(at + "/start", std::string(ps[0].start < c_.start ? "falls outside the campaign"
                                                                           : "leaves a gap after the campaign's start") +
                                            ": the first phase must start on the campaign's start " +
                                            c_.start.to_string() + ", not " + ps[0].start.to_string());
                }
            } else if (ps[i].start <= ps[i - 1].end) {
                fail(at + "/start", "overlaps phase " + ps[i - 1].id + " (" + span(ps[i - 1]) + ")");
            } else if (ps[i].start != ps[i - 1].end.next_day()) {
                fail(at + "/start", "leaves a gap after phase " + ps[i - 1].id + " (" + span(ps[i - 1]) +
                                        "): it must start on " + ps[i - 1].end.next_day().to_string());
            }
            if (ps[i].weight <= decimal{}) {
                fail(at + "/weight", "a phase weight must be greater than 0, found " + ps[i].weight.to_string());
            }
            if (ps[i].criteria.empty()) fail(at + "/criteria", "a phase must score at least one criterion");
            std::unordered_set<std::string_view> listed;
            for (std::size_t k = 0; k < ps[i].criteria.size(); ++k) {
                const auto& id = ps[i].criteria[k];
                const std::string item = at + "/criteria/" + std::to_string(k);
                check_known(item, "criterion", id, criteria_, c_.criteria);
                if (!listed.insert(id).second) {
                    fail<reference_error>(item, "criterion " + quoted(id) + " is listed twice; list it once");
                }
            }
        }
        if (ps.back().end != c_.end) {
            fail("/phases/" + std::to_string(ps.size() - 1) + "/end",
                 std::string(ps.back().end > c_.end ? "falls outside the campaign"
                                                    : "leaves a gap before the campaign's end") +
                     ": the last phase must end on the campaign's end " + c_.end.to_string() + ", not " +
                     ps.back().end.to_string());
        }
        // In 128 bits: a hundred weights near 10^12 would overflow a decimal's 64.
        detail::int128 sum = 0;
        for (const auto& p : ps) sum += p.weight.micros();
        if (sum != decimal::micros_per_unit) {
            const std::string total = sum < decimal::micros_limit
                                          ? decimal::from_micros(static_cast<std::int64_t>(sum)).to_string()
                                          : std::string("10^12 or more");
            fail("/phases", "phase weights sum to " + total + "; they must sum to exactly 1");
        }
    }

    void check_rule(const criterion& cr, const std::string& at) const {
        const auto& r = cr.rule;
        if (r.kind == rule_kind::ratio) {
            if (r.target && *r.target <= decimal{}) {
                fail(at + "/target", "a target must be greater than 0, found " + r.target->to_string());
            }
            if (r.min_ratio < decimal{} || r.min_ratio > decimal::from_int(1)) {
                fail(at + "/min_ratio", "min_ratio is between 0 and 1, found " + r.min_ratio.to_string());
            }
            if (r.exceed) {
                if (r.exceed->step_percent <= decimal{}) {
                    fail(at + "/exceed/step_percent",
                         "step_percent must be greater than 0, found " + r.exceed->step_percent.to_string());
                }
                check_points(at + "/exceed/points_per_step", r.exceed->points_per_step, true);
                if (r.exceed->cap) check_points(at + "/exceed/cap", *r.exceed->cap);
            }
        }
        if (r.kind == rule_kind::bands) {
            const char* threshold_key = r.lower_is_better ? "at_most" : "at_least";
            // Either order is accepted; the thresholds must move strictly one way, and a better threshold
            // (higher for at_least, lower for at_most) never earns fewer points.
            const bool ascending = r.bands.size() > 1 && r.bands[0].threshold < r.bands[1].threshold;
            for (std::size_t k = 0; k < r.bands.size(); ++k) {
                const std::string b = at + "/bands/" + std::to_string(k);
                check_points(b + "/points", r.bands[k].points);
                if (r.bands[k].points > cr.max_points) {
                    fail(b + "/points", "band points " + r.bands[k].points.to_string() + " are above max_points " +
                                            cr.max_points.to_string());
                }
                if (k == 0) continue;
                const auto& prev = r.bands[k - 1];
                const auto& cur = r.bands[k];
                if (ascending ? !(prev.threshold < cur.threshold) : !(prev.threshold > cur.threshold)) {
                    fail(b + "/" + threshold_key, "band thresholds must be strictly " +
                                                      std::string(ascending ? "increasing" : "decreasing") +
                                                      " in the order written");
                }
                const bool cur_is_better = ascending != r.lower_is_better;
                if (cur_is_better ? cur.points < prev.points : cur.points > prev.points) {
                    fail(b + "/points", "band points must not decrease as the threshold gets better");
                }
            }
        }
    }

    void check_criteria() const {
        std::unordered_set<std::string_view> used;
        for (const auto& p : c_.phases) used.insert(p.criteria.begin(), p.criteria.end());
        for (std::size_t i = 0; i < c_.criteria.size(); ++i) {
            const auto& cr = c_.criteria[i];
            const std::string at = "/criteria/" + std::to_string(i);
            check_points(at + "/max_points", cr.max_points, true);
            if (!c_.groups.empty()) {
                if (cr.group.empty()) fail(at, "criterion " + quoted(cr.id) + " needs a group (the campaign declares groups)");
                check_known(at + "/group", "group", cr.group, groups_, c_.groups);
            }
            check_rule(cr, at + "/rule");
            if (cr.min_registration) {
                if (cr.rule.kind != rule_kind::ratio) {
                    fail(at + "/min_registration", "min_registration is a floor for registered targets, which only a "
                                                   "ratio criterion has; " + quoted(cr.id) + " is scored by " +
                                                   std::string(to_string(cr.rule.kind)));
                }
                if (*cr.min_registration <= decimal{}) {
                    fail(at + "/min_registration", "min_registration must be greater than 0, found " +
                                                       cr.min_registration->to_string());
                }
                if (cr.rule.target && *cr.rule.target < *cr.min_registration) {
                    fail(at + "/rule/target", "the default target " + cr.rule.target->to_string() +
                                                  " is below min_registration " + cr.min_registration->to_string());
                }
            }
            if (used.count(cr.id) == 0) {
                fail<reference_error>(at, "criterion " + quoted(cr.id) +
                                              " is used by no phase; list it in a phase's criteria or remove it");
            }
        }
        for (std::size_t g = 0; g < c_.groups.size(); ++g) {
            if (c_.groups[g].max_points) {
                check_points("/groups/" + std::to_string(g) + "/max_points", *c_.groups[g].max_points, true);
            }
        }
    }

    void check_targets() const {
        std::set<std::tuple<std::string_view, std::string_view, std::string_view>> seen;
        for (std::size_t i = 0; i < c_.targets.size(); ++i) {
            const auto& t = c_.targets[i];
            const std::string at = "/targets/" + std::to_string(i);
            if (!units_apart_) check_known(at + "/unit", "unit", t.unit, units_, c_.units);
            check_known(at + "/criterion", "criterion", t.criterion, criteria_, c_.criteria);
            const auto kind = c_.criteria[criteria_.at(t.criterion)].rule.kind;
            if (kind != rule_kind::ratio) {
                fail(at + "/criterion", "a registered target needs a ratio criterion; " + quoted(t.criterion) +
                                            " is scored by " + std::string(to_string(kind)));
            }
            if (!t.phase.empty()) check_known(at + "/phase", "phase", t.phase, phases_, c_.phases);
            if (t.value <= decimal{}) fail(at + "/value", "a target must be greater than 0, found " + t.value.to_string());
            if (auto floor = c_.criteria[criteria_.at(t.criterion)].min_registration; floor && t.value < *floor) {
                fail(at + "/value", detail::registration_below_floor(t.unit, t.criterion, t.value, *floor));
            }
            if (!seen.insert({t.unit, t.criterion, t.phase}).second) {
                fail(at, "duplicate registered target for unit " + quoted(t.unit) + ", criterion " +
                             quoted(t.criterion) + (t.phase.empty() ? "" : ", phase " + quoted(t.phase)));
            }
        }
    }

    void check_registrations() const {
        std::set<std::string_view> seen;
        for (std::size_t i = 0; i < c_.registrations.size(); ++i) {
            const auto& r = c_.registrations[i];
            const std::string at = "/registrations/" + std::to_string(i);
            if (!units_apart_) check_known(at + "/unit", "unit", r.unit, units_, c_.units);
            if (!seen.insert(r.unit).second) {
                fail(at + "/unit", "a second registration for unit " + quoted(r.unit) + "; list its awards once");
            }
            for (std::size_t k = 0; k < r.awards.size(); ++k) {
                check_known(at + "/awards/" + std::to_string(k), "award", r.awards[k], awards_, c_.awards);
            }
        }
    }

    void check_adjustments() const {
        for (std::size_t i = 0; i < c_.adjustments.size(); ++i) {
            const auto& a = c_.adjustments[i];
            const std::string at = "/adjustments/" + std::to_string(i);
            if (a.kind == adjustment_kind::disqualify) {
                if (!a.forces_class.empty()) {
                    check_known(at + "/forces_class", "class", a.forces_class, classes_, c_.classes);
                }
            } else {
                check_points(at + "/points_per_item", a.points_per_item, true);
                if (a.cap) check_points(at + "/cap", *a.cap);
            }
        }
    }

    void check_classes() const {
        if (c_.classes.empty()) fail("/classes", "at least one class is required (the last one is the catch-all)");
        for (std::size_t i = 0; i < c_.classes.size(); ++i) {
            const auto& k = c_.classes[i];
            const std::string at = "/classes/" + std::to_string(i);
            if (k.min_met_share) check_share(at + "/min_met_share", *k.min_met_share);
            if (k.min_exceeded_share) check_share(at + "/min_exceeded_share", *k.min_exceeded_share);
            if (k.max_share) check_share(at + "/max_share", *k.max_share);
            if (!k.share_of.empty()) check_known(at + "/share_of", "class", k.share_of, classes_, c_.classes);
            if (k.history) check_known(at + "/history/class_at_least", "class", k.history->class_at_least, classes_, c_.classes);
        }
        if (!c_.classes.back().has_no_conditions()) {
            fail("/classes", "a catch-all class is missing: the last class (" + c_.classes.back().id +
                                 ") has conditions; add a last class without conditions (e.g. 'Không hoàn thành "
                                 "nhiệm vụ')");
        }
    }

    void check_tie_breaks() const {
        std::unordered_set<std::string_view> attributes_checked;
        for (std::size_t i = 0; i < c_.tie_breaks.size(); ++i) {
            const auto& t = c_.tie_breaks[i];
            const std::string at = "/tie_breaks/" + std::to_string(i);
            if (t.kind == tie_break_kind::criterion) {
                check_known(at + "/criterion", "criterion", t.argument, criteria_, c_.criteria);
            }
            if (t.kind == tie_break_kind::phase) check_known(at + "/phase", "phase", t.argument, phases_, c_.phases);
            // Each attribute once over all units, however many tie-breaks use it.
            if (t.kind != tie_break_kind::attribute || !attributes_checked.insert(t.argument).second) continue;
            for (std::size_t u = 0; u < c_.units.size(); ++u) {
                const auto* a = c_.units[u].find_attribute(t.argument);
                if (a && !a->number) {
                    fail("/units/" + std::to_string(u) + "/attributes/" + detail::escape_pointer_token(t.argument),
                         "attribute " + quoted(t.argument) + " is used by tie-break " + std::to_string(i) +
                             " and must be a number, found " + quoted(a->text));
                }
            }
        }
    }

    void check_awards() const {
        for (std::size_t i = 0; i < c_.awards.size(); ++i) {
            const auto& a = c_.awards[i];
            const std::string at = "/awards/" + std::to_string(i);
            if (a.count && *a.count < 0) fail(at + "/count", "count must not be negative, found " + std::to_string(*a.count));
            if (a.max_share) check_share(at + "/max_share", *a.max_share);
            if (a.min_count < 0) fail(at + "/min_count", "min_count must not be negative, found " + std::to_string(a.min_count));
            if (!a.min_class.empty()) check_known(at + "/min_class", "class", a.min_class, classes_, c_.classes);
            if (a.history && !a.history->class_at_least.empty()) {
                check_known(at + "/history/class_at_least", "class", a.history->class_at_least, classes_, c_.classes);
            }
            if (a.min_vote_share) check_share(at + "/min_vote_share", *a.min_vote_share);
            if (a.council_size && *a.council_size < 1) {
                fail(at + "/council_size", "council_size counts the council's members: at least 1, found " +
                                               std::to_string(*a.council_size));
            }
            for (std::size_t k = 0; k < a.exclusive_with.size(); ++k) {
                const auto& other = a.exclusive_with[k];
                const std::string item = at + "/exclusive_with/" + std::to_string(k);
                check_known(item, "award", other, awards_, c_.awards);
                if (other == a.id) fail(item, "an award cannot exclude itself");
            }
            if (a.cash && *a.cash < decimal{}) fail(at + "/cash", "cash must not be negative");
            if (a.multiplier) {
                if (*a.multiplier < decimal{}) fail(at + "/multiplier", "multiplier must not be negative");
                if (!c_.base_salary) fail(at + "/multiplier", "a multiplier needs the campaign's base_salary");
            }
        }
    }

    void check_goals() const {
        for (std::size_t i = 0; i < c_.cluster_goals.size(); ++i) {
            const auto& g = c_.cluster_goals[i];
            const std::string at = "/cluster_goals/" + std::to_string(i);
            check_known(at + "/class_at_least", "class", g.class_at_least, classes_, c_.classes);
            check_share(at + "/min_share", g.min_share);
            for (std::size_t k = 0; k < g.clusters.size(); ++k) {
                check_known(at + "/clusters/" + std::to_string(k), "cluster", g.clusters[k], clusters_, c_.clusters);
            }
        }
    }

    const campaign& c_;
    const std::string& document_;
    bool units_apart_;
    const id_map clusters_, units_, phases_, groups_, criteria_, classes_, awards_;
};

}  // namespace

void validate(const campaign& c, const std::string& document) { checker(c, document, false).run(); }

void validate_rules(const campaign& rules, const std::string& document) { checker(rules, document, true).run(); }

}  // namespace thidua
