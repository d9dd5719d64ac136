// A compiled campaign (thidua::plan) as _core.campaign: read once, score many result sets.

#include "pybind11.hpp"
#include "thidua/detail/texts.hpp"
#include "thidua/io/json.hpp"
#include "thidua/report/explain.hpp"
#include "thidua/report/messages.hpp"
#include "thidua/scoring/score.hpp"

void bind_campaign(py::module_& m) {
    m.def(
        "check_language", [](std::string_view lang) { return thidua::language_code(thidua::parse_language(lang)); },
        "lang"_a, "'vi' or 'en' back; another is a SchemaError");
    m.def(
        "format_number",
        [](std::string_view text, std::string_view lang, int digits, bool group) {
            const auto d = thidua::decimal::parse(text);
            if (!d) throw py::value_error("not a decimal: " + std::string(text));
            return thidua::detail::format_number(*d, thidua::parse_language(lang), digits, group);
        },
        "text"_a, "lang"_a, "digits"_a = -1, "group"_a = false,
        "A decimal for readers: a decimal comma in Vietnamese, `digits` fractional digits, thousands grouped");
    m.def(
        "format_percent",
        [](std::string_view text, std::string_view lang, int digits) {
            const auto d = thidua::decimal::parse(text);
            if (!d) throw py::value_error("not a decimal: " + std::string(text));
            return thidua::detail::format_percent(*d, thidua::parse_language(lang), digits);
        },
        "share"_a, "lang"_a, "digits"_a = -1,
        "A share as a percentage for readers: '0.625' → '62,5 %' (vi), '62.5%' (en); `digits` ≥ 0 rounds half up");
    m.def(
        "format_date",
        [](std::string_view iso, std::string_view lang) {
            const auto d = thidua::date::parse(iso);
            if (!d) throw py::value_error("not a date: " + std::string(iso));
            return thidua::detail::format_date(*d, thidua::parse_language(lang));
        },
        "iso"_a, "lang"_a, "2024-08-10 in English, 10/08/2024 in Vietnamese");

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
        .def_property_readonly(
            "language", [](const thidua::plan& p) { return thidua::language_code(thidua::default_language(p.campaign())); },
            "The language reports use by default, the campaign's or else 'vi'")
        .def_property_readonly("precision", [](const thidua::plan& p) { return p.campaign().precision; })
        .def(
            "phases",
            [](const thidua::plan& p, std::optional<std::string> lang) {
                // The phases the plan scores, the implicit one ("main", the whole campaign) included.
                const auto& c = p.campaign();
                const thidua::language words = language_or_campaigns(lang, c);
                py::list out;
                for (std::size_t i = 0; i < c.phases.size(); ++i) {
                    const auto& ph = c.phases[i];
                    py::dict d;
                    d["id"] = ph.id;
                    d["title"] = ph.title;
                    d["label"] = thidua::detail::phase_label(c, i, words);
                    d["start"] = ph.start.to_string();
                    d["end"] = ph.end.to_string();
                    d["weight"] = ph.weight.to_string();
                    d["report_due"] = ph.report_due ? py::object(py::str(ph.report_due->to_string())) : py::object(py::none());
                    d["criteria"] = ph.criteria;
                    out.append(d);
                }
                return out;
            },
            "lang"_a = py::none(),
            "The phases scored, as dicts (the implicit phase 'main' of a campaign without phases included); 'label' "
            "is the short name for columns in `lang` (the campaign's by default)")
        .def(
            "slot_names",
            [](const thidua::plan& p, std::optional<std::string> lang) {
                const auto& c = p.campaign();
                const thidua::language words = language_or_campaigns(lang, c);
                py::dict out;
                for (std::size_t i = 0; i < c.phases.size(); ++i) {
                    for (const auto& id : c.phases[i].criteria) {
                        const auto k = static_cast<std::size_t>(thidua::index_of(c.criteria, id));
                        out[py::str(c.phases[i].id + "/" + id)] = thidua::detail::slot_name(c, i, k, words);
                    }
                }
                return out;
            },
            "lang"_a = py::none(),
            "'phase/criterion' → the slot as a sentence names it in `lang` (\"«Mô hình» (Giai đoạn 2)\")")
        .def(
            "tie_break_names",
            [](const thidua::plan& p, std::optional<std::string> lang) {
                const auto& c = p.campaign();
                const thidua::language words = language_or_campaigns(lang, c);
                py::dict out;
                for (const auto& t : c.tie_breaks) out[py::str(t.label())] = thidua::detail::tie_break_name(c, t, words);
                out["unresolved"] = thidua::format_message("tie.unresolved", words);
                return out;
            },
            "lang"_a = py::none(),
            "Each tie-break's tie_broken_by label (and 'unresolved') → its name for readers in `lang`")
        .def(
            "score",
            [](const thidua::plan& p, const thidua::results& r) { return thidua::score(p, r); },
            "results"_a, py::call_guard<py::gil_scoped_release>(), "Scores results against this campaign");
}
