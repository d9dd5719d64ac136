// Ranking (thidua/outcomes/ranking.hpp, docs/semantics.md §4 step 9): by total, then the tie-break chain applied only
// inside groups still tied, competition ranks for what stays tied, and tie_broken_by.

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "builders.hpp"

using namespace thidua_test;
using namespace thidua::literals;

namespace {

/// Criterion "a": manual, 100 points, so a unit's total is the value it reports.
json::object manual_campaign(json::array units, std::string_view tie_breaks = "[]") {
    auto c = with_criteria(R"([{"id": "a", "max_points": 100, "rule": {"kind": "manual"}}])");
    c["units"] = std::move(units);
    c["tie_breaks"] = parse(tie_breaks);
    return c;
}

/// One row of criterion "a" per (unit, value).
json::array values(std::initializer_list<std::pair<std::string_view, json::value>> pairs) {
    json::array rows;
    for (const auto& [unit, value] : pairs) rows.push_back(row(unit, "a", value));
    return rows;
}

/// The ids of cluster g's units in rank order.
std::vector<std::string> order_of(const thidua::report& r, std::size_t g = 0) {
    std::vector<std::string> ids;
    for (auto u : r.cluster_ranking(g).order) ids.push_back(r.campaign().units[u].id);
    return ids;
}

using ids = std::vector<std::string>;

}  // namespace

TEST_CASE("fnv1a64 gives the published FNV-1a values") {
    static_assert(thidua::detail::fnv1a64("") == 0xcbf29ce484222325ULL);
    CHECK(thidua::detail::fnv1a64("") == 0xcbf29ce484222325ULL);
    CHECK(thidua::detail::fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
    CHECK(thidua::detail::fnv1a64("2024:hoang-van-thu") == 0x2047db83864fc8b6ULL);
    CHECK(thidua::detail::fnv1a64("2024:tan-tien") == 0xa0a834e5b6a0783fULL);
}

TEST_CASE("units tied after every rule share a competition rank") {
    const auto r = score(manual_campaign(communes({"p", "q", "s", "t"})),
                         results_doc(values({{"q", 90}, {"p", 80}, {"t", 80}, {"s", 70}})));
    CHECK(order_of(r) == ids{"q", "p", "t", "s"});
    CHECK(r.cluster_rank(r.unit_index("q")) == 1);
    CHECK(r.cluster_rank(r.unit_index("p")) == 2);
    CHECK(r.cluster_rank(r.unit_index("t")) == 2);
    CHECK(r.cluster_rank(r.unit_index("s")) == 4);
    CHECK(r.tie_broken_by(r.unit_index("q")) == thidua::not_tied);
    CHECK(r.tie_broken_by(r.unit_index("p")) == thidua::unresolved_tie);
    CHECK(r.tie_broken_by(r.unit_index("t")) == thidua::unresolved_tie);
    CHECK(r.tie_broken_by(r.unit_index("s")) == thidua::not_tied);
    const auto json = report_json(r);
    CHECK(report_unit(json, "q").at("tie_broken_by").is_null());
    CHECK(report_unit(json, "p").at("tie_broken_by").as_string() == "unresolved");
    CHECK(report_unit(json, "t").at("cluster_rank").as_int64() == 2);
}

TEST_CASE("the criterion tie-break prefers more points of that criterion summed over phases") {
    auto c = two_phase_campaign();
    c["criteria"] = parse(R"([{"id": "a", "max_points": 50, "rule": {"kind": "manual"}},
                              {"id": "b", "max_points": 50, "rule": {"kind": "manual"}}])");
    for (auto& p : c["phases"].as_array()) {
        p.as_object()["criteria"] = parse(R"(["a", "b"])");
        p.as_object()["weight"] = "0.5";
    }
    c["tie_breaks"] = parse(R"([{"kind": "criterion", "criterion": "a"}])");
    // u1: p1 80, p2 70, a = 50 + 20 = 70; u2: p1 80, p2 70, a = 30 + 45 = 75
    const auto r = score_rows(c, R"([
      {"unit": "u1", "criterion": "a", "phase": "p1", "value": 50}, {"unit": "u1", "criterion": "b", "phase": "p1", "value": 30},
      {"unit": "u1", "criterion": "a", "phase": "p2", "value": 20}, {"unit": "u1", "criterion": "b", "phase": "p2", "value": 50},
      {"unit": "u2", "criterion": "a", "phase": "p1", "value": 30}, {"unit": "u2", "criterion": "b", "phase": "p1", "value": 50},
      {"unit": "u2", "criterion": "a", "phase": "p2", "value": 45}, {"unit": "u2", "criterion": "b", "phase": "p2", "value": 25}
    ])");
    REQUIRE(r.total(0) == 75_d);
    REQUIRE(r.total(1) == 75_d);
    CHECK(order_of(r) == ids{"u2", "u1"});
    CHECK(r.cluster_rank(1) == 1);
    CHECK(r.cluster_rank(0) == 2);
    CHECK(r.tie_broken_by(0) == 0);
    CHECK(r.tie_broken_by(1) == 0);
    CHECK(report_unit(report_json(r), "u1").at("tie_broken_by").as_string() == "criterion:a");
}

