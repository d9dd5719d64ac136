// Assessment layers (docs/semantics.md §13): each slot's final figure is the last layer's that gives it, the events
// and votes are the last stating layer's, each layer alone is a report, and the merged report equals scoring the
// final rows from scratch.

#include <doctest/doctest.h>

#include "builders.hpp"
#include "thidua/analysis/what_if.hpp"
#include "thidua/io/json.hpp"
#include "thidua/report/explain.hpp"
#include "thidua/report/tables.hpp"

using namespace thidua_test;
using namespace thidua::literals;

namespace {

/// "a" manual (10 points), "b" boolean (10 points), scale 20; classes xs ≥ 15, ht ≥ 5, kht; a bonus of 2 points.
json::object layer_campaign() {
    auto c = with_criteria(R"([{"id": "a", "title": "Mô hình", "max_points": 10, "rule": {"kind": "manual"}},
                                {"id": "b", "max_points": 10, "rule": {"kind": "boolean"}}])");
    c["units"] = communes({"u1", "u2"});
    c["scale"] = 20;
    c["classes"] = parse(R"([{"id": "xs", "min_score": 15}, {"id": "ht", "min_score": 5}, {"id": "kht"}])");
    c["adjustments"] = parse(R"([{"id": "sk", "kind": "bonus", "points_per_item": 2}])");
    return c;
}

/// A results document of layer `id` with these rows (and events, when given).
thidua::results layer_doc(std::string_view id, std::string_view rows, std::string_view events = "") {
    auto doc = results_doc(parse(rows).as_array());
    doc["layer"] = id;
    if (!events.empty()) doc["events"] = parse(events);
    return thidua::read_results(text(doc), std::string(id) + ".json");
}

constexpr std::string_view self_rows = R"([{"unit": "u1", "criterion": "a", "value": 8},
                                          {"unit": "u1", "criterion": "b", "value": true},
                                          {"unit": "u2", "criterion": "a", "value": 6},
                                          {"unit": "u2", "criterion": "b", "value": false}])";

thidua::report layered_report(std::string_view appraisal_rows, std::string_view self_events = "",
                              std::string_view appraisal_events = "") {
    return thidua::score(campaign_of(layer_campaign()),
                         thidua::layered({layer_doc("tu-cham", self_rows, self_events),
                                          layer_doc("tham-dinh", appraisal_rows, appraisal_events)}));
}

}  // namespace

