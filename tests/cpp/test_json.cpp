// thidua/io/json.hpp: reading campaigns. Every rule of docs/semantics.md §6 that the campaign alone decides gives an
// error of the right type naming the value at fault with a JSON pointer; a valid campaign reads back its values.

#include <doctest/doctest.h>

#include "builders.hpp"

using namespace thidua_test;
using namespace thidua::literals;

namespace {

/// The campaign with criteria a (boolean, 10 points), b (ratio, target 10, 20 points) and c (bands, 30 points).
json::object three_criteria_campaign() {
    auto c = minimal_campaign();
    c["criteria"] = parse(R"([
      {"id": "a", "max_points": 10, "rule": {"kind": "boolean"}},
      {"id": "b", "max_points": 20, "rule": {"kind": "ratio", "target": 10}},
      {"id": "c", "max_points": 30, "rule": {"kind": "bands", "bands": [{"at_least": 2, "points": 30},
                                                                       {"at_least": 1, "points": 15}]}}
    ])");
    return c;
}

json::object& criterion(json::object& c, std::size_t i) { return c["criteria"].as_array()[i].as_object(); }
json::object& phase(json::object& c, std::size_t i) { return c["phases"].as_array()[i].as_object(); }
json::object& unit(json::object& c, std::size_t i) { return c["units"].as_array()[i].as_object(); }

}  // namespace

// ---- unknown keys and wrong types -------------------------------------------------------------------------

TEST_CASE("an unknown key in a criterion is a schema error at that key") {
    auto c = minimal_campaign();
    criterion(c, 0)["maxpoints"] = 10;
    const auto f = campaign_failure(c);
    CHECK(f.kind == "schema_error");
    CHECK(f.where.pointer == "/criteria/0/maxpoints");
    CHECK(f.where.document == "campaign");
    CHECK(f.what.find("unknown key 'maxpoints'") != std::string::npos);
}

TEST_CASE("unknown keys are refused at every level of the campaign") {
    SUBCASE("top level") {
        auto c = minimal_campaign();
        c["titel"] = "x";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/titel");
    }
    SUBCASE("unit") {
        auto c = minimal_campaign();
        unit(c, 1)["clustr"] = "c1";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/units/1/clustr");
    }
    SUBCASE("rule key of another rule kind") {
        auto c = minimal_campaign();
        criterion(c, 0)["rule"].as_object()["target"] = 3;
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/criteria/0/rule/target");
    }
    SUBCASE("phase") {
        auto c = two_phase_campaign();
        phase(c, 1)["due"] = "2025-01-10";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/phases/1/due");
    }
}

TEST_CASE("a key given twice is a schema error at the key") {
    const std::string text = R"({"thidua": 1, "id": "t", "id": "t2", "start": "2024-01-01", "end": "2024-12-31",
      "clusters": [{"id": "c1"}], "units": [{"id": "u1", "name": "U", "kind": "commune", "cluster": "c1"}],
      "criteria": [{"id": "a", "max_points": 10, "rule": {"kind": "boolean"}}], "classes": [{"id": "kht"}]})";
    const auto f = failure_of([&] { (void)thidua::read_campaign(text); });
    CHECK(f.kind == "schema_error");
    CHECK(f.where.pointer == "/id");
}

TEST_CASE("a value of the wrong type is a schema error at the value") {
    SUBCASE("max_points is a boolean") {
        auto c = minimal_campaign();
        criterion(c, 0)["max_points"] = true;
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/criteria/0/max_points");
    }
    SUBCASE("a date is a number") {
        auto c = minimal_campaign();
        c["start"] = 20240101;
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/start");
    }
    SUBCASE("units is an object") {
        auto c = minimal_campaign();
        c["units"] = json::object{};
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/units");
    }
    SUBCASE("a unit name is a number") {
        auto c = minimal_campaign();
        unit(c, 0)["name"] = 5;
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/units/0/name");
    }
    SUBCASE("mandatory is a string") {
        auto c = minimal_campaign();
        criterion(c, 0)["mandatory"] = "yes";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/criteria/0/mandatory");
    }
    SUBCASE("a rule kind that does not exist") {
        auto c = minimal_campaign();
        criterion(c, 0)["rule"].as_object()["kind"] = "percent";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/criteria/0/rule/kind");
    }
    SUBCASE("rounding that does not exist") {
        auto c = minimal_campaign();
        c["rounding"] = "nearest";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/rounding");
    }
    SUBCASE("a numeric string that is not a number") {
        auto c = minimal_campaign();
        criterion(c, 0)["max_points"] = "ten";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/criteria/0/max_points");
    }
}

