// Margins: the points each unit lacks for its next class, its next rank and each award (analysis/margins.hpp).

#include "pybind11.hpp"
#include "thidua/analysis/margins.hpp"
#include "thidua/detail/report_data.hpp"

void bind_margins(py::module_& m) {
    m.def(
        "margins",
        [](const thidua::report& r) {
            std::vector<thidua::margin> found;
            {
                py::gil_scoped_release unlocked;
                found = thidua::margins(r);
            }
            // As records: the unit and target as ids ("class:<id>", "rank:<n>", "award:<id>"), the delta as text.
            const auto& c = r.campaign();
            const auto& units = r.data().compiled().unit_list();
            py::list out;
            for (const auto& found_one : found) {
                py::dict row;
                row["unit"] = units[found_one.unit].id;
                switch (found_one.target) {
                    case thidua::margin::target_kind::class_up: row["target"] = "class:" + c.classes[found_one.index].id; break;
                    case thidua::margin::target_kind::rank_up: row["target"] = "rank:" + std::to_string(found_one.index); break;
                    case thidua::margin::target_kind::award: row["target"] = "award:" + c.awards[found_one.index].id; break;
                }
                row["delta"] = found_one.delta ? py::object(py::str(found_one.delta->to_string(c.precision))) : py::object(py::none());
                row["blocked_by"] = found_one.blocked_by.empty() ? py::object(py::none()) : py::object(py::str(found_one.blocked_by));
                out.append(row);
            }
            return out;
        },
        "report"_a,
        "thidua::margins as records: unit, target (class:<id>, rank:<n>, award:<id>), delta (text at the campaign's "
        "precision, or None) and blocked_by (or None)");
}
