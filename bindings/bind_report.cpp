// The report of a scoring run as _core.report, and explanations.

#include <pybind11/numpy.h>

#include <map>
#include <numeric>
#include <optional>

#include "pybind11.hpp"
#include "thidua/detail/texts.hpp"
#include "thidua/io/json.hpp"
#include "thidua/report/explain.hpp"
#include "thidua/report/messages.hpp"
#include "thidua/detail/report_data.hpp"
#include "thidua/report/report.hpp"
#include "thidua/report/tables.hpp"

namespace {

/// A read-only numpy view of `data`, which the report `owner` keeps alive.
template <class T>
py::array view(const py::object& owner, const T* data, std::vector<py::ssize_t> shape) {
    py::array_t<T> a(std::move(shape), data, owner);
    a.attr("setflags")("write"_a = false);
    return a;
}

/// A numpy array owning `v`'s storage (moved, not copied).
template <class T>
py::array owned(std::vector<T>&& v) {
    auto* held = new std::vector<T>(std::move(v));
    py::capsule free(held, [](void* p) { delete static_cast<std::vector<T>*>(p); });
    return py::array_t<T>(static_cast<py::ssize_t>(held->size()), held->data(), free);
}

/// A slot table as numpy arrays (moved, not copied): indices, status codes, micros (no_number: an empty cell) and
/// the met flags, and `changed` for a layered report's.
py::dict slot_columns(thidua::slot_table&& t, bool layered) {
    std::vector<std::uint8_t> status(t.status.size());
    for (std::size_t i = 0; i < status.size(); ++i) status[i] = static_cast<std::uint8_t>(t.status[i]);
    py::dict out;
    out["unit"] = owned(std::move(t.unit));
    out["phase"] = owned(std::move(t.phase));
    out["criterion"] = owned(std::move(t.criterion));
    out["status"] = owned(std::move(status));
    out["value"] = owned(std::move(t.value));
    out["target"] = owned(std::move(t.target));
    out["points"] = owned(std::move(t.points));
    out["max"] = owned(std::move(t.max));
    out["met"] = owned(std::move(t.met));
    if (layered) out["changed"] = owned(std::move(t.changed));
    return out;
}

}  // namespace