TEST_CASE("a missing required key is a schema error at the object that lacks it") {
    SUBCASE("the campaign's clusters") {
        auto c = minimal_campaign();
        c.erase("clusters");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "");
        CHECK(f.what.find("'clusters'") != std::string::npos);
    }
    SUBCASE("a criterion's rule") {
        auto c = minimal_campaign();
        criterion(c, 0).erase("rule");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/criteria/0");
    }
    SUBCASE("the weight of one of several phases") {
        auto c = two_phase_campaign();
        phase(c, 1).erase("weight");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/phases/1");
    }
}

TEST_CASE("a format version other than 1 is refused") {
    auto c = minimal_campaign();
    c["thidua"] = 2;
    const auto f = campaign_failure(c);
    CHECK(f.kind == "schema_error");
    CHECK(f.where.pointer == "/thidua");
}

// ---- ids ------------------------------------------------------------------------------------------------------

TEST_CASE("an empty id is a reference error") {
    auto c = minimal_campaign();
    unit(c, 0)["id"] = "";
    const auto f = campaign_failure(c);
    CHECK(f.kind == "reference_error");
    CHECK(f.where.pointer == "/units/0/id");
}

TEST_CASE("an empty id used as a reference is a reference error") {
    auto c = minimal_campaign();
    unit(c, 1)["cluster"] = "";
    const auto f = campaign_failure(c);
    CHECK(f.kind == "reference_error");
    CHECK(f.where.pointer == "/units/1/cluster");
}

TEST_CASE("a duplicated id is a reference error at the second one") {
    SUBCASE("units") {
        auto c = minimal_campaign();
        unit(c, 1)["id"] = "u1";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "reference_error");
        CHECK(f.where.pointer == "/units/1/id");
        CHECK(f.what.find("/units/0") != std::string::npos);
    }
    SUBCASE("criteria") {
        auto c = three_criteria_campaign();
        criterion(c, 2)["id"] = "a";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "reference_error");
        CHECK(f.where.pointer == "/criteria/2/id");
    }
    SUBCASE("phases") {
        auto c = two_phase_campaign();
        phase(c, 1)["id"] = "p1";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "reference_error");
        CHECK(f.where.pointer == "/phases/1/id");
    }
    SUBCASE("classes") {
        auto c = minimal_campaign();
        c["classes"] = parse(R"([{"id": "ht", "min_score": 50}, {"id": "ht"}])");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "reference_error");
        CHECK(f.where.pointer == "/classes/1/id");
    }
}

TEST_CASE("a unit in an unknown cluster is a reference error") {
    auto c = minimal_campaign();
    unit(c, 0)["cluster"] = "c9";
    const auto f = campaign_failure(c);
    CHECK(f.kind == "reference_error");
    CHECK(f.where.pointer == "/units/0/cluster");
}

TEST_CASE("references to unknown classes awards criteria and groups are reference errors") {
    SUBCASE("an award's min_class") {
        auto c = minimal_campaign();
        c["awards"] = parse(R"([{"id": "co", "count": 1, "min_class": "xs"}])");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "reference_error");
        CHECK(f.where.pointer == "/awards/0/min_class");
    }
    SUBCASE("an award's exclusive_with") {
        auto c = minimal_campaign();
        c["awards"] = parse(R"([{"id": "co", "count": 1}, {"id": "bk", "count": 1, "exclusive_with": ["co", "cx"]}])");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "reference_error");
        CHECK(f.where.pointer == "/awards/1/exclusive_with/1");
    }
    SUBCASE("a tie-break's criterion") {
        auto c = minimal_campaign();
        c["tie_breaks"] = parse(R"([{"kind": "criterion", "criterion": "zz"}])");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "reference_error");
        CHECK(f.where.pointer == "/tie_breaks/0/criterion");
    }
    SUBCASE("a veto's forces_class") {
        auto c = minimal_campaign();
        c["adjustments"] = parse(R"([{"id": "vp", "kind": "disqualify", "forces_class": "xs"}])");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "reference_error");
        CHECK(f.where.pointer == "/adjustments/0/forces_class");
    }
    SUBCASE("a criterion's group") {
        auto c = minimal_campaign();
        c["groups"] = parse(R"([{"id": "I", "max_points": 15}])");
        criterion(c, 0)["group"] = "II";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "reference_error");
        CHECK(f.where.pointer == "/criteria/0/group");
    }
}

TEST_CASE("a criterion without a group is refused when the campaign declares groups") {
    auto c = minimal_campaign();
    c["groups"] = parse(R"([{"id": "I", "max_points": 15}])");
    const auto f = campaign_failure(c);
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/criteria/0");
}

// ---- phases ---------------------------------------------------------------------------------------------------