TEST_CASE("the phase tie-break prefers the higher phase score and puts units without the phase last") {
    auto c = two_phase_campaign();
    c["criteria"] = parse(R"([{"id": "a", "max_points": 100, "rule": {"kind": "manual"}}])");
    for (auto& p : c["phases"].as_array()) p.as_object()["weight"] = "0.5";
    c["units"] = communes({"u1", "u2", "u3", "u4"});
    c["tie_breaks"] = parse(R"([{"kind": "phase", "phase": "p2", "title": "Điểm giai đoạn 2"}])");
    const auto r = score_rows(c, R"([
      {"unit": "u1", "criterion": "a", "phase": "p1", "value": 100}, {"unit": "u1", "criterion": "a", "phase": "p2", "value": 60},
      {"unit": "u2", "criterion": "a", "phase": "p1", "value": 60}, {"unit": "u2", "criterion": "a", "phase": "p2", "value": 100},
      {"unit": "u3", "criterion": "a", "phase": "p1", "value": 80}, {"unit": "u3", "criterion": "a", "phase": "p2", "status": "exempt"},
      {"unit": "u4", "criterion": "a", "phase": "p1", "status": "exempt"}, {"unit": "u4", "criterion": "a", "phase": "p2", "value": 80}
    ])");
    for (std::size_t u = 0; u < 4; ++u) REQUIRE(r.total(u) == 80_d);
    CHECK(order_of(r) == ids{"u2", "u4", "u1", "u3"});
    CHECK(r.cluster_rank(2) == 4);
    CHECK(r.tie_broken_by(2) == 0);
    CHECK(report_unit(report_json(r), "u3").at("tie_broken_by").as_string() == "Điểm giai đoạn 2");
}

TEST_CASE("the bonus tie-break prefers the higher bonus") {
    auto c = manual_campaign(communes({"u1", "u2"}), R"([{"kind": "bonus"}])");
    c["adjustments"] = parse(R"([{"id": "sk", "kind": "bonus", "points_per_item": 1}])");
    const auto r = score(c, results_doc(values({{"u1", 80}, {"u2", 78}}), parse(R"([{"unit": "u2", "adjustment": "sk", "count": 2}])").as_array()));
    REQUIRE(r.total(1) == 80_d);
    CHECK(order_of(r) == ids{"u2", "u1"});
    CHECK(report_unit(report_json(r), "u2").at("tie_broken_by").as_string() == "bonus");
}

