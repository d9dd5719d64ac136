#pragma once
/// @file schema.hpp
/// JSON Schemas (draft 2020-12) of the campaign and results documents of docs/format.md, for editors, validators and
/// other tools. They describe exactly the keys, types and shapes the readers accept (src/json_campaign.cpp,
/// src/json_results.cpp); the rules that relate values to each other (phases tiling the campaign, weights summing
/// to 1, references between ids, ranges) are left to the library and listed in each schema's top-level
/// description. A change to what a reader accepts changes the schema here too: tests/python/test_schema.py runs
/// every golden case and example through both, and mutations that both must reject.

#include <string>
#include <string_view>

#include "thidua/core/error.hpp"

namespace thidua {

/// The JSON Schema text of the document `name`: "campaign" or "results". Throws thidua::schema_error for
/// another name.
std::string_view json_schema(std::string_view name);

}  // namespace thidua
