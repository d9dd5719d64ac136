// The legal tables (model/legal.hpp): the base salary by date and the collective titles' multipliers by decree,
// each with its source.

#include "pybind11.hpp"
#include "thidua/model/legal.hpp"

namespace {

thidua::date day_of(std::string_view iso) {
    const auto d = thidua::date::parse(iso);
    if (!d) throw py::value_error("not a date YYYY-MM-DD: " + std::string(iso));
    return *d;
}

py::dict cite(const thidua::legal::source& s) {
    py::dict out;
    out["document"] = std::string(s.document);
    out["article"] = s.article.empty() ? py::object(py::none()) : py::object(py::str(std::string(s.article)));
    out["url"] = std::string(s.url);
    return out;
}

py::dict salary_record(const thidua::legal::salary& s) {
    py::dict out = cite(s.cite);
    out["from"] = s.from.to_string();
    out["amount"] = s.amount.to_string();
    return out;
}

py::dict decree_record(const thidua::legal::decree& d) {
    py::dict out = cite(d.cite);
    out["id"] = std::string(d.id);
    out["title"] = std::string(d.title);
    out["from"] = d.from.to_string();
    out["until"] = d.until ? py::object(py::str(d.until->to_string())) : py::object(py::none());
    return out;
}

py::dict title_record(const thidua::legal::collective_title& t) {
    py::dict out = cite(t.cite);
    out["decree"] = std::string(t.decree);
    out["id"] = std::string(t.id);
    out["name"] = std::string(t.name);
    out["multiplier"] = t.multiplier.to_string();
    return out;
}

template <class T, class F>
py::list records(std::span<const T> items, F&& record) {
    py::list out;
    for (const auto& item : items) out.append(record(item));
    return out;
}

/// The record of the row a lookup found, or None.
template <class T, class F>
py::object record_or_none(const T* found, F&& record) {
    return found ? py::object(record(*found)) : py::object(py::none());
}

}  // namespace

void bind_legal(py::module_& m) {
    m.def("legal_base_salaries", [] { return records(thidua::legal::base_salaries(), salary_record); },
          "The base salaries by date: from, amount (text), document, article (None when not read), url");
    m.def("legal_decrees", [] { return records(thidua::legal::decrees(), decree_record); },
          "The decrees on emulation and commendation: id, title, from, until (None: in force), document, article, url");
    m.def("legal_titles", [] { return records(thidua::legal::collective_titles(), title_record); },
          "The collective titles' multipliers per decree: decree, id, name, multiplier (text), document, article, url");
    m.def(
        "legal_base_salary_on",
        [](std::string_view day) { return record_or_none(thidua::legal::base_salary_on(day_of(day)), salary_record); },
        "day"_a, "The base salary in force on the day (YYYY-MM-DD), or None before the first the tables know");
    m.def(
        "legal_decree_on",
        [](std::string_view day) { return record_or_none(thidua::legal::decree_on(day_of(day)), decree_record); },
        "day"_a, "The decree in force on the day, or None");
    m.def(
        "legal_title_on",
        [](std::string_view id, std::string_view day) {
            return record_or_none(thidua::legal::title_on(id, day_of(day)), title_record);
        },
        "id"_a, "day"_a, "Title `id` under the decree in force on the day, or None");
}
