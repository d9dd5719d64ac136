// Reads a campaign document (docs/format.md) into the model. Type and key errors are raised here, with the pointer
// of the offending value; the rules that relate several values are checked by validate() (src/model/validate.cpp).

#include <unordered_set>

#include "thidua/detail/json_reader.hpp"
#include "thidua/io/json.hpp"
#include "thidua/model/legal.hpp"

namespace thidua {

namespace {

using detail::json_object;
using detail::json_type;
using detail::json_value;

/// Refuses a list longer than `cap` before anything is read from it.
void check_count(const json_value& list, std::size_t count, std::size_t cap, std::string_view what,
                 std::string_view limit_name) {
    if (count > cap) {
        list.fail<limit_error>(std::to_string(count) + " " + std::string(what) + " are more than the limit of " +
                               std::to_string(cap) + " (thidua::limits::" + std::string(limit_name) + ")");
    }
}

/// The items of a list, refused above `cap`.
std::uint32_t sized(const json_value& list, std::size_t cap, std::string_view what, std::string_view limit_name) {
    const std::uint32_t n = list.size();
    check_count(list, n, cap, what, limit_name);
    return n;
}

template <class T, class F>
std::vector<T> read_list(const json_object& parent, std::string_view key, std::size_t cap, std::string_view limit_name,
                         F&& read_one) {
    std::vector<T> out;
    if (auto list = parent.get(key)) {
        out.reserve(sized(*list, cap, key, limit_name));
        list->for_each_item([&](std::uint32_t, const json_value& item) { out.push_back(read_one(item)); });
    }
    return out;
}

std::vector<std::string> read_ids(const json_value& list, std::size_t cap, std::string_view what,
                                  std::string_view limit_name) {
    std::vector<std::string> out;
    out.reserve(sized(list, cap, what, limit_name));
    list.for_each_item([&](std::uint32_t, const json_value& item) { out.push_back(item.id()); });
    return out;
}

std::string optional_text(const json_object& o, std::string_view key) {
    auto v = o.get(key);
    return v ? std::string(v->string()) : std::string();
}

std::string optional_id(const json_object& o, std::string_view key) {
    auto v = o.get(key);
    return v ? v->id() : std::string();
}

std::optional<decimal> optional_number(const json_object& o, std::string_view key) {
    auto v = o.get(key);
    return v ? std::optional<decimal>(v->number()) : std::nullopt;
}

bool optional_flag(const json_object& o, std::string_view key) {
    auto v = o.get(key);
    return v && v->boolean();
}

/// Reads a string that must be one of `names` and returns its position.
std::size_t read_choice(const json_value& v, std::initializer_list<std::string_view> names) {
    const auto text = v.string();
    std::size_t i = 0;
    for (auto name : names) {
        if (name == text) return i;
        ++i;
    }
    v.fail(detail::not_one_of_message(text, std::span<const std::string_view>(names.begin(), names.size())));
}

cluster read_cluster(const json_value& v) {
    json_object o(v, {"id", "name", "kind", "head"});
    cluster c;
    c.id = o.required("id").id();
    c.name = optional_text(o, "name");
    c.head = optional_id(o, "head");
    if (auto kind = o.get("kind")) c.kind = static_cast<cluster_kind>(read_choice(*kind, {"cluster", "block"}));
    return c;
}

unit_kind read_unit_kind(const json_value& v) {
    json_object o(v, {"id", "title"});
    unit_kind k{o.required("id").id(), optional_text(o, "title")};
    if (k.title.empty()) o.required("title").fail("a unit kind's title is the words texts name it by; give one");
    return k;
}

unit read_unit(const json_value& v, const limits& caps) {
    json_object o(v, {"id", "name", "kind", "cluster", "attributes", "predecessors"});
    unit u;
    u.id = o.required("id").id();
    u.name = optional_text(o, "name");
    u.kind = optional_text(o, "kind");
    u.cluster = o.required("cluster").id();
    if (auto before = o.get("predecessors")) u.predecessors = read_ids(*before, caps.max_items, "predecessors", "max_items");
    if (auto attrs = o.get("attributes")) {
        check_count(*attrs, attrs->member_count(), caps.max_items, "attributes", "max_items");
        std::unordered_set<std::string_view> names;
        attrs->for_each_member([&](std::string_view key, const json_value& value) {
            // A second value under the same name would be silently ignored by tie-breaks.
            if (!names.insert(key).second) value.fail("duplicate attribute " + detail::quoted(key) + "; give each once");
            attribute a;
            a.name = std::string(key);
            if (value.type() == json_type::string) {
                a.is_text = true;
                a.text = std::string(value.string());
                a.number = decimal::parse(a.text);
            } else if (value.type() == json_type::number) {
                a.text = std::string(value.raw_text());
                a.number = value.number();
            } else {
                value.fail("an attribute is a number or a string, found " + std::string(describe(value.type())));
            }
            u.attributes.push_back(std::move(a));
        });
    }
    return u;
}

phase read_phase(const json_value& v, bool weight_required, const limits& caps) {
    json_object o(v, {"id", "title", "label", "start", "end", "weight", "report_due", "criteria"});
    phase p;
    p.id = o.required("id").id();
    p.title = optional_text(o, "title");
    p.label = optional_text(o, "label");
    p.start = o.required("start").day();
    p.end = o.required("end").day();
    if (auto w = o.get("weight")) {
        p.weight = w->number();
    } else if (weight_required) {
        v.fail("missing required key 'weight' (it may be left out only when there is a single phase)");
    }
    if (auto due = o.get("report_due")) p.report_due = due->day();
    p.criteria = read_ids(o.required("criteria"), caps.max_criteria, "criteria", "max_criteria");
    return p;
}

group read_group(const json_value& v) {
    json_object o(v, {"id", "title", "max_points"});
    return {o.required("id").id(), optional_text(o, "title"), optional_number(o, "max_points")};
}

rule read_rule(const json_value& v, const limits& caps) {
    const auto kind_value = json_object(v, {"kind", "target", "credit", "min_ratio", "exceed", "bands"})
                                .required("kind");
    rule r;
    r.kind = static_cast<rule_kind>(read_choice(kind_value, {"ratio", "bands", "boolean", "manual"}));
    switch (r.kind) {
        case rule_kind::ratio: {
            json_object o(v, {"kind", "target", "credit", "min_ratio", "exceed"});
            r.target = optional_number(o, "target");
            if (auto credit = o.get("credit")) {
                r.credit = static_cast<credit_kind>(read_choice(*credit, {"linear", "all_or_nothing"}));
            }
            if (auto min_ratio = o.get("min_ratio")) r.min_ratio = min_ratio->number();
            if (auto exceed = o.get("exceed")) {
                json_object e(*exceed, {"step_percent", "points_per_step", "cap"});
                r.exceed = exceed_bonus{e.required("step_percent").number(), e.required("points_per_step").number(),
                                        optional_number(e, "cap")};
            }
            break;
        }
        case rule_kind::bands: {
            json_object o(v, {"kind", "bands"});
            const auto list = o.required("bands");
            if (sized(list, caps.max_items, "bands", "max_items") == 0) {
                list.fail<validation_error>("a bands rule needs at least one band");
            }
            list.for_each_item([&](std::uint32_t i, const json_value& item) {
                json_object b(item, {"at_least", "at_most", "points"});
                auto at_least = b.get("at_least"), at_most = b.get("at_most");
                if (at_least.has_value() == at_most.has_value()) {
                    item.fail("a band has exactly one of 'at_least' and 'at_most'");
                }
                const bool lower = at_most.has_value();
                if (i == 0) {
                    r.lower_is_better = lower;
                } else if (lower != r.lower_is_better) {
                    item.fail("bands are all 'at_least' or all 'at_most', not mixed");
                }
                r.bands.push_back({(lower ? *at_most : *at_least).number(), b.required("points").number()});
            });
            break;
        }
        case rule_kind::boolean:
        case rule_kind::manual: json_object(v, {"kind"}); break;
    }
    return r;
}

criterion read_criterion(const json_value& v, const limits& caps) {
    json_object o(v, {"id", "title", "group", "max_points", "rule", "mandatory", "applies_to", "value_kind",
                      "min_registration"});
    criterion c;
    c.id = o.required("id").id();
    c.title = optional_text(o, "title");
    c.group = optional_id(o, "group");
    c.max_points = o.required("max_points").number();
    c.rule = read_rule(o.required("rule"), caps);
    c.mandatory = optional_flag(o, "mandatory");
    if (auto kinds = o.get("applies_to")) c.applies_to = read_ids(*kinds, caps.max_items, "unit kinds", "max_items");
    if (auto kind = o.get("value_kind")) c.value_kind = static_cast<value_kind>(read_choice(*kind, {"number", "share"}));
    c.min_registration = optional_number(o, "min_registration");
    return c;
}

registered_target read_target(const json_value& v) {
    json_object o(v, {"unit", "criterion", "phase", "value"});
    return {o.required("unit").id(), o.required("criterion").id(), optional_id(o, "phase"),
            o.required("value").number()};
}

registration read_registration(const json_value& v, const limits& caps) {
    json_object o(v, {"unit", "awards"});
    registration r;
    r.unit = o.required("unit").id();
    if (auto awards = o.get("awards")) r.awards = read_ids(*awards, caps.max_items, "awards", "max_items");
    return r;
}

adjustment read_adjustment(const json_value& v) {
    json_object o(v, {"id", "kind", "title", "points_per_item", "cap", "forces_class"});
    adjustment a;
    a.id = o.required("id").id();
    a.kind = static_cast<adjustment_kind>(read_choice(o.required("kind"), {"bonus", "penalty", "disqualify"}));
    a.title = optional_text(o, "title");
    if (a.kind == adjustment_kind::disqualify) {
        for (auto key : {"points_per_item", "cap"}) {
            if (auto x = o.get(key)) x->fail("a disqualify adjustment carries no points");
        }
        a.forces_class = optional_id(o, "forces_class");
    } else {
        if (auto x = o.get("forces_class")) x->fail("only a disqualify adjustment can force a class");
        a.points_per_item = o.required("points_per_item").number();
        a.cap = optional_number(o, "cap");
    }
    return a;
}

/// An award's or a class's look back on earlier years; a class's names the classes held only.
history_gate read_history_gate(const json_value& v, bool award) {
    json_object h = award ? json_object(v, {"class_at_least", "consecutive_years", "not_within_years"})
                          : json_object(v, {"class_at_least", "consecutive_years"});
    history_gate g;
    g.class_at_least = optional_id(h, "class_at_least");
    if (auto n = h.get("consecutive_years")) g.consecutive_years = n->integer();
    if (auto n = h.get("not_within_years")) g.not_within_years = n->integer();
    if (g.consecutive_years < 0 || g.not_within_years < 0) v.fail<validation_error>("a number of years is not negative");
    if (g.class_at_least.empty() != (g.consecutive_years == 0)) {
        v.fail<validation_error>("class_at_least and consecutive_years go together (\"excellent 2 years running\")");
    }
    return g;
}

class_rule read_class(const json_value& v) {
    json_object o(v, {"id", "title", "min_score", "requires_all_mandatory", "min_met_share", "min_exceeded_share",
                      "exclude_disqualified", "max_share", "share_of", "history"});
    class_rule c;
    c.id = o.required("id").id();
    c.title = optional_text(o, "title");
    c.min_score = optional_number(o, "min_score");
    c.requires_all_mandatory = optional_flag(o, "requires_all_mandatory");
    c.min_met_share = optional_number(o, "min_met_share");
    c.min_exceeded_share = optional_number(o, "min_exceeded_share");
    c.exclude_disqualified = optional_flag(o, "exclude_disqualified");
    c.max_share = optional_number(o, "max_share");
    c.share_of = optional_id(o, "share_of");
    if (auto back = o.get("history")) c.history = read_history_gate(*back, false);
    if (!c.share_of.empty() && !c.max_share) o.required("share_of").fail("share_of needs max_share");
    return c;
}

tie_break read_tie_break(const json_value& v) {
    const auto kind_value =
        json_object(v, {"kind", "criterion", "phase", "attribute", "order", "at_least", "seed", "title"}).required("kind");
    tie_break t;
    t.kind = static_cast<tie_break_kind>(read_choice(
        kind_value, {"criterion", "phase", "bonus", "penalty", "earliest_submission", "vote", "attribute", "lot"}));
    switch (t.kind) {
        case tie_break_kind::criterion: {
            json_object o(v, {"kind", "criterion", "title"});
            t.argument = o.required("criterion").id();
            t.title = optional_text(o, "title");
            break;
        }
        case tie_break_kind::phase: {
            json_object o(v, {"kind", "phase", "title"});
            t.argument = o.required("phase").id();
            t.title = optional_text(o, "title");
            break;
        }
        case tie_break_kind::attribute: {
            json_object o(v, {"kind", "attribute", "order", "at_least", "title"});
            t.argument = o.required("attribute").id();
            if (auto order = o.get("order")) t.descending = read_choice(*order, {"desc", "asc"}) == 0;
            t.at_least = optional_number(o, "at_least");
            if (t.at_least && o.get("order")) {
                o.get("order")->fail("a threshold preference (at_least) puts the units at or above it first: it has no order");
            }
            t.title = optional_text(o, "title");
            break;
        }
        case tie_break_kind::lot: {
            json_object o(v, {"kind", "seed", "title"});
            const auto seed = o.required("seed");
            if (seed.type() == json_type::number) {
                t.seed = std::to_string(seed.integer());  // 2024 and 2024.0 draw alike
            } else {
                t.seed = std::string(seed.string());
            }
            t.title = optional_text(o, "title");
            break;
        }
        default: {
            json_object o(v, {"kind", "title"});
            t.title = optional_text(o, "title");
        }
    }
    return t;
}

award_rule read_award(const json_value& v, const limits& caps) {
    json_object o(v, {"id", "title", "scope", "count", "max_share", "min_count", "min_class", "min_score",
                      "min_vote_share", "council_size", "requires_registration", "exclusive_with", "cash",
                      "multiplier", "legal_title", "history"});
    award_rule a;
    a.id = o.required("id").id();
    a.title = optional_text(o, "title");
    if (auto scope = o.get("scope")) a.scope = static_cast<award_scope>(read_choice(*scope, {"cluster", "overall"}));
    auto count = o.get("count");
    if (count) a.count = count->integer();
    a.max_share = optional_number(o, "max_share");
    if (count.has_value() == a.max_share.has_value()) v.fail("an award has exactly one of 'count' and 'max_share'");
    if (auto min_count = o.get("min_count")) a.min_count = min_count->integer();
    a.min_class = optional_id(o, "min_class");
    a.min_score = optional_number(o, "min_score");
    a.min_vote_share = optional_number(o, "min_vote_share");
    if (auto council = o.get("council_size")) a.council_size = council->integer();
    a.requires_registration = optional_flag(o, "requires_registration");
    if (auto ex = o.get("exclusive_with")) a.exclusive_with = read_ids(*ex, caps.max_items, "awards", "max_items");
    a.cash = optional_number(o, "cash");
    a.multiplier = optional_number(o, "multiplier");
    a.legal_title = optional_id(o, "legal_title");
    if (auto back = o.get("history")) a.history = read_history_gate(*back, true);
    if (a.cash && a.multiplier) v.fail("an award has at most one of 'cash' and 'multiplier'");
    return a;
}

cluster_goal read_goal(const json_value& v, const limits& caps) {
    json_object o(v, {"id", "title", "class_at_least", "min_share", "clusters"});
    cluster_goal g{o.required("id").id(), optional_text(o, "title"), o.required("class_at_least").id(),
                   o.required("min_share").number(), {}};
    if (auto clusters = o.get("clusters")) g.clusters = read_ids(*clusters, caps.max_units, "clusters", "max_units");
    return g;
}

late_penalty read_late_penalty(const json_value& v) {
    json_object o(v, {"per_report", "cap", "per"});
    late_penalty l{o.required("per_report").number(), optional_number(o, "cap")};
    if (auto per = o.get("per")) l.per = static_cast<late_per>(read_choice(*per, {"row", "phase", "unit"}));
    return l;
}

/// Unit × criterion pairs summed over the phases, refused above caps.max_slots before scoring allocates them.
void check_slots(const campaign& c, const std::string& document, const limits& caps) {
    std::size_t slots = 0;  // at most 10^5 units × 10^3 criteria × 10^2 phases with the default caps: no overflow
    for (const auto& p : c.phases) slots += c.units.size() * p.criteria.size();
    if (slots > caps.max_slots) {
        throw limit_error("the phases score " + std::to_string(slots) +
                              " unit × criterion pairs, more than the limit of " + std::to_string(caps.max_slots) +
                              " (thidua::limits::max_slots)",
                          {document, {}, 0, {}});
    }
}

}  // namespace

campaign read_campaign(std::string_view json_text, const std::string& document, std::string_view at,
                       const limits& caps) {
    const auto doc = detail::json_document::parse(json_text, document, caps);
    const std::uint32_t top = doc.resolve(at, document);
    doc.check_lengths(top, caps.max_string_bytes, document);
    const json_value root(doc, top, "", document);
    json_object o(root, {"thidua", "id", "title", "kind", "version", "language", "start", "end", "precision",
                         "rounding", "scale", "clusters", "units", "phases", "groups", "criteria", "targets",
                         "registrations", "adjustments", "late_penalty", "bonus_cap", "penalty_cap", "classes", "tie_breaks",
                         "awards", "base_salary", "decided", "cluster_goals", "unit_kinds", "history_predecessors"});
    campaign c;
    const auto format = o.required("thidua");
    // Compared before narrowing, so that 4294967297 is not taken for 1.
    if (format.integer() != 1) format.fail("unsupported format version " + std::string(format.raw_text()) + " (expected 1)");
    c.format = 1;
    c.id = o.required("id").id();
    c.title = optional_text(o, "title");
    if (auto kind = o.get("kind")) c.kind = static_cast<campaign_kind>(read_choice(*kind, {"pact", "special"}));
    c.version = optional_text(o, "version");
    c.language = optional_text(o, "language");
    c.start = o.required("start").day();
    c.end = o.required("end").day();
    if (auto precision = o.get("precision")) {
        const auto p = precision->integer();
        if (p < 0 || p > decimal::max_fraction_digits) {
            precision->fail<validation_error>("precision is a whole number from 0 to 6, found " + std::to_string(p));
        }
        c.precision = static_cast<int>(p);
    }
    if (auto mode = o.get("rounding")) {
        c.rounding_mode = static_cast<rounding>(read_choice(*mode, {"half_up", "half_even", "down", "up"}));
    }
    if (auto scale = o.get("scale")) c.scale = scale->number();
    c.clusters = read_list<cluster>(o, "clusters", caps.max_units, "max_units", read_cluster);
    c.units = read_list<unit>(o, "units", caps.max_units, "max_units",
                              [&](const json_value& v) { return read_unit(v, caps); });
    c.unit_kinds = read_list<unit_kind>(o, "unit_kinds", caps.max_items, "max_items", read_unit_kind);
    if (auto phases = o.get("phases")) {
        const bool several = sized(*phases, caps.max_phases, "phases", "max_phases") > 1;
        phases->for_each_item(
            [&](std::uint32_t, const json_value& item) { c.phases.push_back(read_phase(item, several, caps)); });
        if (c.phases.empty()) phases->fail<validation_error>("a campaign needs at least one phase");
    }
    c.groups = read_list<group>(o, "groups", caps.max_items, "max_items", read_group);
    c.criteria = read_list<criterion>(o, "criteria", caps.max_criteria, "max_criteria",
                                      [&](const json_value& v) { return read_criterion(v, caps); });
    if (c.phases.empty()) {
        phase main;
        main.id = "main";
        main.start = c.start;
        main.end = c.end;
        for (const auto& cr : c.criteria) main.criteria.push_back(cr.id);
        c.phases.push_back(std::move(main));
        c.implicit_phase = true;
    }
    c.targets = read_list<registered_target>(o, "targets", caps.max_rows, "max_rows", read_target);
    c.registrations = read_list<registration>(o, "registrations", caps.max_units, "max_units",
                                              [&](const json_value& v) { return read_registration(v, caps); });
    c.adjustments = read_list<adjustment>(o, "adjustments", caps.max_items, "max_items", read_adjustment);
    if (auto late = o.get("late_penalty")) c.late_penalty = read_late_penalty(*late);
    c.bonus_cap = optional_number(o, "bonus_cap");
    c.penalty_cap = optional_number(o, "penalty_cap");
    c.classes = read_list<class_rule>(o, "classes", caps.max_items, "max_items", read_class);
    c.tie_breaks = read_list<tie_break>(o, "tie_breaks", caps.max_items, "max_items", read_tie_break);
    c.awards = read_list<award_rule>(o, "awards", caps.max_items, "max_items",
                                     [&](const json_value& v) { return read_award(v, caps); });
    if (auto salary = o.get("base_salary"); salary && salary->type() == json_type::string && salary->string() == "legal") {
        c.base_salary_legal = true;  // the legal tables' salary on `decided`
    } else {
        c.base_salary = optional_number(o, "base_salary");
    }
    if (auto decided = o.get("decided")) c.decided = decided->day();
    if (auto rule = o.get("history_predecessors")) {
        c.history_predecessors = static_cast<predecessors_rule>(read_choice(*rule, {"all", "any"}));
    }
    c.cluster_goals = read_list<cluster_goal>(o, "cluster_goals", caps.max_items, "max_items",
                                              [&](const json_value& v) { return read_goal(v, caps); });
    for (auto key : {"clusters", "units", "criteria", "classes"}) o.required(key);
    check_slots(c, document, caps);
    apply_legal_tables(c, document);
    validate(c, document);
    return c;
}

}  // namespace thidua
