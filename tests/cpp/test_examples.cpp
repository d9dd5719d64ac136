// The five seed campaigns of docs/examples: every expected unit key and cluster summary, the CSV results give
// the same points as the JSON ones, and each report is written for the Python suite's byte-for-byte comparison.

#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <cstdlib>

#include "golden.hpp"
#include "thidua.hpp"

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> example_dirs() {
    std::vector<fs::path> dirs;
    for (const auto& entry : fs::directory_iterator(THIDUA_EXAMPLES_DIR)) {
        if (fs::exists(entry.path() / "expected.json")) dirs.push_back(entry.path());
    }
    std::sort(dirs.begin(), dirs.end());
    return dirs;
}

thidua::report score_files(const fs::path& dir, const char* results_file) {
    const auto campaign_path = (dir / "campaign.json").string();
    const auto results_path = (dir / results_file).string();
    auto campaign = thidua::read_campaign(thidua_test::read_file(campaign_path), campaign_path);
    const auto text = thidua_test::read_file(results_path);
    auto results = fs::path(results_path).extension() == ".csv" ? thidua::read_results_csv(text, results_path)
                                                                : thidua::read_results(text, results_path);
    return thidua::score(campaign, std::move(results));
}

std::map<std::string, json::object> by_id(const json::array& items) {
    std::map<std::string, json::object> out;
    for (const auto& item : items) out[std::string(item.at("id").as_string())] = item.as_object();
    return out;
}

}  // namespace

TEST_CASE("the five seed campaigns give their expected reports") {
    const auto dirs = example_dirs();
    REQUIRE(dirs.size() == 5);
    for (const auto& dir : dirs) {
        CAPTURE(dir.filename().string());
        const auto report = score_files(dir, "results.json");
        const std::string text = thidua::to_json(report);
        const auto doc = json::parse(text).as_object();
        const auto expected = json::parse(thidua_test::read_file(dir / "expected.json")).as_object();
        auto units = by_id(doc.at("units").as_array());
        REQUIRE(units.size() == expected.at("units").as_object().size());
        // Named references, not structured bindings: clang 14 cannot capture a binding in CAPTURE's lambda.
        for (const auto& unit : expected.at("units").as_object()) {
            const std::string id(unit.key());
            CAPTURE(id);
            for (const auto& field : unit.value().as_object()) {
                const std::string key(field.key());
                CAPTURE(key);
                CHECK(json::serialize(units.at(id).at(key)) == json::serialize(field.value()));
            }
        }
        auto clusters = by_id(doc.at("clusters").as_array());
        for (const auto& [id, keys] : expected.at("clusters").as_object()) {
            for (const auto& [key, value] : keys.as_object()) {
                CHECK(json::serialize(clusters.at(std::string(id)).at(key)) == json::serialize(value));
            }
        }
        CHECK(json::serialize(doc.at("award_cash")) == json::serialize(expected.at("award_cash")));
        // Byte-identical for the same input, and kept for the Python suite to compare with its own output.
        CHECK(thidua::to_json(score_files(dir, "results.json")) == text);
        if (const char* out = std::getenv("THIDUA_CPP_REPORTS")) {
            fs::create_directories(out);
            std::ofstream(fs::path(out) / (dir.filename().string() + ".json"), std::ios::binary) << text;
        }
    }
}

TEST_CASE("the seed campaigns' CSV tables of rows votes and events give the JSON results' report") {
    for (const auto& dir : example_dirs()) {
        CAPTURE(dir.filename().string());
        const auto from_json = score_files(dir, "results.json");
        auto results = thidua::read_results_csv(thidua_test::read_file(dir / "results.csv"), "results.csv");
        for (const auto kind : {thidua::table_kind::votes, thidua::table_kind::events}) {
            const auto name = kind == thidua::table_kind::votes ? "votes.csv" : "events.csv";
            thidua::append(results, thidua::read_csv(thidua_test::read_file(dir / name), kind, name));
        }
        CHECK(results.sources.size() == 3);
        const auto from_tables = thidua::score(from_json.campaign(), std::move(results));
        // Everything but the results' fingerprint (the JSON document names its campaign, a table does not).
        auto a = json::parse(thidua::to_json(from_tables)).as_object(), b = json::parse(thidua::to_json(from_json)).as_object();
        CHECK(a.at("warnings").as_array().empty());
        a.erase("results_sha256");
        b.erase("results_sha256");
        CHECK(json::serialize(a) == json::serialize(b));
    }
}

TEST_CASE("the seed campaigns' CSV rows alone warn that votes and events are missing") {
    for (const auto& dir : example_dirs()) {
        CAPTURE(dir.filename().string());
        const auto report = json::parse(thidua::to_json(score_files(dir, "results.csv"))).as_object();
        const auto& warnings = report.at("warnings").as_array();
        REQUIRE(warnings.size() == 2);
        CHECK(warnings[0].at("code") == "no_votes");
        CHECK(warnings[1].at("code") == "no_events");
    }
}
