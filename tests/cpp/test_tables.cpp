// The report as columns (thidua/report/tables.hpp): report_order and slot_rows say what the report document says,
// and the float64 conversion every array path shares (thidua/scoring/arrays.hpp).

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "builders.hpp"
#include "thidua/report/tables.hpp"
#include "thidua/scoring/arrays.hpp"

using namespace thidua_test;

TEST_CASE("report_order lists the units as the report document does: by cluster, then cluster rank") {
    auto c = with_criteria(R"([{"id": "a", "max_points": 100, "rule": {"kind": "manual"}}])");
    c["clusters"] = parse(R"([{"id": "c1"}, {"id": "c2"}])");
    c["units"] = parse(R"([
      {"id": "v1", "kind": "ward", "cluster": "c2"}, {"id": "u1", "kind": "ward", "cluster": "c1"},
      {"id": "v2", "kind": "ward", "cluster": "c2"}, {"id": "u2", "kind": "ward", "cluster": "c1"}])");
    const auto r = score_rows(c, R"([{"unit": "v1", "criterion": "a", "value": 70}, {"unit": "u1", "criterion": "a", "value": 80},
                                     {"unit": "v2", "criterion": "a", "value": 90}, {"unit": "u2", "criterion": "a", "value": 85}])");
    std::vector<std::string> ids;
    for (const auto u : thidua::report_order(r)) ids.emplace_back(r.plan().unit_list()[u].id);
    CHECK(ids == std::vector<std::string>{"u2", "u1", "v2", "v1"});
    const auto doc = report_json(r);
    std::vector<std::string> written;
    for (const auto& u : doc.at("units").as_array()) written.emplace_back(u.at("id").as_string());
    CHECK(ids == written);
}

TEST_CASE("slot_rows gives every (unit, phase, criterion) with the report's points, statuses, values and targets") {
    const auto c = with_criteria(R"([
      {"id": "r", "max_points": 30, "rule": {"kind": "ratio", "target": 3}},
      {"id": "b", "max_points": 10, "rule": {"kind": "boolean"}},
      {"id": "m", "max_points": 20, "rule": {"kind": "manual"}}])");
    const auto r = score_rows(c, R"([{"unit": "u1", "criterion": "r", "value": 2, "target": 4},
                                     {"unit": "u1", "criterion": "b", "value": true},
                                     {"unit": "u1", "criterion": "m", "status": "exempt"}])");
    const thidua::slot_table t = thidua::slot_rows(r);
    const auto doc = report_json(r);
    REQUIRE(t.size() == r.units() * 3);
    std::size_t checked = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto& unit = report_unit(doc, r.plan().unit_list()[t.unit[i]].id);
        const std::string key = r.campaign().phases[t.phase[i]].id + "/" + r.campaign().criteria[t.criterion[i]].id;
        CHECK(thidua::report_name(t.status[i]) == unit.at("statuses").at(key).as_string());
        const auto* points = unit.at("points").as_object().if_contains(key);
        if (points) {
            CHECK(thidua::decimal::from_micros(t.points[i]).to_string(2) == points->as_string());
            ++checked;
        } else {
            CHECK(t.points[i] == thidua::no_number);
            CHECK(t.max[i] == thidua::no_number);
        }
    }
    CHECK(checked > 0);
    // Unit u1: the row's own target (4) on the ratio, the boolean as 1, the exempt manual without numbers.
    const std::size_t a = r.unit_index("u1");
    std::size_t first = 0;
    while (t.unit[first] != a) ++first;
    CHECK(t.value[first] == 2'000'000);
    CHECK(t.target[first] == 4'000'000);
    CHECK(t.points[first] == 15'000'000);
    CHECK(t.max[first] == 30'000'000);
    CHECK(t.value[first + 1] == 1'000'000);
    CHECK(t.target[first + 1] == thidua::no_number);
    CHECK(t.status[first + 2] == thidua::slot_status::exempt);
    CHECK(t.value[first + 2] == thidua::no_number);
    // Met as the rule says: 2 of a target of 4 is not, the boolean done is, an exempt slot is not in the scale.
    REQUIRE(t.met.size() == t.size());
    CHECK(t.met[first] == 0);
    CHECK(t.met[first + 1] == 1);
    CHECK(t.met[first + 2] == 0);
}

TEST_CASE("micros_from_doubles converts exact decimals, marks NaN missing, and names the place of any other") {
    const double in[] = {0.1, 12.5, std::nan(""), 3.0};
    std::int64_t out[4];
    std::uint8_t missing[4] = {};
    thidua::micros_from_doubles(in, 4, out, missing, "values", "/gd1", 2);
    CHECK(out[0] == 100'000);
    CHECK(out[1] == 12'500'000);
    CHECK((missing[2] == 1 && out[2] == 0));
    CHECK(out[3] == 3'000'000);
    const double bad[] = {1.0, 0.1 + 0.2};
    try {
        thidua::micros_from_doubles(bad, 2, out, nullptr, "values", "/gd1", 2);
        FAIL("an inexact double was accepted");
    } catch (const thidua::validation_error& e) {
        CHECK(std::string(e.what()).find("0.30000000000000004 is not a decimal with at most 6 fractional digits") !=
              std::string::npos);
        CHECK(e.where().pointer == "/gd1/0/1");
    }
    const double nan_only[] = {std::nan("")};
    CHECK_THROWS_AS(thidua::micros_from_doubles(nan_only, 1, out, nullptr, "values", "/gd1"), thidua::validation_error);
}

TEST_CASE("attribute_from_doubles reads NaN as a missing attribute") {
    const double in[] = {1.5, std::nan("")};
    const auto col = thidua::attribute_from_doubles("area", in, 2);
    CHECK(col.name == "area");
    CHECK(col.micros == std::vector<std::int64_t>{1'500'000, thidua::missing_attribute});
    const double bad[] = {1e-9};
    CHECK_THROWS_WITH_AS(thidua::attribute_from_doubles("area", bad, 1),
                         doctest::Contains("1e-09 is not a decimal"), thidua::validation_error);
}