TEST_CASE("two valid phases are read with their weights and due dates") {
    const auto c = campaign_of(two_phase_campaign());
    REQUIRE(c.phases.size() == 2);
    CHECK_FALSE(c.implicit_phase);
    CHECK(c.phases[0].weight == 0.6_d);
    CHECK(c.phases[1].weight == 0.4_d);
    CHECK(c.phases[1].start.to_string() == "2024-07-01");
    REQUIRE(c.phases[0].report_due.has_value());
    CHECK(c.phases[0].report_due->to_string() == "2024-07-10");
}

TEST_CASE("a gap between phases is a validation error at the later phase's start") {
    auto c = two_phase_campaign();
    phase(c, 1)["start"] = "2024-07-02";
    const auto f = campaign_failure(c);
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/phases/1/start");
    CHECK(f.what.find("gap") != std::string::npos);
}

TEST_CASE("overlapping phases are a validation error at the later phase's start") {
    auto c = two_phase_campaign();
    phase(c, 1)["start"] = "2024-06-30";
    const auto f = campaign_failure(c);
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/phases/1/start");
    CHECK(f.what.find("overlap") != std::string::npos);
}

TEST_CASE("a phase outside the campaign is a validation error") {
    SUBCASE("starting before the campaign") {
        auto c = two_phase_campaign();
        phase(c, 0)["start"] = "2023-12-31";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/phases/0/start");
        CHECK(f.what.find("outside") != std::string::npos);
    }
    SUBCASE("ending after the campaign") {
        auto c = two_phase_campaign();
        phase(c, 1)["end"] = "2025-01-31";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/phases/1/end");
        CHECK(f.what.find("outside") != std::string::npos);
    }
    SUBCASE("leaving the campaign's first day uncovered") {
        auto c = two_phase_campaign();
        phase(c, 0)["start"] = "2024-01-02";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/phases/0/start");
    }
    SUBCASE("leaving the campaign's last day uncovered") {
        auto c = two_phase_campaign();
        phase(c, 1)["end"] = "2024-12-30";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/phases/1/end");
    }
}

TEST_CASE("a phase that ends before it starts is a validation error at its end") {
    auto c = two_phase_campaign();
    phase(c, 0)["end"] = "2023-12-01";
    const auto f = campaign_failure(c);
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/phases/0/end");
}

TEST_CASE("a campaign that ends before it starts is a validation error at its end") {
    auto c = minimal_campaign();
    c["end"] = "2023-12-31";
    const auto f = campaign_failure(c);
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/end");
}

TEST_CASE("phase weights that do not sum to exactly one are a validation error at the phases") {
    auto c = two_phase_campaign();
    phase(c, 1)["weight"] = "0.39";
    const auto f = campaign_failure(c);
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/phases");
    CHECK(f.what.find("0.99") != std::string::npos);
}

TEST_CASE("a phase weight of zero is a validation error at the weight") {
    auto c = two_phase_campaign();
    phase(c, 0)["weight"] = 0;
    phase(c, 1)["weight"] = 1;
    const auto f = campaign_failure(c);
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/phases/0/weight");
}

TEST_CASE("an unknown criterion in a phase is a reference error at the list item") {
    auto c = two_phase_campaign();
    phase(c, 0)["criteria"] = parse(R"(["a", "zz"])");
    const auto f = campaign_failure(c);
    CHECK(f.kind == "reference_error");
    CHECK(f.where.pointer == "/phases/0/criteria/1");
}

TEST_CASE("a criterion listed twice in a phase is a reference error") {
    auto c = two_phase_campaign();
    phase(c, 1)["criteria"] = parse(R"(["a", "a"])");
    const auto f = campaign_failure(c);
    CHECK(f.kind == "reference_error");
    CHECK(f.where.pointer == "/phases/1/criteria/1");
}

TEST_CASE("a criterion used by no phase is a reference error at the criterion") {
    auto c = three_criteria_campaign();
    c["phases"] = parse(R"([{"id": "p", "start": "2024-01-01", "end": "2024-12-31", "criteria": ["a", "b"]}])");
    const auto f = campaign_failure(c);
    CHECK(f.kind == "reference_error");
    CHECK(f.where.pointer == "/criteria/2");
}

// ---- points and numbers -----------------------------------------------------------------------------------------

TEST_CASE("max_points of zero or less is a validation error") {
    for (int points : {0, -5}) {
        CAPTURE(points);
        auto c = minimal_campaign();
        criterion(c, 0)["max_points"] = points;
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/criteria/0/max_points");
    }
}

