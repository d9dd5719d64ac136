// Results documents (JSON or CSV) as _core.results.

#include "pybind11.hpp"
#include "thidua/csv.hpp"
#include "thidua/json.hpp"

void bind_results(py::module_& m) {
    py::class_<thidua::results>(m, "results", "Reported results, events and votes of one campaign")
        // Lambdas: the readers' last parameter, thidua::limits, keeps its defaults from Python.
        .def_static(
            "from_json",
            [](std::string_view text, const std::string& document, std::string_view at) {
                return thidua::read_results(text, document, at);
            },
            "text"_a, "document"_a = "results", "at"_a = "",
            "Reads a results document (format.md); `at` is a JSON pointer to an embedded one")
        .def_static(
            "from_csv",
            [](std::string_view text, const std::string& document) { return thidua::read_results_csv(text, document); },
            "text"_a, "document"_a = "results.csv",
            "Reads result rows from CSV (unit,criterion,phase,date,value,target,status,submitted,note)")
        .def("to_json", [](const thidua::results& r) { return thidua::to_canonical_json(r); },
             "The canonical JSON text (keys sorted, no whitespace)")
        .def_property_readonly("campaign", [](const thidua::results& r) { return r.campaign; })
        .def("__len__", [](const thidua::results& r) { return r.rows.size(); });
}
