// Classification (thidua/outcomes/classes.hpp, docs/semantics.md §4 step 8): the first class whose conditions all
// hold, quotas given out per cluster in rank order with fall-through and tie admission, share_of bases and vetoes.

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "builders.hpp"

using namespace thidua_test;
using namespace thidua::literals;

namespace {

/// Criterion "a": manual, 100 points, so a unit's total is the value it reports.
json::object manual_campaign(json::array units, std::string_view classes) {
    auto c = with_criteria(R"([{"id": "a", "max_points": 100, "rule": {"kind": "manual"}}])");
    c["units"] = std::move(units);
    c["classes"] = parse(classes);
    return c;
}

json::array values(std::initializer_list<std::pair<std::string_view, json::value>> pairs) {
    json::array rows;
    for (const auto& [unit, value] : pairs) rows.push_back(row(unit, "a", value));
    return rows;
}

std::string class_of(const thidua::report& r, std::string_view unit) {
    return r.campaign().classes[r.class_of(r.unit_index(unit))].id;
}

constexpr const char* four_classes = R"([{"id": "xs", "min_score": 90}, {"id": "tot", "min_score": 80},
                                         {"id": "ht", "min_score": 50}, {"id": "kht"}])";

}  // namespace

TEST_CASE("the first class in order whose min_score the total reaches is the unit's class") {
    const auto r = score(manual_campaign(communes({"u1", "u2", "u3", "u4", "u5", "u6"}), four_classes),
                         results_doc(values({{"u1", 95}, {"u2", 90}, {"u3", "89.99"}, {"u4", 80}, {"u5", 50}, {"u6", "49.99"}})));
    CHECK(class_of(r, "u1") == "xs");
    CHECK(class_of(r, "u2") == "xs");
    CHECK(class_of(r, "u3") == "tot");
    CHECK(class_of(r, "u4") == "tot");
    CHECK(class_of(r, "u5") == "ht");
    CHECK(class_of(r, "u6") == "kht");
}

TEST_CASE("classes are tried in their listed order and not by their thresholds") {
    const auto r = score(manual_campaign(communes({"u1"}), R"([{"id": "tot", "min_score": 80}, {"id": "xs", "min_score": 90},
                                                               {"id": "kht"}])"),
                         results_doc(values({{"u1", 95}})));
    CHECK(class_of(r, "u1") == "tot");
}

TEST_CASE("requires_all_mandatory needs every applicable mandatory criterion met") {
    auto c = with_criteria(R"([
      {"id": "m1", "max_points": 10, "rule": {"kind": "boolean"}, "mandatory": true},
      {"id": "m2", "max_points": 10, "rule": {"kind": "boolean"}, "mandatory": true},
      {"id": "a", "max_points": 80, "rule": {"kind": "manual"}}
    ])");
    c["units"] = communes({"u1", "u2", "u3", "u4"});
    c["classes"] = parse(R"([{"id": "xs", "min_score": 90, "requires_all_mandatory": true}, {"id": "tot", "min_score": 50},
                             {"id": "kht"}])");
    const auto r = score_rows(c, R"([
      {"unit": "u1", "criterion": "m1", "value": true}, {"unit": "u1", "criterion": "m2", "value": true},
      {"unit": "u1", "criterion": "a", "value": 75},
      {"unit": "u2", "criterion": "m1", "value": true}, {"unit": "u2", "criterion": "m2", "value": false},
      {"unit": "u2", "criterion": "a", "value": 80},
      {"unit": "u3", "criterion": "m1", "value": true}, {"unit": "u3", "criterion": "m2", "status": "exempt"},
      {"unit": "u3", "criterion": "a", "value": 77},
      {"unit": "u4", "criterion": "m1", "value": true}, {"unit": "u4", "criterion": "a", "value": 80}
    ])");
    CHECK(r.total(1) == 90_d);
    CHECK(class_of(r, "u1") == "xs");
    CHECK(class_of(r, "u2") == "tot");  // 90 points but m2 not met
    CHECK(r.total(2) == 96.67_d);
    CHECK(class_of(r, "u3") == "xs");   // an exempt mandatory criterion does not count
    CHECK(class_of(r, "u4") == "tot");  // m2 without a row is missing, not met
}