void bind_report(py::module_& m) {
    m.attr("no_number") = thidua::no_number;
    m.def(
        "status_names",
        [] {
            std::vector<std::string> names;
            for (auto s = 0; s <= static_cast<int>(thidua::slot_status::pending); ++s) {
                names.emplace_back(thidua::report_name(static_cast<thidua::slot_status>(s)));
            }
            return names;
        },
        "The report name of each slot status code (codes of slot_columns()['status'])");
    m.def(
        "decimal_texts",
        [](py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> micros, int digits) {
            // Micros as the report writes them: `digits` fractional digits, or as few as exact (−1).
            std::vector<std::optional<std::string>> out(static_cast<std::size_t>(micros.size()));
            const std::int64_t* in = micros.data();
            for (std::size_t i = 0; i < out.size(); ++i) {
                if (in[i] == thidua::no_number) continue;
                const auto d = thidua::decimal::from_micros(in[i]);
                out[i] = digits < 0 ? d.to_string() : d.to_string(digits);
            }
            return out;
        },
        "micros"_a, "digits"_a = -1, "Micros as decimal text (digits < 0: as few as exact); None for no_number");

    m.def(
        "messages",
        [] {
            std::vector<std::tuple<std::string, std::string, std::string>> out;
            for (const auto& msg : thidua::message_catalog()) out.emplace_back(msg.id, msg.vi, msg.en);
            return out;
        },
        "The catalog of texts: (id, Vietnamese template, English template) for every message");

    py::class_<thidua::explanation_step>(m, "explanation_step", "One step of an explanation")
        .def_readonly("step", &thidua::explanation_step::step)
        .def_readonly("phase", &thidua::explanation_step::phase)
        .def_readonly("subject", &thidua::explanation_step::subject)
        .def_readonly("inputs", &thidua::explanation_step::inputs)
        .def_readonly("rule", &thidua::explanation_step::rule)
        .def_readonly("threshold", &thidua::explanation_step::threshold)
        .def_readonly("points", &thidua::explanation_step::points)
        .def_readonly("max", &thidua::explanation_step::max)
        .def_readonly("text", &thidua::explanation_step::text)
        .def_readonly("depth", &thidua::explanation_step::depth);

    py::class_<thidua::explanation>(m, "explanation", "How a unit's report came about")
        .def_readonly("unit", &thidua::explanation::unit)
        .def_readonly("steps", &thidua::explanation::steps)
        .def("prose", &thidua::explanation::prose);

    py::class_<thidua::report>(m, "report", "The outcome of scoring (see thidua.Report)")
        .def("to_json", [](const thidua::report& r) { return thidua::to_json(r); },
             "The report document of docs/format.md (same input, same bytes)")
        .def_property_readonly("campaign_sha256", &thidua::report::campaign_sha256)
        .def_property_readonly("results_sha256", &thidua::report::results_sha256)
        .def(
            "columns",
            [](const py::object& self) {
                // Views of the report's own arrays (read-only, kept alive by the report), indexed by unit in the
                // plan's order; `order` lists the units in report order. Scores are micros.
                const auto& r = self.cast<const thidua::report&>();
                const auto& d = r.data();
                const auto n = static_cast<py::ssize_t>(r.units());
                const auto phases = static_cast<py::ssize_t>(d.compiled().phases());
                const auto awards = static_cast<py::ssize_t>(r.campaign().awards.size());
                py::dict out;
                out["order"] = view(self, d.by_cluster.order.data(), {n});
                out["cluster"] = view(self, d.compiled().unit_clusters().data(), {n});
                const auto& starts = d.compiled().cluster_starts();  // cluster g: order[starts[g] … starts[g + 1]]
                out["cluster_start"] = view(self, starts.data(), {static_cast<py::ssize_t>(starts.size())});
                out["base"] = view(self, d.scores.base.data(), {n});
                out["bonus"] = view(self, d.scores.bonus.data(), {n});
                out["penalty"] = view(self, d.scores.penalty.data(), {n});
                out["total"] = view(self, d.scores.total.data(), {n});
                out["phase_score"] = view(self, d.scores.phase_score.data(), {n, phases});
                out["phase_counted"] = view(self, d.scores.phase_counted.data(), {n, phases});
                out["class"] = view(self, d.classes.cls.data(), {n});
                out["cluster_rank"] = view(self, d.cluster_rank.data(), {n});
                out["overall_rank"] = view(self, d.overall_rank.data(), {n});
                out["tie_broken_by"] = view(self, d.broken_by.data(), {n});
                out["awards"] = view(self, d.awards.given.data(), {n, awards});
                std::vector<std::int64_t> cash(r.units());
                for (std::size_t u = 0; u < cash.size(); ++u) cash[u] = r.award_cash(u).micros();
                out["award_cash"] = owned(std::move(cash));
                return out;
            },
            "The report's per-unit arrays (read-only views; scores in micros) and `order`, the report order")
        .def(
            "unit_strings",
            [](const thidua::report& r, std::optional<py::array_t<std::uint32_t, py::array::c_style | py::array::forcecast>> only) {
                // A population's own arrays when the units came as one: no unit objects are built for this.
                const auto* people = r.data().compiled().people();
                const std::size_t n = only ? static_cast<std::size_t>(only->size()) : r.units();
                py::list ids(n), names(n), kinds(n);
                std::vector<std::optional<std::string>> broken;
                for (std::size_t i = 0; i < n; ++i) {
                    const std::size_t u = only ? only->data()[i] : i;
                    if (u >= r.units()) throw py::index_error("unit index out of range");
                    if (people) {
                        ids[i] = py::str(people->id(u));
                        names[i] = people->names.empty() ? py::str() : py::str(people->names[u]);
                        kinds[i] = py::str(people->kind(u));
                    } else {
                        const auto& unit = r.campaign().units[u];
                        ids[i] = py::str(unit.id);
                        names[i] = py::str(unit.name);
                        kinds[i] = py::str(unit.kind);
                    }
                    broken.push_back(thidua::tie_break_name(r, u));
                }
                py::dict out;
                out["id"] = ids;
                out["name"] = names;
                out["kind"] = kinds;
                out["tie_broken_by"] = broken;
                return out;
            },
            "only"_a = py::none(),
            "Unit ids, names, kinds and the tie-break that placed each (None, a label, 'unresolved'), in plan order, "
            "or for the unit indices `only`")
        .def(
            "unit_texts",
            [](const thidua::report& r, py::array_t<std::uint32_t, py::array::c_style | py::array::forcecast> units,
               std::string_view lang) {
                // What the report says about each unit in words: the class reason, per award not received its
                // reason, and the unit's warnings.
                const auto language = thidua::parse_language(lang);
                const auto& c = r.campaign();
                py::list class_reasons, award_reasons, warnings;
                const std::uint32_t* at = units.data();
                for (py::ssize_t i = 0; i < units.size(); ++i) {
                    const std::uint32_t u = at[i];
                    if (u >= r.units()) throw py::index_error("unit index out of range");
                    const std::string reason = thidua::detail::class_reason(r, u, language);
                    class_reasons.append(reason.empty() ? py::object(py::none()) : py::str(reason));
                    py::dict reasons;
                    for (std::size_t a = 0; a < c.awards.size(); ++a) {
                        if (!r.has_award(u, a)) reasons[py::str(c.awards[a].id)] = thidua::detail::award_reason(r, u, a, language);
                    }
                    award_reasons.append(reasons);
                    py::list messages;
                    for (const auto& w : thidua::detail::unit_warnings(r, u, language)) messages.append(w.message);
                    warnings.append(messages);
                }
                py::dict out;
                out["class_reason"] = class_reasons;
                out["award_reasons"] = award_reasons;
                out["warnings"] = warnings;
                return out;
            },
            "units"_a, "lang"_a = "en", "Class reasons, award reasons and warnings of the given units, in words")
        .def(
            "cluster_table",
            [](const thidua::report& r, std::optional<std::vector<std::size_t>> only) {
                // report.clusters() as records (all, or the clusters at `only`); decimals as exact text.
                const auto& c = r.campaign();
                const auto summaries = r.clusters();
                std::vector<std::size_t> at = only ? *only : std::vector<std::size_t>(summaries.size());
                if (!only) std::iota(at.begin(), at.end(), std::size_t{0});
                py::list out;
                for (const std::size_t cluster : at) {
                    if (cluster >= summaries.size()) throw py::index_error("cluster index out of range");
                    const auto& s = summaries[cluster];
                    const auto text = [](const std::optional<thidua::decimal>& d, int digits) {
                        return d ? py::object(py::str(d->to_string(digits))) : py::object(py::none());
                    };
                    py::dict row;
                    row["id"] = c.clusters[s.cluster].id;
                    row["name"] = c.clusters[s.cluster].name;
                    row["units"] = s.units;
                    py::dict counts, shares, award_counts;
                    for (std::size_t k = 0; k < c.classes.size(); ++k) {
                        counts[py::str(c.classes[k].id)] = s.class_counts[k];
                        shares[py::str(c.classes[k].id)] = s.class_shares[k].to_string(4);
                    }
                    for (std::size_t a = 0; a < c.awards.size(); ++a) award_counts[py::str(c.awards[a].id)] = s.award_counts[a];
                    row["class_counts"] = counts;
                    row["class_shares"] = shares;
                    row["mean_total"] = text(s.mean_total, c.precision);
                    row["median_total"] = text(s.median_total, c.precision);
                    py::list goals;
                    for (const auto& g : s.goals) {
                        py::dict goal;
                        goal["id"] = c.cluster_goals[g.goal].id;
                        goal["title"] = c.cluster_goals[g.goal].title;
                        goal["count"] = g.count;
                        goal["share"] = g.share.to_string(4);
                        goal["met"] = g.met;
                        goals.append(goal);
                    }
                    row["goals"] = goals;
                    row["award_counts"] = award_counts;
                    row["award_cash"] = s.award_cash.to_string();
                    out.append(row);
                }
                return out;
            },
            "only"_a = py::none(),
            "report.clusters() as records: class counts and shares, mean and median totals, goals, award counts and cash")
        .def(
            "ballot_table",
            [](const thidua::report& r) {
                // report.ballots() as records, one per ballot: the award and cluster ids, the unit id and the count.
                const auto& c = r.campaign();
                py::list out;
                for (const auto& record : r.ballots()) {
                    for (const auto& b : record.ballots) {
                        py::dict row;
                        row["award"] = c.awards[record.award].id;
                        row["cluster"] = record.cluster ? py::object(py::str(c.clusters[*record.cluster].id)) : py::object(py::none());
                        row["unit"] = r.data().compiled().unit_list()[b.unit].id;
                        row["yes"] = b.yes;
                        row["of"] = b.of;
                        row["council"] = b.council;
                        row["on_award"] = b.on_award;
                        row["share"] = b.share.to_string(4);
                        row["passed"] = b.passed;
                        out.append(row);
                    }
                }
                return out;
            },
            "report.ballots() as records: award, cluster (None for an award over all units), unit, yes, of, council, "
            "on_award, share (exact text) and passed")
        .def(
            "slot_columns",
            [](const thidua::report& r) {
                return slot_columns(thidua::slot_rows(r), !r.layers().empty());
            },
            "One row per (unit, phase, criterion) in report order: indices, status codes and micros (no_number: "
            "empty); a layered report's also `changed` (the layers giving the slot differ)")
        .def(
            "layer_columns",
            [](const thidua::report& r) {
                // As slot_columns, plus the layer index and whether the row set the final figure.
                thidua::layer_table t = thidua::layer_rows(r);
                py::array layer = owned(std::move(t.layer)), final_figure = owned(std::move(t.final_figure));
                py::dict out = slot_columns(std::move(t), true);
                out["layer"] = layer;
                out["final"] = final_figure;
                return out;
            },
            "One row per (unit, phase, criterion, layer) a layer gives, in report order: as slot_columns, with the "
            "layer's index and whether its row set the final figure")
        .def(
            "layers",
            [](const thidua::report& r, std::string_view lang) {
                const auto language = thidua::parse_language(lang);
                py::list out;
                for (const auto& l : r.layers()) {
                    py::dict item;
                    item["id"] = l.id;
                    item["title"] = thidua::detail::layer_title(l, language);
                    out.append(item);
                }
                return out;
            },
            "lang"_a = "en", "The assessment layers merged into the final figures, as {id, title} in the language")
        .def("layer_report", [](const thidua::report& r, std::size_t i) { return r.layer_report(i); }, "i"_a,
             "The report of layer i's figures alone")
        .def(
            "warnings",
            [](const thidua::report& r, std::string_view lang) {
                py::list out;
                for (const auto& w : thidua::detail::report_warnings(r, thidua::parse_language(lang))) {
                    py::dict item;
                    item["code"] = w.code;
                    item["message"] = w.message;
                    out.append(item);
                }
                return out;
            },
            "lang"_a = "en", "Warnings about the whole input (votes or events not given), as {code, message}")
        .def_property_readonly(
            "as_of",
            [](const thidua::report& r) { return r.results().as_of ? py::object(py::str(r.results().as_of->to_string())) : py::object(py::none()); },
            "The day of an interim review (YYYY-MM-DD), or None for the final review")
        .def(
            "legal_basis",
            [](const thidua::report& r, std::string_view lang) { return thidua::detail::legal_basis(r, thidua::parse_language(lang)); },
            "lang"_a = "en", "What the award cash rests on from the legal tables, as sentences (empty when nothing)")
        .def(
            "results_json", [](const thidua::report& r) { return thidua::to_canonical_json(r.results()); },
            "The canonical JSON of the results scored (none for a report scored from arrays)")
        .def(
            "explain",
            [](const thidua::report& r, std::string_view unit, std::string_view lang) {
                return thidua::explain(r, r.unit_index(unit), thidua::parse_language(lang));
            },
            "unit"_a, "lang"_a = "vi", "Explains one unit, in Vietnamese ('vi') or English ('en')");
}
