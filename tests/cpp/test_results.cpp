// Results meeting the campaign (thidua/scoring/columns.hpp, through thidua::score): every reference and value of a result
// row, event and vote is checked, each error naming the JSON pointer of the row or field at fault.

#include <doctest/doctest.h>

#include "builders.hpp"
#include "thidua/detail/report_data.hpp"

using namespace thidua_test;
using namespace thidua::literals;

namespace {

/// Two phases: p1 (2024-01-01…06-30) scores a, r, m and o; p2 (07-01…12-31) scores a and r.
/// a: boolean 10; r: ratio, target 10, 20 points; m: manual 10; o: boolean 10 for wards only.
json::object results_campaign() {
    auto c = two_phase_campaign();
    c["criteria"] = parse(R"([
      {"id": "a", "max_points": 10, "rule": {"kind": "boolean"}},
      {"id": "r", "max_points": 20, "rule": {"kind": "ratio", "target": 10}},
      {"id": "m", "max_points": 10, "rule": {"kind": "manual"}},
      {"id": "o", "max_points": 10, "rule": {"kind": "boolean"}, "applies_to": ["ward"]}
    ])");
    c["phases"].as_array()[0].as_object()["criteria"] = parse(R"(["a", "r", "m", "o"])");
    c["phases"].as_array()[1].as_object()["criteria"] = parse(R"(["a", "r"])");
    c["adjustments"] = parse(R"([{"id": "sk", "kind": "bonus", "points_per_item": 1}])");
    return c;
}

/// The failure of scoring these rows (and events and votes) against results_campaign().
failure rows_failure(std::string_view rows, std::string_view events = "[]", std::string_view votes = "[]") {
    return scoring_failure(results_campaign(), results_doc(parse(rows).as_array(), parse(events).as_array(),
                                                           parse(votes).as_array()));
}

}  // namespace

TEST_CASE("valid rows score without error") {
    const auto r = score(results_campaign(), results_doc(parse(R"([
      {"unit": "u1", "criterion": "a", "phase": "p1", "value": true},
      {"unit": "u1", "criterion": "r", "date": "2024-09-15", "value": "7.5"},
      {"unit": "u1", "criterion": "m", "phase": "p1", "value": 8},
      {"unit": "u1", "criterion": "o", "phase": "p1", "status": "not_applicable"}
    ])").as_array()));
    const std::size_t u1 = r.unit_index("u1");
    CHECK(r.points(0, u1, 0) == 10_d);
    CHECK(r.points(1, u1, 1) == 15_d);  // 20 × 7.5 / 10, located in p2 by its date
    CHECK(r.points(0, u1, 2) == 8_d);
}

TEST_CASE("a row for an unknown unit is a reference error at its unit") {
    const auto f = rows_failure(R"([{"unit": "u1", "criterion": "a", "phase": "p1", "value": true},
                                    {"unit": "u1", "criterion": "a", "phase": "p2", "value": true},
                                    {"unit": "u9", "criterion": "a", "phase": "p1", "value": true}])");
    CHECK(f.kind == "reference_error");
    CHECK(f.where.pointer == "/results/2/unit");
    CHECK(f.where.document == "results");
    CHECK(f.what.find("'u9'") != std::string::npos);
}

TEST_CASE("a row for an unknown criterion is a reference error at its criterion") {
    const auto f = rows_failure(R"([{"unit": "u1", "criterion": "zz", "phase": "p1", "value": true}])");
    CHECK(f.kind == "reference_error");
    CHECK(f.where.pointer == "/results/0/criterion");
}

TEST_CASE("a row for an unknown phase is a reference error at its phase") {
    const auto f = rows_failure(R"([{"unit": "u1", "criterion": "a", "phase": "p3", "value": true}])");
    CHECK(f.kind == "reference_error");
    CHECK(f.where.pointer == "/results/0/phase");
}

TEST_CASE("a row dated outside every phase is a validation error at its date") {
    const auto f = rows_failure(R"([{"unit": "u1", "criterion": "a", "date": "2025-02-01", "value": true}])");
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/results/0/date");
}

TEST_CASE("a row whose phase and date disagree is a validation error at its date") {
    const auto f = rows_failure(R"([{"unit": "u1", "criterion": "a", "phase": "p1", "date": "2024-08-01", "value": true}])");
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/results/0/date");
}