TEST_CASE("requires_all_mandatory looks at every phase") {
    auto c = two_phase_campaign();
    c["criteria"].as_array()[0].as_object()["mandatory"] = true;
    c["classes"] = parse(R"([{"id": "xs", "requires_all_mandatory": true}, {"id": "kht"}])");
    const auto r = score_rows(c, R"([
      {"unit": "u1", "criterion": "a", "phase": "p1", "value": true}, {"unit": "u1", "criterion": "a", "phase": "p2", "value": true},
      {"unit": "u2", "criterion": "a", "phase": "p1", "value": true}, {"unit": "u2", "criterion": "a", "phase": "p2", "value": false}
    ])");
    CHECK(class_of(r, "u1") == "xs");
    CHECK(class_of(r, "u2") == "kht");
}

TEST_CASE("min_met_share compares met pairs with applicable pairs") {
    auto c = with_criteria(R"([
      {"id": "b1", "max_points": 25, "rule": {"kind": "boolean"}}, {"id": "b2", "max_points": 25, "rule": {"kind": "boolean"}},
      {"id": "b3", "max_points": 25, "rule": {"kind": "boolean"}}, {"id": "b4", "max_points": 25, "rule": {"kind": "boolean"}}
    ])");
    c["units"] = communes({"u1", "u2", "u3", "u4"});
    c["classes"] = parse(R"([{"id": "tot", "min_met_share": "0.75"}, {"id": "kht"}])");
    const auto r = score_rows(c, R"([
      {"unit": "u1", "criterion": "b1", "value": true}, {"unit": "u1", "criterion": "b2", "value": true},
      {"unit": "u1", "criterion": "b3", "value": true}, {"unit": "u1", "criterion": "b4", "value": false},
      {"unit": "u2", "criterion": "b1", "value": true}, {"unit": "u2", "criterion": "b2", "value": true},
      {"unit": "u2", "criterion": "b3", "value": false},
      {"unit": "u3", "criterion": "b1", "value": true}, {"unit": "u3", "criterion": "b2", "value": true},
      {"unit": "u3", "criterion": "b3", "value": true}, {"unit": "u3", "criterion": "b4", "status": "exempt"},
      {"unit": "u4", "criterion": "b1", "status": "exempt"}, {"unit": "u4", "criterion": "b2", "status": "exempt"},
      {"unit": "u4", "criterion": "b3", "status": "exempt"}, {"unit": "u4", "criterion": "b4", "status": "exempt"}
    ])");
    CHECK(class_of(r, "u1") == "tot");  // 3 / 4 = 0.75
    CHECK(class_of(r, "u2") == "kht");  // 2 / 4
    CHECK(class_of(r, "u3") == "tot");  // 3 / 3
    CHECK(class_of(r, "u4") == "kht");  // no applicable pair: the condition fails
}

TEST_CASE("min_exceeded_share counts ratio pairs above the target and fails without ratio pairs") {
    auto c = with_criteria(R"([
      {"id": "r1", "max_points": 40, "rule": {"kind": "ratio", "target": 10}},
      {"id": "r2", "max_points": 40, "rule": {"kind": "ratio", "target": 10}},
      {"id": "b", "max_points": 20, "rule": {"kind": "boolean"}}
    ])");
    c["units"] = communes({"u1", "u2", "u3", "u4"});
    c["classes"] = parse(R"([{"id": "xs", "min_exceeded_share": "0.5"}, {"id": "kht"}])");
    const auto r = score_rows(c, R"([
      {"unit": "u1", "criterion": "r1", "value": 12}, {"unit": "u1", "criterion": "r2", "value": 8},
      {"unit": "u1", "criterion": "b", "value": false},
      {"unit": "u2", "criterion": "r1", "value": 10}, {"unit": "u2", "criterion": "r2", "value": 10},
      {"unit": "u2", "criterion": "b", "value": true},
      {"unit": "u3", "criterion": "r1", "status": "exempt"}, {"unit": "u3", "criterion": "r2", "status": "exempt"},
      {"unit": "u3", "criterion": "b", "value": true},
      {"unit": "u4", "criterion": "r1", "value": 11}, {"unit": "u4", "criterion": "r2", "status": "exempt"},
      {"unit": "u4", "criterion": "b", "value": false}
    ])");
    CHECK(class_of(r, "u1") == "xs");   // 1 of 2 ratio pairs exceeded
    CHECK(class_of(r, "u2") == "kht");  // met exactly is not exceeded
    CHECK(class_of(r, "u3") == "kht");  // no applicable ratio pair
    CHECK(class_of(r, "u4") == "xs");   // 1 of 1
}

