// The report of a scoring run as _core.report, and explanations.

#include "pybind11.hpp"
#include "thidua/explain.hpp"
#include "thidua/report.hpp"

void bind_report(py::module_& m) {
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
        .def("to_json", &thidua::to_json, "The report document of format.md (same input, same bytes)")
        .def_property_readonly("campaign_sha256", &thidua::report::campaign_sha256)
        .def_property_readonly("results_sha256", &thidua::report::results_sha256)
        .def(
            "explain",
            [](const thidua::report& r, std::string_view unit, std::string_view lang) {
                return thidua::explain(r, r.unit_index(unit), thidua::parse_language(lang));
            },
            "unit"_a, "lang"_a = "vi", "Explains one unit, in Vietnamese ('vi') or English ('en')");
}
