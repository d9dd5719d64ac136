// Runs every golden case (shared/golden and the copy in tests/data/golden), with the earlier years of its `history`
// reports, and compares every expected key.

#include <doctest/doctest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>

#include "golden.hpp"
#include "thidua.hpp"

namespace json = boost::json;

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

void check_error_case(const std::string& text, const std::string& name, const json::object& expected) {
    const std::string pointer(expected.at("pointer").as_string());
    const std::string contains(expected.at("contains").as_string());
    try {
        auto campaign = thidua::read_campaign(text, name, "/campaign");
        (void)thidua::score(campaign, thidua::read_results(text, name, "/results"));
        FAIL_CHECK("expected an error at " << pointer << " containing '" << contains << "'");
    } catch (const thidua::error& e) {
        CHECK(e.where().pointer == pointer);
        CHECK_MESSAGE(lower(e.what()).find(lower(contains)) != std::string::npos, e.what());
    }
}

/// A case's results with the earlier years of its `history` (saved reports), if any.
thidua::results results_of(const std::string& text, const std::string& name, const json::object& golden) {
    auto results = thidua::read_results(text, name, "/results");
    if (const auto* history = golden.if_contains("history")) {
        for (std::size_t i = 0; i < history->as_array().size(); ++i) {
            results.history.push_back(thidua::read_past_year(text, name, "/history/" + std::to_string(i)));
        }
    }
    return results;
}

void check_units(const std::string& text, const std::string& name, const json::object& golden) {
    const auto& expected_units = golden.at("expect").at("units").as_object();
    auto campaign = thidua::read_campaign(text, name, "/campaign");
    const auto report = thidua::score(campaign, results_of(text, name, golden));
    const auto doc = json::parse(thidua::to_json(report));
    std::map<std::string, json::object> units;
    for (const auto& u : doc.at("units").as_array()) units[std::string(u.at("id").as_string())] = u.as_object();
    REQUIRE(units.size() == expected_units.size());
    // Named references, not structured bindings: clang 14 cannot capture a binding in CAPTURE's lambda.
    for (const auto& unit : expected_units) {
        const std::string id(unit.key());
        CAPTURE(id);
        REQUIRE(units.count(id) == 1);
        const auto& actual = units[id];
        for (const auto& field : unit.value().as_object()) {
            const std::string key(field.key());
            CAPTURE(key);
            REQUIRE(actual.contains(key));
            CHECK(json::serialize(actual.at(key)) == json::serialize(field.value()));
        }
    }
}

}  // namespace

TEST_CASE("every golden case gives the expected report or error") {
    const auto cases = thidua_test::golden_cases();
    REQUIRE(cases.size() >= 37);
    // Named references, not structured bindings: clang 14 cannot capture a binding in CAPTURE's lambda.
    for (const auto& entry : cases) {
        const std::string& name = entry.first;
        const std::filesystem::path& path = entry.second;
        CAPTURE(name);
        const std::string text = thidua_test::read_file(path);
        const auto golden = json::parse(text).as_object();
        const auto& expect = golden.at("expect").as_object();
        if (expect.contains("error")) {
            check_error_case(text, name, expect.at("error").as_object());
        } else {
            check_units(text, name, golden);
        }
    }
}
