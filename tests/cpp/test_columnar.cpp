// Scoring from arrays: every golden case and example, turned into blocks, gives the same unit reports as its
// result rows; a plan keeping the population as arrays writes the same report as the campaign with its units;
// values are checked with located errors; float64 values convert exactly or not at all.

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "golden.hpp"
#include "thidua.hpp"
#include "thidua/detail/report_data.hpp"

namespace json = boost::json;

namespace {

enum class population_in { unit_objects, arrays };

/// The report of `rows` rebuilt from arrays: the population (made into the campaign's unit objects, or kept as
/// arrays by the plan) and the blocks the row path produced.
thidua::report score_as_arrays(const thidua::report& rows, population_in kept = population_in::unit_objects) {
    const auto& c = rows.campaign();
    thidua::population people;
    for (const auto& u : c.units) {
        people.ids.push_back(u.id);
        people.kinds.push_back(u.kind);
        people.clusters.push_back(u.cluster);
        people.names.push_back(u.name);
        for (const auto& a : u.attributes) {
            auto column = std::find_if(people.attributes.begin(), people.attributes.end(),
                                       [&](const auto& col) { return col.name == a.name; });
            if (column == people.attributes.end()) {
                people.attributes.push_back({a.name, std::vector<std::int64_t>(c.units.size(), thidua::missing_attribute)});
                column = people.attributes.end() - 1;
            }
            column->micros[static_cast<std::size_t>(&u - c.units.data())] = a.number ? a.number->micros() : 0;
        }
    }
    auto pl = kept == population_in::arrays ? std::make_shared<const thidua::plan>(c, people)
                                            : std::make_shared<const thidua::plan>(thidua::with_population(c, people));
    const auto& in = rows.data().inputs;
    std::vector<thidua::block> blocks;
    for (std::size_t p = 0; p < pl->phases(); ++p) blocks.push_back({in.values[p], in.targets[p], in.statuses[p]});
    thidua::unit_arrays extra{in.vote_yes.data(), in.vote_of.data(), in.event_count.data(), in.late_reports.data(),
                              in.last_submission.data()};
    // The arrays are the row report's: a copy of that report, as the owner, keeps them alive.
    return thidua::score_arrays(*pl, blocks, extra, std::make_shared<const thidua::report>(rows));
}

/// The unit objects of a report without the fields that cite result rows (warnings).
std::string units_without_warnings(const thidua::report& r) {
    auto doc = json::parse(thidua::to_json(r));
    for (auto& u : doc.at("units").as_array()) u.as_object().erase("warnings");
    return json::serialize(doc.at("units"));
}

thidua::report golden_report(const std::filesystem::path& path) {
    const std::string text = thidua_test::read_file(path);
    return thidua::score(thidua::read_campaign(text, "golden", "/campaign"), thidua::read_results(text, "golden", "/results"));
}

}  // namespace

namespace {

/// Calls check(rows) with the report of every golden case that is not an error; returns how many.
template <class Check>
int for_each_golden_report(Check check) {
    int compared = 0;
    // Named references, not structured bindings: clang 14 cannot capture a binding in CAPTURE's lambda.
    for (const auto& entry : thidua_test::golden_cases()) {
        const std::string& name = entry.first;
        const std::filesystem::path& path = entry.second;
        const auto expect = json::parse(thidua_test::read_file(path)).at("expect").as_object();
        if (expect.contains("error")) continue;
        CAPTURE(name);
        check(golden_report(path));
        ++compared;
    }
    return compared;
}

}  // namespace

TEST_CASE("every golden case scored from arrays gives the same units as from rows") {
    CHECK(for_each_golden_report([](const thidua::report& rows) {
              CHECK(units_without_warnings(score_as_arrays(rows)) == units_without_warnings(rows));
          }) >= 29);
}

TEST_CASE("a plan keeping the population as arrays writes the same report as the campaign with its units") {
    // Every number, unit object and explanation, and the campaign's fingerprint, from unit objects built on demand.
    CHECK(for_each_golden_report([](const thidua::report& rows) {
              const auto objects = score_as_arrays(rows), arrays = score_as_arrays(rows, population_in::arrays);
              CHECK(arrays.campaign().units.empty());
              CHECK(thidua::to_json(arrays) == thidua::to_json(objects));
              for (std::size_t u = 0; u < arrays.units(); ++u) {
                  CHECK(thidua::explain(arrays, u).prose() == thidua::explain(objects, u).prose());
              }
          }) >= 29);
}

TEST_CASE("every seed campaign scored from arrays gives the same units as from rows") {
    for (const auto& entry : std::filesystem::directory_iterator(THIDUA_EXAMPLES_DIR)) {
        if (!std::filesystem::exists(entry.path() / "expected.json")) continue;
        CAPTURE(entry.path().filename().string());
        const auto campaign_path = (entry.path() / "campaign.json").string();
        const auto results_path = (entry.path() / "results.json").string();
        const auto rows = thidua::score(thidua::read_campaign(thidua_test::read_file(campaign_path), campaign_path),
                                        thidua::read_results(thidua_test::read_file(results_path), results_path));
        CHECK(units_without_warnings(score_as_arrays(rows)) == units_without_warnings(rows));
    }
}