TEST_CASE("points with more fractional digits than the precision are a validation error") {
    SUBCASE("max_points at the default precision 2") {
        auto c = minimal_campaign();
        criterion(c, 0)["max_points"] = "10.125";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/criteria/0/max_points");
    }
    SUBCASE("max_points at precision 0") {
        auto c = minimal_campaign();
        c["precision"] = 0;
        criterion(c, 0)["max_points"] = "10.5";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/criteria/0/max_points");
    }
    SUBCASE("band points") {
        auto c = three_criteria_campaign();
        criterion(c, 2)["rule"].at_pointer("/bands/1").as_object()["points"] = "15.005";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/criteria/2/rule/bands/1/points");
    }
    SUBCASE("adjustment points") {
        auto c = minimal_campaign();
        c["adjustments"] = parse(R"([{"id": "sk", "kind": "bonus", "points_per_item": "0.125"}])");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/adjustments/0/points_per_item");
    }
    SUBCASE("the late penalty") {
        auto c = minimal_campaign();
        c["late_penalty"] = parse(R"({"per_report": "0.125"})");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/late_penalty/per_report");
    }
    SUBCASE("the bonus cap") {
        auto c = minimal_campaign();
        c["bonus_cap"] = "5.001";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/bonus_cap");
    }
    SUBCASE("an exceed cap") {
        auto c = three_criteria_campaign();
        criterion(c, 1)["rule"].as_object()["exceed"] =
            parse(R"({"step_percent": 10, "points_per_step": "0.5", "cap": "1.255"})");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/criteria/1/rule/exceed/cap");
    }
    SUBCASE("a group cap") {
        auto c = minimal_campaign();
        c["groups"] = parse(R"([{"id": "I", "max_points": "15.125"}])");
        criterion(c, 0)["group"] = "I";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/groups/0/max_points");
    }
}

TEST_CASE("points written with as many digits as the precision are accepted") {
    auto c = minimal_campaign();
    c["precision"] = 3;
    criterion(c, 0)["max_points"] = "10.125";
    CHECK(campaign_of(c).criteria[0].max_points == 10.125_d);
}

TEST_CASE("a number beyond the limits of exact decimals is a schema error") {
    SUBCASE("seven fractional digits") {
        auto c = minimal_campaign();
        criterion(c, 0)["max_points"] = "1.1234567";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/criteria/0/max_points");
        CHECK(f.what.find("more than 6 fractional digits") != std::string::npos);
    }
    SUBCASE("ten to the twelfth") {
        auto c = minimal_campaign();
        criterion(c, 0)["max_points"] = parse("1000000000000");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/criteria/0/max_points");
    }
}

TEST_CASE("a precision outside zero to six is a validation error") {
    auto c = minimal_campaign();
    c["precision"] = 7;
    const auto f = campaign_failure(c);
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/precision");
}

TEST_CASE("a share above one is a validation error") {
    auto c = minimal_campaign();
    c["classes"] = parse(R"([{"id": "ht", "min_score": 50, "max_share": "1.5"}, {"id": "kht"}])");
    const auto f = campaign_failure(c);
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/classes/0/max_share");
}

// ---- bands -----------------------------------------------------------------------------------------------------

TEST_CASE("bands out of order are a validation error at the threshold that breaks the order") {
    SUBCASE("a threshold that turns back") {
        auto c = three_criteria_campaign();
        criterion(c, 2)["rule"].as_object()["bands"] = parse(R"([{"at_least": 1, "points": 15},
            {"at_least": 3, "points": 25}, {"at_least": 2, "points": 30}])");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/criteria/2/rule/bands/2/at_least");
    }
    SUBCASE("two equal thresholds") {
        auto c = three_criteria_campaign();
        criterion(c, 2)["rule"].as_object()["bands"] =
            parse(R"([{"at_most": 2, "points": 30}, {"at_most": 2, "points": 15}])");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/criteria/2/rule/bands/1/at_most");
    }
}

TEST_CASE("band points above max_points are a validation error") {
    auto c = three_criteria_campaign();
    criterion(c, 2)["rule"].at_pointer("/bands/0").as_object()["points"] = 31;
    const auto f = campaign_failure(c);
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/criteria/2/rule/bands/0/points");
}

TEST_CASE("band points that fall as the threshold gets better are a validation error") {
    SUBCASE("at_least written from the best band") {
        auto c = three_criteria_campaign();
        criterion(c, 2)["rule"].as_object()["bands"] =
            parse(R"([{"at_least": 2, "points": 10}, {"at_least": 1, "points": 15}])");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/criteria/2/rule/bands/1/points");
    }
    SUBCASE("at_most written from the best band") {
        auto c = three_criteria_campaign();
        criterion(c, 2)["rule"].as_object()["bands"] =
            parse(R"([{"at_most": 0, "points": 5}, {"at_most": 2, "points": 10}])");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/criteria/2/rule/bands/1/points");
    }
    SUBCASE("at_least written from the worst band") {
        auto c = three_criteria_campaign();
        criterion(c, 2)["rule"].as_object()["bands"] =
            parse(R"([{"at_least": 1, "points": 20}, {"at_least": 2, "points": 15}])");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/criteria/2/rule/bands/1/points");
    }
}

