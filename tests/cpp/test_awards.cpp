// Awards (thidua/outcomes/awards.hpp, docs/semantics.md §4 step 10): quotas by count or share, the gates and their
// refusal bits, the overall scope, ties with the last receiver, and the cash of each award.

#include <doctest/doctest.h>

#include "builders.hpp"
#include "thidua/detail/texts.hpp"

using namespace thidua_test;
using namespace thidua::literals;

namespace {

/// Criterion "a": manual, 100 points (total = value); classes xs ≥ 90, tot ≥ 80, ht ≥ 50, kht.
json::object award_campaign(json::array units, std::string_view awards) {
    auto c = with_criteria(R"([{"id": "a", "max_points": 100, "rule": {"kind": "manual"}}])");
    c["units"] = std::move(units);
    c["classes"] = parse(R"([{"id": "xs", "min_score": 90}, {"id": "tot", "min_score": 80}, {"id": "ht", "min_score": 50},
                             {"id": "kht"}])");
    c["awards"] = parse(awards);
    return c;
}

json::array values(std::initializer_list<std::pair<std::string_view, json::value>> pairs) {
    json::array rows;
    for (const auto& [unit, value] : pairs) rows.push_back(row(unit, "a", value));
    return rows;
}

bool has(const thidua::report& r, std::string_view unit, std::size_t award) {
    return r.has_award(r.unit_index(unit), award);
}

unsigned refused(const thidua::report& r, std::string_view unit, std::size_t award) {
    return r.data().awards.refused[r.unit_index(unit) * r.campaign().awards.size() + award];
}

std::string reason(const thidua::report& r, std::string_view unit, std::string_view award) {
    const auto reasons = report_unit(report_json(r), unit).at("award_reasons").as_object();
    return reasons.contains(award) ? std::string(reasons.at(award).as_string()) : std::string("(given)");
}

}  // namespace

TEST_CASE("an award with a count goes to that many units in rank order") {
    const auto r = score(award_campaign(communes({"u1", "u2", "u3"}), R"([{"id": "co", "count": 2}])"),
                         results_doc(values({{"u1", 70}, {"u2", 95}, {"u3", 80}})));
    CHECK(has(r, "u2", 0));
    CHECK(has(r, "u3", 0));
    CHECK_FALSE(has(r, "u1", 0));
    CHECK(refused(r, "u1", 0) == thidua::refused_quota);
    CHECK(refused(r, "u2", 0) == 0);
    CHECK(r.data().awards.quota[0] == std::vector<std::int64_t>{2});
    CHECK(reason(r, "u1", "co") == "all 2 places are taken");
    CHECK(report_unit(report_json(r), "u2").at("awards").as_array() == json::array{"co"});
}

TEST_CASE("an award with max_share goes to floor of share times group size but at least min_count") {
    SUBCASE("min_count lifts a quota of zero") {
        const auto r = score(award_campaign(communes({"u1", "u2", "u3"}), R"([{"id": "bk", "max_share": "0.3", "min_count": 1}])"),
                             results_doc(values({{"u1", 70}, {"u2", 95}, {"u3", 80}})));
        CHECK(r.data().awards.quota[0] == std::vector<std::int64_t>{1});  // floor(0.9) = 0, at least 1
        CHECK(has(r, "u2", 0));
        CHECK_FALSE(has(r, "u3", 0));
    }
    SUBCASE("the share decides when it is larger") {
        const auto r = score(award_campaign(communes({"u1", "u2", "u3", "u4", "u5", "u6", "u7"}),
                                            R"([{"id": "bk", "max_share": "0.3", "min_count": 1}])"),
                             results_doc(values({{"u1", 91}, {"u2", 92}, {"u3", 93}, {"u4", 94}, {"u5", 95}, {"u6", 96},
                                                 {"u7", 97}})));
        CHECK(r.data().awards.quota[0] == std::vector<std::int64_t>{2});  // floor(2.1)
        CHECK(has(r, "u7", 0));
        CHECK(has(r, "u6", 0));
        CHECK_FALSE(has(r, "u5", 0));
    }
}

TEST_CASE("the min_class gate refuses units below that class") {
    const auto r = score(award_campaign(communes({"u1", "u2"}), R"([{"id": "co", "count": 2, "min_class": "xs"}])"),
                         results_doc(values({{"u1", 95}, {"u2", 85}})));
    CHECK(has(r, "u1", 0));
    CHECK_FALSE(has(r, "u2", 0));
    CHECK(refused(r, "u2", 0) == thidua::refused_class);
    CHECK(reason(r, "u2", "co") == "class tot is below the required xs");
}

