// Tables of results, votes and events: CSV text (RFC 4180) or a workbook sheet's cells. Each record keeps the
// line (or sheet row) it started on, so errors found now or when scoring name "results.csv line 7, column value"
// or "forms.xlsx › votes › C7".

#include "thidua/io/csv.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <vector>

#include "thidua/detail/json_reader.hpp"
#include "thidua/detail/table_cells.hpp"

namespace thidua {

namespace {

constexpr std::string_view status_names[] = {"reported", "missing", "exempt", "not_applicable"};

/// The columns a table of each kind may have, the required ones first.
struct table_layout {
    std::span<const std::string_view> names;
    std::size_t required;  ///< names[0, required) must be present
    const char* array;     ///< the results member its records become
};
constexpr std::string_view result_columns[] = {"unit",   "criterion", "phase",     "date", "value",
                                               "target", "status",    "submitted", "note"};
constexpr std::string_view vote_columns[] = {"unit", "yes", "of", "award"};
constexpr std::string_view event_columns[] = {"unit", "adjustment", "count", "note"};

constexpr table_layout layout_of(table_kind kind) {
    switch (kind) {
        case table_kind::votes: return {vote_columns, 3, "votes"};
        case table_kind::events: return {event_columns, 2, "events"};
        case table_kind::results: break;
    }
    return {result_columns, 2, "results"};
}

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
        separator_ = separator_of(text_);
    }