TEST_CASE("bands that mix at_least and at_most are a schema error") {
    auto c = three_criteria_campaign();
    criterion(c, 2)["rule"].as_object()["bands"] =
        parse(R"([{"at_least": 2, "points": 30}, {"at_most": 1, "points": 15}])");
    const auto f = campaign_failure(c);
    CHECK(f.kind == "schema_error");
    CHECK(f.where.pointer == "/criteria/2/rule/bands/1");
}

TEST_CASE("a bands rule without bands is a validation error") {
    auto c = three_criteria_campaign();
    criterion(c, 2)["rule"].as_object()["bands"] = json::array{};
    const auto f = campaign_failure(c);
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/criteria/2/rule/bands");
}

// ---- classes, dates, targets -----------------------------------------------------------------------------------

TEST_CASE("a missing catch-all class is a validation error at the class list") {
    auto c = minimal_campaign();
    c["classes"] = parse(R"([{"id": "xs", "min_score": 90}, {"id": "ht", "min_score": 50}, {"id": "kht", "min_score": 0}])");
    const auto f = campaign_failure(c);
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/classes");
    CHECK(f.what.find("catch-all") != std::string::npos);
}

TEST_CASE("a campaign without classes is a validation error at the classes") {
    auto c = minimal_campaign();
    c["classes"] = json::array{};
    const auto f = campaign_failure(c);
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/classes");
}

TEST_CASE("a date that is not a calendar date is a schema error at the date") {
    SUBCASE("the campaign start") {
        auto c = minimal_campaign();
        c["start"] = "2024-02-30";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/start");
        CHECK(f.what.find("2024-02-30") != std::string::npos);
    }
    SUBCASE("a phase end") {
        auto c = two_phase_campaign();
        phase(c, 0)["end"] = "2024-06-31";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/phases/0/end");
    }
    SUBCASE("a report due date") {
        auto c = two_phase_campaign();
        phase(c, 1)["report_due"] = "2025-1-10";
        const auto f = campaign_failure(c);
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/phases/1/report_due");
    }
}

TEST_CASE("a registered target of zero or less is a validation error") {
    auto c = three_criteria_campaign();
    c["targets"] = parse(R"([{"unit": "u1", "criterion": "b", "value": 4}, {"unit": "u2", "criterion": "b", "value": 0}])");
    const auto f = campaign_failure(c);
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/targets/1/value");
}

TEST_CASE("a rule target of zero or less is a validation error") {
    auto c = three_criteria_campaign();
    criterion(c, 1)["rule"].as_object()["target"] = "-1";
    const auto f = campaign_failure(c);
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/criteria/1/rule/target");
}

TEST_CASE("registered targets must name a known unit and a ratio criterion") {
    SUBCASE("unknown unit") {
        auto c = three_criteria_campaign();
        c["targets"] = parse(R"([{"unit": "u9", "criterion": "b", "value": 4}])");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "reference_error");
        CHECK(f.where.pointer == "/targets/0/unit");
    }
    SUBCASE("a boolean criterion") {
        auto c = three_criteria_campaign();
        c["targets"] = parse(R"([{"unit": "u1", "criterion": "a", "value": 4}])");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/targets/0/criterion");
    }
    SUBCASE("the same target twice") {
        auto c = three_criteria_campaign();
        c["targets"] = parse(R"([{"unit": "u1", "criterion": "b", "value": 4}, {"unit": "u1", "criterion": "b", "value": 5}])");
        const auto f = campaign_failure(c);
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/targets/1");
    }
}

// ---- JSON syntax and embedded documents ------------------------------------------------------------------------

TEST_CASE("malformed JSON is a parse error naming the line") {
    const std::string text = "{\n  \"thidua\": 1,\n  \"id\": \"t\"\n  \"title\": \"x\"\n}";
    const auto f = failure_of([&] { (void)thidua::read_campaign(text, "bad.json"); });
    CHECK(f.kind == "parse_error");
    CHECK(f.where.line == 4);
    CHECK_FALSE(f.where.column.empty());
    CHECK(f.where.document == "bad.json");
    CHECK(f.where.pointer == "");
    CHECK(f.what.rfind("bad.json line 4", 0) == 0);
}

