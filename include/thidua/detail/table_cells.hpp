#pragma once
// The cells of a table as people write them (src/io/table_cells.cpp): numbers, dates and yes/no in a campaign's
// language, each either read exactly or refused with a message naming the forms the language accepts.

#include <optional>
#include <string>
#include <string_view>

#include "thidua/core/date.hpp"
#include "thidua/core/decimal.hpp"
#include "thidua/io/csv.hpp"

namespace thidua::detail {

/// A number read from a cell; `percent` when it was written as a percentage ("85%" → 0.85).
struct cell_number {
    decimal value;
    bool percent = false;
};

/// Reads a number: plain "12.5" everywhere; in a Vietnamese table also "12,5", "1.234.567", "1.234,5"; in an
/// English one "1,234,567", "1,234.5"; "85%" in both. Empty and sets `problem` when the text is not one, or could
/// be read two ways ("1.234" in a Vietnamese table).
std::optional<cell_number> read_cell_number(std::string_view text, table_style style, std::string& problem);

/// Reads a date: ISO "2024-03-15" everywhere, "15/03/2024" (day first) in a Vietnamese table.
std::optional<date> read_cell_date(std::string_view text, table_style style, std::string& problem);

/// A yes or a no: true/false everywhere (any case), Có/Không and x in a Vietnamese table; empty otherwise.
std::optional<bool> read_cell_boolean(std::string_view text, table_style style);

/// "'Đạt' is not a value: a boolean criterion takes …": the message for a word in a value cell.
std::string word_in_value_message(std::string_view text, table_style style);

}  // namespace thidua::detail