TEST_CASE("the penalty tie-break prefers the lower penalty") {
    auto c = manual_campaign(communes({"u1", "u2", "u3"}), R"([{"kind": "penalty"}])");
    c["adjustments"] = parse(R"([{"id": "vp", "kind": "penalty", "points_per_item": 1}])");
    const auto r = score(c, results_doc(values({{"u1", 82}, {"u2", 81}, {"u3", 80}}),
                                        parse(R"([{"unit": "u1", "adjustment": "vp", "count": 2},
                                                  {"unit": "u2", "adjustment": "vp"}])").as_array()));
    CHECK(order_of(r) == ids{"u3", "u2", "u1"});
    CHECK(r.cluster_rank(0) == 3);
}

TEST_CASE("the earliest_submission tie-break compares each unit's latest reported submission") {
    auto c = with_criteria(R"([{"id": "a", "max_points": 50, "rule": {"kind": "manual"}},
                               {"id": "b", "max_points": 50, "rule": {"kind": "manual"}}])");
    c["units"] = communes({"u1", "u2", "u3", "u4"});
    c["tie_breaks"] = parse(R"([{"kind": "earliest_submission"}])");
    const auto r = score_rows(c, R"([
      {"unit": "u1", "criterion": "a", "value": 40, "submitted": "2025-01-05"},
      {"unit": "u1", "criterion": "b", "value": 40, "submitted": "2025-01-10"},
      {"unit": "u2", "criterion": "a", "value": 40, "submitted": "2025-01-08"},
      {"unit": "u2", "criterion": "b", "value": 40, "submitted": "2025-01-08"},
      {"unit": "u3", "criterion": "a", "value": 40},
      {"unit": "u3", "criterion": "b", "status": "exempt", "submitted": "2025-01-01"},
      {"unit": "u4", "criterion": "a", "value": 40, "submitted": "2025-01-09"},
      {"unit": "u4", "criterion": "b", "value": 40}
    ])");
    for (std::size_t u = 0; u < 4; ++u) REQUIRE(r.total(u) == 80_d);
    CHECK(order_of(r) == ids{"u2", "u4", "u1", "u3"});  // u3 dated only an exempt row: no date, last
    CHECK(r.cluster_rank(2) == 4);
    CHECK(r.tie_broken_by(2) == 0);
}

TEST_CASE("the vote tie-break compares vote shares exactly and puts units without a vote last") {
    const auto r = score(manual_campaign(communes({"u1", "u2", "u3", "u4"}), R"([{"kind": "vote"}])"),
                         results_doc(values({{"u1", 90}, {"u2", 90}, {"u3", 90}, {"u4", 90}}), {},
                                     parse(R"([{"unit": "u1", "yes": 6, "of": 8}, {"unit": "u2", "yes": 12, "of": 16},
                                               {"unit": "u3", "yes": 7, "of": 8}])").as_array()));
    CHECK(order_of(r) == ids{"u3", "u1", "u2", "u4"});
    CHECK(r.cluster_rank(2) == 1);
    CHECK(r.cluster_rank(0) == 2);
    CHECK(r.cluster_rank(1) == 2);  // 6/8 = 12/16
    CHECK(r.cluster_rank(3) == 4);
    CHECK(r.tie_broken_by(2) == 0);
    CHECK(r.tie_broken_by(0) == thidua::unresolved_tie);
    CHECK(r.tie_broken_by(1) == thidua::unresolved_tie);
    CHECK(r.tie_broken_by(3) == 0);
}

TEST_CASE("the attribute tie-break orders by the attribute and puts units without it last") {
    auto units = communes({"x", "y", "z", "w"});
    units[0].as_object()["attributes"] = parse(R"({"women_share": "0.5"})");
    units[2].as_object()["attributes"] = parse(R"({"women_share": "0.72", "founded": 1990})");
    units[3].as_object()["attributes"] = parse(R"({"founded": 1985})");
    const auto rows = values({{"x", 70}, {"y", 70}, {"z", 70}, {"w", 70}});
    SUBCASE("descending by default") {
        const auto r = score(manual_campaign(units, R"([{"kind": "attribute", "attribute": "women_share"}])"), results_doc(rows));
        CHECK(order_of(r) == ids{"z", "x", "y", "w"});
        CHECK(r.cluster_rank(r.unit_index("y")) == 3);
        CHECK(r.cluster_rank(r.unit_index("w")) == 3);
        CHECK(r.tie_broken_by(r.unit_index("z")) == 0);
        CHECK(r.tie_broken_by(r.unit_index("w")) == thidua::unresolved_tie);
        CHECK(report_unit(report_json(r), "z").at("tie_broken_by").as_string() == "attribute:women_share");
    }
    SUBCASE("ascending") {
        const auto r = score(manual_campaign(units, R"([{"kind": "attribute", "attribute": "women_share", "order": "asc"}])"),
                             results_doc(rows));
        CHECK(order_of(r) == ids{"x", "z", "y", "w"});
    }
    SUBCASE("a second attribute separates the units the first left tied") {
        const auto r = score(manual_campaign(units, R"([{"kind": "attribute", "attribute": "women_share"},
                                                        {"kind": "attribute", "attribute": "founded", "order": "asc"}])"),
                             results_doc(rows));
        CHECK(order_of(r) == ids{"z", "x", "w", "y"});
        CHECK(r.tie_broken_by(r.unit_index("w")) == 1);
        CHECK(r.tie_broken_by(r.unit_index("y")) == 1);
        CHECK(r.tie_broken_by(r.unit_index("z")) == 0);
    }
}

