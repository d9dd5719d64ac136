// thidua/analysis/margins.hpp: the points a unit lacks for its next class, rank and each award, reached with the
// margin and not with one step less; what points cannot overcome is named.

#include <doctest/doctest.h>

#include "builders.hpp"
#include "thidua/analysis/margins.hpp"
#include "thidua/analysis/what_if.hpp"
#include "thidua/detail/texts.hpp"

using namespace thidua_test;
using namespace thidua::literals;

namespace {

/// Three communes scored by hand ("a", manual, 100 points): u1 90, u2 84.5, u3 40; classes xs ≥ 85, ht ≥ 50, kht;
/// the flag for one unit with 70 % of the votes (u3 has 1 of 4).
thidua::report margins_report() {
    auto c = with_criteria(R"([{"id": "a", "max_points": 100, "rule": {"kind": "manual"}}])");
    c["units"] = communes({"u1", "u2", "u3"});
    c["classes"] = parse(R"([{"id": "xs", "min_score": 85}, {"id": "ht", "min_score": 50}, {"id": "kht"}])");
    c["awards"] = parse(R"([{"id": "co", "count": 1, "min_vote_share": "0.7"}])");
    return score(c, results_doc(json::array{row("u1", "a", 90), row("u2", "a", "84.5"), row("u3", "a", 40)}, {},
                                parse(R"([{"unit": "u1", "yes": 4, "of": 4}, {"unit": "u2", "yes": 3, "of": 4},
                                          {"unit": "u3", "yes": 1, "of": 4}])").as_array()));
}

const thidua::margin& find(const std::vector<thidua::margin>& all, const thidua::report& r, std::string_view unit,
                           thidua::margin::target_kind kind) {
    for (const auto& m : all) {
        if (m.unit == r.unit_index(unit) && m.target == kind) return m;
    }
    FAIL("no such margin");
    throw;
}

}  // namespace

TEST_CASE("a margin is the least total_delta that reaches its target, at the campaign's precision") {
    const auto r = margins_report();
    const auto all = thidua::margins(r);
    using kind = thidua::margin::target_kind;
    const auto& u2_class = find(all, r, "u2", kind::class_up);
    CHECK(u2_class.delta == 0.5_d);  // 84.5 + 0.5 = 85
    const auto& u2_rank = find(all, r, "u2", kind::rank_up);
    CHECK((u2_rank.index == 1 && u2_rank.delta == 5.50_d));  // u1's 90: no tie-break, so a tie shares rank 1
    const auto& u2_flag = find(all, r, "u2", kind::award);
    CHECK(u2_flag.delta == 5.50_d);  // tied with the last receiver, it receives the flag too
    const auto& u3_flag = find(all, r, "u3", kind::award);
    CHECK((!u3_flag.delta && u3_flag.blocked_by == "vote"));
    const auto& u3_class = find(all, r, "u3", kind::class_up);
    CHECK((u3_class.index == 1 && u3_class.delta == 10.00_d));
    // u1 is first, best class and holds the flag: no margin.
    CHECK(std::none_of(all.begin(), all.end(), [&](const thidua::margin& m) { return m.unit == r.unit_index("u1"); }));
    // Reached with the margin, not with one step less.
    const auto lifted = [&](std::string_view delta) {
        return thidua::what_if(r, thidua::read_what_if(R"([{"unit": "u2", "total_delta": ")" + std::string(delta) + "\"}]"));
    };
    CHECK(lifted("5.50").has_award(r.unit_index("u2"), 0));
    CHECK_FALSE(lifted("5.49").has_award(r.unit_index("u2"), 0));
}

TEST_CASE("a closing value is the least single reported value that reaches the target") {
    const auto r = margins_report();
    const auto all = thidua::margins(r);
    using kind = thidua::margin::target_kind;
    const auto value_of = [&](std::string_view unit, kind k) {
        const auto& m = find(all, r, unit, k);
        REQUIRE(m.criterion == "a");
        CHECK(m.phase == "main");
        return m.value->number;
    };
    CHECK(value_of("u2", kind::class_up) == 85.00_d);  // manual points, in steps of the precision
    CHECK(value_of("u3", kind::class_up) == 50.00_d);
    CHECK(value_of("u2", kind::rank_up) == 90.00_d);
    CHECK(value_of("u2", kind::award) == 90.00_d);
    const auto& blocked = find(all, r, "u3", kind::award);
    CHECK((blocked.criterion.empty() && !blocked.value));  // no value lifts a vote
    // Without the search, no closing value.
    const auto plain = thidua::margins(r, {false});
    CHECK(std::all_of(plain.begin(), plain.end(), [](const thidua::margin& m) { return m.criterion.empty(); }));
    // Reached with the value, not with one step less.
    const auto with = [&](std::string_view value) {
        return thidua::what_if(r, thidua::read_what_if(R"([{"unit": "u2", "criterion": "a", "value": ")" + std::string(value) + "\"}]"));
    };
    CHECK(with("85").class_of(r.unit_index("u2")) == 0);
    CHECK(with("84.99").class_of(r.unit_index("u2")) == 1);
}

