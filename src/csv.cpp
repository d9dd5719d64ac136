// Results from CSV (RFC 4180). Each record keeps the line it started on, so errors found now or when scoring
// name "results.csv line 7, column value".

#include "thidua/csv.hpp"

#include <array>
#include <vector>

#include "thidua/detail/json_reader.hpp"

namespace thidua {

namespace {

constexpr std::array<std::string_view, 9> columns_known = {"unit",   "criterion", "phase",     "date", "value",
                                                           "target", "status",    "submitted", "note"};

/// Splits CSV text into records of fields; a record remembers its first line.
class csv_scanner {
public:
    csv_scanner(std::string_view text, const std::string& document) : text_(text), document_(document) {
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);  // a UTF-8 byte order mark
    }

    /// Reads the next record into `fields`; false at the end. Blank lines are skipped.
    bool next(std::vector<std::string>& fields, std::size_t& line) {
        fields.clear();
        while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
            if (text_[pos_] == '\n') ++line_;
            ++pos_;
        }
        if (pos_ >= text_.size()) return false;
        line = line_;
        std::string field;
        while (true) {
            if (pos_ < text_.size() && text_[pos_] == '"') {
                ++pos_;
                while (true) {
                    if (pos_ >= text_.size()) {
                        throw parse_error("a quoted field is not closed", {document_, {}, line, {}});
                    }
                    const char ch = text_[pos_++];
                    if (ch == '"') {
                        if (pos_ < text_.size() && text_[pos_] == '"') {
                            field += '"';
                            ++pos_;
                            continue;
                        }
                        break;
                    }
                    if (ch == '\n') ++line_;
                    field += ch;
                }
                if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
                    throw parse_error("unexpected text after a closing quote", {document_, {}, line_, {}});
                }
            } else {
                while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
                    if (text_[pos_] == '"') {
                        throw parse_error("a quote inside an unquoted field (quote the whole field)",
                                          {document_, {}, line_, {}});
                    }
                    field += text_[pos_++];
                }
            }
            fields.push_back(std::move(field));
            field.clear();
            if (pos_ >= text_.size()) return true;
            const char sep = text_[pos_++];
            if (sep == ',') continue;
            if (sep == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
            ++line_;
            return true;
        }
    }

private:
    std::string_view text_;
    const std::string& document_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
};

}  // namespace

results read_results_csv(std::string_view csv_text, const std::string& document) {
    csv_scanner scan(csv_text, document);
    std::vector<std::string> fields;
    std::size_t line = 0;
    if (!scan.next(fields, line)) throw parse_error("the table is empty: it needs a header row", {document, {}, 1, {}});
    // Column i of the file holds known column column_of[i].
    std::vector<std::size_t> column_of;
    std::array<bool, columns_known.size()> present{};
    for (const auto& name : fields) {
        std::size_t k = 0;
        while (k < columns_known.size() && columns_known[k] != name) ++k;
        if (k == columns_known.size()) {
            throw schema_error("unknown column '" + name +
                                   "' (allowed: unit, criterion, phase, date, value, target, status, submitted, note)",
                               {document, {}, line, name});
        }
        if (present[k]) throw schema_error("duplicate column '" + name + "'", {document, {}, line, name});
        present[k] = true;
        column_of.push_back(k);
    }
    for (std::size_t k : {0u, 1u}) {
        if (!present[k]) {
            throw schema_error("missing required column '" + std::string(columns_known[k]) + "'", {document, {}, line, {}});
        }
    }
    results r;
    r.document = document;
    r.campaign.clear();
    while (scan.next(fields, line)) {
        result_row row;
        row.origin.line = line;
        auto fail = [&](std::string_view column, const std::string& message) -> void {
            throw schema_error(message, {document, {}, line, std::string(column)});
        };
        if (fields.size() != column_of.size()) {
            fail({}, "expected " + std::to_string(column_of.size()) + " fields, found " + std::to_string(fields.size()));
        }
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const std::string& cell = fields[i];
            if (cell.empty()) continue;  // an absent field
            const std::string_view column = columns_known[column_of[i]];
            auto read_date = [&] {
                auto d = date::parse(cell);
                if (!d) fail(column, "'" + cell + "' is not a calendar date (YYYY-MM-DD)");
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
                    if (!status) fail(column, "'" + cell + "' is not one of reported, missing, exempt, not_applicable");
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