TEST_CASE("a threshold preference puts the units at or above it first and keeps each side tied for the next rule") {
    // Decree 152/2025: among equals, a collective of at least 70 % women first; the share above the threshold does
    // not order the units, nor does it below.
    auto units = communes({"x", "y", "z", "w", "v"});
    units[0].as_object()["attributes"] = parse(R"({"women_share": "0.5", "founded": 1990})");
    units[1].as_object()["attributes"] = parse(R"({"women_share": "0.7", "founded": 2000})");
    units[2].as_object()["attributes"] = parse(R"({"women_share": "0.95", "founded": 2001})");
    units[3].as_object()["attributes"] = parse(R"({"founded": 1980})");
    units[4].as_object()["attributes"] = parse(R"({"women_share": "0.69", "founded": 1985})");
    const auto rows = values({{"x", 70}, {"y", 70}, {"z", 70}, {"w", 70}, {"v", 70}});
    const auto r = score(manual_campaign(units, R"([{"kind": "attribute", "attribute": "women_share", "at_least": "0.7"},
                                                    {"kind": "attribute", "attribute": "founded", "order": "asc"}])"),
                         results_doc(rows));
    CHECK(order_of(r) == ids{"y", "z", "w", "v", "x"});  // 0.7 and 0.95 first (then by founding); 0.69, none, 0.5 after
    CHECK(r.tie_broken_by(r.unit_index("y")) == 1);  // the threshold left y and z tied: founding decided
    CHECK(report_unit(report_json(r), "y").at("tie_broken_by").as_string() == "attribute:founded");
    const auto alone = score(manual_campaign(units, R"([{"kind": "attribute", "attribute": "women_share", "at_least": "0.7"}])"),
                             results_doc(rows));
    CHECK(alone.cluster_rank(alone.unit_index("y")) == 1);
    CHECK(alone.cluster_rank(alone.unit_index("z")) == 1);  // same side: still tied
    CHECK(alone.cluster_rank(alone.unit_index("x")) == 3);
    // z ahead on points: y alone at or above the threshold among the units tied at 70.
    const auto one_above = score(manual_campaign(units, R"([{"kind": "attribute", "attribute": "women_share", "at_least": "0.7"}])"),
                                 results_doc(values({{"x", 70}, {"y", 70}, {"z", 71}, {"w", 70}, {"v", 70}})));
    CHECK(order_of(one_above).front() == "z");
    CHECK(one_above.cluster_rank(one_above.unit_index("y")) == 2);
    CHECK(report_unit(report_json(one_above), "y").at("tie_broken_by").as_string() == "attribute:women_share>=0.7");
    const auto words = thidua::explain(one_above, one_above.unit_index("y"), thidua::language::vi);
    CHECK(std::any_of(words.steps.begin(), words.steps.end(), [](const auto& s) {
        return s.text == "Bằng 70,00 điểm với x, w, v; tiêu chí phân định khi bằng điểm «women_share từ 0,7 trở lên được ưu "
                         "tiên»: 0,7, từ 0,7 trở lên";
    }));
    const auto wrong = campaign_failure(manual_campaign(
        units, R"([{"kind": "attribute", "attribute": "women_share", "at_least": "0.7", "order": "asc"}])"));
    CHECK(wrong.where.pointer == "/tie_breaks/0/order");
}

