#pragma once
/// @file results.hpp
/// What units reported for one campaign: result rows, adjustment events and council votes. Each row remembers
/// where it came from so that an error found while scoring names the JSON pointer or the CSV line.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "thidua/date.hpp"
#include "thidua/decimal.hpp"
#include "thidua/error.hpp"

namespace thidua {

enum class result_status { reported, missing, exempt, not_applicable };

/// Where a row of the results came from: element `index` of a JSON array, or a CSV line.
struct origin {
    const char* array = "results";  ///< "results", "events" or "votes"
    std::size_t index = 0;          ///< position in that JSON array
    std::size_t line = 0;           ///< CSV line (1-based); 0 for JSON

    /// The location of `field` of this row ("" for the row itself) in the named document.
    location at(const std::string& document, std::string_view field = {}) const {
        location where{document, {}, line, {}};
        if (line != 0) {
            where.column = std::string(field);
        } else {
            where.pointer = "/" + std::string(array) + "/" + std::to_string(index);
            if (!field.empty()) {
                where.pointer += '/';
                for (char c : field) where.pointer += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
            }
        }
        return where;
    }
};

/// A reported value: a decimal, or a boolean for boolean criteria.
struct result_value {
    decimal number;
    bool is_boolean = false;
    std::string text;  ///< as written, for explanations
};

struct result_row {
    std::string unit;
    std::string criterion;
    std::string phase;             ///< empty: located by date, or the only phase
    std::optional<date> on;        ///< the "date" field: the phase containing it
    std::optional<result_value> value;
    std::optional<decimal> target;
    result_status status = result_status::reported;
    std::optional<date> submitted;
    std::string note;
    thidua::origin origin;
};

/// An occurrence of a bonus, penalty or disqualifying adjustment.
struct event {
    std::string unit;
    std::string adjustment;
    std::int64_t count = 1;
    std::string note;
    thidua::origin origin;
};

/// The council's secret ballot: `yes` of `of` members (absent members included).
struct vote {
    std::string unit;
    std::int64_t yes = 0;
    std::int64_t of = 0;
    thidua::origin origin;
};

struct results {
    int format = 1;        ///< the "thidua_results" format version
    std::string campaign;  ///< id of the campaign these results belong to (empty: not stated, e.g. CSV)
    std::vector<result_row> rows;
    std::vector<event> events;
    std::vector<vote> votes;
    std::string document = "results";  ///< name used in error locations
};

inline std::string_view to_string(result_status status) {
    switch (status) {
        case result_status::reported: return "reported";
        case result_status::missing: return "missing";
        case result_status::exempt: return "exempt";
        case result_status::not_applicable: return "not_applicable";
    }
    return "reported";
}

inline std::optional<result_status> parse_result_status(std::string_view text) {
    for (auto s : {result_status::reported, result_status::missing, result_status::exempt,
                   result_status::not_applicable}) {
        if (to_string(s) == text) return s;
    }
    return std::nullopt;
}

}  // namespace thidua
