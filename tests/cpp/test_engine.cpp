// The scoring kernel (thidua/detail/kernel.hpp, docs/semantics.md §4 steps 3–7) on small cases computed by hand:
// points of every rule kind, phase scores with group caps, the weighted base, bonuses, penalties and the total.

#include <doctest/doctest.h>

#include <random>
#include <vector>

#include "builders.hpp"
#include "thidua/detail/report_data.hpp"
#include "thidua/scoring/arrays.hpp"

using namespace thidua_test;
using namespace thidua::literals;
using thidua::decimal;

namespace {

/// One campaign with a single criterion "k" of `max_points` scored by `rule`, and one unit per value; returns the
/// points of each unit (a value of null leaves the unit without a row).
struct one_criterion {
    json::object campaign;
    explicit one_criterion(std::string_view rule, int max_points = 10) {
        campaign = minimal_campaign();
        campaign["criteria"] = json::array{json::object{{"id", "k"}, {"max_points", max_points}, {"rule", parse(rule)}}};
    }
    thidua::report run(const std::vector<json::value>& values) const {
        auto c = campaign;
        json::array units, rows;
        for (std::size_t i = 0; i < values.size(); ++i) {
            const std::string id = "u" + std::to_string(i);
            units.push_back(json::object{{"id", id}, {"name", id}, {"kind", "commune"}, {"cluster", "c1"}});
            if (!values[i].is_null()) rows.push_back(row(id, "k", values[i]));
        }
        c["units"] = units;
        return score(c, results_doc(rows));
    }
    std::vector<decimal> points(const std::vector<json::value>& values) const {
        const auto r = run(values);
        std::vector<decimal> out;
        for (std::size_t u = 0; u < values.size(); ++u) out.push_back(r.points(0, u, 0));
        return out;
    }
};

}  // namespace

// ---- ratio ----------------------------------------------------------------------------------------------------

TEST_CASE("a linear ratio gives max times value over target rounded once") {
    const one_criterion k(R"({"kind": "ratio", "target": 9})");
    const auto r = k.run({7, 9, 12, 0, "4.5"});
    CHECK(r.points(0, 0, 0) == 7.78_d);
    CHECK(r.phase_score(0, 0) == 77.8_d);  // 100 × 7.78 / 10, from the rounded points
    CHECK(r.base(0) == 77.8_d);
    CHECK(r.total(0) == 77.8_d);
    CHECK(r.points(0, 1, 0) == 10_d);
    CHECK(r.points(0, 2, 0) == 10_d);  // full points at r ≥ 1, never more
    CHECK(r.points(0, 3, 0) == 0_d);
    CHECK(r.points(0, 4, 0) == 5_d);
}

TEST_CASE("the campaign's rounding mode applies to points and scores") {
    one_criterion k(R"({"kind": "ratio", "target": 9})");
    k.campaign["rounding"] = "down";
    const auto r = k.run({7});
    CHECK(r.points(0, 0, 0) == 7.77_d);
    CHECK(r.total(0) == 77.7_d);
}

TEST_CASE("precision zero rounds points to whole numbers before the phase score") {
    one_criterion k(R"({"kind": "ratio", "target": 9})");
    k.campaign["precision"] = 0;
    const auto r = k.run({7});
    CHECK(r.points(0, 0, 0) == 8_d);
    CHECK(r.phase_score(0, 0) == 80_d);
}

TEST_CASE("the scale multiplies the phase score") {
    one_criterion k(R"({"kind": "ratio", "target": 9})");
    k.campaign["scale"] = 10;
    const auto r = k.run({7});
    CHECK(r.phase_score(0, 0) == 7.78_d);
}

TEST_CASE("all_or_nothing credit gives nothing below the target") {
    const one_criterion k(R"({"kind": "ratio", "target": 9, "credit": "all_or_nothing"})");
    const auto p = k.points({"8.99", 9, 10});
    CHECK(p[0] == 0_d);
    CHECK(p[1] == 10_d);
    CHECK(p[2] == 10_d);
}

TEST_CASE("a ratio exactly at min_ratio earns linear credit and below it nothing") {
    const one_criterion k(R"({"kind": "ratio", "target": 10, "min_ratio": "0.5"})");
    const auto p = k.points({5, "4.99", "5.01", 0});
    CHECK(p[0] == 5_d);
    CHECK(p[1] == 0_d);
    CHECK(p[2] == 5.01_d);
    CHECK(p[3] == 0_d);
}