TEST_CASE("the lot tie-break orders by the FNV-1a hash of seed and unit id") {
    auto units = communes({"tan-tien", "hoang-van-thu"});
    const auto rows = values({{"tan-tien", 60}, {"hoang-van-thu", 60}});
    for (const char* tie_breaks : {R"([{"kind": "lot", "seed": 2024}])", R"([{"kind": "lot", "seed": "2024"}])"}) {
        CAPTURE(tie_breaks);
        const auto r = score(manual_campaign(units, tie_breaks), results_doc(rows));
        CHECK(order_of(r) == ids{"hoang-van-thu", "tan-tien"});  // 0x2047… < 0xa0a8…
        CHECK(r.tie_broken_by(0) == 0);
        CHECK(r.tie_broken_by(1) == 0);
        CHECK(r.cluster_rank(1) == 1);
    }
}

TEST_CASE("tie_broken_by names the rule at which the unit's tied group shrank to the unit alone") {
    auto c = with_criteria(R"([{"id": "a", "max_points": 50, "rule": {"kind": "manual"}},
                               {"id": "b", "max_points": 50, "rule": {"kind": "manual"}}])");
    c["units"] = communes({"u1", "u2", "u3", "u4"});
    c["tie_breaks"] = parse(R"([{"kind": "criterion", "criterion": "a"}, {"kind": "lot", "seed": 7, "title": "Bốc thăm"}])");
    const auto r = score_rows(c, R"([
      {"unit": "u1", "criterion": "a", "value": 50}, {"unit": "u1", "criterion": "b", "value": 30},
      {"unit": "u2", "criterion": "a", "value": 40}, {"unit": "u2", "criterion": "b", "value": 40},
      {"unit": "u3", "criterion": "a", "value": 40}, {"unit": "u3", "criterion": "b", "value": 40},
      {"unit": "u4", "criterion": "a", "value": 50}, {"unit": "u4", "criterion": "b", "value": 50}
    ])");
    // fnv1a64("7:u3") = 0x2bdadee1… < fnv1a64("7:u2") = 0x2bdadfe1…
    CHECK(order_of(r) == ids{"u4", "u1", "u3", "u2"});
    CHECK(r.tie_broken_by(3) == thidua::not_tied);
    CHECK(r.tie_broken_by(0) == 0);
    CHECK(r.tie_broken_by(2) == 1);
    CHECK(r.tie_broken_by(1) == 1);
    const auto json = report_json(r);
    CHECK(report_unit(json, "u4").at("tie_broken_by").is_null());
    CHECK(report_unit(json, "u1").at("tie_broken_by").as_string() == "criterion:a");
    CHECK(report_unit(json, "u3").at("tie_broken_by").as_string() == "Bốc thăm");
    CHECK(report_unit(json, "u2").at("cluster_rank").as_int64() == 4);
}

TEST_CASE("cluster ranks and overall ranks are computed separately") {
    auto c = manual_campaign(communes({"u1", "u2"}, "c1"));
    for (auto& u : communes({"v1", "v2"}, "c2")) c["units"].as_array().push_back(u);
    c["clusters"].as_array().push_back(json::object{{"id", "c2"}, {"name", "Cụm 2"}});
    const auto r = score(c, results_doc(values({{"u1", 90}, {"u2", 70}, {"v1", 90}, {"v2", 60}})));
    CHECK(r.cluster_rank(r.unit_index("u1")) == 1);
    CHECK(r.cluster_rank(r.unit_index("u2")) == 2);
    CHECK(r.cluster_rank(r.unit_index("v1")) == 1);
    CHECK(r.cluster_rank(r.unit_index("v2")) == 2);
    CHECK(r.overall_rank(r.unit_index("u1")) == 1);
    CHECK(r.overall_rank(r.unit_index("v1")) == 1);  // tied overall, no tie-breaks
    CHECK(r.overall_rank(r.unit_index("u2")) == 3);
    CHECK(r.overall_rank(r.unit_index("v2")) == 4);
    // tie_broken_by belongs to the cluster ranking, where u1 and v1 are not tied
    CHECK(r.tie_broken_by(r.unit_index("u1")) == thidua::not_tied);
    CHECK(r.tie_broken_by(r.unit_index("v1")) == thidua::not_tied);
    CHECK(order_of(r, 1) == ids{"v1", "v2"});
}

