// Results from CSV (RFC 4180). Each record keeps the line it started on, so errors found now or when scoring
// name "results.csv line 7, column value".

#include "thidua/csv.hpp"

#include <array>
#include <vector>

#include "thidua/detail/json_reader.hpp"

namespace thidua {

namespace {

constexpr std::string_view status_names[] = {"reported", "missing", "exempt", "not_applicable"};
constexpr std::array<std::string_view, 9> columns_known = {"unit",   "criterion", "phase",     "date", "value",
                                                           "target", "status",    "submitted", "note"};

/// The length of the valid UTF-8 prefix of `text` (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
std::size_t valid_utf8_prefix(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
        const unsigned char c = byte(i);
        std::size_t n = 0;
        unsigned char low = 0x80, high = 0xbf;  // the allowed range of the second byte
        if (c < 0x80) n = 0;
        else if (c >= 0xc2 && c <= 0xdf) n = 1;
        else if (c == 0xe0) n = 2, low = 0xa0;
        else if ((c >= 0xe1 && c <= 0xec) || c == 0xee || c == 0xef) n = 2;
        else if (c == 0xed) n = 2, high = 0x9f;
        else if (c == 0xf0) n = 3, low = 0x90;
        else if (c >= 0xf1 && c <= 0xf3) n = 3;
        else if (c == 0xf4) n = 3, high = 0x8f;
        else return i;
        if (i + n >= text.size()) return i;  // a sequence cut short by the end
        for (std::size_t k = 1; k <= n; ++k) {
            const unsigned char lo = k == 1 ? low : 0x80, hi = k == 1 ? high : 0xbf;
            if (byte(i + k) < lo || byte(i + k) > hi) return i;
        }
        i += n + 1;
    }
    return i;
}

/// A CSV problem found while splitting records: where it is (line, field position) and what it is. The reader
/// turns it into a thidua::error naming the column.
struct scan_problem {
    std::string message;
    std::size_t line;
    std::size_t field;  // 0-based position in the record
    bool limit;         // a thidua::limits cap, not malformed text
};

/// Splits CSV text into records of fields; a record remembers its first line. Line breaks are "\n", "\r\n"
/// or "\r".
class csv_scanner {
public:
    csv_scanner(std::string_view text, std::size_t max_cell) : text_(text), max_cell_(max_cell) {
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);  // a UTF-8 byte order mark
    }

    /// Reads the next record into `fields`; false at the end. Blank lines are skipped.
    bool next(std::vector<std::string>& fields, std::size_t& line) {
        fields.clear();
        while (line_break()) {
        }
        if (pos_ >= text_.size()) return false;
        line = line_;
        std::string field;
        while (true) {
            const std::size_t field_line = line_;
            if (pos_ < text_.size() && text_[pos_] == '"') {
                ++pos_;
                while (true) {
                    if (pos_ >= text_.size()) {
                        throw scan_problem{"a quoted field is not closed (a '\"' is missing)", field_line,
                                           fields.size(), false};
                    }
                    const char ch = text_[pos_];
                    if (ch == '"') {
                        ++pos_;
                        if (pos_ < text_.size() && text_[pos_] == '"') {
                            append(field, '"', fields.size());
                            ++pos_;
                            continue;
                        }
                        break;
                    }
                    if (ch == '\n' || ch == '\r') {
                        const std::size_t before = pos_;
                        line_break();
                        field.append(text_.substr(before, pos_ - before));
                        check_length(field, fields.size());
                        continue;
                    }
                    append(field, ch, fields.size());
                    ++pos_;
                }
                if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
                    throw scan_problem{"unexpected text after a closing quote (double a quote inside a quoted field)",
                                       line_, fields.size(), false};
                }
            } else {
                while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
                    if (text_[pos_] == '"') {
                        throw scan_problem{"a quote inside an unquoted field (quote the whole field and double the quote)",
                                           line_, fields.size(), false};
                    }
                    append(field, text_[pos_++], fields.size());
                }
            }
            if (valid_utf8_prefix(field) != field.size()) {
                throw scan_problem{"the text is not valid UTF-8 (save the table as UTF-8)", field_line, fields.size(),
                                   false};
            }
            fields.push_back(std::move(field));
            field.clear();
            if (pos_ < text_.size() && text_[pos_] == ',') {
                ++pos_;
                continue;
            }
            line_break();
            return true;
        }
    }

private:
    /// Consumes one line break at the position, if there is one.
    bool line_break() {
        if (pos_ >= text_.size() || (text_[pos_] != '\n' && text_[pos_] != '\r')) return false;
        if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line_;
        return true;
    }
    void append(std::string& field, char c, std::size_t position) {
        field += c;
        check_length(field, position);
    }
    void check_length(const std::string& field, std::size_t position) const {
        if (field.size() > max_cell_) {
            throw scan_problem{"a cell longer than the limit of " + std::to_string(max_cell_) +
                                   " bytes (thidua::limits::max_string_bytes)",
                               line_, position, true};
        }
    }

    std::string_view text_;
    std::size_t max_cell_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
};

}  // namespace