TEST_CASE("min_ratio compares the exact ratio and not a rounded one") {
    const one_criterion below(R"({"kind": "ratio", "target": 3, "min_ratio": "0.666667"})");
    CHECK(below.points({2})[0] == 0_d);  // 2/3 = 0.6666… < 0.666667
    const one_criterion above(R"({"kind": "ratio", "target": 3, "min_ratio": "0.666666"})");
    CHECK(above.points({2})[0] == 6.67_d);
}

TEST_CASE("an exceed bonus counts whole steps over the target up to its cap") {
    const one_criterion k(
        R"({"kind": "ratio", "target": 10, "exceed": {"step_percent": 10, "points_per_step": "0.5", "cap": 2}})");
    const auto r = k.run({13, "19.9", "10.99", 10, 5});
    CHECK(r.points(0, 0, 0) == 10_d);
    CHECK(r.bonus(0) == 1.5_d);  // floor(30 / 10) = 3 steps × 0.5
    CHECK(r.total(0) == 101.5_d);
    CHECK(r.bonus(1) == 2_d);    // 9 steps × 0.5 = 4.5, capped at 2
    CHECK(r.bonus(2) == 0_d);    // 9.9 % over: no whole step
    CHECK(r.bonus(3) == 0_d);
    CHECK(r.bonus(4) == 0_d);
    CHECK(r.points(0, 4, 0) == 5_d);
}

TEST_CASE("an exceed bonus without its own cap is limited only by bonus_cap") {
    one_criterion k(R"({"kind": "ratio", "target": 10, "exceed": {"step_percent": 25, "points_per_step": 1}})");
    auto r = k.run({15, 40});
    CHECK(r.bonus(0) == 2_d);   // r = 1.5: floor(50 / 25) = 2 steps
    CHECK(r.bonus(1) == 12_d);  // r = 4: 12 steps
    CHECK(r.total(1) == 112_d);
    k.campaign["bonus_cap"] = 5;
    r = k.run({15, 40});
    CHECK(r.bonus(0) == 2_d);
    CHECK(r.bonus(1) == 5_d);
}

TEST_CASE("an exceed bonus is booked under the criterion id") {
    const one_criterion k(
        R"({"kind": "ratio", "target": 10, "exceed": {"step_percent": 10, "points_per_step": "0.5", "cap": 2}})");
    const auto unit = report_unit(report_json(k.run({13})), "u0");
    REQUIRE(unit.at("bonus_items").as_array().size() == 1);
    const auto& item = unit.at("bonus_items").as_array()[0].as_object();
    CHECK(item.at("id").as_string() == "k");
    CHECK(item.at("kind").as_string() == "exceed");
    CHECK(item.at("points").as_string() == "1.50");
}

// ---- bands, boolean, manual ---------------------------------------------------------------------------------------

TEST_CASE("at_least bands give the points of the highest threshold reached") {
    for (const char* bands : {R"([{"at_least": 90, "points": 10}, {"at_least": 70, "points": 6}, {"at_least": 50, "points": 3}])",
                              R"([{"at_least": 50, "points": 3}, {"at_least": 70, "points": 6}, {"at_least": 90, "points": 10}])"}) {
        CAPTURE(bands);
        const one_criterion k(R"({"kind": "bands", "bands": )" + std::string(bands) + "}");
        const auto p = k.points({95, 90, 70, "69.99", 50, 49, -1});
        CHECK(p[0] == 10_d);
        CHECK(p[1] == 10_d);
        CHECK(p[2] == 6_d);
        CHECK(p[3] == 3_d);
        CHECK(p[4] == 3_d);
        CHECK(p[5] == 0_d);
        CHECK(p[6] == 0_d);
    }
}

TEST_CASE("at_most bands give the points of the lowest threshold not exceeded") {
    for (const char* bands : {R"([{"at_most": 0, "points": 10}, {"at_most": 2, "points": 5}, {"at_most": 5, "points": 2}])",
                              R"([{"at_most": 5, "points": 2}, {"at_most": 2, "points": 5}, {"at_most": 0, "points": 10}])"}) {
        CAPTURE(bands);
        const one_criterion k(R"({"kind": "bands", "bands": )" + std::string(bands) + "}");
        const auto p = k.points({0, 1, 2, 3, 5, 6});
        CHECK(p[0] == 10_d);
        CHECK(p[1] == 5_d);
        CHECK(p[2] == 5_d);
        CHECK(p[3] == 2_d);
        CHECK(p[4] == 2_d);
        CHECK(p[5] == 0_d);
    }
}