TEST_CASE("exclude_disqualified keeps disqualified units out of the class") {
    auto c = manual_campaign(communes({"u1", "u2"}), R"([{"id": "xs", "min_score": 90, "exclude_disqualified": true},
                                                         {"id": "tot", "min_score": 80}, {"id": "kht"}])");
    c["adjustments"] = parse(R"([{"id": "kl", "kind": "disqualify"}])");
    const auto r = score(c, results_doc(values({{"u1", 95}, {"u2", 95}}), parse(R"([{"unit": "u1", "adjustment": "kl"}])").as_array()));
    CHECK(class_of(r, "u1") == "tot");
    CHECK(class_of(r, "u2") == "xs");
}

TEST_CASE("a veto caps the class of the unit at its forces_class") {
    auto c = manual_campaign(communes({"u1", "u2", "u3", "u4"}), four_classes);
    c["adjustments"] = parse(R"([{"id": "vp", "kind": "disqualify", "forces_class": "ht"},
                                 {"id": "nhe", "kind": "disqualify", "forces_class": "tot"}])");
    const auto r = score(c, results_doc(values({{"u1", 95}, {"u2", 40}, {"u3", 95}, {"u4", 95}}),
                                        parse(R"([{"unit": "u1", "adjustment": "vp"}, {"unit": "u2", "adjustment": "vp"},
                                                  {"unit": "u4", "adjustment": "nhe"}, {"unit": "u4", "adjustment": "vp"}])").as_array()));
    CHECK(class_of(r, "u1") == "ht");   // 95 points, vetoed down to ht
    CHECK(class_of(r, "u2") == "kht");  // at most ht, and 40 does not reach it
    CHECK(class_of(r, "u3") == "xs");
    CHECK(class_of(r, "u4") == "ht");   // the lower of two vetoes
    const unsigned failed = thidua::detail::class_failures(r.data().compiled(), r.data().inputs, r.data().scores, 0, 0);
    CHECK(failed == thidua::fails_veto);
}

TEST_CASE("a max_share quota admits units in rank order and the rest fall through") {
    const auto r = score(manual_campaign(communes({"e", "c", "a", "d", "b"}),
                                         R"([{"id": "xs", "min_score": 90, "max_share": "0.4"}, {"id": "tot", "min_score": 80},
                                             {"id": "kht"}])"),
                         results_doc(values({{"a", 100}, {"b", 98}, {"c", 96}, {"d", 85}, {"e", 50}})));
    CHECK(class_of(r, "a") == "xs");
    CHECK(class_of(r, "b") == "xs");
    CHECK(class_of(r, "c") == "tot");  // floor(0.4 × 5) = 2 already admitted
    CHECK(class_of(r, "d") == "tot");
    CHECK(class_of(r, "e") == "kht");
    const auto& cl = r.data().classes;
    CHECK(cl.refused_by[r.unit_index("c")] == 0);
    CHECK(cl.refused_by[r.unit_index("d")] == -1);
    CHECK(cl.tie_admitted[r.unit_index("b")] == 0);
    const auto* q = cl.quota(0, 0);
    REQUIRE(q != nullptr);
    CHECK(q->base == 5);
    CHECK(q->limit == 2);
    CHECK(q->admitted == 2);
    CHECK(report_unit(report_json(r), "c").at("class_reason").as_string() ==
          "not admitted to xs: the class is capped at 40% (2 of 5 units of the cluster)");
    CHECK(report_unit(report_json(r), "d").at("class_reason").is_null());
}

