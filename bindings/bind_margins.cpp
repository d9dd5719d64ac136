// Margins: the points each unit lacks for its next class, its next rank and each award (analysis/margins.hpp).

#include "pybind11.hpp"
#include "thidua/analysis/margins.hpp"
#include "thidua/detail/report_data.hpp"
#include "thidua/detail/texts.hpp"
#include "thidua/report/explain.hpp"

void bind_margins(py::module_& m) {
    m.def(
        "margins",
        [](const thidua::report& r, bool closing_values, std::optional<std::string> lang) {
            const thidua::language words = language_or_campaigns(lang, r.campaign());
            std::vector<thidua::margin> found;
            {
                py::gil_scoped_release unlocked;
                found = thidua::margins(r, {closing_values});
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
                const bool closes = !found_one.criterion.empty();
                row["phase"] = closes ? py::object(py::str(found_one.phase)) : py::object(py::none());
                row["criterion"] = closes ? py::object(py::str(found_one.criterion)) : py::object(py::none());
                row["value"] = closes ? py::object(py::str(found_one.value->written())) : py::object(py::none());
                row["text"] = thidua::detail::margin_text(r, found_one, words);
                out.append(row);
            }
            return out;
        },
        "report"_a, "closing_values"_a = true, "lang"_a = py::none(),
        "thidua::margins as records: unit, target (class:<id>, rank:<n>, award:<id>), delta (text at the campaign's "
        "precision, or None), blocked_by (or None), and the single value closing the gap: phase, criterion and "
        "value (its text, 'true' for yes), or None; text: the margin in a sentence, in `lang` (the campaign's by default)");
}