TEST_CASE("closing values of a yes/no criterion, bands and whole counts") {
    auto c = with_criteria(R"([{"id": "m", "max_points": 40, "rule": {"kind": "boolean"}, "mandatory": true},
                                {"id": "b", "max_points": 30, "rule": {"kind": "bands", "bands": [
                                    {"at_least": 10, "points": 30}, {"at_least": 5, "points": 15}]}},
                                {"id": "r", "max_points": 30, "rule": {"kind": "ratio", "target": 4}}])");
    c["units"] = communes({"u1"});
    c["classes"] = parse(R"([{"id": "xs", "min_score": 90, "requires_all_mandatory": true},
                             {"id": "ht", "min_score": 50}, {"id": "kht"}])");
    const auto scored = [&](std::string_view m, std::string_view b, std::string_view r) {
        return score_rows(c, R"([{"unit": "u1", "criterion": "m", "value": )" + std::string(m) + R"(},
                                 {"unit": "u1", "criterion": "b", "value": )" + std::string(b) + R"(},
                                 {"unit": "u1", "criterion": "r", "value": )" + std::string(r) + "}]");
    };
    using kind = thidua::margin::target_kind;
    // 0 + 15 + 22.5 = 37.5: ht is 12.5 away; b at its next band (10: +15) gains least, m (+40) more, r (at most
    // +7.5) cannot alone.
    const auto low = scored("false", "6", "3");
    const auto to_ht = thidua::margins(low);
    REQUIRE(to_ht.size() == 1);
    CHECK(to_ht[0].target == kind::class_up);
    CHECK((to_ht[0].criterion == "b" && to_ht[0].value->number == 10.00_d));
    // 0 + 30 + 30 = 60, ht: xs needs the mandatory criterion, which no number of points replaces.
    const auto high = scored("false", "10", "4");
    const auto to_xs = thidua::margins(high);
    REQUIRE(to_xs.size() == 1);
    CHECK(to_xs[0].blocked_by == "mandatory");
    CHECK(to_xs[0].criterion == "m");
    REQUIRE(to_xs[0].value);
    CHECK((to_xs[0].value->is_boolean && to_xs[0].value->written() == "true"));
    // A count in whole steps: 40 + 15 + 22.5 = 77.5 (ht); r at 4 gives 30 (85), not xs; b at 10 gives 92.5.
    const auto counted = thidua::margins(scored("true", "6", "3"));
    REQUIRE(counted.size() == 1);
    CHECK((counted[0].criterion == "b" && counted[0].value->number == 10.00_d));
    auto c2 = c;
    c2["classes"] = parse(R"([{"id": "xs", "min_score": 84}, {"id": "kht"}])");
    const auto ratio = thidua::margins(score_rows(c2, R"([{"unit": "u1", "criterion": "m", "value": true},
                                                        {"unit": "u1", "criterion": "b", "value": 10},
                                                        {"unit": "u1", "criterion": "r", "value": 1}])"));
    REQUIRE(ratio.size() == 1);  // 40 + 30 + 7.5 = 77.5; r = 3 gives 22.5 (92.5), r = 2 gives 15 (85)
    CHECK((ratio[0].criterion == "r" && ratio[0].value->number == 2.00_d && ratio[0].value->written() == "2"));
}

TEST_CASE("a margin reads as a sentence in both languages: the points lacking and a closing value, or the block") {
    const auto r = margins_report();
    const auto all = thidua::margins(r);
    using kind = thidua::margin::target_kind;
    const auto text = [&](std::string_view unit, kind k, thidua::language lang) {
        return thidua::detail::margin_text(r, find(all, r, unit, k), lang);
    };
    CHECK(text("u2", kind::class_up, thidua::language::vi) == "Còn thiếu 0,50 điểm để được xếp xs; chẳng hạn «Tiêu chí 1» đạt 85");
    CHECK(text("u2", kind::class_up, thidua::language::en) == "0.50 points short of xs; for instance “Criterion 1” at 85");
    CHECK(text("u2", kind::rank_up, thidua::language::vi).rfind("Còn thiếu 5,50 điểm để lên hạng 1", 0) == 0);
    CHECK(text("u3", kind::award, thidua::language::vi) == "Chưa thể được co chỉ nhờ thêm điểm: tỷ lệ phiếu đồng ý chưa đạt");
    CHECK(text("u3", kind::award, thidua::language::en) == "Points alone cannot win co: too few votes in favour");
}