TEST_CASE("a truncated document is a parse error") {
    const auto f = failure_of([] { (void)thidua::read_campaign("{\"thidua\": 1,\n\"id\": [\n"); });
    CHECK(f.kind == "parse_error");
    CHECK(f.where.line >= 2);
}

TEST_CASE("every reader error derives from thidua::error") {
    auto c = minimal_campaign();
    criterion(c, 0)["maxpoints"] = 10;
    CHECK_THROWS_AS(campaign_of(c), thidua::error);
    CHECK_THROWS_AS(thidua::read_campaign("{"), thidua::error);
    CHECK_THROWS_AS(thidua::read_campaign("{"), std::runtime_error);
}

TEST_CASE("a campaign embedded in a larger document is read at its pointer") {
    json::object doc{{"thidua_golden", 1}, {"name", "embedded"}, {"campaign", minimal_campaign()}};
    const auto c = thidua::read_campaign(text(doc), "case.json", "/campaign");
    CHECK(c.id == "t");
    CHECK(c.units.size() == 2);

    SUBCASE("errors point into the campaign and not the outer document") {
        doc["campaign"].as_object()["criteria"].as_array()[0].as_object()["maxpoints"] = 10;
        const auto f = failure_of([&] { (void)thidua::read_campaign(text(doc), "case.json", "/campaign"); });
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/criteria/0/maxpoints");
        CHECK(f.where.document == "case.json");
        CHECK(f.what.rfind("case.json /criteria/0/maxpoints: ", 0) == 0);
    }
    SUBCASE("a pointer to nothing is an error") {
        const auto f = failure_of([&] { (void)thidua::read_campaign(text(doc), "case.json", "/kampagne"); });
        CHECK(f.kind == "schema_error");
    }
}

// ---- values read ----------------------------------------------------------------------------------------------

