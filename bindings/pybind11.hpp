#pragma once
// The prelude of every binding file.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

namespace py = pybind11;
using namespace pybind11::literals;

#include <optional>
#include <string>

#include "thidua/report/explain.hpp"

/// The language a binding words its texts in: `lang` when given, else the campaign's own.
inline thidua::language language_or_campaigns(const std::optional<std::string>& lang, const thidua::campaign& c) {
    return lang ? thidua::parse_language(*lang) : thidua::default_language(c);
}

void bind_error(py::module_& m);
void bind_campaign(py::module_& m);
void bind_results(py::module_& m);
void bind_report(py::module_& m);
void bind_schema(py::module_& m);
void bind_columnar(py::module_& m);
void bind_stability(py::module_& m);
void bind_diff(py::module_& m);
void bind_what_if(py::module_& m);
void bind_margins(py::module_& m);
void bind_legal(py::module_& m);
