#pragma once
/// @file error.hpp
/// One exception hierarchy rooted at thidua::error. Every error names the place in the input that caused it:
/// a JSON pointer (RFC 6901) into the campaign or results document, a CSV line and column, or a sheet's cell.

#include <cstddef>
#include <stdexcept>
#include <string>

namespace thidua {

/// Where an error was found.
struct location {
    std::string document;  ///< "campaign", "results", or the file name the document came from
    std::string pointer;   ///< JSON pointer such as "/criteria/3/max_points" ("" for the whole document)
    std::size_t line = 0;  ///< CSV (or JSON syntax) line, 1-based; 0 when not from a text position
    std::string column;    ///< CSV column name, or the character column of a JSON syntax error
    std::string cell{};    ///< a workbook sheet's cell ("D7", or "row 7" for a whole row); then `document`
                           ///< names the file and the sheet ("forms.xlsx › votes")

    /// "campaign /phases/1/start", "results.csv line 5, column value" or "forms.xlsx › votes › D7".
    inline std::string text() const;
};

/// The root of every thidua exception. what() is "<where>: <message>".
class error : public std::runtime_error {
public:
    /// An error found at `where`; what() puts the place first.
    inline error(std::string message, location where);
    /// The place in the input at fault.
    const location& where() const noexcept { return where_; }
    /// The message without the place.
    const std::string& message() const noexcept { return message_; }

private:
    location where_;
    std::string message_;
};

/// The text is not well-formed JSON or CSV.
class parse_error : public error {
    using error::error;
};
/// A key is unknown or missing, or a value has the wrong type or form (a bad number or date).
class schema_error : public error {
    using error::error;
};
/// An id is empty, duplicated or names nothing.
class reference_error : public error {
    using error::error;
};
/// The documents are well-formed but break a rule of the domain (overlapping phases, weights not summing to 1,
/// duplicate results, a manual value above max …).
class validation_error : public error {
    using error::error;
};
/// A computation left the range of exact decimals.
class arithmetic_error : public error {
    using error::error;
};
/// The input exceeds one of the caps of thidua::limits (size, nesting, string length, number of units …).
class limit_error : public error {
    using error::error;
};

inline std::string location::text() const {
    std::string out = document;
    auto add = [&out](const std::string& part) {
        if (!out.empty()) out += ' ';
        out += part;
    };
    if (!cell.empty()) {
        out += (out.empty() ? "" : " › ") + cell;
    } else if (line != 0) {
        add("line " + std::to_string(line));
        if (!column.empty()) out += ", column " + column;
    } else if (!pointer.empty()) {
        add(pointer);
    }
    return out;
}

inline error::error(std::string message, location where)
    : std::runtime_error(where.text().empty() ? message : where.text() + ": " + message),
      where_(std::move(where)),
      message_(std::move(message)) {}

}  // namespace thidua
