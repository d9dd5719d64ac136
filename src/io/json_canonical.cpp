// Canonical JSON of campaigns and results: keys sorted (each writer below lists them in byte order), no
// whitespace, decimals as their shortest exact strings. Reading the text back gives an equal value.

#include <algorithm>

#include "thidua/detail/json_writer.hpp"
#include "thidua/io/json.hpp"

namespace thidua {

namespace {

using detail::json_writer;

void put(json_writer& w, std::string_view key, decimal d) { w.key(key).string(d.to_string()); }
void put(json_writer& w, std::string_view key, const std::optional<decimal>& d) {
    if (d) put(w, key, *d);
}
void put_text(json_writer& w, std::string_view key, const std::string& s) {
    if (!s.empty()) w.field(key, s);
}
void put_history(json_writer& w, const std::optional<history_gate>& gate) {
    if (!gate) return;
    w.key("history").begin_object();
    put_text(w, "class_at_least", gate->class_at_least);
    if (gate->consecutive_years) w.field_int("consecutive_years", gate->consecutive_years);
    if (gate->not_within_years) w.field_int("not_within_years", gate->not_within_years);
    w.end_object();
}
void put_ids(json_writer& w, std::string_view key, const std::vector<std::string>& ids) {
    w.key(key).begin_array();
    for (const auto& id : ids) w.string(id);
    w.end_array();
}
template <class T, class A, class F>
void put_list(json_writer& w, std::string_view key, const std::vector<T, A>& items, F&& write_one) {
    w.key(key).begin_array();
    for (const auto& item : items) write_one(w, item);
    w.end_array();
}

void write_rule(json_writer& w, const rule& r) {
    w.begin_object();
    if (r.kind == rule_kind::bands) {
        w.key("bands").begin_array();
        for (const auto& b : r.bands) {
            w.begin_object();
            put(w, r.lower_is_better ? "at_most" : "at_least", b.threshold);
            put(w, "points", b.points);
            w.end_object();
        }
        w.end_array();
    }
    if (r.kind == rule_kind::ratio) {
        w.field("credit", to_string(r.credit));
        if (r.exceed) {
            w.key("exceed").begin_object();
            put(w, "cap", r.exceed->cap);
            put(w, "points_per_step", r.exceed->points_per_step);
            put(w, "step_percent", r.exceed->step_percent);
            w.end_object();
        }
    }
    w.field("kind", to_string(r.kind));
    if (r.kind == rule_kind::ratio) {
        put(w, "min_ratio", r.min_ratio);
        put(w, "target", r.target);
    }
    w.end_object();
}

void write_unit(json_writer& w, const unit& u) {
    w.begin_object();
    w.key("attributes").begin_object();
    std::vector<const attribute*> sorted;
    for (const auto& a : u.attributes) sorted.push_back(&a);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->name < b->name; });
    for (const auto* a : sorted) {
        w.key(a->name);
        if (a->is_text) w.string(a->text);
        else w.raw(a->number->to_string());  // a number stays a number (0.50 → 0.5), a text stays text
    }
    w.end_object();
    w.field("cluster", u.cluster).field("id", u.id).field("kind", u.kind).field("name", u.name);
    if (!u.predecessors.empty()) put_ids(w, "predecessors", u.predecessors);  // absent keeps older fingerprints
    w.end_object();
}

}  // namespace