TEST_CASE("units still tied with the last unit a quota admitted are admitted too") {
    const auto classes = R"([{"id": "xs", "min_score": 90, "max_share": "0.2"}, {"id": "tot", "min_score": 80}, {"id": "kht"}])";
    const auto rows = values({{"a", 98}, {"b", 98}, {"c", 96}, {"d", 85}, {"e", 50}});
    SUBCASE("without a tie-break") {
        const auto r = score(manual_campaign(communes({"a", "b", "c", "d", "e"}), classes), results_doc(rows));
        CHECK(class_of(r, "a") == "xs");
        CHECK(class_of(r, "b") == "xs");
        CHECK(class_of(r, "c") == "tot");
        CHECK(r.data().classes.tie_admitted[r.unit_index("a")] == 0);
        CHECK(r.data().classes.tie_admitted[r.unit_index("b")] == 1);
        CHECK(r.data().classes.quota(0, 0)->admitted == 2);
        const auto warnings = report_unit(report_json(r), "b").at("warnings").as_array();
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0].at("code").as_string() == "quota_tie");
        CHECK(warnings[0].at("subject").as_string() == "xs");
    }
    SUBCASE("a tie-break that separates them leaves the quota at one") {
        auto c = manual_campaign(communes({"a", "b", "c", "d", "e"}), classes);
        c["tie_breaks"] = parse(R"([{"kind": "lot", "seed": 2024}])");
        const auto r = score(c, results_doc(rows));
        const bool a_first = thidua::detail::fnv1a64("2024:a") < thidua::detail::fnv1a64("2024:b");
        CHECK(class_of(r, a_first ? "a" : "b") == "xs");
        CHECK(class_of(r, a_first ? "b" : "a") == "tot");
        CHECK(r.data().classes.tie_admitted[r.unit_index("b")] == 0);
    }
}

TEST_CASE("a quota of zero admits nobody even when units are tied") {
    const auto r = score(manual_campaign(communes({"a", "b"}), R"([{"id": "xs", "min_score": 90, "max_share": "0.4"},
                                                                  {"id": "kht"}])"),
                         results_doc(values({{"a", 98}, {"b", 98}})));
    CHECK(class_of(r, "a") == "kht");  // floor(0.4 × 2) = 0
    CHECK(class_of(r, "b") == "kht");
    CHECK(r.data().classes.refused_by[0] == 0);
}

TEST_CASE("share_of bases a quota on the units qualifying for that class or higher") {
    const auto units = communes({"u1", "u2", "u3", "u4", "u5", "u6"});
    const auto rows = values({{"u1", 100}, {"u2", 97}, {"u3", 96}, {"u4", 85}, {"u5", 60}, {"u6", 40}});
    SUBCASE("share_of the good class") {
        const auto r = score(manual_campaign(units, R"([{"id": "xs", "min_score": 95, "max_share": "0.5", "share_of": "tot"},
                                                       {"id": "tot", "min_score": 80}, {"id": "ht", "min_score": 50},
                                                       {"id": "kht"}])"),
                             results_doc(rows));
        const auto* q = r.data().classes.quota(0, 0);
        REQUIRE(q != nullptr);
        CHECK(q->base == 4);  // 100, 97, 96 and 85 reach tot or higher
        CHECK(q->limit == 2);
        CHECK(class_of(r, "u1") == "xs");
        CHECK(class_of(r, "u2") == "xs");
        CHECK(class_of(r, "u3") == "tot");
        CHECK(class_of(r, "u4") == "tot");
        CHECK(class_of(r, "u5") == "ht");
        CHECK(class_of(r, "u6") == "kht");
        CHECK(report_unit(report_json(r), "u3").at("class_reason").as_string() ==
              "not admitted to xs: the class is capped at 50% (2 of 4 units qualifying for tot or higher)");
    }
    SUBCASE("without share_of the base is the cluster") {
        const auto r = score(manual_campaign(units, R"([{"id": "xs", "min_score": 95, "max_share": "0.5"},
                                                       {"id": "tot", "min_score": 80}, {"id": "ht", "min_score": 50},
                                                       {"id": "kht"}])"),
                             results_doc(rows));
        CHECK(r.data().classes.quota(0, 0)->base == 6);
        CHECK(class_of(r, "u3") == "xs");  // floor(0.5 × 6) = 3
    }
}