TEST_CASE("a single band is all the rule needs") {
    const one_criterion least(R"({"kind": "bands", "bands": [{"at_least": 3, "points": 8}]})");
    const auto p = least.points({3, 2});
    CHECK(p[0] == 8_d);
    CHECK(p[1] == 0_d);
    const one_criterion most(R"({"kind": "bands", "bands": [{"at_most": 3, "points": 8}]})");
    const auto q = most.points({3, 4});
    CHECK(q[0] == 8_d);
    CHECK(q[1] == 0_d);
}

TEST_CASE("a band below max does not make the criterion met") {
    const one_criterion k(R"({"kind": "bands", "bands": [{"at_least": 2, "points": 10}, {"at_least": 1, "points": 6}]})");
    const auto r = k.run({2, 1});
    CHECK(r.data().scores.met_pairs[0] == 1);
    CHECK(r.data().scores.met_pairs[1] == 0);
}

TEST_CASE("a boolean gives max for true or 1 and nothing for false or 0") {
    const one_criterion k(R"({"kind": "boolean"})");
    const auto p = k.points({true, false, 1, 0});
    CHECK(p[0] == 10_d);
    CHECK(p[1] == 0_d);
    CHECK(p[2] == 10_d);
    CHECK(p[3] == 0_d);
}

TEST_CASE("a manual value is rounded by the campaign's mode") {
    struct expectation {
        const char* mode;
        decimal at_7125, at_7135;
    };
    for (const auto& e : {expectation{"half_up", 7.13_d, 7.14_d}, expectation{"half_even", 7.12_d, 7.14_d},
                          expectation{"down", 7.12_d, 7.13_d}, expectation{"up", 7.13_d, 7.14_d}}) {
        CAPTURE(e.mode);
        one_criterion k(R"({"kind": "manual"})");
        k.campaign["rounding"] = e.mode;
        const auto p = k.points({"7.125", "7.135", "7.5"});
        CHECK(p[0] == e.at_7125);
        CHECK(p[1] == e.at_7135);
        CHECK(p[2] == 7.5_d);
    }
}

// ---- statuses and the scale --------------------------------------------------------------------------------------

TEST_CASE("missing criteria count zero inside the scale while exempt and inapplicable ones leave it") {
    auto c = with_criteria(R"([
      {"id": "a", "max_points": 10, "rule": {"kind": "boolean"}},
      {"id": "b", "max_points": 30, "rule": {"kind": "boolean"}},
      {"id": "o", "max_points": 20, "rule": {"kind": "boolean"}, "applies_to": ["ward"]}
    ])");
    c["units"] = parse(R"([{"id": "u1", "name": "Xã", "kind": "commune", "cluster": "c1"},
                           {"id": "w1", "name": "Phường", "kind": "ward", "cluster": "c1"}])");
    const auto r = score_rows(c, R"([
      {"unit": "u1", "criterion": "a", "value": true},
      {"unit": "u1", "criterion": "b", "status": "missing"},
      {"unit": "w1", "criterion": "a", "value": true},
      {"unit": "w1", "criterion": "b", "status": "exempt"},
      {"unit": "w1", "criterion": "o", "value": true}
    ])");
    const std::size_t u1 = r.unit_index("u1"), w1 = r.unit_index("w1");
    CHECK(r.phase_score(u1, 0) == 25_d);  // 10 of 10 + 30; o does not apply to a commune
    CHECK(r.phase_score(w1, 0) == 100_d);  // 30 of 30 (b exempt)
    CHECK(r.data().scores.scale_pairs[u1] == 2);
    CHECK(r.data().scores.scale_pairs[w1] == 2);
}

TEST_CASE("a criterion without a row counts as missing") {
    const auto c = with_criteria(R"([{"id": "a", "max_points": 10, "rule": {"kind": "boolean"}},
                                     {"id": "b", "max_points": 10, "rule": {"kind": "boolean"}}])");
    const auto r = score_rows(c, R"([{"unit": "u1", "criterion": "a", "value": true}])");
    CHECK(r.phase_score(0, 0) == 50_d);
    CHECK(r.points(0, 0, 1) == 0_d);
    CHECK(r.status(0, 0, 1) == thidua::slot_status::absent);
    CHECK(r.total(1) == 0_d);
}

// ---- groups and targets -------------------------------------------------------------------------------------------