std::string to_canonical_json(const campaign& c) {
    json_writer w(false);
    w.begin_object();
    put_list(w, "adjustments", c.adjustments, [](json_writer& out, const adjustment& a) {
        out.begin_object();
        if (a.kind != adjustment_kind::disqualify) put(out, "cap", a.cap);
        put_text(out, "forces_class", a.forces_class);
        out.field("id", a.id).field("kind", to_string(a.kind));
        if (a.kind != adjustment_kind::disqualify) put(out, "points_per_item", a.points_per_item);
        put_text(out, "title", a.title);
        out.end_object();
    });
    put_list(w, "awards", c.awards, [](json_writer& out, const award_rule& a) {
        out.begin_object();
        put(out, "cash", a.cash);
        if (a.council_size) out.field_int("council_size", *a.council_size);
        if (a.count) out.field_int("count", *a.count);
        put_ids(out, "exclusive_with", a.exclusive_with);
        put_history(out, a.history);
        out.field("id", a.id);
        put_text(out, "legal_title", a.legal_title);
        put(out, "max_share", a.max_share);
        put_text(out, "min_class", a.min_class);
        out.field_int("min_count", a.min_count);
        put(out, "min_score", a.min_score);
        put(out, "min_vote_share", a.min_vote_share);
        if (!a.legal_multiplier) put(out, "multiplier", a.multiplier);
        if (a.requires_registration) out.field_bool("requires_registration", true);
        out.field("scope", a.scope == award_scope::cluster ? "cluster" : "overall");
        put_text(out, "title", a.title);
        out.end_object();
    });
    if (c.base_salary_legal) {
        w.field("base_salary", "legal");
    } else {
        put(w, "base_salary", c.base_salary);
    }
    put(w, "bonus_cap", c.bonus_cap);
    put_list(w, "classes", c.classes, [](json_writer& out, const class_rule& k) {
        out.begin_object();
        out.field_bool("exclude_disqualified", k.exclude_disqualified);
        put_history(out, k.history);
        out.field("id", k.id);
        put(out, "max_share", k.max_share);
        put(out, "min_exceeded_share", k.min_exceeded_share);
        put(out, "min_met_share", k.min_met_share);
        put(out, "min_score", k.min_score);
        out.field_bool("requires_all_mandatory", k.requires_all_mandatory);
        put_text(out, "share_of", k.share_of);
        put_text(out, "title", k.title);
        out.end_object();
    });
    put_list(w, "cluster_goals", c.cluster_goals, [](json_writer& out, const cluster_goal& g) {
        out.begin_object();
        out.field("class_at_least", g.class_at_least);
        if (!g.clusters.empty()) put_ids(out, "clusters", g.clusters);  // absent keeps older campaigns' fingerprints
        out.field("id", g.id);
        put(out, "min_share", g.min_share);
        put_text(out, "title", g.title);
        out.end_object();
    });
    put_list(w, "clusters", c.clusters, [](json_writer& out, const cluster& g) {
        out.begin_object();
        put_text(out, "head", g.head);
        out.field("id", g.id).field("kind", g.kind == cluster_kind::cluster ? "cluster" : "block");
        put_text(out, "name", g.name);
        out.end_object();
    });
    put_list(w, "criteria", c.criteria, [](json_writer& out, const criterion& cr) {
        out.begin_object();
        if (!cr.applies_to.empty()) put_ids(out, "applies_to", cr.applies_to);
        put_text(out, "group", cr.group);
        out.field("id", cr.id).field_bool("mandatory", cr.mandatory);
        put(out, "max_points", cr.max_points);
        put(out, "min_registration", cr.min_registration);
        out.key("rule");
        write_rule(out, cr.rule);
        put_text(out, "title", cr.title);
        if (cr.value_kind == value_kind::share) out.field("value_kind", "share");
        out.end_object();
    });
    if (c.decided) w.field("decided", c.decided->to_string());
    w.field("end", c.end.to_string());
    put_list(w, "groups", c.groups, [](json_writer& out, const group& g) {
        out.begin_object();
        out.field("id", g.id);
        put(out, "max_points", g.max_points);
        put_text(out, "title", g.title);
        out.end_object();
    });
    if (c.history_predecessors == predecessors_rule::any) w.field("history_predecessors", "any");
    w.field("id", c.id).field("kind", to_string(c.kind));
    put_text(w, "language", c.language);
    if (c.late_penalty) {
        w.key("late_penalty").begin_object();
        put(w, "cap", c.late_penalty->cap);
        // "row" is left out, as before "per" existed: older campaigns keep their fingerprints.
        if (c.late_penalty->per != late_per::row) w.field("per", c.late_penalty->per == late_per::phase ? "phase" : "unit");
        put(w, "per_report", c.late_penalty->per_report);
        w.end_object();
    }
    put(w, "penalty_cap", c.penalty_cap);
    if (!c.implicit_phase) {
        put_list(w, "phases", c.phases, [](json_writer& out, const phase& p) {
            out.begin_object();
            put_ids(out, "criteria", p.criteria);
            out.field("end", p.end.to_string()).field("id", p.id);
            put_text(out, "label", p.label);
            if (p.report_due) out.field("report_due", p.report_due->to_string());
            out.field("start", p.start.to_string());
            put_text(out, "title", p.title);
            put(out, "weight", p.weight);
            out.end_object();
        });
    }
    w.field_int("precision", c.precision);
    if (!c.registrations.empty()) {
        put_list(w, "registrations", c.registrations, [](json_writer& out, const registration& r) {
            out.begin_object();
            put_ids(out, "awards", r.awards);
            out.field("unit", r.unit);
            out.end_object();
        });
    }
    w.field("rounding", to_string(c.rounding_mode));
    put(w, "scale", c.scale);
    w.field("start", c.start.to_string());
    put_list(w, "targets", c.targets, [](json_writer& out, const registered_target& t) {
        out.begin_object();
        out.field("criterion", t.criterion);
        put_text(out, "phase", t.phase);
        out.field("unit", t.unit);
        put(out, "value", t.value);
        out.end_object();
    });
    w.field_int("thidua", c.format);
    put_list(w, "tie_breaks", c.tie_breaks, [](json_writer& out, const tie_break& t) {
        out.begin_object();
        put(out, "at_least", t.at_least);
        if (t.kind == tie_break_kind::attribute) out.field("attribute", t.argument);
        if (t.kind == tie_break_kind::criterion) out.field("criterion", t.argument);
        out.field("kind", to_string(t.kind));
        if (t.kind == tie_break_kind::attribute && !t.at_least) out.field("order", t.descending ? "desc" : "asc");
        if (t.kind == tie_break_kind::phase) out.field("phase", t.argument);
        if (t.kind == tie_break_kind::lot) out.field("seed", t.seed);
        put_text(out, "title", t.title);
        out.end_object();
    });
    put_text(w, "title", c.title);
    if (!c.unit_kinds.empty()) {  // absent keeps older campaigns' fingerprints
        put_list(w, "unit_kinds", c.unit_kinds, [](json_writer& out, const unit_kind& k) {
            out.begin_object().field("id", k.id).field("title", k.title).end_object();
        });
    }
    put_list(w, "units", c.units, [](json_writer& out, const unit& u) { write_unit(out, u); });
    put_text(w, "version", c.version);
    w.end_object();
    return w.take();
}

