// The report of a scoring run as _core.report.

#include "pybind11.hpp"
#include "thidua/report.hpp"

void bind_report(py::module_& m) {
    py::class_<thidua::report>(m, "report", "The outcome of scoring (see thidua.Report)")
        .def("to_json", &thidua::to_json, "The report document of format.md (same input, same bytes)")
        .def_property_readonly("campaign_sha256", &thidua::report::campaign_sha256)
        .def_property_readonly("results_sha256", &thidua::report::results_sha256);
}