TEST_CASE("a row whose phase and date agree is accepted") {
    const auto f = rows_failure(R"([{"unit": "u1", "criterion": "a", "phase": "p1", "date": "2024-06-30", "value": true}])");
    CHECK(f.kind == "none");
}

TEST_CASE("a row naming no phase in a campaign of several phases is a validation error at the row") {
    const auto f = rows_failure(R"([{"unit": "u1", "criterion": "a", "value": true}])");
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/results/0");
}

TEST_CASE("a row naming no phase in a campaign of one phase takes that phase") {
    const auto r = score(minimal_campaign(), results_doc(json::array{row("u2", "a", true)}));
    CHECK(r.points(0, r.unit_index("u2"), 0) == 10_d);
}

TEST_CASE("two rows for the same unit criterion and phase are a validation error at the second") {
    const auto f = rows_failure(R"([{"unit": "u1", "criterion": "a", "phase": "p1", "value": true},
                                    {"unit": "u1", "criterion": "a", "date": "2024-03-01", "value": false}])");
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/results/1");
    CHECK(f.what.find("/results/0") != std::string::npos);
}

TEST_CASE("rows of the same criterion in different phases are not duplicates") {
    const auto f = rows_failure(R"([{"unit": "u1", "criterion": "a", "phase": "p1", "value": true},
                                    {"unit": "u1", "criterion": "a", "phase": "p2", "value": false},
                                    {"unit": "u2", "criterion": "a", "phase": "p1", "value": false}])");
    CHECK(f.kind == "none");
}

TEST_CASE("a value on a row that is not reported is a validation error at the value") {
    for (const char* status : {"exempt", "missing", "not_applicable"}) {
        CAPTURE(status);
        json::array rows{json::object{{"unit", "u1"}, {"criterion", "a"}, {"phase", "p1"}, {"status", status}, {"value", true}}};
        const auto f = scoring_failure(results_campaign(), results_doc(rows));
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/results/0/value");
    }
}

TEST_CASE("a reported row without a value is a validation error at the row") {
    const auto f = rows_failure(R"([{"unit": "u1", "criterion": "m", "phase": "p1"}])");
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/results/0");
}

TEST_CASE("a manual value outside zero to max is a validation error at the value") {
    SUBCASE("above max") {
        const auto f = rows_failure(R"([{"unit": "u1", "criterion": "m", "phase": "p1", "value": "10.01"}])");
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/results/0/value");
    }
    SUBCASE("below zero") {
        const auto f = rows_failure(R"([{"unit": "u1", "criterion": "m", "phase": "p1", "value": -1}])");
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/results/0/value");
    }
    SUBCASE("exactly max is accepted") {
        CHECK(rows_failure(R"([{"unit": "u1", "criterion": "m", "phase": "p1", "value": 10}])").kind == "none");
    }
}

TEST_CASE("a negative ratio value is a validation error at the value") {
    const auto f = rows_failure(R"([{"unit": "u1", "criterion": "r", "phase": "p1", "value": "-0.5"}])");
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/results/0/value");
}

TEST_CASE("a boolean criterion given 2 is an error at the value") {
    const auto f = rows_failure(R"([{"unit": "u1", "criterion": "a", "phase": "p1", "value": 2}])");
    CHECK(f.kind == "schema_error");
    CHECK(f.where.pointer == "/results/0/value");
}

TEST_CASE("a boolean given to a numeric criterion is an error at the value") {
    const auto f = rows_failure(R"([{"unit": "u1", "criterion": "r", "phase": "p1", "value": true}])");
    CHECK(f.kind == "schema_error");
    CHECK(f.where.pointer == "/results/0/value");
}

TEST_CASE("a target on a criterion that is not a ratio is a validation error at the target") {
    const auto f = rows_failure(R"([{"unit": "u1", "criterion": "m", "phase": "p1", "value": 5, "target": 8}])");
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/results/0/target");
}

TEST_CASE("a target of zero or less is a validation error at the target") {
    for (const char* target : {"0", "-3"}) {
        CAPTURE(target);
        json::array rows{json::object{{"unit", "u1"}, {"criterion", "r"}, {"phase", "p1"}, {"value", 5}, {"target", target}}};
        const auto f = scoring_failure(results_campaign(), results_doc(rows));
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/results/0/target");
    }
}

