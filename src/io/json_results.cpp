// Reads a results document (docs/format.md, Results). Rows are read straight from the document's nodes: results files
// are the large input, and a row's location is built only when an error needs it.

#include <span>

#include "thidua/detail/json_reader.hpp"
#include "thidua/io/json.hpp"

namespace thidua {

namespace {

using detail::json_document;
using detail::json_type;

/// The members of one row object, checked against the allowed keys, with typed access located by `origin`.
class row_fields {
public:
    static constexpr std::size_t max_fields = 9;

    row_fields(const json_document& doc, std::uint32_t node, const origin& where, const std::string& document,
               std::span<const std::string_view> allowed)
        : doc_(doc), where_(where), document_(document), names_(allowed) {
        if (doc.type(node) != json_type::object) {
            fail({}, "wrong type: expected an object, found " + std::string(describe(doc.type(node))));
        }
        std::uint32_t child = node + 1;
        for (std::uint32_t i = 0; i < doc.size(node); ++i, child = doc.next(child)) {
            const auto key = doc.key(child);
            std::size_t slot = 0;
            for (auto name : allowed) {
                if (name == key) break;
                ++slot;
            }
            if (slot == allowed.size()) fail(key, detail::unknown_key_message(key, allowed));
            if (nodes_[slot] != 0) fail(key, "duplicate key " + detail::quoted(key) + "; give each key once");
            if (doc.type(child) != json_type::null) nodes_[slot] = child;  // null reads as absent
        }
    }

    bool has(std::size_t slot) const { return nodes_[slot] != 0; }

    [[noreturn]] void fail(std::string_view field, const std::string& message) const {
        throw schema_error(message, where_.at(document_, field));
    }