TEST_CASE("group caps limit both the points and the max of their criteria") {
    auto c = with_criteria(R"([
      {"id": "a", "group": "I", "max_points": 10, "rule": {"kind": "manual"}},
      {"id": "b", "group": "I", "max_points": 10, "rule": {"kind": "manual"}},
      {"id": "c", "group": "II", "max_points": 20, "rule": {"kind": "manual"}}
    ])");
    c["groups"] = parse(R"([{"id": "I", "title": "I. Tuyên truyền", "max_points": 15}, {"id": "II"}])");
    c["units"] = communes({"u1", "u2", "u3"});
    const auto r = score_rows(c, R"([
      {"unit": "u1", "criterion": "a", "value": 10}, {"unit": "u1", "criterion": "b", "value": 10},
      {"unit": "u1", "criterion": "c", "value": 10},
      {"unit": "u2", "criterion": "a", "value": 10}, {"unit": "u2", "criterion": "b", "status": "exempt"},
      {"unit": "u2", "criterion": "c", "value": 10},
      {"unit": "u3", "criterion": "a", "value": 6}, {"unit": "u3", "criterion": "b", "value": 4},
      {"unit": "u3", "criterion": "c", "value": 20}
    ])");
    CHECK(r.phase_score(0, 0) == 71.43_d);  // (min(20, 15) + 10) / (min(20, 15) + 20) = 25 / 35
    CHECK(r.phase_score(1, 0) == 66.67_d);  // (10 + 10) / (min(10, 15) + 20) = 20 / 30
    CHECK(r.phase_score(2, 0) == 85.71_d);  // (10 + 20) / (15 + 20) = 30 / 35
    CHECK(r.points(0, 0, 1) == 10_d);       // the criteria keep their own points
}

TEST_CASE("registered targets per phase beat those for all phases which beat the rule default") {
    auto c = two_phase_campaign();
    c["criteria"] = parse(R"([{"id": "k", "max_points": 10, "rule": {"kind": "ratio", "target": 10}}])");
    for (auto& p : c["phases"].as_array()) p.as_object()["criteria"] = parse(R"(["k"])");
    c["units"] = communes({"u1", "u2", "u3"});
    c["targets"] = parse(R"([
      {"unit": "u1", "criterion": "k", "value": 8},
      {"unit": "u1", "criterion": "k", "phase": "p2", "value": 5},
      {"unit": "u3", "criterion": "k", "phase": "p2", "value": 5}
    ])");
    const auto r = score_rows(c, R"([
      {"unit": "u1", "criterion": "k", "phase": "p1", "value": 4},
      {"unit": "u1", "criterion": "k", "phase": "p2", "value": 4},
      {"unit": "u2", "criterion": "k", "phase": "p1", "value": 4},
      {"unit": "u2", "criterion": "k", "phase": "p2", "value": 4, "target": 4},
      {"unit": "u3", "criterion": "k", "phase": "p1", "value": 4},
      {"unit": "u3", "criterion": "k", "phase": "p2", "value": 1, "target": 2}
    ])");
    CHECK(r.points(0, 0, 0) == 5_d);   // 4 / 8 (all phases)
    CHECK(r.points(1, 0, 0) == 8_d);   // 4 / 5 (p2)
    CHECK(r.points(0, 1, 0) == 4_d);   // 4 / 10 (rule default)
    CHECK(r.points(1, 1, 0) == 10_d);  // 4 / 4 (row)
    CHECK(r.points(0, 2, 0) == 4_d);   // u3 registered only for p2
    CHECK(r.points(1, 2, 0) == 5_d);   // the row's 2 beats the registered 5
    CHECK(r.base(0) == 62_d);          // 0.6 × 50 + 0.4 × 80
}

// ---- phases and the base ------------------------------------------------------------------------------------------

TEST_CASE("the base weighs the rounded phase scores and rounds once") {
    auto c = two_phase_campaign();
    c["criteria"] = parse(R"([{"id": "m", "max_points": 9, "rule": {"kind": "manual"}}])");
    for (auto& p : c["phases"].as_array()) p.as_object()["criteria"] = parse(R"(["m"])");
    const auto r = score_rows(c, R"([
      {"unit": "u1", "criterion": "m", "phase": "p1", "value": 7},
      {"unit": "u1", "criterion": "m", "phase": "p2", "value": 2}
    ])");
    CHECK(r.phase_score(0, 0) == 77.78_d);
    CHECK(r.phase_score(0, 1) == 22.22_d);
    CHECK(r.base(0) == 55.56_d);  // 0.6 × 77.78 + 0.4 × 22.22 = 55.556
}

TEST_CASE("a phase where everything is exempt is left out of the base") {
    const auto r = score_rows(two_phase_campaign(), R"([
      {"unit": "u1", "criterion": "a", "phase": "p1", "status": "exempt"},
      {"unit": "u1", "criterion": "a", "phase": "p2", "value": true},
      {"unit": "u2", "criterion": "a", "phase": "p1", "value": true},
      {"unit": "u2", "criterion": "a", "phase": "p2", "value": false}
    ])");
    CHECK_FALSE(r.phase_counted(0, 0));
    CHECK(r.phase_counted(0, 1));
    CHECK(r.phase_score(0, 1) == 100_d);
    CHECK(r.base(0) == 100_d);  // p2 alone, not 0.4 × 100
    CHECK(r.phase_counted(1, 0));
    CHECK(r.base(1) == 60_d);   // 0.6 × 100 + 0.4 × 0
    const auto unit = report_unit(report_json(r), "u1");
    CHECK_FALSE(unit.at("phases").as_object().contains("p1"));
    CHECK(unit.at("phases").at("p2").as_string() == "100.00");
}