TEST_CASE("a ratio row without any target is a validation error at the row") {
    auto c = results_campaign();
    c["criteria"].as_array()[1].as_object()["rule"] = parse(R"({"kind": "ratio"})");
    const auto f = scoring_failure(c, results_doc(parse(R"([{"unit": "u2", "criterion": "r", "phase": "p2", "value": 5}])").as_array()));
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/results/0");
}

TEST_CASE("a row for a criterion that does not apply to the unit needs status not_applicable") {
    SUBCASE("a reported row is a validation error at the criterion") {
        const auto f = rows_failure(R"([{"unit": "u1", "criterion": "o", "phase": "p1", "value": true}])");
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/results/0/criterion");
    }
    SUBCASE("an exempt row is a validation error at the criterion") {
        const auto f = rows_failure(R"([{"unit": "u1", "criterion": "o", "phase": "p1", "status": "exempt"}])");
        CHECK(f.kind == "validation_error");
        CHECK(f.where.pointer == "/results/0/criterion");
    }
    SUBCASE("a not_applicable row is accepted") {
        CHECK(rows_failure(R"([{"unit": "u1", "criterion": "o", "phase": "p1", "status": "not_applicable"}])").kind == "none");
    }
}

TEST_CASE("a row for a criterion the phase does not score is a validation error at the criterion") {
    const auto f = rows_failure(R"([{"unit": "u1", "criterion": "m", "phase": "p2", "value": 5}])");
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/results/0/criterion");
}

TEST_CASE("results for another campaign are a reference error at the campaign") {
    auto r = results_doc();
    r["campaign"] = "other";
    const auto f = scoring_failure(results_campaign(), r);
    CHECK(f.kind == "reference_error");
    CHECK(f.where.pointer == "/campaign");
}

TEST_CASE("an event for an unknown adjustment is a reference error at its adjustment") {
    const auto f = rows_failure("[]", R"([{"unit": "u1", "adjustment": "sk"}, {"unit": "u1", "adjustment": "xx"}])");
    CHECK(f.kind == "reference_error");
    CHECK(f.where.pointer == "/events/1/adjustment");
}

TEST_CASE("an event for an unknown unit is a reference error at its unit") {
    const auto f = rows_failure("[]", R"([{"unit": "u7", "adjustment": "sk", "count": 2}])");
    CHECK(f.kind == "reference_error");
    CHECK(f.where.pointer == "/events/0/unit");
}

TEST_CASE("an event count below one is a schema error at the count") {
    const auto f = rows_failure("[]", R"([{"unit": "u1", "adjustment": "sk", "count": 0}])");
    CHECK(f.kind == "schema_error");
    CHECK(f.where.pointer == "/events/0/count");
}

TEST_CASE("a vote with more yes than members is a validation error at yes") {
    const auto f = rows_failure("[]", "[]", R"([{"unit": "u1", "yes": 9, "of": 8}])");
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/votes/0/yes");
}

TEST_CASE("a second vote for a unit is a validation error at its unit") {
    const auto f = rows_failure("[]", "[]", R"([{"unit": "u1", "yes": 5, "of": 8}, {"unit": "u2", "yes": 5, "of": 8},
                                               {"unit": "u1", "yes": 6, "of": 8}])");
    CHECK(f.kind == "validation_error");
    CHECK(f.where.pointer == "/votes/2/unit");
}

TEST_CASE("a vote for an unknown unit is a reference error at its unit") {
    const auto f = rows_failure("[]", "[]", R"([{"unit": "u5", "yes": 5, "of": 8}])");
    CHECK(f.kind == "reference_error");
    CHECK(f.where.pointer == "/votes/0/unit");
}

TEST_CASE("a vote of zero members is a schema error at of") {
    const auto f = rows_failure("[]", "[]", R"([{"unit": "u1", "yes": 0, "of": 0}])");
    CHECK(f.kind == "schema_error");
    CHECK(f.where.pointer == "/votes/0/of");
}