TEST_CASE("a lot seed written as 2024.0 draws like the seed 2024") {
    const auto units = communes({"tan-tien", "hoang-van-thu"});
    const auto rows = values({{"tan-tien", 60}, {"hoang-van-thu", 60}});
    std::string campaign = text(manual_campaign(units, R"([{"kind": "lot", "seed": "SEED"}])"));
    campaign.replace(campaign.find("\"SEED\""), 6, "2024.0");  // the number exactly as written
    const auto r = thidua::score(thidua::read_campaign(campaign), results_of(results_doc(rows)));
    CHECK(order_of(r) == ids{"hoang-van-thu", "tan-tien"});
}

TEST_CASE("the radix sort of large groups orders like a stable sort by total, higher first") {
    // Spreads of one counting pass (up to 2^16 keys) and of several, totals in steps of the precision (10'000
    // micros at 2 digits), one total off the step, or all in micros.
    std::mt19937_64 rng(11);
    const thidua::detail::divider step(10'000);
    const std::vector<std::uint64_t> spreads = {1, 3, 10'000, 65'536, 65'537, std::uint64_t{1} << 40,
                                                1'000'000'000'000'000'000};
    for (const std::uint64_t spread : spreads) {
        for (const std::size_t n : {std::size_t{33}, std::size_t{1000}, std::size_t{70'000}}) {
            for (const char* grain : {"steps", "one off the step", "micros"}) {
                const bool micros = grain[0] == 'm' || spread > 65'537;
                std::vector<std::int64_t> total(n);
                for (auto& t : total) t = static_cast<std::int64_t>(rng() % spread) * (micros ? 1 : 10'000);
                if (grain[0] == 'o') total[n / 2] += 1;
                std::vector<std::uint32_t> order(n);
                for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::uint32_t>(i);
                std::shuffle(order.begin(), order.end(), rng);
                auto expected = order;
                std::stable_sort(expected.begin(), expected.end(), [&](auto a, auto b) { return total[a] > total[b]; });
                thidua::detail::sort_by_total(order, total, step);
                CAPTURE(spread);
                CAPTURE(n);
                CAPTURE(grain);
                CHECK(order == expected);
            }
        }
    }
}

TEST_CASE("a ranking started from another order of the units is the same ranking, ties in campaign order") {
    // Stability draws start each cluster's sort from the base ranking; the result must not depend on it, also for
    // totals tied without a tie-break (campaign order) and tied totals a tie-break separates.
    std::mt19937_64 rng(17);
    for (const char* tie_breaks : {"[]", R"([{"kind": "lot", "seed": 3}])"}) {
        for (const std::size_t n : {std::size_t{12}, std::size_t{300}}) {  // insertion sort, radix sort
            CAPTURE(tie_breaks);
            CAPTURE(n);
            json::array units, rows;
            for (std::size_t i = 0; i < n; ++i) {
                const std::string id = "u" + std::to_string(i);
                units.push_back(json::object{{"id", id}, {"name", id}, {"kind", "commune"}, {"cluster", "c1"}});
                rows.push_back(row(id, "a", static_cast<std::int64_t>(rng() % 6) * 10));  // many equal totals
            }
            const auto r = score(manual_campaign(units, tie_breaks), results_doc(rows));
            const auto members = r.plan().cluster_members(0);
            const thidua::ranking_view ranked = r.cluster_ranking(0);
            const auto as_vector = [](auto span) { return std::vector(span.begin(), span.end()); };
            for (int start = 0; start < 3; ++start) {
                auto near = as_vector(start == 0 ? ranked.order : members);
                if (start == 1) std::reverse(near.begin(), near.end());
                if (start == 2) std::shuffle(near.begin(), near.end(), rng);
                thidua::detail::ranking again;
                thidua::detail::rank_units(r.data().compiled(), r.data().inputs, r.data().scores, members, again, near);
                CAPTURE(start);
                CHECK(as_vector(std::span(again.order)) == as_vector(ranked.order));
                CHECK(as_vector(std::span(again.rank)) == as_vector(ranked.rank));
                CHECK(as_vector(std::span(again.broken_by)) == as_vector(ranked.broken_by));
            }
        }
    }
}