TEST_CASE("a unit with no phase left has base zero") {
    const auto r = score_rows(two_phase_campaign(), R"([
      {"unit": "u1", "criterion": "a", "phase": "p1", "status": "exempt"},
      {"unit": "u1", "criterion": "a", "phase": "p2", "status": "not_applicable"}
    ])");
    CHECK_FALSE(r.phase_counted(0, 0));
    CHECK_FALSE(r.phase_counted(0, 1));
    CHECK(r.base(0) == 0_d);
    CHECK(r.total(0) == 0_d);
    CHECK(r.data().scores.scale_pairs[0] == 0);
}

// ---- adjustments and the total --------------------------------------------------------------------------------

TEST_CASE("adjustments are capped each on their own and then by bonus_cap and penalty_cap") {
    auto c = minimal_campaign();
    c["adjustments"] = parse(R"([
      {"id": "sk", "kind": "bonus", "points_per_item": 1, "cap": 3},
      {"id": "bb", "kind": "bonus", "points_per_item": 2},
      {"id": "vp", "kind": "penalty", "points_per_item": "1.5"},
      {"id": "pp", "kind": "penalty", "points_per_item": 1, "cap": 1}
    ])");
    c["bonus_cap"] = 5;
    c["penalty_cap"] = 4;
    const auto r = score_rows(c, R"([{"unit": "u1", "criterion": "a", "value": true},
                                     {"unit": "u2", "criterion": "a", "value": true}])",
                              R"([{"unit": "u1", "adjustment": "sk", "count": 5}, {"unit": "u1", "adjustment": "bb", "count": 2},
                                  {"unit": "u1", "adjustment": "vp", "count": 3},
                                  {"unit": "u2", "adjustment": "sk"}, {"unit": "u2", "adjustment": "pp", "count": 3},
                                  {"unit": "u2", "adjustment": "vp"}])");
    const auto& adj = r.data().scores.adjustment_points;
    CHECK(decimal::from_micros(adj[0 * 4 + 0]) == 3_d);    // 5 × 1, capped at 3
    CHECK(decimal::from_micros(adj[0 * 4 + 1]) == 4_d);
    CHECK(decimal::from_micros(adj[0 * 4 + 2]) == 4.5_d);
    CHECK(r.bonus(0) == 5_d);    // 7, capped by bonus_cap
    CHECK(r.penalty(0) == 4_d);  // 4.5, capped by penalty_cap
    CHECK(r.total(0) == 101_d);
    CHECK(r.bonus(1) == 1_d);
    CHECK(r.penalty(1) == 2.5_d);  // min(3, 1) + 1.5
    CHECK(r.total(1) == 98.5_d);
}

TEST_CASE("events of one adjustment add up their counts") {
    auto c = minimal_campaign();
    c["adjustments"] = parse(R"([{"id": "sk", "kind": "bonus", "points_per_item": "0.25"}])");
    const auto r = score_rows(c, R"([{"unit": "u1", "criterion": "a", "value": false}])",
                              R"([{"unit": "u1", "adjustment": "sk", "count": 2}, {"unit": "u1", "adjustment": "sk"}])");
    CHECK(r.data().inputs.event_count[0] == 3);
    CHECK(r.bonus(0) == 0.75_d);
    CHECK(r.total(0) == 0.75_d);
}