TEST_CASE("malformed rows are schema errors at the field") {
    SUBCASE("an unknown key") {
        const auto f = rows_failure(R"([{"unit": "u1", "criterion": "a", "phase": "p1", "valeu": true}])");
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/results/0/valeu");
    }
    SUBCASE("an unknown status") {
        const auto f = rows_failure(R"([{"unit": "u1", "criterion": "a", "phase": "p1", "status": "late"}])");
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/results/0/status");
    }
    SUBCASE("an impossible date") {
        const auto f = rows_failure(R"([{"unit": "u1", "criterion": "a", "date": "2024-02-30", "value": true}])");
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/results/0/date");
    }
    SUBCASE("a value that is not a number") {
        const auto f = rows_failure(R"([{"unit": "u1", "criterion": "m", "phase": "p1", "value": "bảy"}])");
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/results/0/value");
    }
    SUBCASE("a value with too many digits") {
        const auto f = rows_failure(R"([{"unit": "u1", "criterion": "m", "phase": "p1", "value": "7.1234567"}])");
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/results/0/value");
    }
    SUBCASE("a missing unit") {
        const auto f = rows_failure(R"([{"criterion": "a", "phase": "p1", "value": true}])");
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/results/0");
    }
    SUBCASE("an empty unit") {
        const auto f = rows_failure(R"([{"unit": "", "criterion": "a", "phase": "p1", "value": true}])");
        CHECK(f.kind == "reference_error");
        CHECK(f.where.pointer == "/results/0/unit");
    }
    SUBCASE("a row that is not an object") {
        const auto f = rows_failure(R"([["u1", "a"]])");
        CHECK(f.kind == "schema_error");
        CHECK(f.where.pointer == "/results/0");
    }
}

TEST_CASE("results errors name the document they were read as") {
    const std::string doc = text(results_doc(parse(R"([{"unit": "u9", "criterion": "a", "phase": "p1", "value": true}])").as_array()));
    const auto f = failure_of([&] {
        (void)thidua::score(campaign_of(results_campaign()), thidua::read_results(doc, "ket-qua.json"));
    });
    CHECK(f.kind == "reference_error");
    CHECK(f.where.document == "ket-qua.json");
    CHECK(f.where.pointer == "/results/0/unit");
    CHECK(f.what.rfind("ket-qua.json /results/0/unit: unknown unit 'u9'", 0) == 0);
}

TEST_CASE("read_results keeps what each row says") {
    const auto r = results_of(results_doc(parse(R"([
      {"unit": "u1", "criterion": "r", "date": "2024-09-15", "value": "7.5", "target": 9, "submitted": "2025-01-02",
       "note": "ghi chú"},
      {"unit": "u2", "criterion": "a", "phase": "p1", "status": "exempt"}
    ])").as_array(), parse(R"([{"unit": "u1", "adjustment": "sk", "count": 3}])").as_array(),
        parse(R"([{"unit": "u2", "yes": 7, "of": 8}])").as_array()));
    CHECK(r.campaign == "t");
    REQUIRE(r.rows.size() == 2);
    const auto& first = r.rows[0];
    CHECK(first.phase.empty());
    CHECK(first.on == thidua::date::parse("2024-09-15"));
    REQUIRE(first.value.has_value());
    CHECK(first.value->number == 7.5_d);
    CHECK_FALSE(first.value->is_boolean);
    CHECK(first.target == 9_d);
    CHECK(first.status == thidua::result_status::reported);
    CHECK(first.note == "ghi chú");
    CHECK(first.origin.index == 0);
    CHECK(r.rows[1].status == thidua::result_status::exempt);
    CHECK_FALSE(r.rows[1].value.has_value());
    CHECK(r.rows[1].origin.index == 1);
    REQUIRE(r.events.size() == 1);
    CHECK(r.events[0].count == 3);
    REQUIRE(r.votes.size() == 1);
    CHECK(r.votes[0].yes == 7);
    CHECK(r.votes[0].of == 8);
}

TEST_CASE("keys and texts written with escapes read as they say") {
    // The reader's document views the texts without escapes in place and copies the others: both read the same.
    const auto r = thidua::read_results(R"({"thidua_results": 1, "campaign": "t", "results": [
      {"unit": "u\u0031", "crit\u0065rion": "r", "phase": "p1", "value": "7\u002e5", "note": "a \"b\" c"},
      {"unit": "u2", "criterion": "a", "phase": "p\u0031", "value": true, "note": ""}
    ]})");
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[0].unit == "u1");
    CHECK(r.rows[0].criterion == "r");
    CHECK(r.rows[0].value->text == "7.5");
    CHECK(r.rows[0].value->number == 7.5_d);
    CHECK(r.rows[0].note == "a \"b\" c");
    CHECK(r.rows[1].phase == "p1");
    CHECK(r.rows[1].value->text == "true");
    CHECK(r.rows[1].note.empty());
    const auto f = failure_of([] {
        (void)thidua::read_results(R"({"thidua_results": 1, "results": [{"unit": "u1", "ghi\/ch\u00fa": 1}]})");
    });
    CHECK(f.kind == "schema_error");
    CHECK(f.where.pointer == "/results/0/ghi~1chú");
}

