#pragma once
/// @file csv.hpp
/// Results as a table: the columns unit,criterion,phase,date,value,target,status,submitted,note (any order,
/// unit and criterion required), RFC 4180 quoting, empty cells for absent fields, true/false for booleans.
/// Errors name the line and the column.

#include <string>
#include <string_view>

#include "thidua/limits.hpp"
#include "thidua/results.hpp"

namespace thidua {

/// Reads result rows from CSV text. The results carry no campaign id (a table does not say which campaign it
/// belongs to) and no events or votes. The text must be UTF-8; input beyond `caps` (limits.hpp: size, cell
/// length, rows) is refused with thidua::limit_error.
results read_results_csv(std::string_view csv_text, const std::string& document = "results.csv",
                         const limits& caps = {});

}  // namespace thidua
