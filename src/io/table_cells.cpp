// Numbers, dates and yes/no in a table's cells, as a campaign's language writes them. A form is never read by
// guessing: a cell that two conventions would read differently is refused, naming the forms that are accepted.

#include "thidua/detail/table_cells.hpp"

#include <algorithm>

#include "thidua/core/error.hpp"
#include "thidua/detail/json_reader.hpp"
#include "thidua/detail/messages.hpp"

namespace thidua {

table_style table_style_of(std::string_view language) {
    if (language.empty()) return table_style::plain;
    if (language == "vi") return table_style::vi;
    if (language == "en") return table_style::en;
    throw schema_error("a table's language is \"vi\" or \"en\", not " + detail::quoted(language), {"language", {}, 0, {}});
}

namespace detail {

namespace {

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// "1.234.567" with `group` '.': 1 to 3 digits, then groups of exactly 3.
bool grouped(std::string_view s, char group) {
    const std::size_t first = s.find(group);
    if (first == 0 || first > 3 || !all_digits(s.substr(0, first)) || s[0] == '0') return false;
    for (std::size_t i = first; i < s.size(); i += 4) {
        if (s[i] != group || !all_digits(s.substr(i + 1, 3)) || s.substr(i + 1, 3).size() != 3) return false;
    }
    return true;
}

std::string ungrouped(std::string_view s, char group) {
    std::string out;
    for (char c : s) {
        if (c != group) out += c;
    }
    return out;
}

/// The accepted forms, said in the message for a cell that is not a number.
std::string forms_of(table_style style) {
    switch (style) {
        case table_style::vi:
            return "a Vietnamese table writes numbers like 12,5 (decimal comma), 1.234.567 (thousands dot) or "
                   "1.234,5, and a share may be 85%";
        case table_style::en:
            return "an English table writes numbers like 12.5 (decimal point), 1,234,567 (thousands comma) or "
                   "1,234.5, and a share may be 85%";
        case table_style::plain: break;
    }
    return {};
}

std::string not_a_number(std::string_view text, table_style style) {
    if (style == table_style::plain) return decimal_problem_text(text, decimal_problem::syntax);
    return quoted(text) + " is not a number: " + forms_of(style);
}

/// The text without a trailing percent sign (and the space before it); `percent` says whether there was one.
std::string_view without_percent(std::string_view text, bool& percent) {
    percent = !text.empty() && text.back() == '%';
    if (!percent) return text;
    text.remove_suffix(1);
    for (std::string_view space : {" ", "\xC2\xA0", "\xE2\x80\xAF"}) {  // space, no-break space, narrow no-break space
        if (text.size() >= space.size() && text.substr(text.size() - space.size()) == space) {
            text.remove_suffix(space.size());
            break;
        }
    }
    return text;
}

/// The number in plain notation ("-1234.5"), or "" with `problem` set.
std::string plain_notation(std::string_view text, table_style style, std::string& problem) {
    const bool has_point = text.find('.') != std::string_view::npos;
    const bool has_comma = text.find(',') != std::string_view::npos;
    if (style == table_style::plain || (!has_point && !has_comma)) {
        if (has_comma) problem = not_a_number(text, style);
        return std::string(text);
    }
    const char decimal_mark = style == table_style::vi ? ',' : '.';
    const char group = style == table_style::vi ? '.' : ',';
    std::string_view body = text;
    std::string sign;
    if (!body.empty() && (body[0] == '-' || body[0] == '+')) sign = std::string(1, body[0]), body.remove_prefix(1);
    if (style == table_style::vi && !has_comma) {
        // Only dots: thousands when grouped with two or more groups, a decimal point when no reading as
        // thousands is possible ("12.5"), and refused when both are ("1.234").
        const bool one_dot = std::count(body.begin(), body.end(), '.') == 1;
        if (grouped(body, '.')) {
            if (one_dot) {
                problem = quoted(text) + " could be read two ways in a Vietnamese table: write " +
                          ungrouped(body, '.') + " or " + std::string(body) + ",0 for the whole number, or " +
                          std::string(body.substr(0, body.find('.'))) + "," + std::string(body.substr(body.find('.') + 1)) +
                          " for a decimal (the comma is the decimal mark)";
                return {};
            }
            return sign + ungrouped(body, '.');
        }
        if (one_dot && all_digits(body.substr(0, body.find('.'))) && all_digits(body.substr(body.find('.') + 1))) {
            return sign + std::string(body);
        }
        problem = not_a_number(text, style);
        return {};
    }
    const std::size_t mark = body.find(decimal_mark);
    if (mark != std::string_view::npos && body.find(decimal_mark, mark + 1) != std::string_view::npos) {
        problem = not_a_number(text, style);
        return {};
    }
    const std::string_view whole = body.substr(0, mark);
    const std::string_view fraction = mark == std::string_view::npos ? std::string_view{} : body.substr(mark + 1);
    if ((mark != std::string_view::npos && !all_digits(fraction)) ||
        !(all_digits(whole) || grouped(whole, group))) {
        problem = not_a_number(text, style);
        return {};
    }
    std::string out = sign + ungrouped(whole, group);
    if (mark != std::string_view::npos) out += "." + std::string(fraction);
    return out;
}

std::string folded(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else if (c == '\xC3' && i + 1 < text.size() && (text[i + 1] == '\x93' || text[i + 1] == '\x94')) {
            out += c;  // Ó → ó, Ô → ô
            out += static_cast<char>(text[++i] + 0x20);
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

std::optional<cell_number> read_cell_number(std::string_view text, table_style style, std::string& problem) {
    cell_number out;
    const std::string_view body = without_percent(text, out.percent);
    const std::string notation = plain_notation(body, style, problem);
    if (!problem.empty()) {
        if (out.percent) problem = not_a_number(text, style);
        return std::nullopt;
    }
    decimal_problem why = decimal_problem::none;
    const auto value = decimal::parse(notation, &why);
    if (!value) {
        problem = why == decimal_problem::syntax ? not_a_number(text, style) : decimal_problem_text(text, why);
        return std::nullopt;
    }
    out.value = *value;
    if (out.percent) {
        if (value->micros() % 100 != 0) {
            problem = quoted(text) + " has more than 4 decimals as a percentage (6 as a share); round it";
            return std::nullopt;
        }
        out.value = decimal::from_micros(value->micros() / 100);
    }
    return out;
}

std::optional<date> read_cell_date(std::string_view text, table_style style, std::string& problem) {
    if (auto iso = date::parse(text)) return iso;
    if (style == table_style::vi) {
        // d/m/yyyy or dd/mm/yyyy, day first.
        const std::size_t a = text.find('/'), b = a == std::string_view::npos ? a : text.find('/', a + 1);
        if (b != std::string_view::npos) {
            const auto day = text.substr(0, a), month = text.substr(a + 1, b - a - 1), year = text.substr(b + 1);
            if (all_digits(day) && day.size() <= 2 && all_digits(month) && month.size() <= 2 && all_digits(year) &&
                year.size() == 4) {
                const auto whole = [](std::string_view s) { return static_cast<unsigned>(std::stoi(std::string(s))); };
                if (auto d = date::from_ymd(static_cast<int>(whole(year)), whole(month), whole(day))) return d;
            }
        }
        problem = quoted(text) + " is not a calendar date: a Vietnamese table writes dates day first, like "
                                 "15/03/2024, or as 2024-03-15";
        return std::nullopt;
    }
    problem = date_problem_text(text);
    return std::nullopt;
}

std::optional<bool> read_cell_boolean(std::string_view text, table_style style) {
    bool yes = false;
    if (boolean_text(text, yes)) return yes;
    if (style != table_style::vi) return std::nullopt;
    const std::string word = folded(text);
    if (word == "có" || word == "x") return true;
    if (word == "không") return false;
    return std::nullopt;
}

std::string word_in_value_message(std::string_view text, table_style style) {
    if (style == table_style::vi) {
        return quoted(text) + " is not a value: a boolean criterion takes Có or Không (or x, true/false, 1/0), any "
                              "other criterion a number such as 12,5";
    }
    return quoted(text) + " is not a value: a boolean criterion takes true or false (or 1 or 0), any other criterion "
                          "a decimal number such as 12.5";
}

}  // namespace detail

}  // namespace thidua