TEST_CASE("a malformed results document is a parse error naming the line") {
    const auto f = failure_of([] { (void)thidua::read_results("{\"thidua_results\": 1,\n\"campaign\": \"t\",\n\"results\": [}", "kq.json"); });
    CHECK(f.kind == "parse_error");
    CHECK(f.where.line == 3);
    CHECK(f.where.document == "kq.json");
}

TEST_CASE("an unknown top-level key of the results is a schema error with an escaped pointer") {
    auto r = results_doc();
    r["ghi/chú"] = 1;
    const auto f = scoring_failure(results_campaign(), r);
    CHECK(f.kind == "schema_error");
    CHECK(f.where.pointer == "/ghi~1chú");
}

TEST_CASE("an unknown row key with a slash is escaped in the pointer") {
    const auto f = rows_failure(R"([{"unit": "u1", "criterion": "a", "phase": "p1", "ghi/chu": 1}])");
    CHECK(f.where.pointer == "/results/0/ghi~1chu");
}

TEST_CASE("results appended from tables keep naming their own documents") {
    auto rows = thidua::read_results_csv("unit,criterion,phase,value\nu1,a,p1,true\n", "rows.csv");
    thidua::append(rows, thidua::read_csv("unit,criterion,phase,value\nu2,a,p1,true\nu1,a,p1,false\n",
                                          thidua::table_kind::results, "more.csv"));
    const auto f = failure_of([&] { (void)thidua::score(campaign_of(results_campaign()), rows); });
    CHECK((f.kind == "validation_error" && f.where.document == "more.csv" && f.where.line == 3));
    CHECK(f.what.find("(first given at rows.csv line 2)") != std::string::npos);
    // Results of another campaign cannot be added.
    auto json = results_of(results_doc());
    const auto other = failure_of([&] {
        thidua::append(json, thidua::read_results(R"({"thidua_results": 1, "campaign": "x", "results": []})", "x.json"));
    });
    CHECK((other.kind == "reference_error" && other.where.document == "x.json" && other.where.pointer == "/campaign"));
}

TEST_CASE("a ballot on one award takes the place of the unit's vote for that award only") {
    auto c = results_campaign();
    c["awards"] = parse(R"([{"id": "flag", "count": 2, "min_vote_share": "0.7"},
                            {"id": "merit", "count": 2, "min_vote_share": "0.5"}])");
    const auto rows = R"([{"unit": "u1", "criterion": "a", "phase": "p1", "value": true},
                          {"unit": "u2", "criterion": "a", "phase": "p1", "value": true}])";
    const auto r = score_rows(c, rows, "[]", R"([{"unit": "u1", "yes": 6, "of": 8},
                                                 {"unit": "u1", "award": "flag", "yes": 5, "of": 8},
                                                 {"unit": "u2", "award": "merit", "yes": 4, "of": 8}])");
    const std::size_t u1 = r.unit_index("u1"), u2 = r.unit_index("u2");
    CHECK(!r.has_award(u1, 0));  // its ballot on the flag, 5/8 < 0.7
    CHECK(r.has_award(u1, 1));   // its vote on every award, 6/8 ≥ 0.5
    CHECK(!r.has_award(u2, 0));  // no vote on the flag, none on every award
    CHECK(r.has_award(u2, 1));   // 4/8 ≥ 0.5
    const auto doc = report_json(r);
    CHECK(report_unit(doc, "u1").at("award_reasons").at("flag") == "5/8 votes in favour (62.5%), short of 70%");
    std::vector<std::string> warned;
    for (const auto& w : doc.at("warnings").as_array()) warned.emplace_back(w.at("code").as_string());
    CHECK(warned == std::vector<std::string>{"mostly_missing", "no_events"});  // the votes are given
    const auto twice = failure_of([&] {
        (void)score_rows(c, rows, "[]", R"([{"unit": "u1", "award": "flag", "yes": 5, "of": 8},
                                            {"unit": "u1", "award": "flag", "yes": 6, "of": 8}])");
    });
    CHECK((twice.kind == "validation_error" && twice.where.pointer == "/votes/1/unit"));
    CHECK(twice.what.find("a second vote for unit 'u1' on award 'flag' (first given at /votes/0)") != std::string::npos);
    const auto unknown = failure_of([&] { (void)score_rows(c, rows, "[]", R"([{"unit": "u1", "award": "flg", "yes": 5, "of": 8}])"); });
    CHECK((unknown.kind == "reference_error" && unknown.where.pointer == "/votes/0/award"));
}