TEST_CASE("the min_score gate refuses totals below it") {
    const auto r = score(award_campaign(communes({"u1", "u2"}), R"([{"id": "co", "count": 2, "min_score": 90}])"),
                         results_doc(values({{"u1", 90}, {"u2", "89.99"}})));
    CHECK(has(r, "u1", 0));
    CHECK(refused(r, "u2", 0) == thidua::refused_score);
    CHECK(reason(r, "u2", "co") == "total 89.99 is below the minimum 90");
}

TEST_CASE("the min_vote_share gate needs a vote share at least the minimum and fails without a vote") {
    const auto r = score(award_campaign(communes({"u1", "u2", "u3"}), R"([{"id": "co", "count": 3, "min_vote_share": "0.7"}])"),
                         results_doc(values({{"u1", 95}, {"u2", 94}, {"u3", 93}}), {},
                                     parse(R"([{"unit": "u1", "yes": 7, "of": 10}, {"unit": "u2", "yes": 5, "of": 8}])").as_array()));
    CHECK(has(r, "u1", 0));  // 7/10 = 0.7 exactly
    CHECK(refused(r, "u2", 0) == thidua::refused_vote);
    CHECK(refused(r, "u3", 0) == thidua::refused_no_vote);
    CHECK(reason(r, "u2", "co") == "5/8 votes in favour (62.5%), short of 70%");
    CHECK(reason(r, "u3", "co") == "no ballot (at least 70% in favour needed)");
}

TEST_CASE("a unit that fails a gate leaves the award to the next unit in rank order") {
    const auto r = score(award_campaign(communes({"u1", "u2", "u3"}), R"([{"id": "co", "count": 1, "min_vote_share": "0.5"}])"),
                         results_doc(values({{"u1", 95}, {"u2", 90}, {"u3", 85}}), {},
                                     parse(R"([{"unit": "u2", "yes": 6, "of": 8}, {"unit": "u3", "yes": 8, "of": 8}])").as_array()));
    CHECK_FALSE(has(r, "u1", 0));
    CHECK(has(r, "u2", 0));
    CHECK_FALSE(has(r, "u3", 0));
    CHECK(refused(r, "u3", 0) == thidua::refused_quota);
}

TEST_CASE("the exclusive_with gate refuses holders of an award given before") {
    const auto r = score(award_campaign(communes({"u1", "u2", "u3"}),
                                        R"([{"id": "co", "count": 1}, {"id": "bk", "count": 2, "exclusive_with": ["co"]}])"),
                         results_doc(values({{"u1", 95}, {"u2", 90}, {"u3", 85}})));
    CHECK(has(r, "u1", 0));
    CHECK_FALSE(has(r, "u1", 1));
    CHECK(refused(r, "u1", 1) == thidua::refused_exclusive);
    CHECK(r.data().awards.exclusive_holder[r.unit_index("u1") * 2 + 1] == 0);
    CHECK(has(r, "u2", 1));
    CHECK(has(r, "u3", 1));
    CHECK(reason(r, "u1", "bk") == "already receives co, which cannot be combined");
}

TEST_CASE("a disqualified unit is refused every award and failing gates add up") {
    auto c = award_campaign(communes({"u1", "u2"}), R"([{"id": "co", "count": 2, "min_class": "xs", "min_score": 90}])");
    c["adjustments"] = parse(R"([{"id": "kl", "kind": "disqualify", "forces_class": "ht"}])");
    const auto r = score(c, results_doc(values({{"u1", 95}, {"u2", 92}}), parse(R"([{"unit": "u1", "adjustment": "kl"}])").as_array()));
    CHECK_FALSE(has(r, "u1", 0));
    CHECK(refused(r, "u1", 0) == (thidua::refused_disqualified | thidua::refused_class));
    CHECK(reason(r, "u1", "co") == "not eligible for awards (a disqualifying event); class ht is below the required xs");
    CHECK(has(r, "u2", 0));
}

