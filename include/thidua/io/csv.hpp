#pragma once
/// @file csv.hpp
/// Results, votes and events as tables: CSV text (RFC 4180 quoting, UTF-8) or the cells of a workbook sheet.
/// The header row names the columns (any order; empty cells are absent fields):
///
/// - results: unit,criterion,phase,date,value,target,status,submitted,note (unit and criterion required;
///   true/false for booleans);
/// - votes: unit,award,yes,of (award empty: the vote counts for every award);
/// - events: unit,adjustment,count,note (count empty: 1).
///
/// Errors name the line and the column ("votes.csv line 4, column yes"), or a sheet's cell
/// ("forms.xlsx › votes › C4"). A table of votes or of events states them, even when it has no rows.

#include <string>
#include <string_view>
#include <vector>

#include "thidua/io/limits.hpp"
#include "thidua/model/results.hpp"

namespace thidua {

/// What a table holds.
enum class table_kind { results, votes, events };

/// How a table writes numbers, dates and yes/no (docs/format.md, "Tables in the campaign's language"):
/// - plain: 12.5, 2024-03-15, true/false (what programs write; the default);
/// - vi: also 12,5 (decimal comma), 1.234.567 (thousands dot), 15/03/2024 (day first), Có/Không/x;
/// - en: also 1,234,567 (thousands comma).
/// Every style reads "85%" as 0.85 for a criterion that measures a share. What could be read two ways ("1.234" in
/// a Vietnamese table) is an error at its cell, never a guess.
enum class table_style { plain, vi, en };

/// The style of a campaign's language code: "vi" → vi, "en" → en; "" → plain. Another code is a schema_error.
table_style table_style_of(std::string_view language);

/// Reads a table from CSV text. The results carry no campaign id (a table does not say which campaign it
/// belongs to). Input beyond `caps` (limits.hpp: size, cell length, rows) is refused with thidua::limit_error.
results read_csv(std::string_view csv_text, table_kind kind, const std::string& document, const limits& caps = {});
/// The same, reading numbers, dates and yes/no in `style`.
results read_csv(std::string_view csv_text, table_kind kind, const std::string& document, table_style style,
                 const limits& caps = {});

/// Reads result rows from CSV text: read_csv(csv_text, table_kind::results, document, caps).
results read_results_csv(std::string_view csv_text, const std::string& document = "results.csv",
                         const limits& caps = {});

/// Reads a table from a workbook sheet's cells, as text: `rows[i][j]` is the cell of row `first_row + i` and
/// column j (A, B, …), "" for an empty cell. The first row that is not blank is the header; blank rows are
/// skipped. `document` names the file and the sheet ("forms.xlsx › votes").
results read_sheet(const std::vector<std::vector<std::string>>& rows, table_kind kind, const std::string& document,
                   std::size_t first_row = 1, const limits& caps = {}, table_style style = table_style::plain);

}  // namespace thidua