TEST_CASE("the late penalty counts rows submitted after the due date up to its cap") {
    auto c = two_phase_campaign();
    c["criteria"] = parse(R"([{"id": "a", "max_points": 10, "rule": {"kind": "boolean"}},
                              {"id": "b", "max_points": 10, "rule": {"kind": "boolean"}}])");
    c["phases"].as_array()[0].as_object()["criteria"] = parse(R"(["a", "b"])");
    c["late_penalty"] = parse(R"({"per_report": "0.5", "cap": 1})");
    const auto r = score_rows(c, R"([
      {"unit": "u1", "criterion": "a", "phase": "p1", "value": true, "submitted": "2024-07-11"},
      {"unit": "u1", "criterion": "b", "phase": "p1", "value": true, "submitted": "2024-07-10"},
      {"unit": "u1", "criterion": "a", "phase": "p2", "value": true, "submitted": "2025-01-10"},
      {"unit": "u2", "criterion": "a", "phase": "p1", "value": true, "submitted": "2024-07-20"},
      {"unit": "u2", "criterion": "b", "phase": "p1", "status": "exempt", "submitted": "2024-08-01"},
      {"unit": "u2", "criterion": "a", "phase": "p2", "status": "missing", "submitted": "2025-02-01"}
    ])");
    CHECK(r.data().inputs.late_reports[0] == 1);  // a report on the due date is on time
    CHECK(r.penalty(0) == 0.5_d);
    CHECK(r.total(0) == 99.5_d);
    CHECK(r.data().inputs.late_reports[1] == 3);  // whatever the status
    CHECK(r.penalty(1) == 1_d);              // 1.5, capped at 1
    // u2: p1 = a 10 of 10 (b exempt) = 100; p2 = a missing = 0; base 60
    CHECK(r.total(1) == 59_d);
}

TEST_CASE("the total is never below zero") {
    auto c = minimal_campaign();
    c["adjustments"] = parse(R"([{"id": "vp", "kind": "penalty", "points_per_item": 3}])");
    const auto r = score_rows(c, R"([{"unit": "u1", "criterion": "a", "value": false},
                                     {"unit": "u2", "criterion": "a", "value": true}])",
                              R"([{"unit": "u1", "adjustment": "vp"}, {"unit": "u2", "adjustment": "vp"}])");
    CHECK(r.base(0) == 0_d);
    CHECK(r.penalty(0) == 3_d);
    CHECK(r.total(0) == 0_d);
    CHECK(r.total(1) == 97_d);
}

TEST_CASE("a disqualifying event adds no points") {
    auto c = minimal_campaign();
    c["adjustments"] = parse(R"([{"id": "kl", "kind": "disqualify"}])");
    const auto r = score_rows(c, R"([{"unit": "u1", "criterion": "a", "value": true}])",
                              R"([{"unit": "u1", "adjustment": "kl"}])");
    CHECK(r.bonus(0) == 0_d);
    CHECK(r.penalty(0) == 0_d);
    CHECK(r.total(0) == 100_d);
    CHECK(r.data().inputs.disqualified[0] == 1);
    CHECK(r.data().inputs.disqualified[1] == 0);
}

// ---- counters ---------------------------------------------------------------------------------------------------

TEST_CASE("met and exceeded pairs are counted per unit") {
    const auto c = with_criteria(R"([
      {"id": "r1", "max_points": 10, "rule": {"kind": "ratio", "target": 10}, "mandatory": true},
      {"id": "r2", "max_points": 10, "rule": {"kind": "ratio", "target": 10}},
      {"id": "b", "max_points": 10, "rule": {"kind": "boolean"}},
      {"id": "m", "max_points": 10, "rule": {"kind": "manual"}, "mandatory": true}
    ])");
    const auto r = score_rows(c, R"([
      {"unit": "u1", "criterion": "r1", "value": 12},
      {"unit": "u1", "criterion": "r2", "value": 10},
      {"unit": "u1", "criterion": "b", "value": true},
      {"unit": "u1", "criterion": "m", "value": "9.999"},
      {"unit": "u2", "criterion": "r1", "value": "9.999"},
      {"unit": "u2", "criterion": "b", "value": false},
      {"unit": "u2", "criterion": "m", "status": "exempt"}
    ])");
    const auto& s = r.data().scores;
    CHECK(s.scale_pairs[0] == 4);
    CHECK(s.met_pairs[0] == 4);  // m rounds to 10.00 = max
    CHECK(s.ratio_pairs[0] == 2);
    CHECK(s.exceeded_pairs[0] == 1);
    CHECK(s.mandatory_met[0] == 1);
    CHECK(r.points(0, 1, 0) == 10_d);  // 9.999 of 10 rounds to full points …
    CHECK(s.met_pairs[1] == 0);        // … but r < 1 is not met
    CHECK(s.scale_pairs[1] == 3);      // r2 absent (missing) stays in the scale, m exempt leaves it
    CHECK(s.ratio_pairs[1] == 2);
    CHECK(s.exceeded_pairs[1] == 0);
    CHECK(s.mandatory_met[1] == 0);
}

TEST_CASE("an adjustment beyond the range of exact decimals is an arithmetic error") {
    auto c = minimal_campaign();
    c["adjustments"] = parse(R"([{"id": "sk", "kind": "bonus", "points_per_item": 999999999999}])");
    const auto f = scoring_failure(c, results_doc(json::array{}, parse(R"([{"unit": "u1", "adjustment": "sk", "count": 2}])").as_array()));
    CHECK(f.kind == "arithmetic_error");
    CHECK(f.what.find("outside the range of exact decimals") != std::string::npos);
}