TEST_CASE("cluster awards are given in each cluster and overall awards across all units") {
    auto units = communes({"a1", "a2"}, "c1");
    for (auto& u : communes({"b1", "b2"}, "c2")) units.push_back(u);
    auto c = award_campaign(units, R"([{"id": "dau", "title": "Đơn vị dẫn đầu cụm", "count": 1},
                                      {"id": "co", "scope": "overall", "count": 1}])");
    c["clusters"].as_array().push_back(json::object{{"id", "c2"}, {"name", "Cụm 2"}});
    const auto r = score(c, results_doc(values({{"a1", 80}, {"a2", 85}, {"b1", 96}, {"b2", 70}})));
    CHECK(has(r, "a2", 0));
    CHECK(has(r, "b1", 0));
    CHECK_FALSE(has(r, "a1", 0));
    CHECK(r.data().awards.quota[0] == std::vector<std::int64_t>{1, 1});
    CHECK(has(r, "b1", 1));
    CHECK_FALSE(has(r, "a2", 1));
    CHECK(refused(r, "a2", 1) == thidua::refused_quota);
    CHECK(r.data().awards.quota[1] == std::vector<std::int64_t>{1});
}

TEST_CASE("units tied with the last receiver after every tie-break also receive the award") {
    const auto rows = values({{"u1", 95}, {"u2", 95}, {"u3", 90}});
    SUBCASE("without a tie-break") {
        const auto r = score(award_campaign(communes({"u1", "u2", "u3"}), R"([{"id": "co", "count": 1}])"), results_doc(rows));
        CHECK(has(r, "u1", 0));
        CHECK(has(r, "u2", 0));
        CHECK_FALSE(has(r, "u3", 0));
        CHECK(r.data().awards.tie_given[r.unit_index("u1")] == 0);
        CHECK(r.data().awards.tie_given[r.unit_index("u2")] == 1);
        const auto warnings = report_unit(report_json(r), "u2").at("warnings").as_array();
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0].at("code").as_string() == "award_tie");
        CHECK(warnings[0].at("subject").as_string() == "co");
    }
    SUBCASE("a tie-break that separates them") {
        auto c = award_campaign(communes({"u1", "u2", "u3"}), R"([{"id": "co", "count": 1}])");
        c["tie_breaks"] = parse(R"([{"kind": "vote"}])");
        const auto r = score(c, results_doc(rows, {}, parse(R"([{"unit": "u2", "yes": 8, "of": 8}])").as_array()));
        CHECK(has(r, "u2", 0));
        CHECK_FALSE(has(r, "u1", 0));
        CHECK(refused(r, "u1", 0) == thidua::refused_quota);
    }
    SUBCASE("a tied unit that fails a gate does not receive it") {
        auto c = award_campaign(communes({"u1", "u2", "u3"}), R"([{"id": "co", "count": 1, "min_vote_share": "0.5"}])");
        const auto r = score(c, results_doc(rows, {}, parse(R"([{"unit": "u1", "yes": 8, "of": 8}])").as_array()));
        CHECK(has(r, "u1", 0));
        CHECK(refused(r, "u2", 0) == thidua::refused_no_vote);
    }
}

TEST_CASE("award amounts are the cash or the multiplier times the base salary") {
    auto c = award_campaign(communes({"u1", "u2", "u3"}),
                            R"([{"id": "co", "count": 1, "multiplier": 8}, {"id": "bk", "count": 2, "cash": 5000000},
                                {"id": "gk", "count": 3}])");
    c["base_salary"] = 2340000;
    const auto r = score(c, results_doc(values({{"u1", 95}, {"u2", 90}, {"u3", 85}})));
    CHECK(r.award_amount(0) == 18720000_d);
    CHECK(r.award_amount(1) == 5000000_d);
    CHECK(r.award_amount(2) == 0_d);
    CHECK(r.award_cash(r.unit_index("u1")) == 23720000_d);
    CHECK(r.award_cash(r.unit_index("u2")) == 5000000_d);
    CHECK(r.award_cash(r.unit_index("u3")) == 0_d);
    const auto json = report_json(r);
    CHECK(report_unit(json, "u1").at("award_cash").as_string() == "23720000");
    const auto& cash = json.at("award_cash").as_object();
    CHECK(cash.at("awards").at("co").at("receivers").as_int64() == 1);
    CHECK(cash.at("awards").at("co").at("total").as_string() == "18720000");
    CHECK(cash.at("awards").at("bk").at("total").as_string() == "10000000");
    CHECK(cash.at("total").as_string() == "28720000");
}

TEST_CASE("a fractional multiplier is applied exactly") {
    auto c = award_campaign(communes({"u1"}), R"([{"id": "co", "count": 1, "multiplier": "1.5"}])");
    c["base_salary"] = "2340000.5";
    const auto r = score(c, results_doc(values({{"u1", 95}})));
    CHECK(r.award_amount(0) == 3510000.75_d);
}