TEST_CASE("array values are checked and errors name phase unit and criterion") {
    const auto rows = golden_report(thidua_test::golden_cases().at("05-boolean-and-manual.json"));
    auto pl = std::make_shared<const thidua::plan>(rows.campaign());
    std::vector<std::int64_t> values = {1'000'000, 7'500'000, 0, 11'000'000};  // 2 units × (boolean, manual)
    auto score = [&] { return thidua::score_arrays(*pl, {{values.data()}}, {}, thidua::borrowed); };
    try {
        (void)score();
        FAIL("a manual value above max_points must be refused");
    } catch (const thidua::validation_error& e) {
        CHECK(e.where().document == "values");
        CHECK(e.where().pointer == "/main/1/cham");
        CHECK(std::string(e.what()).find("manual value 11 is above max_points 10") != std::string::npos);
    }
    values = {2'000'000, 7'500'000, 0, 10'000'000};
    CHECK_THROWS_WITH_AS((void)score(), doctest::Contains("a boolean criterion takes true or false (or 1 or 0), found 2"),
                         thidua::schema_error);
    values = {1'000'000, 7'500'000, 0, 10'000'000};
    const thidua::report arrays = thidua::score_arrays(*pl, {{values.data()}}, {}, thidua::borrowed);
    CHECK(arrays.total(0) == thidua::decimal::from_micros(87'500'000));
    CHECK(arrays.total(1) == thidua::decimal::from_micros(50'000'000));
}

TEST_CASE("a population replaces the campaign's units and is validated") {
    const auto rows = golden_report(thidua_test::golden_cases().at("01-ratio-linear.json"));
    thidua::population twins{{"a", "a"}, {"x"}, {"cum-2", "cum-2"}, {}, {}, {}};
    CHECK_THROWS_WITH_AS(thidua::with_population(rows.campaign(), twins), doctest::Contains("duplicate unit id 'a'"),
                         thidua::reference_error);
    thidua::population lost{{"a"}, {"x"}, {"nowhere"}, {}, {}, {}};
    CHECK_THROWS_WITH_AS(thidua::with_population(rows.campaign(), lost), doctest::Contains("unknown cluster 'nowhere'"),
                         thidua::reference_error);
    const auto c = thidua::with_population(rows.campaign(), {{"a", "b"}, {"commune"}, {"cum-2", "cum-2"}, {}, {}, {}});
    CHECK(c.units.size() == 2);
    CHECK(c.units[1].id == "b");
    CHECK(c.units[1].kind == "commune");
    // A large population without strings per unit: ids by row, clusters by position.
    thidua::population coded;
    coded.kinds = {"commune"};
    coded.cluster_indices = {0, 0, 0};
    const auto by_row = thidua::with_population(rows.campaign(), coded);
    CHECK(by_row.units[2].id == "2");
    CHECK(by_row.units[2].cluster == "cum-2");
    coded.cluster_indices[1] = 5;
    CHECK_THROWS_WITH_AS(thidua::with_population(rows.campaign(), coded), doctest::Contains("cluster index 5 is beyond"),
                         thidua::reference_error);
    // A plan keeping the arrays checks them the same way.
    CHECK_THROWS_WITH_AS(thidua::plan(rows.campaign(), twins), doctest::Contains("duplicate unit id 'a'"),
                         thidua::reference_error);
    CHECK_THROWS_WITH_AS(thidua::plan(rows.campaign(), coded), doctest::Contains("cluster index 5 is beyond"),
                         thidua::reference_error);
}

TEST_CASE("registered targets must name units of a population, also of units named by their row") {
    const auto golden = golden_report(thidua_test::golden_cases().at("01-ratio-linear.json"));
    auto c = golden.campaign();
    thidua::population coded;
    coded.kinds = {"commune"};
    coded.cluster_indices = {0, 0, 0};
    c.targets = {{"2", c.criteria[0].id, "", thidua::decimal::from_int(4)}};
    const thidua::plan by_row(c, coded);
    CHECK(by_row.compiled().registered_target(2, 0, 0) == 4'000'000);
    for (const char* stranger : {"3", "02", "x", ""}) {
        c.targets[0].unit = stranger;
        CAPTURE(stranger);
        CHECK_THROWS_WITH_AS(thidua::plan(c, coded), doctest::Contains("names a unit that is not in the population"),
                             thidua::reference_error);
    }
}

TEST_CASE("a float64 converts to micros only when it is a decimal with at most 6 fractional digits") {
    std::int64_t m = 0;
    CHECK(thidua::micros_from_double(0.1, m));
    CHECK(m == 100'000);
    CHECK(thidua::micros_from_double(7.78, m));
    CHECK(m == 7'780'000);
    CHECK(thidua::micros_from_double(-2.5, m));
    CHECK(m == -2'500'000);
    CHECK(thidua::micros_from_double(123456.123456, m));
    CHECK(m == 123'456'123'456);
    CHECK_FALSE(thidua::micros_from_double(0.1 + 0.2, m));
    CHECK_FALSE(thidua::micros_from_double(1e-7, m));
    CHECK_FALSE(thidua::micros_from_double(1e12, m));
    CHECK_FALSE(thidua::micros_from_double(std::nan(""), m));
}