TEST_CASE("the last layer giving a slot sets its figure; each layer alone is a report") {
    const auto r = layered_report(R"([{"unit": "u1", "criterion": "a", "value": 4}])");
    REQUIRE(r.layers().size() == 2);
    CHECK(r.layers()[0].id == "tu-cham");
    CHECK(r.layers()[1].id == "tham-dinh");
    const std::size_t u1 = r.unit_index("u1"), u2 = r.unit_index("u2");
    CHECK(r.total(u1) == 14.00_d);
    CHECK(r.campaign().classes[r.class_of(u1)].id == "ht");
    CHECK(r.total(u2) == 6.00_d);
    CHECK(r.layer_report(0).total(u1) == 18.00_d);
    CHECK(r.layer_report(0).campaign().classes[r.layer_report(0).class_of(u1)].id == "xs");
    CHECK(r.layer_report(1).total(u1) == 4.00_d);  // alone, the appraisal gives only "a"
    CHECK(r.set_by(0, u1, 0) == 1);
    CHECK(r.set_by(0, u1, 1) == 0);
    CHECK(r.set_by(0, u2, 0) == 0);
    CHECK(r.layer_report(0).layers().empty());  // a layer alone is a plain report

    // The same as scoring the final rows from scratch.
    const auto flat = score_rows(layer_campaign(), R"([{"unit": "u1", "criterion": "a", "value": 4},
                                                       {"unit": "u1", "criterion": "b", "value": true},
                                                       {"unit": "u2", "criterion": "a", "value": 6},
                                                       {"unit": "u2", "criterion": "b", "value": false}])");
    for (std::size_t u = 0; u < r.units(); ++u) {
        CHECK(r.total(u) == flat.total(u));
        CHECK(r.class_of(u) == flat.class_of(u));
        CHECK(r.cluster_rank(u) == flat.cluster_rank(u));
    }

    const auto doc = report_json(r);
    CHECK(doc.at("inputs").at("results").as_int64() == 5);
    CHECK(doc.at("inputs").at("used").as_int64() == 4);
    CHECK(doc.at("inputs").at("superseded").as_int64() == 1);
    CHECK(doc.at("layers").as_array().size() == 2);
    CHECK(doc.at("layers").as_array()[1].at("title").as_string() == "Appraisal");
    const auto unit = report_unit(doc, "u1");
    CHECK(unit.at("set_by").at("main/a").as_string() == "tham-dinh");
    CHECK(unit.at("set_by").at("main/b").as_string() == "tu-cham");
    const auto& self = unit.at("layers").as_array()[0].as_object();
    CHECK(self.at("layer").as_string() == "tu-cham");
    CHECK(self.at("points").at("main/a").as_string() == "8.00");
    CHECK(self.at("total").as_string() == "18.00");
    CHECK(self.at("class").as_string() == "xs");
    CHECK(unit.at("layers").as_array()[1].at("points").as_object().size() == 1);
    CHECK(r.results_sha256() != flat.results_sha256());  // the input names each row's layer
}

TEST_CASE("an explanation gives each layer's figure where they differ") {
    const auto r = layered_report(R"([{"unit": "u1", "criterion": "a", "value": 4},
                                      {"unit": "u2", "criterion": "a", "value": 6}])");
    const auto vi = thidua::explain(r, r.unit_index("u1"), thidua::language::vi).prose();
    CHECK(vi.find("Mô hình: tự chấm 8, thẩm định công nhận 4") != std::string::npos);
    const auto en = thidua::explain(r, r.unit_index("u1"), thidua::language::en).prose();
    CHECK(en.find("Mô hình: self-assessment 8, appraisal accepted 4") != std::string::npos);
    // The same figure in both layers says nothing more.
    const auto same = thidua::explain(r, r.unit_index("u2"), thidua::language::vi).prose();
    CHECK(same.find("công nhận") == std::string::npos);
}

TEST_CASE("a later layer that changes a status says why") {
    const auto fails = failure_of([] { (void)layered_report(R"([{"unit": "u1", "criterion": "a", "status": "exempt"}])"); });
    CHECK(fails.kind == "validation_error");
    CHECK(fails.where.document == "tham-dinh.json");
    CHECK(fails.where.pointer == "/results/0/note");
    CHECK(fails.what.find("layer 'tham-dinh' changes the status of unit 'u1', criterion 'a' from 'reported' (layer "
                          "'tu-cham', tu-cham.json /results/0) to 'exempt'") != std::string::npos);
    const auto r = layered_report(R"([{"unit": "u1", "criterion": "a", "status": "exempt", "note": "lùi chỉ tiêu"}])");
    CHECK(r.total(r.unit_index("u1")) == 20.00_d);  // 10 of a scale of 10, scaled to 20
}

TEST_CASE("the events of the last layer stating them are final") {
    const std::string_view events = R"([{"unit": "u1", "adjustment": "sk"}])";
    const std::string_view rows = R"([{"unit": "u2", "criterion": "a", "value": 6}])";
    const auto kept = layered_report(rows, events);
    CHECK(kept.bonus(kept.unit_index("u1")) == 2.00_d);
    const auto withdrawn = layered_report(rows, events, "[]");
    CHECK(withdrawn.bonus(withdrawn.unit_index("u1")) == 0.00_d);
    CHECK(withdrawn.layer_report(0).bonus(withdrawn.unit_index("u1")) == 2.00_d);
}