namespace {

/// A campaign whose criteria cover the variants of every rule (credit, min_ratio, exceed with and without a cap,
/// bands either way, booleans, manual values), some for wards only, at a random precision and rounding, and in
/// half of the campaigns in two groups, one capped.
json::object variant_campaign(std::mt19937_64& rng, std::size_t units) {
    const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
    auto c = minimal_campaign();
    c["precision"] = 2 + pick(5);  // the rules below have up to 2 fractional digits
    c["rounding"] = json::array{"half_up", "half_even", "down", "up"}[static_cast<std::size_t>(pick(4))];
    const char* rules[] = {
        R"({"kind":"ratio","target":7})",
        R"({"kind":"ratio","target":"2.5","credit":"all_or_nothing"})",
        R"({"kind":"ratio","target":9,"min_ratio":"0.45"})",
        R"({"kind":"ratio","target":3,"exceed":{"step_percent":"12.5","points_per_step":"0.3"}})",
        R"({"kind":"ratio","target":"0.7","exceed":{"step_percent":10,"points_per_step":"0.25","cap":"1.5"}})",
        R"({"kind":"bands","bands":[{"at_least":8,"points":"7.5"},{"at_least":5,"points":"6.5"},{"at_least":2,"points":2}]})",
        R"({"kind":"bands","bands":[{"at_most":1,"points":10},{"at_most":4,"points":"3.3"}]})",
        R"({"kind":"boolean"})",
        R"({"kind":"manual"})"};
    const bool grouped = pick(2) == 0;
    if (grouped) c["groups"] = parse(R"([{"id": "g", "max_points": 20}, {"id": "h"}])");
    json::array criteria;
    for (std::size_t k = 0; k < std::size(rules); ++k) {
        json::object cr{{"id", "k" + std::to_string(k)}, {"max_points", k % 3 == 0 ? "10" : "7.5"}, {"rule", parse(rules[k])}};
        if (k % 4 == 1) cr["mandatory"] = true;
        if (k % 5 == 2) cr["applies_to"] = json::array{"ward"};
        if (grouped) cr["group"] = k % 2 ? "g" : "h";
        criteria.push_back(std::move(cr));
    }
    c["criteria"] = std::move(criteria);
    json::array people;
    for (std::size_t u = 0; u < units; ++u) {
        people.push_back(json::object{{"id", "u" + std::to_string(u)}, {"name", "u"}, {"kind", pick(3) ? "commune" : "ward"},
                                      {"cluster", "c1"}});
    }
    c["units"] = std::move(people);
    return c;
}

/// A value for criterion k of variant_campaign, in the range its rule accepts, often on an edge (a target, the
/// min_ratio, an exceed step, a band threshold) or one micro beside it.
std::int64_t variant_value(std::mt19937_64& rng, std::size_t k, std::int64_t max) {
    static const std::vector<std::int64_t> edges[] = {{7'000'000},
                                                      {2'500'000},
                                                      {9'000'000, 4'050'000},
                                                      {3'000'000, 3'375'000, 3'750'000},
                                                      {700'000, 770'000, 840'000, 0},
                                                      {8'000'000, 5'000'000, 2'000'000},
                                                      {1'000'000, 4'000'000}};
    if (k == 7) return rng() % 2 ? 1'000'000 : 0;
    if (k == 8) return static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(max + 1));
    if (rng() % 3 == 0) {
        const auto& near = edges[k];
        return std::max<std::int64_t>(0, near[rng() % near.size()] + static_cast<std::int64_t>(rng() % 3) - 1);
    }
    return static_cast<std::int64_t>(rng() % 15'000'000);
}

}  // namespace

