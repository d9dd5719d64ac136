// model/history.hpp: awards that look back on earlier years ("excellent two years running", "no flag twice in three
// years"), merged units read through their predecessors, and history naming a unit the campaign does not know.

#include <doctest/doctest.h>

#include "builders.hpp"
#include "thidua/detail/texts.hpp"

using namespace thidua_test;

namespace {

/// 2024: u1 90, u2 88, u3 (merged from old-a and old-b) 95; classes xs ≥ 85, ht; the certificate needs xs two years
/// running, the flag (one per year) not received in the last two years.
json::object history_campaign(std::string_view predecessors_rule = "all") {
    auto c = with_criteria(R"([{"id": "a", "max_points": 100, "rule": {"kind": "manual"}}])");
    c["units"] = parse(R"([{"id": "u1", "name": "Xã Một", "kind": "commune", "cluster": "c1"},
                           {"id": "u2", "name": "Xã Hai", "kind": "commune", "cluster": "c1"},
                           {"id": "u3", "name": "Xã Ba", "kind": "commune", "cluster": "c1", "predecessors": ["old-a", "old-b"]}])");
    c["classes"] = parse(R"([{"id": "xs", "title": "Xuất sắc", "min_score": 85}, {"id": "ht", "title": "Hoàn thành"}])");
    c["awards"] = parse(R"([{"id": "co", "title": "Cờ thi đua", "count": 1, "history": {"not_within_years": 2}},
                            {"id": "bk", "title": "Bằng khen", "count": 3, "history": {"class_at_least": "xs", "consecutive_years": 2}}])");
    c["history_predecessors"] = predecessors_rule;
    return c;
}

thidua::past_unit past(std::string id, std::string cls, std::vector<std::string> awards = {}) {
    return {std::move(id), std::move(cls), std::move(awards), "90.00", 1};
}

thidua::report history_report(std::string_view rule, std::vector<thidua::past_year> history) {
    auto r = results_of(results_doc(json::array{row("u1", "a", 90), row("u2", "a", 88), row("u3", "a", 95)}));
    r.history = std::move(history);
    return thidua::score(campaign_of(history_campaign(rule)), std::move(r));
}

std::string reason(const thidua::report& r, std::string_view unit, std::size_t award) {
    return thidua::detail::award_reason(r, r.unit_index(unit), award, thidua::language::vi);
}

}  // namespace

TEST_CASE("an award's history gate reads earlier years, merged units through their predecessors") {
    const std::vector<thidua::past_year> years = {
        {2023, "t", "bao-cao-2023.json", {past("u1", "xs", {"co"}), past("u2", "ht"), past("old-a", "xs"), past("old-b", "ht")}, ""},
        {2022, "t", "bao-cao-2022.json", {past("u1", "xs"), past("u2", "xs", {"co"}), past("old-a", "xs"), past("old-b", "xs")}, ""}};
    const auto all = history_report("all", years);
    const auto u1 = all.unit_index("u1"), u2 = all.unit_index("u2"), u3 = all.unit_index("u3");
    // The flag: u3 leads, but first u1 and u2 … u3 (95) receives it: no predecessor held it in 2022–2023.
    CHECK(all.has_award(u3, 0));
    CHECK(reason(all, "u1", 0) == "đã nhận «Cờ thi đua» năm 2023 (không xét lại trong 2 năm)");
    // The certificate: xs in 2023 and 2024. u1 yes; u2 was ht in 2023; u3's predecessors were xs and ht (all: no).
    CHECK(all.has_award(u1, 1));
    CHECK_FALSE(all.has_award(u2, 1));
    CHECK(reason(all, "u2", 1) == "chưa đủ 2 năm liên tục đạt «Xuất sắc» trở lên: năm 2023 «Hoàn thành»");
    CHECK_FALSE(all.has_award(u3, 1));
    CHECK(reason(all, "u3", 1) == "chưa đủ 2 năm liên tục đạt «Xuất sắc» trở lên: năm 2023 «Hoàn thành»");
    // "any": one predecessor excellent in 2023 is enough.
    CHECK(history_report("any", years).has_award(u3, 1));
    // Without history the two-year gate cannot be met; a one-year look back with nothing received passes.
    const auto none = history_report("all", {});
    CHECK_FALSE(none.has_award(u1, 1));
    CHECK(reason(none, "u1", 1) == "chưa đủ 2 năm liên tục đạt «Xuất sắc» trở lên: năm 2023 không có kết quả");
    CHECK(none.has_award(u3, 0));
    // A unit of history that is neither a unit nor a predecessor is an error naming it.
    const auto failed = failure_of([&] { history_report("all", {{2023, "t", "bao-cao-2023.json", {past("u9", "xs")}, ""}}); });
    CHECK(failed.kind == "reference_error");
    CHECK(failed.where.document == "bao-cao-2023.json");
    CHECK(failed.where.pointer == "/units/0/id");
    CHECK(failed.what.find("'u9'") != std::string::npos);
}

