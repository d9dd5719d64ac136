// Diffs between runs: thidua::report_diff as records (dicts and lists; decimals as strings at the reports'
// precision, None where a side has no value).

#include <algorithm>
#include <optional>

#include "pybind11.hpp"
#include "thidua/analysis/diff.hpp"
#include "thidua/report/report.hpp"

namespace {

// At the reports' precision, or with the digits a value has (reports of two precisions).
std::string text(thidua::decimal d, int precision) { return d.to_string(std::max(precision, d.fraction_digits())); }

py::object text(const std::optional<thidua::decimal>& d, int precision) {
    if (!d) return py::none();
    return py::str(text(*d, precision));
}

py::tuple pair(const thidua::diff_pair<thidua::decimal>& p, int precision) {
    return py::make_tuple(text(p.before, precision), text(p.after, precision));
}

template <class T>
py::tuple pair(const thidua::diff_pair<T>& p) {
    return py::make_tuple(p.before, p.after);
}

py::dict unit_record(const thidua::unit_diff& u, int precision) {
    py::list slots, phases;
    for (const auto& s : u.slots) {
        slots.append(py::dict("phase"_a = s.phase, "criterion"_a = s.criterion,
                              "points"_a = py::make_tuple(text(s.points.before, precision), text(s.points.after, precision)),
                              "status"_a = pair(s.status)));
    }
    for (const auto& p : u.phases) {
        phases.append(py::dict("phase"_a = p.phase,
                               "score"_a = py::make_tuple(text(p.score.before, precision), text(p.score.after, precision))));
    }
    return py::dict("id"_a = u.id, "name"_a = u.name, "cluster"_a = u.cluster, "presence"_a = to_string(u.presence),
                    "slots"_a = slots, "phases"_a = phases, "base"_a = pair(u.base, precision),
                    "bonus"_a = pair(u.bonus, precision), "penalty"_a = pair(u.penalty, precision),
                    "total"_a = pair(u.total, precision), "class"_a = pair(u.class_id),
                    "cluster_rank"_a = pair(u.cluster_rank), "overall_rank"_a = pair(u.overall_rank),
                    "awards_gained"_a = u.awards_gained, "awards_lost"_a = u.awards_lost);
}

py::dict record(const thidua::report_diff& d) {
    py::list units, rows;
    for (const auto& u : d.units) units.append(unit_record(u, d.precision));
    for (const auto& r : d.result_rows) {
        rows.append(py::dict("unit"_a = r.unit, "criterion"_a = r.criterion, "phase"_a = r.phase, "date"_a = r.date,
                             "layer"_a = r.layer.empty() ? py::object(py::none()) : py::str(r.layer), "change"_a = to_string(r.kind), "fields"_a = r.fields));
    }
    const auto items = [](const std::vector<thidua::item_change>& changes) {
        py::list out;
        for (const auto& c : changes) {
            out.append(py::dict("unit"_a = c.unit, "id"_a = c.id,
                                "layer"_a = c.layer.empty() ? py::object(py::none()) : py::str(c.layer),
                                "change"_a = to_string(c.kind), "fields"_a = c.fields));
        }
        return out;
    };
    return py::dict("empty"_a = d.empty(), "precision"_a = d.precision, "inputs_compared"_a = d.inputs_compared,
                    "campaign_sha256"_a = pair(d.campaign_sha256), "results_sha256"_a = pair(d.results_sha256),
                    "units"_a = units, "campaign_changes"_a = d.campaign_changes, "result_rows"_a = rows, "events"_a = items(d.events), "votes"_a = items(d.votes));
}

}  // namespace

void bind_diff(py::module_& m) {
    m.def(
        "diff", [](const thidua::report& before, const thidua::report& after) { return record(thidua::diff(before, after)); },
        "before"_a, "after"_a, "What differs between two reports: units, fingerprints, campaign keys, result rows");
    m.def(
        "diff_documents",
        [](std::string_view before, std::string_view after, const std::string& before_name,
           const std::string& after_name) {
            return record(thidua::diff_documents(before, after, before_name, after_name));
        },
        "before"_a, "after"_a, "before_name"_a = "before", "after_name"_a = "after",
        "What differs between two report documents (JSON text): units and fingerprints");
}
