// thidua/analysis/what_if.hpp: a report for hypothetical changes equals the report of the changed documents, a
// total_delta moves the total after the caps, and every change names its place when it is wrong.

#include <doctest/doctest.h>

#include "builders.hpp"
#include "test_paths.hpp"
#include "thidua/analysis/what_if.hpp"
#include "thidua/io/files.hpp"

using namespace thidua_test;
using namespace thidua::literals;

namespace {

/// Two communes; "a" manual (10 points, total = value), "b" boolean (10), classes xs ≥ 15, ht ≥ 5, kht; a bonus
/// adjustment of 2 points; an award for the best unit.
json::object what_if_campaign() {
    auto c = with_criteria(R"([{"id": "a", "max_points": 10, "rule": {"kind": "manual"}},
                                {"id": "b", "max_points": 10, "rule": {"kind": "boolean"}}])");
    c["units"] = communes({"u1", "u2"});
    c["scale"] = 20;
    c["classes"] = parse(R"([{"id": "xs", "min_score": 15}, {"id": "ht", "min_score": 5}, {"id": "kht"}])");
    c["adjustments"] = parse(R"([{"id": "sk", "kind": "bonus", "points_per_item": 2}])");
    c["awards"] = parse(R"([{"id": "co", "count": 1}])");
    return c;
}

json::object what_if_results() {
    return results_doc(json::array{row("u1", "a", 8), row("u1", "b", true), row("u2", "a", 6)});
}

thidua::report what_if(const thidua::report& r, std::string_view changes) {
    return thidua::what_if(r, thidua::read_what_if(changes));
}

}  // namespace

TEST_CASE("a changed value, status or event gives the report of the changed documents") {
    const auto c = what_if_campaign();
    const auto before = score(c, what_if_results());
    CHECK(before.total(before.unit_index("u2")) == 6.00_d);
    // u2's value of "a" changed, its "b" added as reported, an event added: the same as scoring those documents.
    const auto after = what_if(before, R"([{"unit": "u2", "criterion": "a", "value": 9},
                                            {"unit": "u2", "criterion": "b", "value": true},
                                            {"unit": "u2", "adjustment": "sk"}])");
    auto changed = results_doc(json::array{row("u1", "a", 8), row("u1", "b", true), row("u2", "a", 9), row("u2", "b", true)},
                               parse(R"([{"unit": "u2", "adjustment": "sk"}])").as_array());
    const auto expected = score(c, changed);
    for (const char* unit : {"u1", "u2"}) {
        const std::size_t u = after.unit_index(unit);
        CHECK(after.total(u) == expected.total(u));
        CHECK(after.class_of(u) == expected.class_of(u));
        CHECK(after.cluster_rank(u) == expected.cluster_rank(u));
        CHECK(after.has_award(u, 0) == expected.has_award(u, 0));
    }
    CHECK(after.total(after.unit_index("u2")) == 21.00_d);  // 9 + 10, bonus 2
    CHECK(after.has_award(after.unit_index("u2"), 0));
    // The report it came from is unchanged, and a status change drops the value.
    CHECK(before.total(before.unit_index("u2")) == 6.00_d);
    const auto missing = what_if(before, R"([{"unit": "u1", "criterion": "a", "status": "missing"}])");
    CHECK(missing.total(missing.unit_index("u1")) == 10.00_d);
}

TEST_CASE("a total_delta moves the total after the caps, then classes, ranks and awards follow") {
    const auto before = score(what_if_campaign(), what_if_results());
    const auto after = what_if(before, R"([{"unit": "u2", "total_delta": "12.5"}])");
    const std::size_t u2 = after.unit_index("u2");
    CHECK(after.total(u2) == 18.50_d);
    CHECK(after.base(u2) == before.base(u2));  // the hypothetical points are not the unit's base
    CHECK(after.campaign().classes[after.class_of(u2)].id == "xs");
    CHECK(after.cluster_rank(u2) == 1);
    CHECK(after.has_award(u2, 0));
    // A negative delta never takes the total below 0.
    CHECK(what_if(before, R"([{"unit": "u2", "total_delta": -100}])").total(u2) == 0.00_d);
}