TEST_CASE("layers: unnamed documents are named by position, and join a named layer when appended") {
    auto plain = results_of(results_doc(parse(self_rows).as_array()));
    auto second = results_of(results_doc(parse(R"([{"unit": "u1", "criterion": "a", "value": 3}])").as_array()));
    const auto r = thidua::score(campaign_of(layer_campaign()), thidua::layered({plain, second}));
    REQUIRE(r.layers().size() == 2);
    CHECK(r.layers()[0].id == "1");
    CHECK(r.layers()[1].id == "2");
    CHECK(r.total(r.unit_index("u1")) == 13.00_d);

    auto named = layer_doc("tham-dinh", R"([{"unit": "u1", "criterion": "a", "value": 3}])");
    thidua::append(named, results_of(results_doc({}, parse(R"([{"unit": "u1", "adjustment": "sk"}])").as_array())));
    REQUIRE(named.layers.size() == 1);
    CHECK(named.layer_of(named.events.at(0).origin) == 0);
    // One layer is not layered scoring.
    const auto single = thidua::score(campaign_of(layer_campaign()), named);
    CHECK(single.layers().empty());
}

TEST_CASE("a what-if on a layered report changes its last layer") {
    const auto r = layered_report(R"([{"unit": "u1", "criterion": "a", "value": 4}])");
    const auto after = thidua::what_if(r, thidua::read_what_if(R"([{"unit": "u1", "criterion": "a", "value": 9},
                                                                   {"unit": "u2", "criterion": "a", "value": 7},
                                                                   {"unit": "u2", "total_delta": 1}])"));
    REQUIRE(after.layers().size() == 2);
    CHECK(after.total(after.unit_index("u1")) == 19.00_d);
    CHECK(after.total(after.unit_index("u2")) == 8.00_d);
    CHECK(after.layer_report(0).total(after.unit_index("u1")) == 18.00_d);
    CHECK(after.layer_report(0).total(after.unit_index("u2")) == 6.00_d);
    CHECK(after.set_by(0, after.unit_index("u2"), 0) == 1);
}

TEST_CASE("the layer table, the changed slots and a layer's canonical document") {
    const auto r = layered_report(R"([{"unit": "u1", "criterion": "a", "value": 4},
                                      {"unit": "u2", "criterion": "a", "value": 6}])");
    const std::size_t u1 = r.unit_index("u1"), u2 = r.unit_index("u2");
    CHECK(r.layers_differ(0, u1, 0));
    CHECK_FALSE(r.layers_differ(0, u2, 0));  // the same figure given twice
    CHECK_FALSE(r.layers_differ(0, u1, 1));  // given once
    const thidua::layer_table t = thidua::layer_rows(r);
    REQUIRE(t.size() == 6);  // four self-assessed slots, two appraised
    std::size_t finals = 0, changed = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        finals += t.final_figure[i];
        changed += t.changed[i];
        if (t.unit[i] == u1 && t.criterion[i] == 0) {
            CHECK(t.points[i] == (t.layer[i] == 0 ? 8'000'000 : 4'000'000));
            CHECK(t.final_figure[i] == (t.layer[i] == 1));
        }
    }
    CHECK(finals == 4);
    CHECK(changed == 2);
    CHECK(thidua::slot_rows(r).changed.size() == 4);
    CHECK(thidua::slot_rows(r.layer_report(0)).changed.empty());

    // One layer's canonical document names it and reads back as that layer.
    const auto& alone = r.layer_report(1).results();
    const std::string canonical = thidua::to_canonical_json(alone);
    CHECK(canonical.find(R"("layer":{"id":"tham-dinh"})") != std::string::npos);
    const auto again = thidua::read_results(canonical);
    REQUIRE(again.layers.size() == 1);
    CHECK(again.layers[0].id == "tham-dinh");
    CHECK(thidua::to_canonical_json(again) == canonical);
}
