// What-if: a report's inputs changed and scored again (thidua/analysis/what_if.hpp).

#include "pybind11.hpp"
#include "thidua/analysis/what_if.hpp"

void bind_what_if(py::module_& m) {
    m.def(
        "what_if",
        [](const thidua::report& r, std::string_view changes) {
            const auto read = thidua::read_what_if(changes);
            py::gil_scoped_release unlocked;
            return thidua::what_if(r, read);
        },
        "report"_a, "changes"_a,
        "The report of the report's inputs with the changes made: `changes` is a JSON array of change objects "
        "(docs/python.md, What-if)");
    m.def(
        "plan_of", [](const thidua::report& r) { return r.plan(); }, "report"_a,
        "The compiled campaign a report was scored with (a what-if's may differ from its origin's)");
}
