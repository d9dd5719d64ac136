// What-if: a report's inputs copied, the changes made, and the copy scored from scratch.

#include "thidua/analysis/what_if.hpp"

#include <algorithm>
#include <map>

#include "thidua/detail/columns.hpp"
#include "thidua/detail/json_dom.hpp"
#include "thidua/detail/json_reader.hpp"
#include "thidua/detail/messages.hpp"
#include "thidua/detail/report_data.hpp"
#include "thidua/io/limits.hpp"

namespace thidua {

namespace {

using detail::json_object;
using detail::json_value;
using kind = what_if_change::kind;

what_if_change read_change(const json_value& v) {
    json_object o(v, {"unit", "criterion", "phase", "value", "status", "adjustment", "count", "total_delta", "weight",
                      "class", "min_score", "award", "max_share"});
    what_if_change c;
    c.pointer = v.pointer();
    auto text = [&](std::string_view key) { return o.get(key) ? o.get(key)->id() : std::string(); };
    c.unit = text("unit");
    c.criterion = text("criterion");
    c.phase = text("phase");
    const auto needs = [&](std::initializer_list<std::string_view> keys, std::string_view form) {
        for (auto key : keys) {
            if (!o.get(key)) v.fail("a change " + std::string(form) + " needs '" + std::string(key) + "'");
        }
    };
    if (auto value = o.get("value")) {
        needs({"unit", "criterion"}, "of a value");
        c.what = kind::value;
        if (value->type() == detail::json_type::boolean) {
            c.value = {decimal::from_int(value->boolean() ? 1 : 0), true, value->boolean() ? "true" : "false"};
        } else {
            c.value = {value->number(), false, std::string(value->raw_text())};
        }
    } else if (auto status = o.get("status")) {
        needs({"unit", "criterion"}, "of a status");
        c.what = kind::status;
        constexpr std::string_view names[] = {"reported", "missing", "exempt", "not_applicable"};
        const auto parsed = parse_result_status(status->string());
        if (!parsed) status->fail(detail::not_one_of_message(status->string(), names));
        c.status = *parsed;
    } else if (auto adjustment = o.get("adjustment")) {
        needs({"unit"}, "adding an event");
        c.what = kind::event;
        c.id = adjustment->id();
        if (auto count = o.get("count")) c.count = count->integer();
        if (c.count < 1) o.get("count")->fail("an event counts at least 1");
    } else if (auto delta = o.get("total_delta")) {
        needs({"unit"}, "of a total");
        c.what = kind::total_delta;
        c.amount = delta->number();
    } else if (auto weight = o.get("weight")) {
        needs({"phase"}, "of a weight");
        c.what = kind::phase_weight;
        c.amount = weight->number();
    } else if (auto min_score = o.get("min_score")) {
        needs({"class"}, "of a class threshold");
        c.what = kind::class_min_score;
        c.id = o.required("class").id();
        c.amount = min_score->number();
    } else if (auto award = o.get("award")) {
        c.id = award->id();
        if (auto count = o.get("count")) {
            c.what = kind::award_count;
            c.count = count->integer();
        } else if (auto share = o.get("max_share")) {
            c.what = kind::award_max_share;
            c.amount = share->number();
        } else {
            v.fail("a change of an award's quota needs 'count' or 'max_share'");
        }
    } else {
        v.fail("a change names a value, a status, an adjustment, a total_delta, a phase's weight, a class's "
               "min_score or an award's count or max_share");
    }
    return c;
}

/// The changes made to copies of a report's campaign and results.
class change_maker {
public:
    change_maker(const report& r, const std::string& document)
        : r_(r), campaign_(r.campaign()), results_(r.results()), document_(document) {}

