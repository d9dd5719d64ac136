// The JSON Schemas of the campaign and results documents as _core.json_schema: the text lives in C++ (schema.hpp)
// so that the library, the Python package and the command line publish one and the same schema.

#include "pybind11.hpp"
#include "thidua/io/schema.hpp"

void bind_schema(py::module_& m) {
    m.def(
        "json_schema", [](std::string_view name) { return std::string(thidua::json_schema(name)); }, "name"_a,
        "The JSON Schema (draft 2020-12) text of the 'campaign' or 'results' document; SchemaError for another name");
}
