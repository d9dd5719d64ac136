// The paths that split work over threads, on populations large enough to take them (65 536 units and more for
// the unit objects and the rankings), each compared with one thread. The ThreadSanitizer preset (tsan in
// CMakePresets.json) runs this suite alone: it needs the threads to run, not a machine's worth of data.

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "thidua.hpp"
#include "thidua/detail/parallel.hpp"

namespace {

constexpr std::size_t large = 70'000;  // above 1 << 16, where units_of and the rankings take two threads

/// Three clusters, a ratio and a manual criterion, classes, a cluster award and a lot to break ties.
thidua::campaign rules() {
    return thidua::read_campaign(R"({"thidua":1,"id":"a","start":"2024-01-01","end":"2024-12-31",
      "clusters":[{"id":"c"},{"id":"d"},{"id":"e"}],"units":[{"id":"x","kind":"ward","cluster":"c"}],
      "criteria":[{"id":"r","max_points":10,"rule":{"kind":"ratio","target":4}},
                  {"id":"m","max_points":10,"rule":{"kind":"manual"}}],
      "classes":[{"id":"e","min_score":60},{"id":"z"}],
      "awards":[{"id":"w","scope":"cluster","count":3}],
      "tie_breaks":[{"kind":"lot","seed":7}]})");
}

/// `units` units named "u0", "u1", … with names and an attribute, so that each unit object owns strings.
thidua::population people(std::size_t units) {
    thidua::population p;
    p.kinds = {"ward"};
    thidua::attribute_column area{"area", {}};
    for (std::size_t u = 0; u < units; ++u) {
        p.ids.push_back("u" + std::to_string(u));
        p.names.push_back("Đơn vị " + std::to_string(u));
        p.cluster_indices.push_back(static_cast<std::uint32_t>(u % 3));
        area.micros.push_back(u % 5 ? static_cast<std::int64_t>(u) * 1'500'000 : thidua::missing_attribute);
    }
    p.attributes.push_back(std::move(area));
    return p;
}

/// Values of criteria r and m for every unit, with many ties for the lot to break.
std::vector<std::int64_t> values(std::size_t units) {
    std::vector<std::int64_t> v(units * 2);
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<std::int64_t>((i * 7919) % 11) * 1'000'000;
    return v;
}

thidua::report score(const thidua::plan& p, const std::vector<std::int64_t>& v, unsigned threads) {
    thidua::score_options options;
    options.threads = threads;
    return thidua::score_arrays(p, {{v.data()}}, {}, thidua::borrowed, options);
}

}  // namespace

TEST_SUITE("threads") {

TEST_CASE("touch_pages writes the range's first byte in each of its pages, and nothing else") {
    std::vector<unsigned char> storage(10 * 4096, 0xff);
    for (const std::size_t offset : {std::size_t{0}, std::size_t{1}, std::size_t{4000}, std::size_t{4095}}) {
        for (const std::size_t bytes : {std::size_t{1}, std::size_t{4096}, std::size_t{4097}, std::size_t{5 * 4096 + 7},
                                        std::size_t{8 * 4096}}) {
            for (const unsigned threads : {1u, 2u, 3u, 7u}) {
                CAPTURE(offset);
                CAPTURE(bytes);
                CAPTURE(threads);
                std::fill(storage.begin(), storage.end(), 0xff);
                unsigned char* p = storage.data() + offset;
                thidua::detail::touch_pages(p, bytes, threads);
                std::size_t wrong = 0;
                for (std::size_t i = 0; i < storage.size(); ++i) {
                    const auto at = reinterpret_cast<std::uintptr_t>(storage.data() + i);
                    const bool in_range = i >= offset && i < offset + bytes;
                    const bool first_in_page = i == offset || at % 4096 == 0;
                    wrong += storage[i] != (in_range && first_in_page ? 0 : 0xff);
                }
                CHECK(wrong == 0);
            }
        }
    }
}

TEST_CASE("the unit objects of a large population are built by two threads as the arrays say") {
    const auto campaign = rules();
    const auto p = people(large);
    const auto units = thidua::units_of(campaign, p);
    REQUIRE(units.size() == large);
    std::size_t wrong = 0;
    for (std::size_t u = 0; u < large; ++u) {
        const auto& unit = units[u];
        const bool with_area = u % 5 != 0;
        wrong += unit.id != p.ids[u] || unit.name != p.names[u] || unit.kind != "ward" ||
                 unit.cluster != campaign.clusters[u % 3].id || unit.attributes.size() != (with_area ? 1u : 0u) ||
                 (with_area && unit.attributes[0].number != thidua::decimal::from_micros(static_cast<std::int64_t>(u) * 1'500'000));
    }
    CHECK(wrong == 0);
}

TEST_CASE("a large population is scored and ranked by several threads as by one") {
    // Two kernel threads, and the overall ranking on one thread beside the cluster rankings on both.
    const thidua::plan plan(rules(), people(large));
    const auto v = values(large);
    const auto one = score(plan, v, 1), several = score(plan, v, 2);
    REQUIRE(several.units() == large);
    std::size_t wrong = 0;
    for (std::size_t u = 0; u < large; ++u) {
        wrong += one.total(u) != several.total(u) || one.class_of(u) != several.class_of(u) ||
                 one.cluster_rank(u) != several.cluster_rank(u) || one.overall_rank(u) != several.overall_rank(u) ||
                 one.tie_broken_by(u) != several.tie_broken_by(u) || one.has_award(u, 0) != several.has_award(u, 0);
    }
    CHECK(wrong == 0);
    CHECK(several.unit_index("u69999") == large - 1);
}

TEST_CASE("stability draws split over several threads count as one thread's") {
    const thidua::plan plan(rules(), people(1'000));
    const auto v = values(1'000);
    const auto base = score(plan, v, 1);
    const auto counts_with = [&](unsigned threads) {
        thidua::stability_options options;
        options.weight_jitter = 0.2;
        options.value_noise = 0.05;
        options.seed = 5;
        options.threads = threads;
        thidua::stability_run analysis(base, options);
        analysis.run(0, 16);
        return analysis.counts();
    };
    const auto one = counts_with(1), several = counts_with(3);
    CHECK(several.draws == 16);
    CHECK(one.same_class == several.same_class);
    CHECK(one.same_awards == several.same_awards);
    CHECK(one.rank_bins == several.rank_bins);
    CHECK(one.rank_sum == several.rank_sum);
}

}  // TEST_SUITE("threads")