results read_results_csv(std::string_view csv_text, const std::string& document, const limits& caps) {
    if (csv_text.size() > caps.max_input_bytes) {
        throw limit_error("the table has " + std::to_string(csv_text.size()) + " bytes, more than the limit of " +
                              std::to_string(caps.max_input_bytes) + " (thidua::limits::max_input_bytes)",
                          {document, {}, 0, {}});
    }
    csv_scanner scan(csv_text, caps.max_string_bytes);
    std::vector<std::string> fields;
    std::size_t line = 0;
    // Column i of the file holds known column column_of[i].
    std::vector<std::size_t> column_of;
    // The name of the column at a position of a record: from the header, or the position (1-based) before the
    // header is read and beyond its last column.
    auto column_name = [&](std::size_t position) {
        return position < column_of.size() ? std::string(columns_known[column_of[position]])
                                           : std::to_string(position + 1);
    };
    auto next = [&] {
        try {
            return scan.next(fields, line);
        } catch (const scan_problem& p) {
            location where{document, {}, p.line, column_name(p.field)};
            if (p.limit) throw limit_error(p.message, std::move(where));
            throw parse_error(p.message, std::move(where));
        }
    };
    if (!next()) throw parse_error("the table is empty: it needs a header row", {document, {}, 1, {}});
    std::array<bool, columns_known.size()> present{};
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const auto& name = fields[i];
        std::size_t k = 0;
        while (k < columns_known.size() && columns_known[k] != name) ++k;
        if (k == columns_known.size()) {
            std::string message = "unknown column " + detail::quoted(name) + detail::did_you_mean(name, columns_known) +
                                  " (allowed: unit, criterion, phase, date, value, target, status, submitted, note)";
            throw schema_error(message, {document, {}, line, name.empty() ? std::to_string(i + 1) : name});
        }
        if (present[k]) throw schema_error("duplicate column " + detail::quoted(name) + "; give each column once", {document, {}, line, name});
        present[k] = true;
        column_of.push_back(k);
    }
    for (std::size_t k : {0u, 1u}) {
        if (!present[k]) {
            throw schema_error("missing required column " + detail::quoted(columns_known[k]) +
                                   " (the header row names the columns)",
                               {document, {}, line, std::string(columns_known[k])});
        }
    }
    results r;
    r.document = document;
    r.campaign.clear();
    while (next()) {
        auto fail = [&](std::string_view column, const std::string& message) -> void {
            throw schema_error(message, {document, {}, line, std::string(column)});
        };
        if (r.rows.size() == caps.max_rows) {
            throw limit_error("more than " + std::to_string(caps.max_rows) + " rows (thidua::limits::max_rows)",
                              {document, {}, line, {}});
        }
        if (fields.size() != column_of.size()) {
            // Name the first column that is missing, or the first field too many.
            fail(column_name(std::min(fields.size(), column_of.size())),
                 "expected " + std::to_string(column_of.size()) + " fields as in the header, found " +
                     std::to_string(fields.size()));
        }
        result_row row;
        row.origin.line = line;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const std::string& cell = fields[i];
            if (cell.empty()) continue;  // an absent field
            const std::string_view column = columns_known[column_of[i]];
            auto read_date = [&] {
                auto d = date::parse(cell);
                if (!d) fail(column, detail::date_problem_text(cell));
                return *d;
            };
            auto read_decimal = [&] {
                decimal_problem problem;
                auto d = decimal::parse(cell, &problem);
                if (!d) fail(column, detail::decimal_problem_text(cell, problem));
                return *d;
            };
            switch (column_of[i]) {
                case 0: row.unit = cell; break;
                case 1: row.criterion = cell; break;
                case 2: row.phase = cell; break;
                case 3: row.on = read_date(); break;
                case 4: {
                    bool yes = false;
                    if (detail::boolean_text(cell, yes)) {
                        row.value = result_value{decimal::from_int(yes ? 1 : 0), true, yes ? "true" : "false"};
                    } else {
                        row.value = result_value{read_decimal(), false, cell};
                    }
                    break;
                }
                case 5: row.target = read_decimal(); break;
                case 6: {
                    auto status = parse_result_status(cell);
                    if (!status) fail(column, detail::not_one_of_message(cell, status_names));
                    row.status = *status;
                    break;
                }
                case 7: row.submitted = read_date(); break;
                case 8: row.note = cell; break;
            }
        }
        if (row.unit.empty()) fail("unit", "the unit is required");
        if (row.criterion.empty()) fail("criterion", "the criterion is required");
        r.rows.push_back(std::move(row));
    }
    return r;
}

}  // namespace thidua