    void make(const what_if_change& c) {
        switch (c.what) {
            case kind::value:
            case kind::status: slot(c); break;
            case kind::event: event(c); break;
            case kind::total_delta: {
                const std::size_t u = unit(c);
                touch(u);
                if (deltas_.empty()) deltas_.assign(r_.units(), 0);
                deltas_[u] += c.amount.micros();
                break;
            }
            case kind::phase_weight: named(campaign_.phases, c.phase, "phase", c).weight = c.amount; break;
            case kind::class_min_score: named(campaign_.classes, c.id, "class", c).min_score = c.amount; break;
            case kind::award_count: {
                auto& award = named(campaign_.awards, c.id, "award", c);
                award.count = c.count;
                award.max_share.reset();
                break;
            }
            case kind::award_max_share: {
                auto& award = named(campaign_.awards, c.id, "award", c);
                award.max_share = c.amount;
                award.count.reset();
                break;
            }
        }
        if (c.what >= kind::phase_weight) campaign_changed_ = true;
    }

    report score(const score_options& options) {
        thidua::plan p = r_.plan();
        if (campaign_changed_) {
            if (r_.campaign().units.empty()) {
                throw validation_error("a what-if that changes the campaign needs a report scored with its units "
                                       "listed in the campaign (not from a population)", {document_, {}, 0, {}});
            }
            p = thidua::plan(std::move(campaign_));
        }
        auto shared = std::make_shared<const results>(std::move(results_));
        if (shared->layers.size() > 1) return detail::score_layers(p, std::move(shared), options, std::move(deltas_));
        detail::columns in = detail::bind(p.compiled(), *shared);
        in.total_delta = std::move(deltas_);
        // Only the clusters of the units changed are ranked again; the campaign changed, every cluster is.
        touched_.resize(p.compiled().clusters(), 0);
        const detail::ranking_reuse reuse{campaign_changed_ ? nullptr : &r_.data(), touched_};
        return detail::make_report(std::move(p), std::move(shared), std::move(in), nullptr, options, nullptr, reuse);
    }

private:
    [[noreturn]] void fail(const what_if_change& c, const std::string& message) const {
        throw reference_error(message, {document_, c.pointer, 0, {}});
    }
    std::size_t unit(const what_if_change& c) const {
        const std::int32_t u = r_.plan().compiled().unit_index(c.unit);
        if (u < 0) fail(c, detail::unknown_id_message("unit", c.unit, detail::ids_of(r_.plan().compiled().unit_list())));
        return static_cast<std::size_t>(u);
    }
    template <class Items>
    typename Items::value_type& named(Items& items, const std::string& id, std::string_view what,
                                      const what_if_change& c) {
        const auto i = index_of(items, id);
        if (i < 0) fail(c, detail::unknown_id_message(what, id, detail::ids_of(items)));
        return items[static_cast<std::size_t>(i)];
    }
    /// The phase a row is in: its own, the one its date falls in, or the only one ("" when none tells).
    std::string phase_of(const result_row& row) const {
        if (!row.phase.empty()) return row.phase;
        const auto& pl = r_.plan().compiled();
        if (row.on && pl.phase_at(*row.on) >= 0) return campaign_.phases[static_cast<std::size_t>(pl.phase_at(*row.on))].id;
        return campaign_.phases.size() == 1 ? campaign_.phases[0].id : std::string();
    }

    /// Marks unit u's cluster as changed: it is ranked again.
    void touch(std::size_t u) {
        touched_.resize(r_.plan().compiled().clusters(), 0);
        touched_[r_.plan().compiled().unit_clusters()[u]] = 1;
    }

