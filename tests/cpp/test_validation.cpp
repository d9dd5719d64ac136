// Every validation of docs/semantics.md §6, from the table tests/data/validation.json that the Python suite runs too:
// each case gives the exact error type, JSON pointer (or CSV line and column) and a fragment of the message.

#include <doctest/doctest.h>

#include <set>

#include "builders.hpp"
#include "golden.hpp"
#include "thidua/io/csv.hpp"

using namespace thidua_test;

namespace {

const json::object& table() {
    static const json::object t =
        json::parse(read_file(THIDUA_SOURCE_DIR "/tests/data/validation.json")).as_object();
    return t;
}

/// The reference tokens of an RFC 6901 pointer, unescaped.
std::vector<std::string> tokens(std::string_view pointer) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < pointer.size()) {
        const std::size_t end = std::min(pointer.find('/', pos + 1), pointer.size());
        std::string token;
        for (std::size_t i = pos + 1; i < end; ++i) {
            token += pointer[i] == '~' && i + 1 < end ? (pointer[++i] == '1' ? '/' : '~') : pointer[i];
        }
        out.push_back(std::move(token));
        pos = end;
    }
    return out;
}

/// Applies RFC 6902 add, replace and remove operations.
void apply_patch(json::value& doc, const json::array& patch) {
    for (const auto& op_value : patch) {
        const auto& op = op_value.as_object();
        const std::string kind(op.at("op").as_string());
        auto path = tokens(op.at("path").as_string());
        REQUIRE_FALSE(path.empty());
        const std::string last = path.back();
        path.pop_back();
        json::value* parent = &doc;
        for (const auto& token : path) {
            parent = parent->is_object() ? &parent->as_object().at(token)
                                         : &parent->as_array().at(static_cast<std::size_t>(std::stoul(token)));
        }
        if (parent->is_object()) {
            auto& o = parent->as_object();
            if (kind == "remove") o.erase(last);
            else o[last] = op.at("value");
        } else {
            auto& a = parent->as_array();
            if (last == "-") {
                a.push_back(op.at("value"));
                continue;
            }
            const auto i = static_cast<std::size_t>(std::stoul(last));
            if (kind == "remove") a.erase(a.begin() + static_cast<std::ptrdiff_t>(i));
            else if (kind == "add") a.insert(a.begin() + static_cast<std::ptrdiff_t>(i), op.at("value"));
            else a.at(i) = op.at("value");
        }
    }
}

/// The C++ error kind of a Python error class name.
std::string kind_of(std::string_view python_name) {
    if (python_name == "ParseError") return "parse_error";
    if (python_name == "SchemaError") return "schema_error";
    if (python_name == "IdError") return "reference_error";
    if (python_name == "ValidationError") return "validation_error";
    if (python_name == "LimitError") return "limit_error";
    return "unexpected";
}

}  // namespace

TEST_CASE("the base documents of the validation table are valid") {
    CHECK(scoring_failure(table().at("campaign"), table().at("results")).kind == "none");
}

TEST_CASE("the validation table covers every rule of section 6 of docs/semantics.md") {
    std::set<std::string> rules;
    for (const auto& c : table().at("cases").as_array()) rules.insert(std::string(c.at("rule").as_string()));
    for (const char* rule : {"unknown key", "wrong type", "empty id", "duplicated id", "unknown id",
                             "a result for an unknown unit", "a result for an unknown criterion",
                             "a result for an unknown phase", "a phase listing an unknown criterion",
                             "a criterion used by no phase", "phases that overlap", "phases that leave a gap",
                             "a phase outside the campaign", "a phase that ends before it starts",
                             "weights not summing to 1", "max_points of 0", "bands out of order",
                             "band points above max", "a catch-all class missing", "a date that is not a calendar date",
                             "a result dated outside every phase", "duplicate results", "a manual value above max",
                             "a rule target of 0", "vote yes above of", "a number with too many digits"}) {
        CHECK_MESSAGE(rules.count(rule) == 1, rule);
    }
}

TEST_CASE("every case of the validation table gives its error type place and message") {
    const auto& cases = table().at("cases").as_array();
    REQUIRE(cases.size() >= 50);
    for (const auto& case_value : cases) {
        const auto& c = case_value.as_object();
        const std::string document(c.at("document").as_string());
        CAPTURE(std::string(c.at("rule").as_string()));
        json::value campaign = table().at("campaign"), results = table().at("results");
        failure f;
        if (document == "csv") {
            f = failure_of([&] {
                (void)thidua::score(campaign_of(campaign), thidua::read_results_csv(c.at("csv").as_string()));
            });
            CHECK(f.where.line == static_cast<std::size_t>(c.at("line").as_int64()));
            CHECK(f.where.column == c.at("column").as_string());
            CHECK(f.where.pointer.empty());
        } else {
            apply_patch(document == "campaign" ? campaign : results, c.at("patch").as_array());
            f = scoring_failure(campaign, results);
            CHECK(f.where.pointer == c.at("pointer").as_string());
            CHECK(f.where.line == 0);
            CHECK(f.where.document == document);
        }
        CHECK(f.kind == kind_of(c.at("error").as_string()));
        CHECK_MESSAGE(f.what.find(c.at("contains").as_string()) != std::string::npos, f.what);
    }
}