TEST_CASE("a campaign without phases has the implicit phase main") {
    const auto c = campaign_of(three_criteria_campaign());
    CHECK(c.implicit_phase);
    REQUIRE(c.phases.size() == 1);
    CHECK(c.phases[0].id == "main");
    CHECK(c.phases[0].start.to_string() == "2024-01-01");
    CHECK(c.phases[0].end.to_string() == "2024-12-31");
    CHECK(c.phases[0].weight == 1_d);
    CHECK_FALSE(c.phases[0].report_due.has_value());
    CHECK(c.phases[0].criteria == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("defaults are precision 2 half_up and scale 100") {
    const auto c = campaign_of(minimal_campaign());
    CHECK(c.precision == 2);
    CHECK(c.rounding_mode == thidua::rounding::half_up);
    CHECK(c.scale == 100_d);
    CHECK(c.kind == thidua::campaign_kind::pact);
    CHECK_FALSE(c.bonus_cap.has_value());
    CHECK_FALSE(c.late_penalty.has_value());
    CHECK(c.tie_breaks.empty());
}

TEST_CASE("declared arithmetic and rule details are read exactly") {
    auto c = three_criteria_campaign();
    c["precision"] = 3;
    c["rounding"] = "half_even";
    c["scale"] = "10";
    c["kind"] = "special";
    criterion(c, 1)["rule"] = parse(R"({"kind": "ratio", "target": "9", "credit": "all_or_nothing",
        "min_ratio": "0.5", "exceed": {"step_percent": 10, "points_per_step": "0.25"}})");
    criterion(c, 1)["mandatory"] = true;
    criterion(c, 1)["applies_to"] = parse(R"(["ward", "commune"])");
    const auto read = campaign_of(c);
    CHECK(read.precision == 3);
    CHECK(read.rounding_mode == thidua::rounding::half_even);
    CHECK(read.scale == 10_d);
    CHECK(read.kind == thidua::campaign_kind::special);
    const auto& r = read.criteria[1].rule;
    CHECK(r.kind == thidua::rule_kind::ratio);
    CHECK(r.target == 9_d);
    CHECK(r.credit == thidua::credit_kind::all_or_nothing);
    CHECK(r.min_ratio == 0.5_d);
    REQUIRE(r.exceed.has_value());
    CHECK(r.exceed->step_percent == 10_d);
    CHECK(r.exceed->points_per_step == 0.25_d);
    CHECK_FALSE(r.exceed->cap.has_value());
    CHECK(read.criteria[1].mandatory);
    CHECK(read.criteria[1].applies_to_kind("ward"));
    CHECK_FALSE(read.criteria[1].applies_to_kind("member_org"));
    CHECK(read.criteria[0].applies_to_kind("member_org"));
    const auto& bands = read.criteria[2].rule.bands;
    REQUIRE(bands.size() == 2);
    CHECK(bands[0].threshold == 2_d);
    CHECK(bands[1].points == 15_d);
    CHECK_FALSE(read.criteria[2].rule.lower_is_better);
}

TEST_CASE("numbers written as strings or as JSON numbers read the same") {
    auto c = minimal_campaign();
    criterion(c, 0)["max_points"] = "10";
    auto d = minimal_campaign();
    criterion(d, 0)["max_points"] = 10;
    CHECK(campaign_of(c).criteria[0].max_points == campaign_of(d).criteria[0].max_points);
    criterion(d, 0)["max_points"] = parse("0.1e2");
    CHECK(campaign_of(d).criteria[0].max_points == 10_d);
}

TEST_CASE("a null value reads as an absent key") {
    auto c = minimal_campaign();
    c["title"] = nullptr;
    c["bonus_cap"] = nullptr;
    const auto read = campaign_of(c);
    CHECK(read.title.empty());
    CHECK_FALSE(read.bonus_cap.has_value());
}

TEST_CASE("unit attributes keep their text and their number") {
    auto c = minimal_campaign();
    unit(c, 0)["attributes"] = parse(R"({"women_share": "0.72", "founded": 1990, "motto": "đoàn kết"})");
    const auto read = campaign_of(c);
    const auto& u = read.units[0];
    REQUIRE(u.find_attribute("women_share") != nullptr);
    CHECK(u.find_attribute("women_share")->number == 0.72_d);
    CHECK(u.find_attribute("founded")->number == 1990_d);
    CHECK_FALSE(u.find_attribute("founded")->is_text);
    CHECK(u.find_attribute("motto")->text == "đoàn kết");
    CHECK_FALSE(u.find_attribute("motto")->number.has_value());
    CHECK(u.find_attribute("absent") == nullptr);
}

TEST_CASE("validate checks a campaign built in code") {
    auto c = campaign_of(two_phase_campaign());
    CHECK_NOTHROW(thidua::validate(c));
    c.phases[1].weight = 0.5_d;
    const auto f = failure_of([&] { thidua::validate(c, "built"); });
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/phases");
    CHECK(f.where.document == "built");
}

TEST_CASE("pointers escape slash and tilde in keys as RFC 6901 says") {
    auto c = minimal_campaign();
    criterion(c, 0)["ghi/chú"] = 1;
    CHECK(campaign_failure(c).where.pointer == "/criteria/0/ghi~1chú");
    auto d = minimal_campaign();
    unit(d, 0)["attributes"] = parse(R"({"a~b": [1]})");
    const auto f = campaign_failure(d);
    CHECK(f.kind == "schema_error");
    CHECK(f.where.pointer == "/units/0/attributes/a~0b");
}

TEST_CASE("a text attribute used by an attribute tie-break is a validation error at the attribute") {
    auto c = minimal_campaign();
    unit(c, 1)["attributes"] = parse(R"({"women_share": "nhiều"})");
    c["tie_breaks"] = parse(R"([{"kind": "attribute", "attribute": "women_share"}])");
    const auto f = campaign_failure(c);
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/units/1/attributes/women_share");
}

TEST_CASE("the pointer to a text attribute escapes a slash in its name") {
    auto c = minimal_campaign();
    unit(c, 0)["attributes"] = parse(R"({"nu/tong": "nhiều"})");
    c["tie_breaks"] = parse(R"([{"kind": "attribute", "attribute": "nu/tong"}])");
    CHECK(campaign_failure(c).where.pointer == "/units/0/attributes/nu~1tong");
}

// ---- messages that say what to fix -------------------------------------------------------------------------

TEST_CASE("a misspelled key or keyword suggests the nearest valid one") {
    SUBCASE("a missing underscore") {
        auto c = minimal_campaign();
        criterion(c, 0)["maxpoints"] = 10;
        CHECK(campaign_failure(c).what.find("unknown key 'maxpoints'; did you mean 'max_points'? (allowed: id, title,") !=
              std::string::npos);
    }
    SUBCASE("two letters swapped") {
        auto c = minimal_campaign();
        unit(c, 0)["clsuter"] = "c1";
        CHECK(campaign_failure(c).what.find("did you mean 'cluster'?") != std::string::npos);
    }
    SUBCASE("another letter case") {
        auto c = minimal_campaign();
        c["rounding"] = "HALF_UP";
        CHECK(campaign_failure(c).what.find("'HALF_UP' is not one of half_up, half_even, down, up; did you mean 'half_up'?") !=
              std::string::npos);
    }
    SUBCASE("nothing near enough: the list alone") {
        auto c = minimal_campaign();
        c["kind"] = "năm";
        const auto f = campaign_failure(c);
        CHECK(f.what.find("'năm' is not one of pact, special") != std::string::npos);
        CHECK(f.what.find("did you mean") == std::string::npos);
    }
}

TEST_CASE("an unknown id suggests the nearest id and lists the ids when they are few") {
    SUBCASE("one near id") {
        auto c = minimal_campaign();
        unit(c, 0)["cluster"] = "C1";
        CHECK(campaign_failure(c).what.find("unknown cluster 'C1'; did you mean 'c1'? (known: c1)") != std::string::npos);
    }
    SUBCASE("two ids equally near: no guess, the list") {
        auto c = two_phase_campaign();
        c["tie_breaks"] = parse(R"([{"kind": "phase", "phase": "p3"}])");
        const auto f = campaign_failure(c);
        CHECK(f.what.find("unknown phase 'p3' (known: p1, p2)") != std::string::npos);
    }
    SUBCASE("many ids: the suggestion without the list") {
        auto c = minimal_campaign();
        json::array units;
        for (int i = 0; i < 20; ++i) {
            units.push_back(json::object{{"id", "xa-" + std::to_string(i)}, {"cluster", "c1"}});
        }
        units.push_back(json::object{{"id", "thuan-loc"}, {"cluster", "c1"}});
        c["units"] = units;
        c["criteria"] = parse(R"([{"id": "a", "max_points": 10, "rule": {"kind": "ratio"}}])");
        c["targets"] = parse(R"([{"unit": "thaun-loc", "criterion": "a", "value": 1}])");
        const auto f = campaign_failure(c);
        CHECK(f.where.pointer == "/targets/0/unit");
        CHECK(f.what.find("unknown unit 'thaun-loc'; did you mean 'thuan-loc'?") != std::string::npos);
        CHECK(f.what.find("(known:") == std::string::npos);
    }
}

TEST_CASE("messages quote at most 60 bytes of an input and never cut a character") {
    auto c = minimal_campaign();
    std::string id;
    for (int i = 0; i < 40; ++i) id += "đ";  // two bytes each: 80 bytes
    unit(c, 0)["cluster"] = id;
    const auto f = campaign_failure(c);
    CHECK(f.what.find("unknown cluster '" + id.substr(0, 60) + "…'") != std::string::npos);
}

TEST_CASE("a duplicate attribute name is a schema error at the second") {
    const std::string text = R"({"thidua": 1, "id": "t", "start": "2024-01-01", "end": "2024-12-31",
      "clusters": [{"id": "c1"}], "units": [{"id": "u1", "cluster": "c1", "attributes": {"w": 1, "w": 2}}],
      "criteria": [{"id": "a", "max_points": 10, "rule": {"kind": "boolean"}}], "classes": [{"id": "kht"}]})";
    const auto f = failure_of([&] { (void)thidua::read_campaign(text); });
    CHECK(f.kind == "schema_error");
    CHECK(f.where.pointer == "/units/0/attributes/w");
    CHECK(f.what.find("duplicate attribute 'w'") != std::string::npos);
}