TEST_CASE("a class may look back too: excellent two years running as a class of its own") {
    auto c = history_campaign();
    c["classes"] = parse(R"([{"id": "xs2", "title": "Xuất sắc hai năm liền", "min_score": 85,
                              "history": {"class_at_least": "xs", "consecutive_years": 2}},
                             {"id": "xs", "title": "Xuất sắc", "min_score": 85}, {"id": "ht", "title": "Hoàn thành"}])");
    c["awards"] = json::array{};
    auto r = results_of(results_doc(json::array{row("u1", "a", 90), row("u2", "a", 88), row("u3", "a", 95)}));
    r.history = {{2023, "t", "bao-cao-2023.json", {past("u1", "xs"), past("u2", "ht"), past("old-a", "xs2"), past("old-b", "xs")}, ""}};
    const auto report = thidua::score(campaign_of(c), std::move(r));
    CHECK(report.campaign().classes[report.class_of(report.unit_index("u1"))].id == "xs2");
    CHECK(report.campaign().classes[report.class_of(report.unit_index("u2"))].id == "xs");
    CHECK(report.campaign().classes[report.class_of(report.unit_index("u3"))].id == "xs2");  // both predecessors xs or better
    const auto why = thidua::explain(report, report.unit_index("u2"), thidua::language::vi).prose();
    CHECK(why.find("Chưa đạt «Xuất sắc hai năm liền»: chưa đủ 2 năm liên tục đạt «Xuất sắc» trở lên: năm 2023 «Hoàn thành»") !=
          std::string::npos);
    CHECK(thidua::to_canonical_json(campaign_of(c)).find(R"("history":{"class_at_least":"xs","consecutive_years":2},"id":"xs2")") !=
          std::string::npos);
}

TEST_CASE("a saved report reads back as the year its history gates look at") {
    const auto saved = thidua::to_json(history_report("all", {}));
    const auto year = thidua::read_past_year(saved, "bao-cao-2024.json");
    CHECK(year.year == 2024);  // the year its period ends
    CHECK(year.source == "bao-cao-2024.json");
    REQUIRE(year.units.size() == 3);
    CHECK(year.units[0].id == "u3");  // in the report's order, the ranking's
    CHECK(year.units[0].class_id == "xs");
    CHECK(year.units[0].total == "95.00");
    CHECK(year.units[0].cluster_rank == 1);
    // Scored without history: the flag (nothing received before) but not the two-year certificate.
    CHECK(year.units[0].awards == std::vector<std::string>{"co"});
    CHECK(year.units[2].id == "u2");
    CHECK(year.units[2].cluster_rank == 3);
    CHECK(thidua::read_past_year(saved, "x", "", 2022).year == 2022);  // a year given wins
    // Keys history does not read (another library version's) are passed over; a missing period needs the year.
    const auto failed = failure_of([] {
        (void)thidua::read_past_year(R"({"thidua_report": 1, "future_key": [], "units": []})", "cu.json");
    });
    CHECK(failed.kind == "schema_error");
    CHECK(failed.what == "cu.json: the report does not say its period: give the year it reports on");
    CHECK(failure_of([] { (void)thidua::read_past_year(R"({"thidua_report": 1, "period": {"end": "2024-12-31"},
                                                          "units": [{"id": "u1"}]})", "cu.json"); })
              .where.pointer == "/units/0");
}

TEST_CASE("results carry their earlier years in canonical form and read them back") {
    auto r = results_of(results_doc(json::array{row("u1", "a", 90), row("u2", "a", 88), row("u3", "a", 95)}));
    const auto plain = thidua::to_canonical_json(r);
    r.history = {{2023, "t", "bao-cao-2023.json", {past("u1", "xs", {"co"}), past("old-a", "xs")}, ""}};
    const auto text = thidua::to_canonical_json(r);
    CHECK(text != plain);  // the years that decide the gates are part of the fingerprint
    CHECK(text.find(R"("history":[{"campaign":"t","units":[{"awards":["co"],"class":"xs","cluster_rank":1,"id":"u1","total":"90.00"},)") !=
          std::string::npos);
    const auto back = thidua::read_results(text, "lai.json");
    REQUIRE(back.history.size() == 1);
    CHECK(back.history[0].year == 2023);
    CHECK(back.history[0].units[0].awards == std::vector<std::string>{"co"});
    CHECK(back.history[0].at == "/history/0");
    CHECK(thidua::to_canonical_json(back) == text);
    // A unit of an embedded year that the campaign does not know is named by its place in the results document.
    auto stranger = back;
    stranger.history[0].units[1].id = "old-z";
    const auto failed = failure_of([&] { (void)thidua::score(campaign_of(history_campaign()), stranger); });
    CHECK(failed.where.document == "lai.json");
    CHECK(failed.where.pointer == "/history/0/units/1/id");
}
