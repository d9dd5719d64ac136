// The report of a scoring run as _core.report, and explanations.

#include <pybind11/numpy.h>

#include <map>
#include <optional>

#include "pybind11.hpp"
#include "thidua/detail/texts.hpp"
#include "thidua/io/json.hpp"
#include "thidua/report/explain.hpp"
#include "thidua/report/messages.hpp"
#include "thidua/detail/report_data.hpp"
#include "thidua/report/report.hpp"

void bind_report(py::module_& m) {
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
            "unit_table",
            [](const thidua::report& r) {
                // Unit ids, clusters and class ids in the report's unit order (the order of arrays()).
                const auto& c = r.campaign();
                const auto& units = r.plan().unit_list();
                std::vector<std::string> ids, clusters, classes;
                for (std::size_t u = 0; u < r.units(); ++u) {
                    ids.push_back(units[u].id);
                    clusters.push_back(units[u].cluster);
                    classes.push_back(c.classes[r.class_of(u)].id);
                }
                py::dict out;
                out["id"] = ids;
                out["cluster"] = clusters;
                out["class"] = classes;
                return out;
            },
            "Unit ids, clusters and class ids in unit order")
        .def(
            "arrays",
            [](const thidua::report& r) {
                // Per-unit results as numpy arrays (copies): the fast way out for large populations.
                const std::size_t n = r.units();
                auto micros = [&](const auto& v) { return py::array_t<std::int64_t>(n, v.data()); };
                std::vector<std::int32_t> cls(n), cluster_rank(n), overall_rank(n);
                for (std::size_t u = 0; u < n; ++u) {
                    cls[u] = static_cast<std::int32_t>(r.class_of(u));
                    cluster_rank[u] = r.cluster_rank(u);
                    overall_rank[u] = r.overall_rank(u);
                }
                py::dict out;
                out["base"] = micros(r.data().scores.base);
                out["bonus"] = micros(r.data().scores.bonus);
                out["penalty"] = micros(r.data().scores.penalty);
                out["total"] = micros(r.data().scores.total);
                out["class"] = py::array_t<std::int32_t>(n, cls.data());
                out["cluster_rank"] = py::array_t<std::int32_t>(n, cluster_rank.data());
                out["overall_rank"] = py::array_t<std::int32_t>(n, overall_rank.data());
                return out;
            },
            "Per-unit base, bonus, penalty and total in micros, class index and ranks, as numpy arrays")
        .def(
            "slot_table",
            [](const thidua::report& r) {
                // One entry per (unit, phase, criterion) of the report: units in report order (by cluster, then
                // cluster rank), then each phase's criteria in the phase's order. Decimals are exact text (value and
                // target in their shortest form, points and max at the campaign's precision); None where a field
                // does not apply: value on rows not reported, target off ratio criteria or out of the unit's scale,
                // points and max out of the unit's scale (so Σ points / Σ max is the share earned).
                const auto& c = r.campaign();
                const auto& pl = r.data().compiled();
                const auto& units = pl.unit_list();
                std::map<std::string, std::vector<std::optional<std::string>>> out;
                auto& unit = out["unit"];
                auto& phase = out["phase"];
                auto& criterion = out["criterion"];
                auto& status = out["status"];
                auto& value = out["value"];
                auto& target = out["target"];
                auto& points = out["points"];
                auto& max = out["max"];
                for (std::size_t g = 0; g < pl.clusters(); ++g) {
                    for (const std::uint32_t u : r.cluster_ranking(g).order) {
                        for (std::size_t p = 0; p < pl.phases(); ++p) {
                            for (std::size_t k = 0; k < pl.criteria_in(p); ++k) {
                                const std::size_t crit = pl.phase_criteria(p)[k];
                                const thidua::slot_status s = r.status(p, u, k);
                                const bool scaled = thidua::in_scale(s);
                                unit.emplace_back(units[u].id);
                                phase.emplace_back(c.phases[p].id);
                                criterion.emplace_back(c.criteria[crit].id);
                                status.emplace_back(thidua::report_name(s));
                                value.emplace_back();
                                if (s == thidua::slot_status::reported) {
                                    const std::int64_t v = r.data().inputs.value(pl, p, u, k);
                                    value.back() = thidua::decimal::from_micros(v).to_string();
                                }
                                target.emplace_back();
                                if (scaled && pl.rule(crit).kind == thidua::rule_kind::ratio) {
                                    if (const std::int64_t t = r.data().inputs.target(pl, p, u, k)) {
                                        target.back() = thidua::decimal::from_micros(t).to_string();
                                    }
                                }
                                points.emplace_back();
                                max.emplace_back();
                                if (scaled) {
                                    points.back() = r.points(p, u, k).to_string(c.precision);
                                    max.back() = c.criteria[crit].max_points.to_string(c.precision);
                                }
                            }
                        }
                    }
                }
                return out;
            },
            "Per (unit, phase, criterion): status, value, target, points and max, as columns of exact text")
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