    std::string_view string(std::size_t slot) const {
        const json_type type = doc_.type(nodes_[slot]);
        if (type != json_type::string) {
            fail(names_[slot], "wrong type: expected a string, found " + std::string(describe(type)));
        }
        return doc_.text(nodes_[slot]);
    }
    std::string id(std::size_t slot) const {
        if (!has(slot)) fail({}, "missing required key " + detail::quoted(names_[slot]));
        const auto s = string(slot);
        if (s.empty()) throw reference_error("an id must not be empty", where_.at(document_, names_[slot]));
        return std::string(s);
    }
    decimal number(std::size_t slot) const {
        const json_type type = doc_.type(nodes_[slot]);
        if (type != json_type::number && type != json_type::string) {
            fail(names_[slot], "wrong type: expected a number or a decimal string, found " + std::string(describe(type)));
        }
        const auto text = doc_.text(nodes_[slot]);
        decimal_problem problem;
        auto value = decimal::parse(text, &problem);
        if (!value) fail(names_[slot], detail::decimal_problem_text(text, problem));
        return *value;
    }
    std::int64_t integer(std::size_t slot) const {
        const decimal d = number(slot);
        if (!d.is_integer()) fail(names_[slot], "expected a whole number, found " + d.to_string());
        return d.micros() / decimal::micros_per_unit;
    }
    date day(std::size_t slot) const {
        const auto text = string(slot);
        auto d = date::parse(text);
        if (!d) fail(names_[slot], detail::date_problem_text(text));
        return *d;
    }
    result_value value(std::size_t slot) const {
        const json_type type = doc_.type(nodes_[slot]);
        bool yes = doc_.boolean(nodes_[slot]);
        // "true"/"false" as text too: what a table converted to JSON carries.
        if (type == json_type::boolean || (type == json_type::string && detail::boolean_text(doc_.text(nodes_[slot]), yes))) {
            return {decimal::from_int(yes ? 1 : 0), true, yes ? "true" : "false"};
        }
        return {number(slot), false, std::string(doc_.text(nodes_[slot]))};
    }

private:
    const json_document& doc_;
    const origin& where_;
    const std::string& document_;
    std::uint32_t nodes_[max_fields] = {};
    std::span<const std::string_view> names_;
};

constexpr std::string_view row_keys[] = {"unit",   "criterion", "phase",     "date", "value",
                                         "target", "status",    "submitted", "note"};
enum row_key : std::size_t { r_unit, r_criterion, r_phase, r_date, r_value, r_target, r_status, r_submitted, r_note };
constexpr std::string_view status_names[] = {"reported", "missing", "exempt", "not_applicable"};
constexpr std::string_view event_keys[] = {"unit", "adjustment", "count", "note"};
constexpr std::string_view vote_keys[] = {"unit", "yes", "of", "award"};

result_row read_row(const json_document& doc, std::uint32_t node, const origin& where, const std::string& document) {
    result_row row;
    row.origin = where;
    const row_fields f(doc, node, row.origin, document, row_keys);
    row.unit = f.id(r_unit);
    row.criterion = f.id(r_criterion);
    if (f.has(r_phase)) row.phase = f.id(r_phase);
    if (f.has(r_date)) row.on = f.day(r_date);
    if (f.has(r_status)) {
        const auto text = f.string(r_status);
        auto status = parse_result_status(text);
        if (!status) f.fail("status", detail::not_one_of_message(text, status_names));
        row.status = *status;
    }
    if (f.has(r_value)) row.value = f.value(r_value);
    if (f.has(r_target)) row.target = f.number(r_target);
    if (f.has(r_submitted)) row.submitted = f.day(r_submitted);
    if (f.has(r_note)) row.note = std::string(f.string(r_note));
    return row;
}

event read_event(const json_document& doc, std::uint32_t node, const origin& where, const std::string& document) {
    event e;
    e.origin = where;
    const row_fields f(doc, node, e.origin, document, event_keys);
    e.unit = f.id(0);
    e.adjustment = f.id(1);
    if (f.has(2)) e.count = f.integer(2);
    if (auto problem = detail::event_problem(e)) problem->raise(e.origin.at(document, problem->field));
    if (f.has(3)) e.note = std::string(f.string(3));
    return e;
}

vote read_vote(const json_document& doc, std::uint32_t node, const origin& where, const std::string& document) {
    vote v;
    v.origin = where;
    const row_fields f(doc, node, v.origin, document, vote_keys);
    v.unit = f.id(0);
    if (!f.has(1) || !f.has(2)) f.fail({}, "a vote needs 'yes' and 'of'");
    v.yes = f.integer(1);
    v.of = f.integer(2);
    if (auto problem = detail::vote_problem(v)) problem->raise(v.origin.at(document, problem->field));
    if (f.has(3)) v.award = f.id(3);
    return v;
}

}  // namespace

namespace {

using detail::json_value;

/// The member `key` of an object, if present and not null. A report carries more than history reads, and a report
/// of another library version may carry keys this one does not know: the others are passed over.
std::optional<json_value> member(const json_value& object, std::string_view key) {
    std::optional<json_value> found;
    object.for_each_member([&](std::string_view k, const json_value& v) {
        if (k == key && v.type() != json_type::null) found = v;
    });
    return found;
}

json_value required_member(const json_value& object, std::string_view key) {
    auto found = member(object, key);
    if (!found) object.fail("missing required key " + detail::quoted(key));
    return *found;
}

/// One earlier year (a saved report's units, or an item of a results document's `history`), read at `root`.
past_year read_year(const json_value& root, int year, const std::string& document) {
    past_year y;
    y.year = year;
    if (auto campaign = member(root, "campaign")) y.campaign = std::string(campaign->string());
    y.source = document;
    y.at = root.pointer();
    required_member(root, "units").for_each_item([&](std::uint32_t, const json_value& u) {
        past_unit p;
        p.id = required_member(u, "id").id();
        p.class_id = required_member(u, "class").id();
        p.total = std::string(required_member(u, "total").raw_text());
        p.cluster_rank = required_member(u, "cluster_rank").integer();
        if (auto awards = member(u, "awards")) {
            awards->for_each_item([&](std::uint32_t, const json_value& a) { p.awards.push_back(a.id()); });
        }
        y.units.push_back(std::move(p));
    });
    return y;
}

}  // namespace

past_year read_past_year(std::string_view json_text, const std::string& document, std::string_view at,
                         std::optional<int> year) {
    const auto doc = detail::json_document::parse(json_text, document, limits{});
    const json_value root(doc, doc.resolve(at, document), std::string(at), document);
    const auto format = required_member(root, "thidua_report");
    if (format.integer() != 1) format.fail("not a report document (thidua_report 1)");
    if (!year) {
        const auto period = member(root, "period");
        if (!period) root.fail("the report does not say its period: give the year it reports on");
        year = required_member(*period, "end").day().year();
    }
    return read_year(root, *year, document);
}

results read_results(std::string_view json_text, const std::string& document, std::string_view at,
                     const limits& caps) {
    const auto doc = json_document::parse(json_text, document, caps);
    const std::uint32_t top = doc.resolve(at, document);
    doc.check_lengths(top, caps.max_string_bytes, document);
    const detail::json_value root(doc, top, "", document);
    const detail::json_object o(root, {"thidua_results", "campaign", "as_of", "layer", "results", "events", "votes",
                                       "history"});
    results r;
    r.sources = {source{document, {}}};
    const auto format = o.required("thidua_results");
    // Compared before narrowing, so that 4294967297 is not taken for 1.
    if (format.integer() != 1) format.fail("unsupported format version " + std::string(format.raw_text()) + " (expected 1)");
    if (auto campaign = o.get("campaign")) r.campaign = campaign->id();
    if (auto as_of = o.get("as_of")) r.as_of = as_of->day();
    if (auto named = o.get("layer")) {  // "tham-dinh", or {"id": "tham-dinh", "title": "Thẩm định"}
        if (named->type() == json_type::string) {
            r.layers = {layer{named->id(), {}}};
        } else {
            const detail::json_object l(*named, {"id", "title"});
            const auto title = l.get("title");
            r.layers = {layer{l.required("id").id(), title ? std::string(title->string()) : std::string()}};
        }
    }
    auto read_all = [&](const char* name, auto& out, auto read_one) {
        auto list = o.get(name);
        if (!list) return false;
        const std::uint32_t n = list->size();
        if (n > caps.max_rows) {
            list->fail<limit_error>(std::to_string(n) + " " + name + " are more than the limit of " +
                                    std::to_string(caps.max_rows) + " (thidua::limits::max_rows)");
        }
        out.reserve(n);
        origin where;
        where.array = name;
        std::uint32_t child = list->node() + 1;  // items are the consecutive subtrees after the array node
        for (std::uint32_t i = 0; i < n; ++i, child = doc.next(child)) {
            where.index = i;
            out.push_back(read_one(doc, child, where, document));
        }
        return true;
    };
    if (auto history = o.get("history")) {  // earlier years, as the canonical results carry them
        history->for_each_item([&](std::uint32_t, const json_value& y) {
            r.history.push_back(read_year(y, static_cast<int>(required_member(y, "year").integer()), document));
        });
    }
    read_all("results", r.rows, read_row);
    r.events_given = read_all("events", r.events, read_event);
    r.votes_given = read_all("votes", r.votes, read_vote);
    r.sources[0].states_events = r.events_given;
    r.sources[0].states_votes = r.votes_given;
    return r;
}

}  // namespace thidua