TEST_CASE("a format version is compared before it is narrowed") {
    auto c = minimal_campaign();
    c["thidua"] = 4294967297;  // 2^32 + 1: 1 in 32 bits
    const auto f = campaign_failure(c);
    CHECK(f.where.pointer == "/thidua");
    CHECK(f.what.find("unsupported format version 4294967297 (expected 1)") != std::string::npos);
}

TEST_CASE("a scale with more fractional digits than the precision is a validation error") {
    auto c = minimal_campaign();
    c["precision"] = 0;
    c["scale"] = "12.5";  // a full phase score, 12.5, could not be written
    const auto f = campaign_failure(c);
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/scale");
    CHECK(f.what.find("scale 12.5 has more fractional digits than the campaign's precision (0)") != std::string::npos);
}

TEST_CASE("phase weights that overflow a decimal are reported, not wrapped") {
    auto c = minimal_campaign();
    json::array phases;
    const char* bounds[][2] = {{"2024-01-01", "2024-03-31"}, {"2024-04-01", "2024-06-30"}, {"2024-07-01", "2024-09-30"},
                               {"2024-10-01", "2024-12-31"}};
    for (auto& b : bounds) {
        phases.push_back(json::object{{"id", b[0]}, {"start", b[0]}, {"end", b[1]}, {"weight", "999999999999"},
                                      {"criteria", json::array{"a"}}});
    }
    c["phases"] = phases;
    const auto f = campaign_failure(c);
    CHECK(f.where.pointer == "/phases");
    CHECK(f.what.find("phase weights sum to 10^12 or more; they must sum to exactly 1") != std::string::npos);
}
