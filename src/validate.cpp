// The rules of domain.md §6 that relate values of one campaign. Each error names the value at fault with a JSON
// pointer into the campaign document.

#include <algorithm>
#include <set>
#include <tuple>

#include "thidua/campaign.hpp"
#include "thidua/detail/json_reader.hpp"

namespace thidua {

namespace {

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string span(const phase& p) { return p.start.to_string() + "–" + p.end.to_string(); }

class checker {
public:
    checker(const campaign& c, const std::string& document) : c_(c), document_(document) {}

    void run() {
        check_header();
        check_ids();
        check_units();
        check_phases();
        check_criteria();
        check_targets();
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
    void fail_unknown(const std::string& pointer, std::string_view what, std::string_view id) const {
        fail<reference_error>(pointer, "unknown " + std::string(what) + " " + quoted(id));
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

    template <class Range>
    void check_unique(const Range& items, const std::string& list, std::string_view what) const {
        for (std::size_t i = 0; i < items.size(); ++i) {
            for (std::size_t j = 0; j < i; ++j) {
                if (items[i].id == items[j].id) {
                    fail<reference_error>("/" + list + "/" + std::to_string(i) + "/id",
                                          "duplicate " + std::string(what) + " id " + quoted(items[i].id) +
                                              " (also /" + list + "/" + std::to_string(j) + ")");
                }
            }
        }
    }

    void check_header() const {
        if (c_.end < c_.start) fail("/end", "the campaign ends (" + c_.end.to_string() + ") before it starts");
        if (c_.scale <= decimal{}) fail("/scale", "the scale must be greater than 0");
        if (c_.bonus_cap) check_points("/bonus_cap", *c_.bonus_cap);
        if (c_.penalty_cap) check_points("/penalty_cap", *c_.penalty_cap);
        if (c_.base_salary && *c_.base_salary < decimal{}) fail("/base_salary", "must not be negative");
        if (c_.late_penalty) {
            check_points("/late_penalty/per_report", c_.late_penalty->per_report, true);
            if (c_.late_penalty->cap) check_points("/late_penalty/cap", *c_.late_penalty->cap);
        }
    }

    void check_ids() const {
        check_unique(c_.clusters, "clusters", "cluster");
        check_unique(c_.units, "units", "unit");
        if (!c_.implicit_phase) check_unique(c_.phases, "phases", "phase");
        check_unique(c_.groups, "groups", "group");
        check_unique(c_.criteria, "criteria", "criterion");
        check_unique(c_.adjustments, "adjustments", "adjustment");
        check_unique(c_.classes, "classes", "class");
        check_unique(c_.awards, "awards", "award");
        check_unique(c_.cluster_goals, "cluster_goals", "cluster goal");
        if (c_.units.empty()) fail("/units", "a campaign needs at least one unit");
        if (c_.criteria.empty()) fail("/criteria", "a campaign needs at least one criterion");
    }

    void check_units() const {
        for (std::size_t i = 0; i < c_.units.size(); ++i) {
            if (index_of(c_.clusters, c_.units[i].cluster) < 0) {
                fail_unknown("/units/" + std::to_string(i) + "/cluster", "cluster", c_.units[i].cluster);
            }
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
            if (ps[i].weight <= decimal{}) fail(at + "/weight", "a phase weight must be greater than 0");
            if (ps[i].criteria.empty()) fail(at + "/criteria", "a phase must score at least one criterion");
            for (std::size_t k = 0; k < ps[i].criteria.size(); ++k) {
                const auto& id = ps[i].criteria[k];
                const std::string item = at + "/criteria/" + std::to_string(k);
                if (index_of(c_.criteria, id) < 0) fail_unknown(item, "criterion", id);
                if (std::find(ps[i].criteria.begin(), ps[i].criteria.begin() + static_cast<std::ptrdiff_t>(k), id) !=
                    ps[i].criteria.begin() + static_cast<std::ptrdiff_t>(k)) {
                    fail<reference_error>(item, "criterion " + quoted(id) + " is listed twice");
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
        decimal sum;
        for (const auto& p : ps) sum += p.weight;
        if (sum != decimal::from_int(1)) {
            fail("/phases", "phase weights sum to " + sum.to_string() + "; they must sum to exactly 1");
        }
    }

    void check_rule(const criterion& cr, const std::string& at) const {
        const auto& r = cr.rule;
        if (r.kind == rule_kind::ratio) {
            if (r.target && *r.target <= decimal{}) fail(at + "/target", "a target must be greater than 0");
            if (r.min_ratio < decimal{} || r.min_ratio > decimal::from_int(1)) {
                fail(at + "/min_ratio", "min_ratio is between 0 and 1, found " + r.min_ratio.to_string());
            }
            if (r.exceed) {
                if (r.exceed->step_percent <= decimal{}) {
                    fail(at + "/exceed/step_percent", "step_percent must be greater than 0");
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
        for (std::size_t i = 0; i < c_.criteria.size(); ++i) {
            const auto& cr = c_.criteria[i];
            const std::string at = "/criteria/" + std::to_string(i);
            check_points(at + "/max_points", cr.max_points, true);
            if (!c_.groups.empty()) {
                if (cr.group.empty()) fail(at, "criterion " + quoted(cr.id) + " needs a group (the campaign declares groups)");
                if (index_of(c_.groups, cr.group) < 0) fail_unknown(at + "/group", "group", cr.group);
            }
            check_rule(cr, at + "/rule");
            const bool used = std::any_of(c_.phases.begin(), c_.phases.end(), [&](const phase& p) {
                return std::find(p.criteria.begin(), p.criteria.end(), cr.id) != p.criteria.end();
            });
            if (!used) fail<reference_error>(at, "criterion " + quoted(cr.id) + " is used by no phase");
        }
        for (std::size_t g = 0; g < c_.groups.size(); ++g) {
            if (c_.groups[g].max_points) {
                check_points("/groups/" + std::to_string(g) + "/max_points", *c_.groups[g].max_points, true);
            }
        }
    }

    void check_targets() const {
        std::set<std::tuple<std::string, std::string, std::string>> seen;
        for (std::size_t i = 0; i < c_.targets.size(); ++i) {
            const auto& t = c_.targets[i];
            const std::string at = "/targets/" + std::to_string(i);
            if (index_of(c_.units, t.unit) < 0) fail_unknown(at + "/unit", "unit", t.unit);
            const auto cr = index_of(c_.criteria, t.criterion);
            if (cr < 0) fail_unknown(at + "/criterion", "criterion", t.criterion);
            if (c_.criteria[static_cast<std::size_t>(cr)].rule.kind != rule_kind::ratio) {
                fail(at + "/criterion", "a registered target needs a ratio criterion; " + quoted(t.criterion) +
                                            " is scored by " +
                                            std::string(to_string(c_.criteria[static_cast<std::size_t>(cr)].rule.kind)));
            }
            if (!t.phase.empty() && index_of(c_.phases, t.phase) < 0) fail_unknown(at + "/phase", "phase", t.phase);
            if (t.value <= decimal{}) fail(at + "/value", "a target must be greater than 0");
            if (!seen.insert({t.unit, t.criterion, t.phase}).second) {
                fail(at, "duplicate registered target for unit " + quoted(t.unit) + ", criterion " +
                             quoted(t.criterion) + (t.phase.empty() ? "" : ", phase " + quoted(t.phase)));
            }
        }
    }

    void check_adjustments() const {
        for (std::size_t i = 0; i < c_.adjustments.size(); ++i) {
            const auto& a = c_.adjustments[i];
            const std::string at = "/adjustments/" + std::to_string(i);
            if (a.kind == adjustment_kind::disqualify) {
                if (!a.forces_class.empty() && index_of(c_.classes, a.forces_class) < 0) {
                    fail_unknown(at + "/forces_class", "class", a.forces_class);
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
            if (!k.share_of.empty() && index_of(c_.classes, k.share_of) < 0) {
                fail_unknown(at + "/share_of", "class", k.share_of);
            }
        }
        if (!c_.classes.back().has_no_conditions()) {
            fail("/classes", "a catch-all class is missing: the last class (" + c_.classes.back().id +
                                 ") has conditions; add a last class without conditions (e.g. 'Không hoàn thành "
                                 "nhiệm vụ')");
        }
    }

    void check_tie_breaks() const {
        for (std::size_t i = 0; i < c_.tie_breaks.size(); ++i) {
            const auto& t = c_.tie_breaks[i];
            const std::string at = "/tie_breaks/" + std::to_string(i);
            if (t.kind == tie_break_kind::criterion && index_of(c_.criteria, t.argument) < 0) {
                fail_unknown(at + "/criterion", "criterion", t.argument);
            }
            if (t.kind == tie_break_kind::phase && index_of(c_.phases, t.argument) < 0) {
                fail_unknown(at + "/phase", "phase", t.argument);
            }
            if (t.kind != tie_break_kind::attribute) continue;
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
            if (a.count && *a.count < 0) fail(at + "/count", "count must not be negative");
            if (a.max_share) check_share(at + "/max_share", *a.max_share);
            if (a.min_count < 0) fail(at + "/min_count", "min_count must not be negative");
            if (!a.min_class.empty() && index_of(c_.classes, a.min_class) < 0) {
                fail_unknown(at + "/min_class", "class", a.min_class);
            }
            if (a.min_vote_share) check_share(at + "/min_vote_share", *a.min_vote_share);
            for (std::size_t k = 0; k < a.exclusive_with.size(); ++k) {
                const auto& other = a.exclusive_with[k];
                const std::string item = at + "/exclusive_with/" + std::to_string(k);
                if (index_of(c_.awards, other) < 0) fail_unknown(item, "award", other);
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
            if (index_of(c_.classes, g.class_at_least) < 0) fail_unknown(at + "/class_at_least", "class", g.class_at_least);
            check_share(at + "/min_share", g.min_share);
        }
    }

    const campaign& c_;
    const std::string& document_;
};

}  // namespace

void validate(const campaign& c, const std::string& document) { checker(c, document).run(); }

}  // namespace thidua