TEST_CASE("quotas are given out per cluster") {
    auto units = communes({"a1", "a2", "a3"}, "c1");
    for (auto& u : communes({"b1", "b2", "b3"}, "c2")) units.push_back(u);
    auto c = manual_campaign(units, R"([{"id": "xs", "min_score": 90, "max_share": "0.34"}, {"id": "tot", "min_score": 80},
                                       {"id": "kht"}])");
    c["clusters"].as_array().push_back(json::object{{"id", "c2"}, {"name", "Cụm 2"}});
    const auto r = score(c, results_doc(values({{"a1", 95}, {"a2", 93}, {"a3", 70}, {"b1", 91}, {"b2", 99}, {"b3", 92}})));
    CHECK(class_of(r, "a1") == "xs");
    CHECK(class_of(r, "a2") == "tot");
    CHECK(class_of(r, "a3") == "kht");
    CHECK(class_of(r, "b2") == "xs");
    CHECK(class_of(r, "b3") == "tot");
    CHECK(class_of(r, "b1") == "tot");
    const auto& cl = r.data().classes;
    CHECK(cl.quotas.size() == 2);
    REQUIRE(cl.quota(1, 0) != nullptr);
    CHECK(cl.quota(0, 0)->limit == 1);  // floor(0.34 × 3)
    CHECK(cl.quota(1, 0)->admitted == 1);
}

TEST_CASE("classes by score alone classify like the general path, vetoes included") {
    // The same classes with a condition that always holds (no criterion is mandatory) take the general path.
    // Falling thresholds count the classes a total misses; thresholds out of order search class by class.
    const char* falling = four_classes;
    const char* out_of_order = R"([{"id": "tot", "min_score": 80}, {"id": "xs", "min_score": 90},
                                   {"id": "ht", "min_score": 50}, {"id": "kht"}])";
    for (const char* classes : {falling, out_of_order}) {
        CAPTURE(classes);
        std::mt19937_64 rng(5);
        json::array units, rows, events;
        for (int i = 0; i < 300; ++i) {
            const std::string id = "u" + std::to_string(i);
            units.push_back(json::object{{"id", id}, {"name", id}, {"kind", "commune"}, {"cluster", "c1"}});
            const int edges[] = {90, 80, 50, 0, 100};
            const auto hundredths = rng() % 10'001;  // 0.00 … 100.00
            const std::string cents = std::to_string(hundredths % 100);
            const json::value value = rng() % 4 == 0 ? json::value(edges[rng() % 5])
                                                     : json::value(std::to_string(hundredths / 100) + "." +
                                                                   (cents.size() < 2 ? "0" : "") + cents);
            rows.push_back(row(id, "a", value));
            if (rng() % 7 == 0) events.push_back(json::object{{"unit", id}, {"adjustment", rng() % 2 ? "vp" : "nhe"}});
        }
        auto by_score = manual_campaign(units, classes);
        by_score["adjustments"] = parse(R"([{"id": "vp", "kind": "disqualify", "forces_class": "ht"},
                                            {"id": "nhe", "kind": "disqualify", "forces_class": "tot"}])");
        auto general = by_score;
        for (auto& k : general["classes"].as_array()) {
            if (k.as_object().contains("min_score")) k.as_object()["requires_all_mandatory"] = true;
        }
        const auto results = results_doc(rows, events);
        const auto fast = score(by_score, results), slow = score(general, results);
        REQUIRE(fast.units() == 300);
        CHECK(fast.data().classes.cls == slow.data().classes.cls);
        CHECK(fast.data().classes.refused_by == slow.data().classes.refused_by);
        CHECK(std::count(fast.data().classes.cls.begin(), fast.data().classes.cls.end(), 0) > 20);
    }
}
