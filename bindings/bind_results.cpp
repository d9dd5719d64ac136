// Results documents (JSON or CSV) as _core.results.

#include "pybind11.hpp"
#include "thidua/io/csv.hpp"
#include "thidua/io/json.hpp"

void bind_results(py::module_& m) {
    py::enum_<thidua::table_kind>(m, "table_kind", "What a table holds")
        .value("results", thidua::table_kind::results)
        .value("votes", thidua::table_kind::votes)
        .value("events", thidua::table_kind::events);
    py::class_<thidua::results>(m, "results", "Reported results, events and votes of one campaign")
        // Lambdas: the readers' last parameter, thidua::limits, keeps its defaults from Python.
        .def_static(
            "from_json",
            [](std::string_view text, const std::string& document, std::string_view at) {
                return thidua::read_results(text, document, at);
            },
            "text"_a, "document"_a = "results", "at"_a = "",
            "Reads a results document (docs/format.md); `at` is a JSON pointer to an embedded one")
        .def_static(
            "from_csv",
            [](std::string_view text, const std::string& document, thidua::table_kind kind, std::string_view language) {
                return thidua::read_csv(text, kind, document, thidua::table_style_of(language));
            },
            "text"_a, "document"_a = "results.csv", "kind"_a = thidua::table_kind::results, "language"_a = "",
            "Reads a table from CSV: result rows (unit,criterion,phase,date,value,target,status,submitted,note), "
            "votes (unit,award,yes,of) or events (unit,adjustment,count,note); numbers, dates and yes/no as the "
            "`language` writes them (vi, en; empty: plain)")
        .def_static(
            "from_sheet",
            [](const std::vector<std::vector<std::string>>& rows, thidua::table_kind kind, const std::string& document,
               std::size_t first_row, std::string_view language) {
                return thidua::read_sheet(rows, kind, document, first_row, {}, thidua::table_style_of(language));
            },
            "rows"_a, "kind"_a, "document"_a, "first_row"_a = 1, "language"_a = "",
            "Reads a table from a workbook sheet's cells as text (rows from `first_row`, columns from A), numbers, "
            "dates and yes/no as the `language` writes them (vi, en; empty: plain)")
        .def(
            "append", [](thidua::results& r, thidua::results more) { thidua::append(r, std::move(more)); }, "more"_a,
            "Adds another document of the same campaign (a table of votes or events, another form)")
        .def("to_json", [](const thidua::results& r) { return thidua::to_canonical_json(r); },
             "The canonical JSON text (keys sorted, no whitespace)")
        .def(
            "set_layer", [](thidua::results& r, std::string id, std::string title) { thidua::set_layer(r, std::move(id), std::move(title)); },
            "id"_a, "title"_a = "", "Names every document of these results as assessment layer `id`")
        .def_property_readonly(
            "layers",
            [](const thidua::results& r) {
                std::vector<std::pair<std::string, std::string>> out;
                for (const auto& l : r.layers) out.emplace_back(l.id, l.title);
                return out;
            },
            "The assessment layers the documents name, in order, as (id, title)")
        .def_property_readonly("campaign", [](const thidua::results& r) { return r.campaign; })
        .def(
            "add_history",
            [](thidua::results& r, std::string_view report_json, const std::string& source, std::optional<int> year) {
                r.history.push_back(thidua::read_past_year(report_json, source, "", year));
            },
            "report_json"_a, "source"_a, "year"_a = py::none(),
            "Adds an earlier year's saved report (its JSON text) for history gates; `year` when it has no period")
        .def_property(
            "as_of",
            [](const thidua::results& r) { return r.as_of ? py::object(py::str(r.as_of->to_string())) : py::object(py::none()); },
            [](thidua::results& r, std::optional<std::string> day) {
                if (!day) {
                    r.as_of.reset();
                    return;
                }
                const auto d = thidua::date::parse(*day);
                if (!d) throw thidua::schema_error("as_of " + *day + " is not a date YYYY-MM-DD", {"as_of", "", 0, {}});
                r.as_of = *d;
            },
            "The day of an interim review (YYYY-MM-DD), or None for the final review")
        .def_property_readonly("votes", [](const thidua::results& r) { return r.votes.size(); },
                               "How many votes the results hold")
        .def_property_readonly("events", [](const thidua::results& r) { return r.events.size(); },
                               "How many events the results hold")
        .def("__len__", [](const thidua::results& r) { return r.rows.size(); });
    m.def("layered", &thidua::layered, "layers"_a,
          "The assessment layers in order as one results (a layer naming no id is named by its position)");
    m.def(
        "read_past_year",
        [](std::string_view report_json, const std::string& source, std::optional<int> year) {
            const auto y = thidua::read_past_year(report_json, source, "", year);
            py::list units;
            for (const auto& u : y.units) {
                units.append(py::dict("id"_a = u.id, "class"_a = u.class_id, "awards"_a = u.awards, "total"_a = u.total,
                                      "cluster_rank"_a = u.cluster_rank));
            }
            return py::dict("year"_a = y.year, "campaign"_a = y.campaign, "units"_a = units);
        },
        "report_json"_a, "source"_a = "history", "year"_a = py::none(),
        "An earlier year's saved report as history gates read it: {year, campaign, units: [{id, class, awards, total, "
        "cluster_rank}]}");
}