TEST_CASE("campaign changes: a class threshold, an award's quota, phase weights that still sum to 1") {
    const auto before = score(what_if_campaign(), what_if_results());
    const std::size_t u2 = before.unit_index("u2");
    CHECK(before.campaign().classes[before.class_of(u2)].id == "ht");
    const auto lower = what_if(before, R"([{"class": "xs", "min_score": 6}])");
    CHECK(lower.campaign().classes[lower.class_of(u2)].id == "xs");
    const auto two = what_if(before, R"([{"award": "co", "count": 2}])");
    CHECK(two.has_award(u2, 0));
    auto phased = two_phase_campaign();
    phased["units"] = communes({"u1", "u2"});
    const auto r = score(phased, results_doc(json::array{row("u1", "a", true, "p1"), row("u2", "a", true, "p2")}));
    const auto reweighted = what_if(r, R"([{"phase": "p1", "weight": "0.5"}, {"phase": "p2", "weight": "0.5"}])");
    CHECK(reweighted.campaign().phases[0].weight == 0.5_d);
    const auto f = failure_of([&] { (void)what_if(r, R"([{"phase": "p1", "weight": "0.5"}])"); });
    CHECK(f.kind == "validation_error");
    CHECK(f.what.find("sum") != std::string::npos);
}

TEST_CASE("a wrong change names its place in the list of changes") {
    const auto before = score(what_if_campaign(), what_if_results());
    const auto unknown = failure_of([&] { (void)what_if(before, R"([{"unit": "u2", "total_delta": 1}, {"unit": "u9", "total_delta": 1}])"); });
    CHECK(unknown.kind == "reference_error");
    CHECK((unknown.where.document == "what-if" && unknown.where.pointer == "/1"));
    CHECK(unknown.what.find("unknown unit 'u9'") != std::string::npos);
    const auto bad_value = failure_of([&] { (void)what_if(before, R"([{"unit": "u2", "criterion": "a", "value": 11}])"); });
    CHECK(bad_value.kind == "validation_error");
    CHECK((bad_value.where.document == "what-if" && bad_value.where.pointer == "/0/value"));
    const auto shapeless = failure_of([&] { (void)thidua::read_what_if(R"([{"unit": "u2"}])"); });
    CHECK((shapeless.kind == "schema_error" && shapeless.where.pointer == "/0"));
    const auto no_unit = failure_of([&] { (void)thidua::read_what_if(R"([{"criterion": "a", "value": 1}])"); });
    CHECK(no_unit.what.find("a change of a value needs 'unit'") != std::string::npos);
}

TEST_CASE("a what-if ranks again only the clusters of the units it changes, as scoring from scratch would") {
    const std::string example = std::string(THIDUA_EXAMPLES_DIR) + "/hong-linh-dot-dac-biet-2024/";
    const thidua::plan plan(thidua::read_campaign_file(example + "campaign.json"));
    const auto before = thidua::score(plan, thidua::read_results_file(example + "results.json"));
    // Đậu Liêu (the wards' block) reports 6 models and the town Front (the other block) gains a total_delta.
    const auto after = what_if(before, R"([{"unit": "dau-lieu", "criterion": "mo-hinh", "phase": "gd2", "value": 6},
                                           {"unit": "hoi-ccb", "total_delta": "0.5"}])");
    auto changed = thidua::read_results_file(example + "results.json");
    for (auto& row : changed.rows) {
        if (row.unit == "dau-lieu" && row.criterion == "mo-hinh" && row.phase == "gd2") {
            row.status = thidua::result_status::reported;
            row.value = thidua::result_value{thidua::decimal::from_int(6), false, "6", false};
        }
    }
    const auto scratch = thidua::score(plan, changed);
    const std::size_t dau_lieu = after.unit_index("dau-lieu"), hoi_ccb = after.unit_index("hoi-ccb");
    for (std::size_t u = 0; u < after.units(); ++u) {
        if (u == hoi_ccb) continue;
        CHECK(after.total(u) == scratch.total(u));
        CHECK(after.cluster_rank(u) == scratch.cluster_rank(u));
        CHECK(after.overall_rank(u) == scratch.overall_rank(u));
        CHECK(after.class_of(u) == scratch.class_of(u));
    }
    CHECK(after.total(dau_lieu) == 84.20_d);
    CHECK(after.total(hoi_ccb) == scratch.total(hoi_ccb) + 0.50_d);
    // A what-if on one block only: the other block's ranking is the report's.
    const auto one = what_if(before, R"([{"unit": "dau-lieu", "total_delta": "20"}])");
    for (const char* id : {"mttq-thi-xa", "hoi-lhpn", "doan-tn", "hoi-nong-dan", "hoi-ccb", "ldld"}) {
        CHECK(one.cluster_rank(one.unit_index(id)) == before.cluster_rank(before.unit_index(id)));
    }
    CHECK(one.cluster_rank(dau_lieu) == 1);
}