TEST_CASE("a report warns when the input does not state the votes or events the campaign needs") {
    auto c = results_campaign();  // declares the bonus adjustment 'sk'
    c["awards"] = parse(R"([{"id": "flag", "count": 1, "min_vote_share": "0.7"}])");
    const auto rows = parse(R"([{"unit": "u1", "criterion": "a", "phase": "p1", "value": true}])").as_array();
    auto codes = [](const json::object& report) {
        std::vector<std::string> out;
        for (const auto& w : report.at("warnings").as_array()) out.emplace_back(w.at("code").as_string());
        return out;
    };
    CHECK(codes(report_json(score(c, results_doc(rows)))) ==
          std::vector<std::string>{"mostly_missing", "no_votes", "no_events"});
    auto stated = results_doc(rows);
    stated["events"] = json::array{};
    stated["votes"] = json::array{};
    CHECK(codes(report_json(score(c, stated))) == std::vector<std::string>{"mostly_missing"});
    const auto text = json::serialize(report_json(score(c, results_doc(rows))).at("warnings"));
    CHECK(text.find("flag needs a share of votes in favour of at least 70% and goes to no unit") != std::string::npos);
    CHECK(text.find("no events were given: sk apply to no unit") != std::string::npos);
    // The canonical results keep the difference between "none" and "not given".
    CHECK(thidua::to_canonical_json(results_of(stated)).find(R"("events":[])") != std::string::npos);
    CHECK(thidua::to_canonical_json(results_of(results_doc(rows))).find("events") == std::string::npos);
}

TEST_CASE("results with no row, or without a row for most slots, are scored with a warning that says so") {
    const auto c = results_campaign();
    auto codes = [](const json::object& report) {
        std::vector<std::string> out;
        for (const auto& w : report.at("warnings").as_array()) out.emplace_back(w.at("code").as_string());
        return out;
    };
    auto none = results_doc();
    none["events"] = json::array{};
    const auto empty = report_json(score(c, none));
    CHECK(codes(empty) == std::vector<std::string>{"no_results"});
    CHECK(json::serialize(empty.at("warnings")).find("no results were given: every criterion of every unit counts as "
                                                     "missing (0 points)") != std::string::npos);
    // One row of the slots the campaign asks for: the others are absent, and the warning counts them.
    auto one = results_doc(parse(R"([{"unit": "u1", "criterion": "a", "phase": "p1", "value": true}])").as_array());
    one["events"] = json::array{};
    const auto r = score(c, one);
    std::int64_t slots = 0, absent = 0;
    const auto& pl = r.data().compiled();
    for (std::size_t p = 0; p < pl.phases(); ++p)
        for (std::size_t u = 0; u < r.units(); ++u)
            for (std::size_t k = 0; k < pl.criteria_in(p); ++k) {
                slots += thidua::in_scale(r.status(p, u, k));
                absent += r.status(p, u, k) == thidua::slot_status::absent;
            }
    REQUIRE(2 * absent > slots);
    const auto doc = report_json(r);
    CHECK(codes(doc) == std::vector<std::string>{"mostly_missing"});
    CHECK(json::serialize(doc.at("warnings")).find(std::to_string(absent) + " of the " + std::to_string(slots) +
                                                   " results needed have no row") != std::string::npos);
}

TEST_CASE("results none of whose units belong to the campaign are said to be another campaign's") {
    auto c = minimal_campaign();
    const auto f = scoring_failure(c, results_doc(parse(R"([{"unit": "xa-a", "criterion": "a", "value": true},
                                                              {"unit": "xa-b", "criterion": "a", "value": true}])").as_array()));
    CHECK(f.kind == "reference_error");
    CHECK(f.where.pointer == "/results/0/unit");
    CHECK(f.what.find("none of the 2 result rows names a unit of campaign") != std::string::npos);
    CHECK(f.what.find("are these the results of another campaign?") != std::string::npos);
}
