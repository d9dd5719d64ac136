// A compiled campaign (thidua::plan) as _core.campaign: read once, score many result sets.

#include "pybind11.hpp"
#include "thidua/io/json.hpp"
#include "thidua/scoring/score.hpp"

void bind_campaign(py::module_& m) {
    py::class_<thidua::plan>(m, "campaign", "A validated, compiled campaign (see thidua.Campaign)")
        .def_static(
            "from_json",
            [](std::string_view text, const std::string& document, std::string_view at) {
                return thidua::plan(thidua::read_campaign(text, document, at));
            },
            "text"_a, "document"_a = "campaign", "at"_a = "",
            "Reads and validates a campaign document (docs/format.md); `at` is a JSON pointer to an embedded one")
        .def("to_json", [](const thidua::plan& p) { return thidua::to_canonical_json(p.campaign()); },
             "The canonical JSON text (keys sorted, no whitespace)")
        .def_property_readonly("id", [](const thidua::plan& p) { return p.campaign().id; })
        .def_property_readonly("sha256", &thidua::plan::sha256)
        .def(
            "score",
            [](const thidua::plan& p, const thidua::results& r) { return thidua::score(p, r); },
            "results"_a, py::call_guard<py::gil_scoped_release>(), "Scores results against this campaign");
}