std::string to_canonical_json(const results& r) {
    json_writer w(false);
    w.begin_object();
    if (r.as_of) w.field("as_of", r.as_of->to_string());
    put_text(w, "campaign", r.campaign);
    // Events and votes are written when the input states them, even as an empty list: "none happened" is not
    // the same input as "not given".
    // One layer is the document's "layer", which reads back; two or more name each item's layer, for the
    // fingerprint (docs/semantics.md §13). An input without layers is written as before.
    const auto put_layer = [&r](json_writer& out, const origin& o) {
        if (r.layers.size() > 1) out.field("layer", r.layers[r.layer_of(o)].id);
    };
    if (r.events_given || !r.events.empty()) put_list(w, "events", r.events, [&](json_writer& out, const event& e) {
        out.begin_object();
        out.field("adjustment", e.adjustment).field_int("count", e.count);
        put_layer(out, e.origin);
        put_text(out, "note", e.note);
        out.field("unit", e.unit);
        out.end_object();
    });
    // Earlier years decide history gates, so they are part of the input and of its fingerprint (not where they
    // were read from).
    if (!r.history.empty()) put_list(w, "history", r.history, [](json_writer& out, const past_year& y) {
        out.begin_object();
        put_text(out, "campaign", y.campaign);
        put_list(out, "units", y.units, [](json_writer& o, const past_unit& u) {
            o.begin_object();
            put_list(o, "awards", u.awards, [](json_writer& a, const std::string& id) { a.string(id); });
            o.field("class", u.class_id).field_int("cluster_rank", u.cluster_rank).field("id", u.id);
            o.key("total").string(u.total);
            o.end_object();
        });
        out.field_int("year", y.year);
        out.end_object();
    });
    const auto put_layer_object = [](json_writer& out, const layer& l) {
        out.begin_object();
        out.field("id", l.id);
        put_text(out, "title", l.title);
        out.end_object();
    };
    if (r.layers.size() == 1) {
        w.key("layer");
        put_layer_object(w, r.layers[0]);
    } else if (r.layers.size() > 1) {
        put_list(w, "layers", r.layers, put_layer_object);
    }
    put_list(w, "results", r.rows, [&](json_writer& out, const result_row& row) {
        out.begin_object();
        out.field("criterion", row.criterion);
        if (row.on) out.field("date", row.on->to_string());
        put_layer(out, row.origin);
        put_text(out, "note", row.note);
        put_text(out, "phase", row.phase);
        out.field("status", to_string(row.status));
        if (row.submitted) out.field("submitted", row.submitted->to_string());
        put(out, "target", row.target);
        out.field("unit", row.unit);
        if (row.value) {
            out.key("value");
            if (row.value->is_boolean) out.boolean(row.value->number != decimal{});
            else out.string(row.value->number.to_string());
        }
        out.end_object();
    });
    w.field_int("thidua_results", r.format);
    if (r.votes_given || !r.votes.empty()) put_list(w, "votes", r.votes, [&](json_writer& out, const vote& v) {
        out.begin_object();
        put_text(out, "award", v.award);
        put_layer(out, v.origin);
        out.field_int("of", v.of).field("unit", v.unit).field_int("yes", v.yes);
        out.end_object();
    });
    w.end_object();
    return w.take();
}

}  // namespace thidua
