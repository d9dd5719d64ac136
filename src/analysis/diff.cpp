// Diffs between runs. Units are compared as a report document lists them (id, points and status per slot, phase
// scores, totals, class, ranks, awards), read either from two documents or from two reports' accessors: both
// entry points share one comparison. The inputs are compared on the canonical campaign and results documents.

#include "thidua/analysis/diff.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>
#include <utility>

#include "thidua/detail/json_dom.hpp"
#include "thidua/detail/json_reader.hpp"
#include "thidua/io/json.hpp"
#include "thidua/io/limits.hpp"
#include "thidua/detail/texts.hpp"
#include "thidua/report/report.hpp"
#include "thidua/report/tables.hpp"
#include "thidua/detail/report_data.hpp"
#include "thidua/scoring/status.hpp"

namespace thidua {

bool unit_diff::empty() const {
    return presence == unit_presence::both && slots.empty() && phases.empty() && !base.changed() &&
           !bonus.changed() && !penalty.changed() && !total.changed() && !class_id.changed() &&
           !cluster_rank.changed() && !overall_rank.changed() && awards_gained.empty() && awards_lost.empty();
}

bool report_diff::empty() const {
    return units.empty() && !campaign_sha256.changed() && !results_sha256.changed() && campaign_changes.empty() &&
           result_rows.empty() && events.empty() && votes.empty();
}

namespace {

using detail::json_document;
using detail::json_type;
using detail::json_value;

std::optional<json_value> member(const json_value& v, std::string_view key) {
    std::optional<json_value> found;
    v.for_each_member([&](std::string_view k, const json_value& m) {
        if (!found && k == key) found = m;
    });
    return found;
}

json_value need(const json_value& v, std::string_view key) {
    auto m = member(v, key);
    if (!m) v.fail("missing key '" + std::string(key) + "' of a report document");
    return *m;
}

/// A unit of a report document: what a diff compares.
struct doc_unit {
    std::string id, name, cluster;
    std::vector<std::string> slots;  // "phase/criterion" keys, in the document's order
    std::map<std::string, std::string, std::less<>> status;
    std::map<std::string, decimal, std::less<>> points;
    std::vector<std::pair<std::string, decimal>> phases;
    decimal base, bonus, penalty, total;
    std::string class_id;
    std::int32_t cluster_rank = 0, overall_rank = 0;
    std::vector<std::string> awards;
};

struct doc_report {
    int precision = 2;
    std::string campaign_sha256, results_sha256;
    std::vector<doc_unit> units;
};

/// One pass over the unit's members (a report of 100 000 units has two million of them).
doc_unit read_unit(const json_value& v) {
    doc_unit u;
    int seen = 0;
    v.for_each_member([&](std::string_view key, const json_value& m) {
        ++seen;
        if (key == "id") u.id = m.id();
        else if (key == "name") u.name = std::string(m.string());
        else if (key == "cluster") u.cluster = std::string(m.string());
        else if (key == "statuses") {
            m.for_each_member([&](std::string_view slot, const json_value& s) {
                u.slots.emplace_back(slot);
                u.status.emplace(std::string(slot), std::string(s.string()));
            });
        } else if (key == "points") {
            m.for_each_member(
                [&](std::string_view slot, const json_value& p) { u.points.emplace(std::string(slot), p.number()); });
        } else if (key == "phases") {
            m.for_each_member(
                [&](std::string_view phase, const json_value& p) { u.phases.emplace_back(std::string(phase), p.number()); });
        } else if (key == "base") u.base = m.number();
        else if (key == "bonus") u.bonus = m.number();
        else if (key == "penalty") u.penalty = m.number();
        else if (key == "total") u.total = m.number();
        else if (key == "class") u.class_id = std::string(m.string());
        else if (key == "cluster_rank") u.cluster_rank = static_cast<std::int32_t>(m.integer());
        else if (key == "overall_rank") u.overall_rank = static_cast<std::int32_t>(m.integer());
        else if (key == "awards")
            m.for_each_item([&](std::uint32_t, const json_value& a) { u.awards.emplace_back(a.string()); });
        else --seen;
    });
    // Every key above, once: a unit of a report document.
    if (seen != 14) v.fail("not a unit of a report document: it lacks one of id, name, cluster, statuses, points, "
                           "phases, base, bonus, penalty, total, class, cluster_rank, overall_rank, awards");
    return u;
}

doc_report read_report(std::string_view text, const std::string& name, const limits& caps) {
    const auto doc = json_document::parse(text, name, caps);
    const json_value root(doc, 0, "", name);
    root.expect(json_type::object);
    if (!member(root, "thidua_report")) root.fail("not a report document: it has no 'thidua_report' key");
    doc_report r;
    r.precision = static_cast<int>(need(root, "precision").integer());
    r.campaign_sha256 = std::string(need(root, "campaign_sha256").string());
    r.results_sha256 = std::string(need(root, "results_sha256").string());
    need(root, "units").for_each_item([&](std::uint32_t, const json_value& u) { r.units.push_back(read_unit(u)); });
    return r;
}

/// The same units read from a report's accessors: what to_json() would write, without writing it (a report of
/// 100 000 units writes 145 MB in seconds, most of it reasons and warnings that a diff does not compare).
doc_report read_report(const report& r) {
    const auto& c = r.campaign();
    const auto& pl = r.data().compiled();
    doc_report out;
    out.precision = c.precision;
    out.campaign_sha256 = r.campaign_sha256();
    out.results_sha256 = r.results_sha256();
    const auto order = report_order(r);
    out.units.reserve(order.size());
    for (const std::uint32_t u : order) {
        const auto& unit = pl.unit_list()[u];
        doc_unit d;
        d.id = unit.id;
        d.name = unit.name;
        d.cluster = unit.cluster;
        for (std::size_t p = 0; p < pl.phases(); ++p) {
            for (std::size_t k = 0; k < pl.criteria_in(p); ++k) {
                const auto status = r.status(p, u, k);
                std::string key = detail::pair_key(r, p, pl.phase_criteria(p)[k]);
                if (in_scale(status)) d.points.emplace(key, r.points(p, u, k));
                d.status.emplace(key, report_name(status));
                d.slots.push_back(std::move(key));
            }
            if (r.phase_counted(u, p)) d.phases.emplace_back(c.phases[p].id, r.phase_score(u, p));
        }
        d.base = r.base(u);
        d.bonus = r.bonus(u);
        d.penalty = r.penalty(u);
        d.total = r.total(u);
        d.class_id = c.classes[r.class_of(u)].id;
        d.cluster_rank = r.cluster_rank(u);
        d.overall_rank = r.overall_rank(u);
        for (std::size_t a = 0; a < c.awards.size(); ++a) {
            if (r.has_award(u, a)) d.awards.push_back(c.awards[a].id);
        }
        out.units.push_back(std::move(d));
    }
    return out;
}

template <class Map>
auto find_in(const Map& m, std::string_view key) -> std::optional<typename Map::mapped_type> {
    const auto it = m.find(key);
    if (it == m.end()) return std::nullopt;
    return it->second;
}

std::optional<decimal> phase_of(const doc_unit& u, std::string_view phase) {
    for (const auto& [id, score] : u.phases) {
        if (id == phase) return score;
    }
    return std::nullopt;
}

/// Keys of `after` in its order, then those only in `before`.
template <class Key>
std::vector<std::string> union_keys(const std::vector<Key>& before, const std::vector<Key>& after) {
    std::vector<std::string> out(after.begin(), after.end());
    for (const auto& k : before) {
        if (std::find(after.begin(), after.end(), k) == after.end()) out.emplace_back(k);
    }
    return out;
}

std::vector<std::string> phase_ids(const doc_unit& u) {
    std::vector<std::string> ids;
    for (const auto& p : u.phases) ids.push_back(p.first);
    return ids;
}

void set_side(unit_diff& d, const doc_unit& u, bool after) {
    auto side = [after](auto& pair) -> auto& { return after ? pair.after : pair.before; };
    side(d.base) = u.base;
    side(d.bonus) = u.bonus;
    side(d.penalty) = u.penalty;
    side(d.total) = u.total;
    side(d.class_id) = u.class_id;
    side(d.cluster_rank) = u.cluster_rank;
    side(d.overall_rank) = u.overall_rank;
}

unit_diff compare_units(const doc_unit& b, const doc_unit& a) {
    unit_diff d;
    d.id = a.id;
    d.name = a.name;
    d.cluster = a.cluster;
    for (const auto& key : union_keys(b.slots, a.slots)) {
        slot_change s;
        s.status = {find_in(b.status, key).value_or(""), find_in(a.status, key).value_or("")};
        s.points = {find_in(b.points, key), find_in(a.points, key)};
        if (!s.status.changed() && !s.points.changed()) continue;
        const auto slash = key.find('/');
        s.phase = key.substr(0, slash);
        s.criterion = slash == std::string::npos ? std::string() : key.substr(slash + 1);
        d.slots.push_back(std::move(s));
    }
    for (const auto& phase : union_keys(phase_ids(b), phase_ids(a))) {
        phase_change p{phase, {phase_of(b, phase), phase_of(a, phase)}};
        if (p.score.changed()) d.phases.push_back(std::move(p));
    }
    set_side(d, b, false);
    set_side(d, a, true);
    for (const auto& award : a.awards) {
        if (std::find(b.awards.begin(), b.awards.end(), award) == b.awards.end()) d.awards_gained.push_back(award);
    }
    for (const auto& award : b.awards) {
        if (std::find(a.awards.begin(), a.awards.end(), award) == a.awards.end()) d.awards_lost.push_back(award);
    }
    return d;
}

unit_diff lone_unit(const doc_unit& u, unit_presence presence) {
    unit_diff d;
    d.id = u.id;
    d.name = u.name;
    d.cluster = u.cluster;
    d.presence = presence;
    set_side(d, u, presence == unit_presence::added);
    return d;
}

report_diff compare_reports(const doc_report& b, const doc_report& a) {
    report_diff d;
    d.precision = a.precision;
    d.inputs_compared = false;
    d.campaign_sha256 = {b.campaign_sha256, a.campaign_sha256};
    d.results_sha256 = {b.results_sha256, a.results_sha256};
    std::unordered_map<std::string_view, const doc_unit*> before;
    for (const auto& u : b.units) before.emplace(u.id, &u);
    std::unordered_map<std::string_view, const doc_unit*> after;
    for (const auto& u : a.units) after.emplace(u.id, &u);
    for (const auto& u : a.units) {
        const auto it = before.find(u.id);
        auto unit = it == before.end() ? lone_unit(u, unit_presence::added) : compare_units(*it->second, u);
        if (!unit.empty()) d.units.push_back(std::move(unit));
    }
    for (const auto& u : b.units) {
        if (!after.count(u.id)) d.units.push_back(lone_unit(u, unit_presence::removed));
    }
    return d;
}

/// The limits of reading the library's own documents: no limit on their size (a report of 100 000 units writes
/// 145 MB, results of a million rows more).
limits own_documents() {
    limits own;
    own.max_input_bytes = std::numeric_limits<std::size_t>::max();
    return own;
}

// ---- inputs: canonical documents compared node by node ----

/// One document and a node of it.
struct node_ref {
    const json_document* doc;
    std::uint32_t node;
    json_type type() const { return doc->type(node); }
    std::vector<std::pair<std::string_view, std::uint32_t>> children() const {
        std::vector<std::pair<std::string_view, std::uint32_t>> out;
        std::uint32_t child = node + 1;
        for (std::uint32_t i = 0; i < doc->size(node); ++i) {
            out.emplace_back(doc->key(child), child);
            child = doc->next(child);
        }
        return out;
    }
    std::optional<std::uint32_t> member(std::string_view key) const {
        if (type() != json_type::object) return std::nullopt;
        for (const auto& [k, child] : children()) {
            if (k == key) return child;
        }
        return std::nullopt;
    }
    /// The `id` string of an object item, if it has one.
    std::optional<std::string_view> id() const {
        const auto at = member("id");
        if (!at || doc->type(*at) != json_type::string) return std::nullopt;
        return doc->text(*at);
    }
    node_ref at(std::uint32_t n) const { return {doc, n}; }
};

bool same_leaf(const node_ref& b, const node_ref& a) {
    if (b.type() != a.type()) return false;
    if (b.type() == json_type::boolean) return b.doc->boolean(b.node) == a.doc->boolean(a.node);
    return b.doc->text(b.node) == a.doc->text(a.node);
}

std::string child_pointer(const std::string& pointer, std::string_view token) {
    return pointer + "/" + detail::escape_pointer_token(token);
}

/// The ids of an array's items, when every item has one and no two share it.
std::optional<std::vector<std::pair<std::string_view, std::uint32_t>>> item_ids(const node_ref& array) {
    std::vector<std::pair<std::string_view, std::uint32_t>> out;
    std::map<std::string_view, int> seen;
    for (const auto& [key, child] : array.children()) {
        const auto id = array.at(child).id();
        if (!id || seen[*id]++ > 0) return std::nullopt;
        out.emplace_back(*id, child);
    }
    return out;
}

void compare_nodes(const node_ref& b, const node_ref& a, const std::string& pointer, std::vector<std::string>& out);

void compare_arrays(const node_ref& b, const node_ref& a, const std::string& pointer, std::vector<std::string>& out) {
    const auto ids_b = item_ids(b), ids_a = item_ids(a);
    if (ids_b && ids_a) {
        std::map<std::string_view, std::uint32_t> before(ids_b->begin(), ids_b->end());
        std::map<std::string_view, std::uint32_t> after(ids_a->begin(), ids_a->end());
        std::vector<std::string_view> order_b, order_a;
        for (const auto& [id, node] : *ids_b) {
            if (after.count(id)) order_b.push_back(id);
        }
        for (const auto& [id, node] : *ids_a) {
            if (before.count(id)) order_a.push_back(id);
        }
        if (order_b != order_a) out.push_back(pointer);
        for (const auto& [id, node] : *ids_a) {
            const auto it = before.find(id);
            if (it == before.end()) out.push_back(child_pointer(pointer, id));
            else compare_nodes(b.at(it->second), a.at(node), child_pointer(pointer, id), out);
        }
        for (const auto& [id, node] : *ids_b) {
            if (!after.count(id)) out.push_back(child_pointer(pointer, id));
        }
        return;
    }
    const auto items_b = b.children(), items_a = a.children();
    for (std::size_t i = 0; i < std::max(items_b.size(), items_a.size()); ++i) {
        const std::string at = pointer + "/" + std::to_string(i);
        if (i < items_b.size() && i < items_a.size()) compare_nodes(b.at(items_b[i].second), a.at(items_a[i].second), at, out);
        else out.push_back(at);
    }
}

void compare_nodes(const node_ref& b, const node_ref& a, const std::string& pointer, std::vector<std::string>& out) {
    if (b.type() != a.type()) {
        out.push_back(pointer);
    } else if (b.type() == json_type::object) {
        std::map<std::string_view, std::uint32_t> before, after;
        for (const auto& [k, child] : b.children()) before.emplace(k, child);
        for (const auto& [k, child] : a.children()) after.emplace(k, child);
        auto ib = before.begin();
        auto ia = after.begin();
        while (ib != before.end() || ia != after.end()) {
            if (ia == after.end() || (ib != before.end() && ib->first < ia->first)) {
                out.push_back(child_pointer(pointer, (ib++)->first));
            } else if (ib == before.end() || ia->first < ib->first) {
                out.push_back(child_pointer(pointer, (ia++)->first));
            } else {
                compare_nodes(b.at(ib->second), a.at(ia->second), child_pointer(pointer, ia->first), out);
                ++ib;
                ++ia;
            }
        }
    } else if (b.type() == json_type::array) {
        compare_arrays(b, a, pointer, out);
    } else if (!same_leaf(b, a)) {
        out.push_back(pointer);
    }
}

std::vector<std::string> campaign_changes(const report& before, const report& after) {
    const std::string text_b = to_canonical_json(before.campaign()), text_a = to_canonical_json(after.campaign());
    const auto doc_b = json_document::parse(text_b, "campaign", own_documents());
    const auto doc_a = json_document::parse(text_a, "campaign", own_documents());
    std::vector<std::string> out;
    compare_nodes({&doc_b, 0}, {&doc_a, 0}, "", out);
    return out;
}

std::string row_text(const node_ref& row, std::string_view field) {
    const auto at = row.member(field);
    return at ? std::string(row.doc->text(*at)) : std::string();
}

/// The layer of the document's rows when it names one ("layer": {"id": …}); rows of several layers name their own.
std::string document_layer(const node_ref& root) {
    const auto layer = root.member("layer");
    return layer ? row_text(root.at(*layer), "id") : std::string();
}

/// An item of a canonical results list (a result row, an event, a vote) and the layer giving it.
struct keyed_row {
    node_ref row;
    std::string layer;
};

/// How the items of one list of a canonical results document are matched: by these fields and the layer, then by
/// occurrence.
struct list_keys {
    std::string_view list;
    std::vector<std::string_view> fields;

