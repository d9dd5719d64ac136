// thidua/analysis/margins.hpp: the points a unit lacks for its next class, rank and each award, reached with the
// margin and not with one step less; what points cannot overcome is named.

#include <doctest/doctest.h>

#include "builders.hpp"
#include "thidua/analysis/margins.hpp"
#include "thidua/analysis/what_if.hpp"

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
