// thidua/model/legal.hpp: the dated legal tables, and a campaign that takes its base salary and its awards'
// multipliers from them on the day of the award decision.

#include <doctest/doctest.h>

#include "builders.hpp"
#include "thidua/detail/texts.hpp"
#include "thidua/model/legal.hpp"

using namespace thidua_test;
using namespace thidua::literals;

namespace {

thidua::date day(std::string_view iso) { return *thidua::date::parse(iso); }

/// Two communes, u1 at 90 and u2 at 60 points; a flag for the best unit named by its legal title.
json::object flag_campaign(std::string_view decided) {
    auto c = with_criteria(R"([{"id": "a", "max_points": 100, "rule": {"kind": "manual"}}])");
    c["classes"] = parse(R"([{"id": "xs", "min_score": 85}, {"id": "kht"}])");
    c["awards"] = parse(R"([{"id": "co", "count": 1, "legal_title": "co-thi-dua-tinh"},
                            {"id": "tt", "count": 1, "legal_title": "tap-the-lao-dong-tien-tien", "multiplier": 1}])");
    c["base_salary"] = "legal";
    if (!decided.empty()) c["decided"] = decided;
    return c;
}

thidua::report flag_report(std::string_view decided) {
    return score(flag_campaign(decided), results_doc(json::array{row("u1", "a", 90), row("u2", "a", 60)}));
}

}  // namespace

TEST_CASE("the base salary and the decree in force follow the dates of the tables") {
    CHECK(thidua::legal::base_salary_on(day("2019-06-30"))->amount == 1390000_d);
    CHECK(thidua::legal::base_salary_on(day("2019-07-01"))->amount == 1490000_d);
    CHECK(thidua::legal::base_salary_on(day("2023-06-30"))->amount == 1490000_d);  // the 2020 rise never happened
    CHECK(thidua::legal::base_salary_on(day("2023-07-01"))->amount == 1800000_d);
    CHECK(thidua::legal::base_salary_on(day("2024-07-01"))->amount == 2340000_d);
    CHECK(thidua::legal::base_salary_on(day("2024-07-01"))->cite.article == "Điều 3 khoản 2");
    CHECK(thidua::legal::base_salary_on(day("2018-06-30")) == nullptr);
    CHECK(thidua::legal::decree_on(day("2023-12-31"))->id == "nd-91-2017");
    CHECK(thidua::legal::decree_on(day("2024-01-01"))->id == "nd-98-2023");
    CHECK(thidua::legal::decree_on(day("2025-06-30"))->id == "nd-98-2023");
    CHECK(thidua::legal::decree_on(day("2025-07-01"))->id == "nd-152-2025");
    CHECK(thidua::legal::title_on("co-thi-dua-chinh-phu", day("2025-07-01"))->multiplier == 12_d);
    CHECK(thidua::legal::title_on("tap-the-lao-dong-tien-tien", day("2024-05-01"))->multiplier == 0.8_d);
    CHECK(thidua::legal::title_on("xa-phuong-tieu-bieu", day("2023-01-01")) == nullptr);  // not a title of 91/2017
    for (const auto& t : thidua::legal::collective_titles()) {
        CHECK(std::any_of(thidua::legal::decrees().begin(), thidua::legal::decrees().end(),
                          [&](const auto& d) { return d.id == t.decree; }));
    }
}

TEST_CASE("a campaign takes the salary and the multipliers in force on its decision day; its own figures win") {
    // A Nov 2024 – Oct 2025 campaign: decided in June 2025 it pays under Decree 98/2023, in July under 152/2025;
    // the flag is 8 × 2 340 000 either way, and the tập thể tiên tiến keeps its own multiplier of 1.
    const auto june = flag_report("2025-06-30");
    CHECK(june.award_amount(0) == 18720000_d);
    CHECK(june.award_amount(1) == 2340000_d);
    const auto doc = report_json(june);
    CHECK(json::serialize(doc.at("legal")) ==
          R"({"decided":"2025-06-30","base_salary":{"amount":"2340000","document":"Nghị định 73/2024/NĐ-CP","article":"Điều 3 khoản 2"},)"
          R"("awards":[{"id":"co","legal_title":"co-thi-dua-tinh","decree":"Nghị định 98/2023/NĐ-CP","article":"Điều 54","multiplier":"8"}]})");
    CHECK(report_json(flag_report("2025-07-01")).at("legal").at("awards").at(0).at("decree").as_string() == "Nghị định 152/2025/NĐ-CP");
    const auto older = flag_report("2023-01-05");
    CHECK(older.award_amount(0) == 11920000_d);  // 8 × 1 490 000 under Decree 91/2017
    // The canonical campaign keeps what was written: "legal", the title, not the figures taken from the tables.
    const auto canonical = thidua::to_canonical_json(campaign_of(flag_campaign("2025-06-30")));
    CHECK(canonical.find(R"("base_salary":"legal")") != std::string::npos);
    CHECK(canonical.find(R"("legal_title":"co-thi-dua-tinh","max_share")") == std::string::npos);
    CHECK(canonical.find(R"("multiplier":"8")") == std::string::npos);
    CHECK(thidua::to_canonical_json(thidua::read_campaign(canonical)) == canonical);
    // Without a number, explained: the legal_title and "legal" need the decision day; a title the decree lacks.
    const auto undated = campaign_failure(flag_campaign(""));
    CHECK(undated.kind == "validation_error");
    CHECK(undated.where.pointer == "/decided");
    auto unknown = flag_campaign("2023-01-05");
    unknown["awards"].as_array()[0].as_object()["legal_title"] = "xa-phuong-tieu-bieu";
    const auto failed = campaign_failure(unknown);
    CHECK(failed.where.pointer == "/awards/0/legal_title");
    CHECK(failed.what.find("Nghị định 91/2017/NĐ-CP: co-thi-dua-chinh-phu, co-thi-dua-tinh") != std::string::npos);
}

TEST_CASE("the report words the legal basis of its cash in both languages") {
    const auto r = flag_report("2025-06-30");
    const auto vi = thidua::detail::legal_basis(r, thidua::language::vi);
    REQUIRE(vi.size() == 2);
    CHECK(vi[0] == "Mức lương cơ sở 2.340.000 đồng (Nghị định 73/2024/NĐ-CP, Điều 3 khoản 2), áp dụng tại ngày quyết định "
                   "khen thưởng 30/06/2025");
    CHECK(vi[1] == "co: 8 lần mức lương cơ sở (Nghị định 98/2023/NĐ-CP, Điều 54)");
    CHECK(thidua::detail::legal_basis(r, thidua::language::en)[1] == "co: 8 × the base salary (Nghị định 98/2023/NĐ-CP, Điều 54)");
}