    bool is_key(std::string_view field) const {
        return field == "layer" || std::find(fields.begin(), fields.end(), field) != fields.end();
    }
};

const list_keys result_keys{"results", {"unit", "criterion", "phase", "date"}};
const list_keys event_keys{"events", {"unit", "adjustment"}};
const list_keys vote_keys{"votes", {"unit", "award"}};

/// The items of `keys.list`, by (key fields, layer, occurrence).
using row_key = std::pair<std::string, int>;
std::vector<std::pair<row_key, keyed_row>> keyed_rows(const json_document& doc, const list_keys& keys) {
    std::vector<std::pair<row_key, keyed_row>> out;
    const node_ref root{&doc, 0};
    const auto rows = root.member(keys.list);
    if (!rows) return out;
    const std::string layer = document_layer(root);
    std::map<std::string, int> seen;
    for (const auto& [k, child] : root.at(*rows).children()) {
        const node_ref row = root.at(child);
        keyed_row item{row, row.member("layer") ? row_text(row, "layer") : layer};
        std::string key = item.layer + '\x1f';
        for (auto field : keys.fields) key += row_text(row, field) + '\x1f';
        const int n = seen[key]++;
        out.push_back({{key, n}, std::move(item)});
    }
    return out;
}

std::vector<std::string> changed_fields(const node_ref& b, const node_ref& a, const list_keys& keys) {
    std::map<std::string_view, std::uint32_t> before, after;
    for (const auto& [k, child] : b.children()) before.emplace(k, child);
    for (const auto& [k, child] : a.children()) after.emplace(k, child);
    std::vector<std::string> out;
    for (const auto& [field, node] : after) {
        const auto it = before.find(field);
        if (!keys.is_key(field) && (it == before.end() || !same_leaf(b.at(it->second), a.at(node)))) out.emplace_back(field);
    }
    for (const auto& [field, node] : before) {
        if (!keys.is_key(field) && !after.count(field)) out.emplace_back(field);
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// The items of one list added, changed (in the later document's order) and removed; `make` turns an item into its
/// change record.
template <class Change, class Make>
std::vector<Change> list_changes(const json_document& doc_b, const json_document& doc_a, const list_keys& keys,
                                 Make&& make) {
    const auto rows_b = keyed_rows(doc_b, keys), rows_a = keyed_rows(doc_a, keys);
    std::map<row_key, keyed_row> by_key_b(rows_b.begin(), rows_b.end());
    std::map<row_key, keyed_row> by_key_a(rows_a.begin(), rows_a.end());
    std::vector<Change> out;
    for (const auto& [key, row] : rows_a) {
        const auto it = by_key_b.find(key);
        if (it == by_key_b.end()) {
            out.push_back(make(row, row_change_kind::added));
            continue;
        }
        auto fields = changed_fields(it->second.row, row.row, keys);
        if (fields.empty()) continue;
        out.push_back(make(row, row_change_kind::changed));
        out.back().fields = std::move(fields);
    }
    for (const auto& [key, row] : rows_b) {
        if (!by_key_a.count(key)) out.push_back(make(row, row_change_kind::removed));
    }
    return out;
}

/// The result rows, events and votes that differ between the two reports' canonical results.
void input_changes(const report& before, const report& after, report_diff& d) {
    const std::string text_b = to_canonical_json(before.results()), text_a = to_canonical_json(after.results());
    const auto doc_b = json_document::parse(text_b, "results", own_documents());
    const auto doc_a = json_document::parse(text_a, "results", own_documents());
    d.result_rows = list_changes<row_change>(doc_b, doc_a, result_keys, [](const keyed_row& item, row_change_kind kind) {
        const node_ref& row = item.row;
        return row_change{row_text(row, "unit"), row_text(row, "criterion"), row_text(row, "phase"),
                          row_text(row, "date"), item.layer, kind, {}};
    });
    const auto item_of = [](std::string_view id_field) {
        return [id_field](const keyed_row& item, row_change_kind kind) {
            return item_change{row_text(item.row, "unit"), row_text(item.row, id_field), item.layer, kind, {}};
        };
    };
    d.events = list_changes<item_change>(doc_b, doc_a, event_keys, item_of("adjustment"));
    d.votes = list_changes<item_change>(doc_b, doc_a, vote_keys, item_of("award"));
}

}  // namespace

report_diff diff_documents(std::string_view before_json, std::string_view after_json, const std::string& before_name,
                           const std::string& after_name) {
    const limits caps;
    const doc_report before = read_report(before_json, before_name, caps);  // read first: its error comes first
    return compare_reports(before, read_report(after_json, after_name, caps));
}

report_diff diff(const report& before, const report& after) {
    const doc_report units_before = read_report(before);
    report_diff d = compare_reports(units_before, read_report(after));
    d.inputs_compared = true;
    d.campaign_changes = campaign_changes(before, after);
    input_changes(before, after, d);
    return d;
}

}  // namespace thidua