    void slot(const what_if_change& c) {
        touch(unit(c));
        if (index_of(campaign_.criteria, c.criterion) < 0) {
            fail(c, detail::unknown_id_message("criterion", c.criterion, detail::ids_of(campaign_.criteria)));
        }
        std::string phase = c.phase;
        if (phase.empty()) {
            if (campaign_.phases.size() != 1) fail(c, "the change names no phase (the campaign has several)");
            phase = campaign_.phases[0].id;
        } else {
            (void)named(campaign_.phases, phase, "phase", c);
        }
        // A layered input changes its last layer: "what if the appraisal accepts …" (docs/semantics.md §13).
        const std::uint32_t last = results_.layers.empty() ? 0 : static_cast<std::uint32_t>(results_.layers.size() - 1);
        auto row = std::find_if(results_.rows.begin(), results_.rows.end(), [&](const result_row& r) {
            return r.unit == c.unit && r.criterion == c.criterion && phase_of(r) == phase &&
                   results_.layer_of(r.origin) == last;
        });
        if (row == results_.rows.end()) {
            result_row added;
            added.unit = c.unit;
            added.criterion = c.criterion;
            added.phase = phase;
            results_.rows.push_back(std::move(added));
            row = results_.rows.end() - 1;
        }
        row->origin = origin_of(c, last);  // an error about the changed row names the change
        if (!results_.layers.empty() && row->note.empty()) row->note = document_;  // why the layer changed it
        if (c.what == kind::value) {
            row->value = c.value;
            row->status = result_status::reported;
        } else {
            row->status = c.status;
            if (c.status != result_status::reported) row->value.reset();
        }
    }

    void event(const what_if_change& c) {
        touch(unit(c));
        (void)named(campaign_.adjustments, c.id, "adjustment", c);
        thidua::event e;
        e.unit = c.unit;
        e.adjustment = c.id;
        e.count = c.count;
        e.origin = origin_of(c, events_layer());
        results_.events.push_back(std::move(e));
        results_.events_given = true;
    }

    /// The layer whose events are final: the last one stating events, else the last one.
    std::uint32_t events_layer() const {
        for (std::uint32_t i = static_cast<std::uint32_t>(results_.layers.size()); i-- > 0;) {
            for (const auto& s : results_.sources) {
                if (s.layer == i && s.states_events) return i;
            }
            for (const auto& e : results_.events) {
                if (results_.layer_of(e.origin) == i) return i;
            }
        }
        return results_.layers.empty() ? 0 : static_cast<std::uint32_t>(results_.layers.size() - 1);
    }

    /// The place of a change, as the origin of the rows and events it makes: the what-if is a source of the
    /// results of its own (one per layer it changes), whose array is the list of changes.
    origin origin_of(const what_if_change& c, std::uint32_t layer) {
        auto& at = source_of_layer_[layer];
        if (at == 0) {
            at = static_cast<std::uint32_t>(results_.sources.size());
            source new_source{document_, {}};
            new_source.layer = layer;
            results_.sources.push_back(std::move(new_source));
        }
        origin o;
        o.array = "";
        o.index = c.pointer.empty() ? 0 : std::stoul(c.pointer.substr(1));
        o.source = at;
        return o;
    }

    const report& r_;
    campaign campaign_;
    results results_;
    const std::string& document_;
    std::vector<std::int64_t> deltas_;
    std::vector<std::uint8_t> touched_;  ///< per cluster: a unit of it changed
    bool campaign_changed_ = false;
    std::map<std::uint32_t, std::uint32_t> source_of_layer_;  ///< the what-if's source in each layer (0: none yet)
};

}  // namespace

std::vector<what_if_change> read_what_if(std::string_view json_text, const std::string& document) {
    const limits caps;
    const auto doc = detail::json_document::parse(json_text, document, caps);
    const json_value root(doc, doc.resolve("", document), "", document);
    std::vector<what_if_change> out;
    root.for_each_item([&](std::uint32_t, const json_value& item) { out.push_back(read_change(item)); });
    return out;
}

report what_if(const report& r, std::span<const what_if_change> changes, const score_options& options) {
    if (!r.data().from_rows) {
        throw validation_error("a what-if needs a report scored from result rows (score()), not from arrays",
                               {"what-if", {}, 0, {}});
    }
    const std::string document = "what-if";
    change_maker maker(r, document);
    for (const auto& c : changes) maker.make(c);
    return maker.score(options);
}

}  // namespace thidua
