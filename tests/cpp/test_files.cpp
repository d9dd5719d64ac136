// thidua/io/files.hpp: documents read from files, JSON or CSV by their content, errors naming the file.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "builders.hpp"
#include "thidua/io/files.hpp"

using namespace thidua_test;

namespace {

std::filesystem::path write(const std::string& name, const std::string& text) {
    const auto path = std::filesystem::temp_directory_path() / ("thidua-test-" + name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

}  // namespace

TEST_CASE("results files are read as JSON or CSV by their content whatever their name") {
    const auto campaign = write("campaign.json", text(minimal_campaign()));
    const auto json_rows = write("results.txt", "\xEF\xBB\xBF  " + text(results_doc(parse(R"([{"unit": "u1", "criterion": "a", "value": true}])").as_array())));
    const auto csv_rows = write("results.json", "unit,criterion,value\nu1,a,true\n");  // a table, despite its name
    const auto c = thidua::read_campaign_file(campaign);
    const auto from_json = thidua::score(c, thidua::read_results_file(json_rows));
    const auto from_csv = thidua::score(c, thidua::read_results_file(csv_rows));
    CHECK(from_json.total(0) == from_csv.total(0));
    CHECK(from_json.results().sources.at(0).name == json_rows.string());
    CHECK(from_csv.results().rows.at(0).origin.line == 2);
}

TEST_CASE("a file that cannot be read or is too large is an error naming it") {
    const auto missing = std::filesystem::temp_directory_path() / "thidua-test-nowhere.json";
    const auto f = failure_of([&] { (void)thidua::read_results_file(missing); });
    CHECK((f.kind == "parse_error" && f.where.document == missing.string()));
    thidua::limits caps;
    caps.max_input_bytes = 10;
    const auto big = write("big.csv", "unit,criterion\nu1,a\n");
    const auto g = failure_of([&] { (void)thidua::read_results_file(big, caps); });
    CHECK(g.kind == "limit_error");
    CHECK(g.what == big.string() + ": the file has 20 bytes, more than the limit of 10 (thidua::limits::max_input_bytes)");
    const auto bad = write("bad.json", "{\"thidua\": 1,");
    CHECK(failure_of([&] { (void)thidua::read_campaign_file(bad); }).where.document == bad.string());
}
