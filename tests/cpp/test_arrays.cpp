// The array cache (thidua/detail/arrays.hpp): a freed large block serves the next allocation of its size, the cache keeps
// no more than its limit, a report whose arrays come from the cache equals one made with the cache off, and result
// rows take their memory from it too.

#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "thidua/detail/arrays.hpp"
#include "thidua/detail/report_data.hpp"
#include "thidua/scoring/arrays.hpp"
#include "thidua/io/json.hpp"
#include "thidua/report/report.hpp"
#include "thidua/report/tables.hpp"

namespace {

constexpr std::size_t large = thidua::detail::array_cache::smallest / sizeof(std::int64_t);  // 1 MiB of int64

/// Restores the default limit when a test ends.
struct default_limit_after {
    ~default_limit_after() { thidua::set_array_cache_limit(thidua::detail::array_cache::default_limit); }
};

}  // namespace

TEST_CASE("a freed large array serves the next one of its size, not one of another size") {
    const default_limit_after restore;
    thidua::set_array_cache_limit(0);  // empty
    thidua::set_array_cache_limit(thidua::detail::array_cache::default_limit);
    const std::int64_t* first = nullptr;
    {
        thidua::uninit_vector<std::int64_t> a(large);
        first = a.data();
    }
    CHECK(thidua::array_cache_held() == large * sizeof(std::int64_t));
    thidua::uninit_vector<std::int64_t> other(large + 1);
    CHECK(other.data() != first);
    thidua::uninit_vector<std::int64_t> same(large);
    CHECK(same.data() == first);
    CHECK(thidua::array_cache_held() == 0);
    thidua::uninit_vector<std::int64_t> small(1000);  // below 1 MiB: never cached
    small = {};
    CHECK(thidua::array_cache_held() == 0);
}

TEST_CASE("the cache keeps at most its limit, giving back the oldest blocks first") {
    const default_limit_after restore;
    const std::size_t bytes = large * sizeof(std::int64_t);
    thidua::set_array_cache_limit(0);
    thidua::set_array_cache_limit(2 * bytes);
    const std::int64_t* newest = nullptr;
    {
        std::vector<thidua::uninit_vector<std::int64_t>> arrays(3);
        for (auto& a : arrays) a.resize(large);
        newest = arrays[2].data();
        arrays.clear();  // freed first to last: the last one is the newest
    }
    CHECK(thidua::array_cache_held() == 2 * bytes);
    thidua::uninit_vector<std::int64_t> again(large);
    CHECK(again.data() == newest);
    thidua::set_array_cache_limit(0);
    CHECK(thidua::array_cache_held() == 0);
}

TEST_CASE("a report made from cached arrays equals one made with the cache off") {
    // 150 000 units: their per-unit arrays exceed 1 MiB and go through the cache. The second report of the same
    // population takes the first one's arrays, with its numbers still in them: every element must be rewritten.
    const default_limit_after restore;
    const auto rules = thidua::read_campaign(R"({"thidua":1,"id":"a","start":"2024-01-01","end":"2024-12-31",
      "clusters":[{"id":"c"},{"id":"d"}],"units":[{"id":"x","kind":"ward","cluster":"c"}],
      "criteria":[{"id":"r","max_points":10,"rule":{"kind":"ratio","target":4}},
                  {"id":"m","max_points":10,"rule":{"kind":"manual"}}],
      "classes":[{"id":"e","min_score":60},{"id":"z"}],
      "awards":[{"id":"w","scope":"cluster","count":3}]})");
    const std::size_t units = 150'000;
    thidua::population people;
    people.kinds = {"ward"};
    for (std::size_t u = 0; u < units; ++u) people.cluster_indices.push_back(u % 7 == 0 ? 1 : 0);
    const auto pl = std::make_shared<const thidua::plan>(thidua::with_population(rules, people));
    const auto values_of = [&](std::int64_t shift) {
        std::vector<std::int64_t> v(units * 2);
        for (std::size_t i = 0; i < v.size(); ++i) {
            v[i] = static_cast<std::int64_t>((i * 7919 + static_cast<std::size_t>(shift)) % 11) * 1'000'000;
        }
        return v;
    };
    const auto first = values_of(0), second = values_of(5);
    const auto score = [&](const std::vector<std::int64_t>& v) {
        return thidua::score_arrays(*pl, {{v.data()}}, {}, thidua::borrowed);
    };
    // Every number a report holds, compared as arrays (writing 150 000 units as JSON takes long under the
    // sanitizers): per unit, then per slot.
    const auto numbers = [&](const thidua::report& r) {
        std::vector<std::int64_t> out;
        for (std::size_t u = 0; u < units; ++u) {
            for (const auto d : {r.base(u), r.bonus(u), r.penalty(u), r.total(u), r.phase_score(u, 0)}) out.push_back(d.micros());
            out.insert(out.end(), {static_cast<std::int64_t>(r.class_of(u)), r.cluster_rank(u), r.overall_rank(u),
                                   r.tie_broken_by(u), r.has_award(u, 0)});
        }
        const thidua::slot_table slots = thidua::slot_rows(r);
        for (const auto* column : {&slots.value, &slots.target, &slots.points, &slots.max}) {
            out.insert(out.end(), column->begin(), column->end());
        }
        return out;
    };
    thidua::set_array_cache_limit(0);
    const auto expected = numbers(score(second));
    thidua::set_array_cache_limit(thidua::detail::array_cache::default_limit);
    (void)score(first);  // its arrays go to the cache
    CHECK(thidua::array_cache_held() > 0);
    CHECK(numbers(score(second)) == expected);
}

TEST_CASE("result rows read again take the memory of rows freed before") {
    const default_limit_after restore;
    thidua::set_array_cache_limit(0);
    thidua::set_array_cache_limit(thidua::detail::array_cache::default_limit);
    std::string text = R"({"thidua_results": 1, "results": [)";
    for (int i = 0; i < 5000; ++i) {
        text += (i ? "," : "") + std::string(R"({"unit": "u)") + std::to_string(i) + R"(", "criterion": "k", "value": 1})";
    }
    text += "]}";
    const thidua::result_row* first = nullptr;
    {
        const auto r = thidua::read_results(text);
        REQUIRE(r.rows.size() * sizeof(thidua::result_row) >= thidua::detail::array_cache::smallest);
        first = r.rows.data();
    }
    CHECK(thidua::array_cache_held() > 0);
    const auto again = thidua::read_results(text);
    CHECK(again.rows.data() == first);
    CHECK(again.rows[4999].unit == "u4999");
}