    /// The separator of a table: ';' when its header row has a ';' and no ',' (Excel saves CSV that way where the
    /// decimal separator is a comma, as in Vietnamese settings), else ','.
    static char separator_of(std::string_view text) {
        const std::string_view header = text.substr(0, text.find_first_of("\r\n"));
        return header.find(',') == std::string_view::npos && header.find(';') != std::string_view::npos ? ';' : ',';
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
                if (pos_ < text_.size() && text_[pos_] != separator_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
                    throw scan_problem{"unexpected text after a closing quote (double a quote inside a quoted field)",
                                       line_, fields.size(), false};
                }
            } else {
                while (pos_ < text_.size() && text_[pos_] != separator_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
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
            if (pos_ < text_.size() && text_[pos_] == separator_) {
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
    char separator_ = ',';
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
};


/// Turns the records of a table (its header first) into results: the same checks and messages whether the cells
/// came from CSV text or from a sheet.
class table_reader {
public:
    table_reader(table_kind kind, source from, const limits& caps, table_style style)
        : kind_(kind), style_(style), layout_(layout_of(kind)), caps_(caps) {
        out_.sources = {std::move(from)};
        out_.campaign.clear();
        out_.votes_given = out_.sources[0].states_votes = kind == table_kind::votes;
        out_.events_given = out_.sources[0].states_events = kind == table_kind::events;
    }

    /// Where `field` of the record at `line` is.
    location where(std::size_t line, std::string_view field) const {
        origin o;
        o.array = layout_.array;
        o.line = line;
        return out_.sources[0].where(o, field);
    }
    /// The name of the column at a position of a record: from the header, or the position (1-based) before the
    /// header is read and beyond its last column.
    std::string column_name(std::size_t position) const {
        return position < column_of_.size() && column_of_[position] != ignored ? std::string(layout_.names[column_of_[position]])
                                                                              : std::to_string(position + 1);
    }

    void header(const std::vector<std::string>& names, std::size_t line) {
        const bool sheet = !out_.sources[0].sheet_columns.empty();
        std::array<bool, 9> present{};
        for (std::size_t i = 0; i < names.size(); ++i) {
            const auto& name = names[i];
            if (name.empty() && sheet) {  // a sheet's column without a header must stay empty
                column_of_.push_back(ignored);
                continue;
            }
            std::size_t k = 0;
            while (k < layout_.names.size() && layout_.names[k] != name) ++k;
            if (k == layout_.names.size()) {
                throw schema_error("unknown column " + detail::quoted(name) + detail::did_you_mean(name, layout_.names) +
                                       " (allowed: " + detail::choice_list(layout_.names) + ")",
                                   where(line, name.empty() ? std::to_string(i + 1) : name));
            }
            if (present[k]) throw schema_error("duplicate column " + detail::quoted(name) + "; give each column once", where(line, name));
            present[k] = true;
            column_of_.push_back(k);
        }
        for (std::size_t k = 0; k < layout_.required; ++k) {
            if (!present[k]) {
                throw schema_error("missing required column " + detail::quoted(layout_.names[k]) +
                                       " (the header row names the columns)",
                                   where(line, std::string(layout_.names[k])));
            }
        }
    }

    void record(const std::vector<std::string>& fields, std::size_t line) {
        const bool sheet = !out_.sources[0].sheet_columns.empty();
        const std::size_t count = out_.rows.size() + out_.votes.size() + out_.events.size();
        if (count == caps_.max_rows) {
            throw limit_error("more than " + std::to_string(caps_.max_rows) + " rows (thidua::limits::max_rows)",
                              where(line, {}));
        }
        if (sheet) {
            for (std::size_t i = 0; i < fields.size(); ++i) {
                if ((i >= column_of_.size() || column_of_[i] == ignored) && !fields[i].empty()) {
                    throw schema_error("a value in a column without a header (name the column in the header row)",
                                       {out_.sources[0].name, {}, line, {}, detail::cell_name(i, line)});
                }
            }
        } else if (fields.size() != column_of_.size()) {
            // Name the first column that is missing, or the first field too many.
            throw schema_error("expected " + std::to_string(column_of_.size()) + " fields as in the header, found " +
                                   std::to_string(fields.size()),
                               where(line, column_name(std::min(fields.size(), column_of_.size()))));
        }
        line_ = line;
        switch (kind_) {
            case table_kind::results: result_record(fields); break;
            case table_kind::votes: vote_record(fields); break;
            case table_kind::events: event_record(fields); break;
        }
    }

    /// Makes room for at most `records` result rows at once: rows take their memory from the array cache, which
    /// would otherwise keep each block that a growing list leaves behind.
    void reserve_rows(std::size_t records) {
        if (kind_ == table_kind::results) out_.rows.reserve(std::min(records, caps_.max_rows));
    }

    results take() { return std::move(out_); }

private:
    static constexpr std::size_t ignored = ~std::size_t{0};

    [[noreturn]] void fail(std::string_view column, const std::string& message) const {
        throw schema_error(message, where(line_, column));
    }
    /// Calls f(column index in the layout, cell text) for each non-empty cell under a known column.
    template <class F>
    void each_cell(const std::vector<std::string>& fields, F&& f) const {
        for (std::size_t i = 0; i < fields.size() && i < column_of_.size(); ++i) {
            if (!fields[i].empty() && column_of_[i] != ignored) f(column_of_[i], fields[i]);
        }
    }
    std::string_view name(std::size_t k) const { return layout_.names[k]; }
    date read_date(std::size_t k, const std::string& cell) const {
        std::string problem;
        auto d = detail::read_cell_date(cell, style_, problem);
        if (!d) fail(name(k), problem);
        return *d;
    }
    detail::cell_number read_number(std::size_t k, const std::string& cell) const {
        std::string problem;
        auto n = detail::read_cell_number(cell, style_, problem);
        if (!n) fail(name(k), problem);
        return *n;
    }
    std::int64_t read_whole(std::size_t k, const std::string& cell) const {
        const auto [d, percent] = read_number(k, cell);
        if (percent) fail(name(k), detail::quoted(cell) + " is a percentage; this column counts whole things");
        if (!d.is_integer()) fail(name(k), "expected a whole number, found " + d.to_string());
        return d.micros() / decimal::micros_per_unit;
    }
    origin here() const {
        origin o;
        o.array = layout_.array;
        o.line = line_;
        return o;
    }

    void result_record(const std::vector<std::string>& fields) {
        result_row row;
        row.origin = here();
        each_cell(fields, [&](std::size_t k, const std::string& cell) {
            switch (k) {
                case 0: row.unit = cell; break;
                case 1: row.criterion = cell; break;
                case 2: row.phase = cell; break;
                case 3: row.on = read_date(k, cell); break;
                case 4: {
                    if (const auto yes = detail::read_cell_boolean(cell, style_)) {
                        row.value = result_value{decimal::from_int(*yes ? 1 : 0), true, cell};
                    } else if (std::none_of(cell.begin(), cell.end(), [](char c) { return c >= '0' && c <= '9'; })) {
                        // A word ("Có", "yes", "Đạt"): meant as a yes or a no, not as a number.
                        fail(name(k), detail::word_in_value_message(cell, style_));
                    } else {
                        const auto [number, percent] = read_number(k, cell);
                        row.value = result_value{number, false, cell, percent};
                    }
                    break;
                }
                case 5: {
                    const auto [number, percent] = read_number(k, cell);
                    row.target = number;
                    row.target_percent = percent;
                    break;
                }
                case 6: {
                    auto status = parse_result_status(cell);
                    if (!status) fail(name(k), detail::not_one_of_message(cell, status_names));
                    row.status = *status;
                    break;
                }
                case 7: row.submitted = read_date(k, cell); break;
                case 8: row.note = cell; break;
            }
        });
        if (row.unit.empty()) fail("unit", "the unit is required");
        if (row.criterion.empty()) fail("criterion", "the criterion is required");
        out_.rows.push_back(std::move(row));
    }

    void vote_record(const std::vector<std::string>& fields) {
        vote v;
        v.origin = here();
        bool yes = false, of = false;
        each_cell(fields, [&](std::size_t k, const std::string& cell) {
            switch (k) {
                case 0: v.unit = cell; break;
                case 1: v.yes = read_whole(k, cell), yes = true; break;
                case 2: v.of = read_whole(k, cell), of = true; break;
                case 3: v.award = cell; break;
            }
        });
        if (v.unit.empty()) fail("unit", "the unit is required");
        if (!yes || !of) fail(yes ? "of" : "yes", "a vote needs 'yes' and 'of'");
        if (auto problem = detail::vote_problem(v)) problem->raise(where(line_, problem->field));
        out_.votes.push_back(std::move(v));
    }

    void event_record(const std::vector<std::string>& fields) {
        event e;
        e.origin = here();
        each_cell(fields, [&](std::size_t k, const std::string& cell) {
            switch (k) {
                case 0: e.unit = cell; break;
                case 1: e.adjustment = cell; break;
                case 2: e.count = read_whole(k, cell); break;
                case 3: e.note = cell; break;
            }
        });
        if (e.unit.empty()) fail("unit", "the unit is required");
        if (e.adjustment.empty()) fail("adjustment", "the adjustment is required");
        if (auto problem = detail::event_problem(e)) problem->raise(where(line_, problem->field));
        out_.events.push_back(std::move(e));
    }

    table_kind kind_;
    table_style style_;
    table_layout layout_;
    const limits& caps_;
    results out_;
    std::vector<std::size_t> column_of_;  // column i of the table holds layout column column_of_[i], or ignored
    std::size_t line_ = 0;
};

}  // namespace

results read_csv(std::string_view csv_text, table_kind kind, const std::string& document, const limits& caps) {
    return read_csv(csv_text, kind, document, table_style::plain, caps);
}

results read_csv(std::string_view csv_text, table_kind kind, const std::string& document, table_style style,
                 const limits& caps) {
    if (csv_text.size() > caps.max_input_bytes) {
        throw limit_error("the table has " + std::to_string(csv_text.size()) + " bytes, more than the limit of " +
                              std::to_string(caps.max_input_bytes) + " (thidua::limits::max_input_bytes)",
                          {document, {}, 0, {}});
    }
    table_reader reader(kind, source{document, {}}, caps, style);
    csv_scanner scan(csv_text, caps.max_string_bytes);
    std::vector<std::string> fields;
    std::size_t line = 0;
    auto next = [&] {
        try {
            return scan.next(fields, line);
        } catch (const scan_problem& p) {
            location where = reader.where(p.line, reader.column_name(p.field));
            if (p.limit) throw limit_error(p.message, std::move(where));
            throw parse_error(p.message, std::move(where));
        }
    };
    if (!next()) throw parse_error("the table is empty: it needs a header row", {document, {}, 1, {}});
    reader.header(fields, line);
    reader.reserve_rows(static_cast<std::size_t>(std::count(csv_text.begin(), csv_text.end(), '\n')) + 1);
    while (next()) reader.record(fields, line);
    return reader.take();
}

results read_results_csv(std::string_view csv_text, const std::string& document, const limits& caps) {
    return read_csv(csv_text, table_kind::results, document, caps);
}

results read_sheet(const std::vector<std::vector<std::string>>& rows, table_kind kind, const std::string& document,
                   std::size_t first_row, const limits& caps, table_style style) {
    // The header row names the sheet's columns, so that a place is named by its cell.
    std::size_t h = 0;
    auto blank = [](const std::vector<std::string>& row) {
        for (const auto& cell : row) {
            if (!cell.empty()) return false;
        }
        return true;
    };
    while (h < rows.size() && blank(rows[h])) ++h;
    if (h == rows.size()) throw parse_error("the sheet is empty: it needs a header row", {document, {}, 0, {}, "A1"});
    std::vector<std::string> header = rows[h];
    while (!header.empty() && header.back().empty()) header.pop_back();
    for (std::size_t i = h; i < rows.size(); ++i) {
        for (const auto& cell : rows[i]) {
            if (cell.size() > caps.max_string_bytes) {
                throw limit_error("a cell longer than the limit of " + std::to_string(caps.max_string_bytes) +
                                      " bytes (thidua::limits::max_string_bytes)",
                                  {document, {}, first_row + i, {}, "row " + std::to_string(first_row + i)});
            }
        }
    }
    table_reader reader(kind, source{document, header}, caps, style);
    reader.header(header, first_row + h);
    reader.reserve_rows(rows.size() - h - 1);
    for (std::size_t i = h + 1; i < rows.size(); ++i) {
        if (!blank(rows[i])) reader.record(rows[i], first_row + i);
    }
    return reader.take();
}

}  // namespace thidua