TEST_CASE("scoring arrays without statuses equals scoring every slot as reported, on random rule variants") {
    // Arrays without statuses take the kernel's fast loops (divisions by multiplication, masks instead of
    // branches); with a status block they take the checked loop, which scores slot by slot with score_rule.
    std::mt19937_64 rng(2024);
    for (int round = 0; round < 40; ++round) {
        const std::size_t units = 1 + rng() % 200;
        const auto campaign = thidua::read_campaign(text(variant_campaign(rng, units)));
        const auto pl = std::make_shared<const thidua::plan>(campaign);
        const std::size_t n = pl->compiled().criteria_in(0);
        std::vector<std::int64_t> values(units * n);
        for (std::size_t u = 0; u < units; ++u) {
            for (std::size_t k = 0; k < n; ++k) values[u * n + k] = variant_value(rng, k, pl->compiled().rule(k).max);
        }
        const std::vector<thidua::slot_status> reported(values.size(), thidua::slot_status::reported);
        thidua::score_options traced;
        traced.trace = true;
        for (const auto& options : {thidua::score_options{}, traced}) {
            const auto fast = thidua::detail::evaluate(pl->compiled(), thidua::detail::columns_from_blocks(pl->compiled(), {{values.data()}}), options);
            const auto checked =
                thidua::detail::evaluate(pl->compiled(), thidua::detail::columns_from_blocks(pl->compiled(), {{values.data(), nullptr, reported.data()}}), options);
            CAPTURE(round);
            CHECK(fast.total == checked.total);
            CHECK(fast.phase_score == checked.phase_score);
            CHECK(fast.exceed_points == checked.exceed_points);
            CHECK(fast.met_pairs == checked.met_pairs);
            CHECK(fast.exceeded_pairs == checked.exceeded_pairs);
            CHECK(fast.scale_pairs == checked.scale_pairs);
            CHECK(fast.mandatory_met == checked.mandatory_met);
            CHECK(fast.trace == checked.trace);
        }
    }
}

TEST_CASE("exceed bonuses of more than 2048 criteria that overflow 64 bits are out of range in the fast loop too") {
    // The AVX2 loop adds each bonus (below 2^52) in 64-bit lanes and folds them into 128 bits every 2047
    // criteria: 2100 bonuses of 2^52 − 1 micros would wrap a 64-bit sum to a negative one.
    auto c = minimal_campaign();
    json::array criteria;
    for (int k = 0; k < 2100; ++k) {
        criteria.push_back(json::object{
            {"id", "k" + std::to_string(k)}, {"max_points", 1},
            {"rule", parse(R"({"kind":"ratio","target":1,"exceed":{"step_percent":100,"points_per_step":"4503599627.370495"}})")}});
    }
    c["criteria"] = std::move(criteria);
    c["units"] = communes({"u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8"});
    c["precision"] = 6;  // the points per step have 6 fractional digits
    thidua::limits caps;
    caps.max_criteria = 2100;
    const auto pl = std::make_shared<const thidua::plan>(thidua::read_campaign(text(c), "campaign", "", caps));
    REQUIRE(pl->compiled().rule(0).fixed.exceed_in_doubles);
    std::vector<std::int64_t> values(8 * 2100, 2'000'000);  // twice the target: one step, a bonus of 2^52 − 1 micros
    const std::vector<thidua::slot_status> reported(values.size(), thidua::slot_status::reported);
    const auto fast = failure_of([&] { thidua::detail::evaluate(pl->compiled(), thidua::detail::columns_from_blocks(pl->compiled(), {{values.data()}})); });
    const auto checked = failure_of(
        [&] { thidua::detail::evaluate(pl->compiled(), thidua::detail::columns_from_blocks(pl->compiled(), {{values.data(), nullptr, reported.data()}})); });
    CHECK(fast.kind == "arithmetic_error");
    CHECK(fast.what == checked.what);
    CHECK(fast.what.find("the bonus or penalty") != std::string::npos);
}

TEST_CASE("an invalid value in arrays without statuses is reported where it is, after valid ones") {
    auto c = minimal_campaign();
    c["criteria"] = parse(R"([{"id":"a","max_points":10,"rule":{"kind":"boolean"}},
                              {"id":"r","max_points":10,"rule":{"kind":"ratio","target":5}},
                              {"id":"m","max_points":10,"rule":{"kind":"manual"}}])");
    const auto pl = std::make_shared<const thidua::plan>(thidua::read_campaign(text(c)));
    std::vector<std::int64_t> values(pl->units() * 3, 1'000'000);
    values[1 * 3 + 2] = 11'000'000;  // u2's manual value above max_points
    const auto f = failure_of([&] { thidua::detail::evaluate(pl->compiled(), thidua::detail::columns_from_blocks(pl->compiled(), {{values.data()}})); });
    CHECK(f.where.pointer == "/main/1/m");
    CHECK(f.what.find("manual value 11 is above max_points 10") != std::string::npos);
    values[1 * 3 + 2] = 0;
    values[0 * 3 + 1] = -1;  // u1's ratio value below 0
    const auto g = failure_of([&] { thidua::detail::evaluate(pl->compiled(), thidua::detail::columns_from_blocks(pl->compiled(), {{values.data()}})); });
    CHECK(g.where.pointer == "/main/0/r");
    CHECK(g.what.find("a ratio value must not be negative") != std::string::npos);
}