TEST_CASE("an award's council counts absent members: the share is yes / council_size, and a ballot counts no more") {
    const auto c = award_campaign(communes({"u1", "u2", "u3"}),
                                  R"([{"id": "co", "title": "Cờ thi đua", "count": 3, "min_vote_share": "0.8", "council_size": 8}])");
    // u1: 7 of the 7 present, but 7/8 of the council = 87.5 %; u2: 6 of 6 present = 6/8 = 75 %.
    const auto r = score(c, results_doc(values({{"u1", 95}, {"u2", 94}, {"u3", 93}}), {},
                                        parse(R"([{"unit": "u1", "award": "co", "yes": 7, "of": 7},
                                                  {"unit": "u2", "award": "co", "yes": 6, "of": 6},
                                                  {"unit": "u3", "award": "co", "yes": 5, "of": 8}])").as_array()));
    CHECK(has(r, "u1", 0));
    CHECK(refused(r, "u2", 0) == thidua::refused_vote);
    CHECK(reason(r, "u3", "co") == "5/8 votes in favour (62.5%), short of 80%");
    CHECK(thidua::detail::award_reason(r, r.unit_index("u3"), 0, thidua::language::vi) ==
          "5/8 phiếu đồng ý (62,5 %), chưa đạt 80 %");
    CHECK(thidua::detail::award_reason(r, r.unit_index("u2"), 0, thidua::language::vi) ==
          "6/8 phiếu đồng ý (75 %), chưa đạt 80 %");
    // The vote-count record: the award's ballots in the cluster, in rank order.
    const auto records = report_json(r).at("ballots").as_array();
    REQUIRE(records.size() == 1);
    CHECK(json::serialize(records[0]) ==
          R"({"award":"co","cluster":"c1","council_size":8,"min_vote_share":"0.8","votes":[)"
          R"({"unit":"u1","yes":7,"of":7,"council":8,"on_award":true,"share":"0.8750","passed":true},)"
          R"({"unit":"u2","yes":6,"of":6,"council":8,"on_award":true,"share":"0.7500","passed":false},)"
          R"({"unit":"u3","yes":5,"of":8,"council":8,"on_award":true,"share":"0.6250","passed":false}]})");

    const auto over = scoring_failure(c, results_doc(values({{"u1", 95}}), {},
                                                     parse(R"([{"unit": "u1", "award": "co", "yes": 7, "of": 9}])").as_array()));
    CHECK(over.kind == "validation_error");
    CHECK(over.where.pointer == "/votes/0/of");
    CHECK(over.what.find("the ballot counts 9 members, more than the council of award 'co' (council_size 8)") !=
          std::string::npos);

    auto zero = c;
    zero["awards"].as_array()[0].as_object()["council_size"] = 0;
    CHECK(campaign_failure(zero).where.pointer == "/awards/0/council_size");
}

TEST_CASE("an award that requires registration goes only to units that registered for it") {
    auto c = award_campaign(communes({"u1", "u2", "u3"}),
                            R"([{"id": "co", "title": "Cờ thi đua", "count": 1, "requires_registration": true}])");
    c["registrations"] = parse(R"([{"unit": "u2", "awards": ["co"]}, {"unit": "u3", "awards": []}])");
    const auto r = score(c, results_doc(values({{"u1", 95}, {"u2", 94}, {"u3", 93}})));
    CHECK(refused(r, "u1", 0) == thidua::refused_unregistered);
    CHECK(has(r, "u2", 0));
    CHECK(reason(r, "u1", "co") == "did not register for “Cờ thi đua”");
    CHECK(thidua::detail::award_reason(r, r.unit_index("u1"), 0, thidua::language::vi) ==
          "chưa đăng ký thi đua danh hiệu «Cờ thi đua»");
    // The registration survives the canonical form (the campaign's fingerprint covers it).
    CHECK(thidua::to_canonical_json(campaign_of(c)).find(R"("registrations":[{"awards":["co"],"unit":"u2"})") !=
          std::string::npos);

    auto unknown = c;
    unknown["registrations"] = parse(R"([{"unit": "u9", "awards": ["co"]}])");
    CHECK(campaign_failure(unknown).where.pointer == "/registrations/0/unit");
    unknown["registrations"] = parse(R"([{"unit": "u1", "awards": ["bk"]}])");
    CHECK(campaign_failure(unknown).where.pointer == "/registrations/0/awards/0");
}
