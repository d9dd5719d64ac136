// The scoring kernel allocates nothing per unit or per value: counting heap allocations (global operator new is
// replaced here, counting only while a test asks) while scoring 1 000 and 100 000 units gives the same count.
// The array cache is emptied and off while counting, so that every array the kernel makes is counted.

#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "thidua/analysis/stability.hpp"
#include "thidua/detail/report_data.hpp"
#include "thidua/scoring/arrays.hpp"
#include "thidua/detail/kernel.hpp"
#include "thidua/io/json.hpp"

namespace {

std::atomic<bool> counting{false};
std::atomic<std::size_t> allocations{0};

/// Every allocation goes through here, counted while a test asks.
void* counted_alloc(std::size_t size) noexcept {
    if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
    return std::malloc(size ? size : 1);
}

}  // namespace

// All the replaceable forms, so that no memory from another allocator reaches free (the sanitizers check it).
void* operator new(std::size_t size) {
    if (void* p = counted_alloc(size)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
    if (void* p = counted_alloc(size)) return p;
    throw std::bad_alloc();
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted_alloc(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted_alloc(size); }
// The replacement new takes its memory from malloc, so free is the matching release.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
#pragma GCC diagnostic pop

namespace {

/// A population of `units` in clusters of ten, scored by a campaign with every rule kind, two phases and groups.
struct population_fixture {
    std::shared_ptr<const thidua::plan> plan;
    std::vector<std::int64_t> values0, values1;
    thidua::detail::columns in;

    explicit population_fixture(std::size_t units) {
        const auto rules = thidua::read_campaign(R"({"thidua":1,"id":"a","start":"2024-01-01","end":"2024-12-31",
          "clusters":[{"id":"c"}],"units":[{"id":"x","kind":"ward","cluster":"c"}],
          "groups":[{"id":"g","max_points":25},{"id":"h"}],
          "phases":[{"id":"p","start":"2024-01-01","end":"2024-06-30","weight":"0.5","criteria":["r","b","t","m"]},
                    {"id":"q","start":"2024-07-01","end":"2024-12-31","weight":"0.5","criteria":["r","t"]}],
          "criteria":[{"id":"r","group":"g","max_points":10,"rule":{"kind":"ratio","target":4,
                        "exceed":{"step_percent":25,"points_per_step":"0.5","cap":1}}},
                      {"id":"b","group":"g","max_points":10,"rule":{"kind":"bands","bands":[{"at_least":3,"points":10},{"at_least":1,"points":4}]}},
                      {"id":"t","group":"h","max_points":10,"rule":{"kind":"boolean"},"mandatory":true,"applies_to":["ward"]},
                      {"id":"m","group":"h","max_points":10,"rule":{"kind":"manual"}}],
          "adjustments":[{"id":"k","kind":"bonus","points_per_item":1,"cap":2}],
          "classes":[{"id":"e","min_score":90},{"id":"z"}]})");
        thidua::population people;
        for (std::size_t u = 0; u < units; ++u) {
            people.ids.push_back("u" + std::to_string(u));
            people.kinds.push_back(u % 3 ? "ward" : "commune");
            people.clusters.push_back("c");
        }
        plan = std::make_shared<const thidua::plan>(thidua::with_population(rules, std::move(people)));
        for (std::size_t u = 0; u < units; ++u) {
            const std::int64_t i = static_cast<std::int64_t>(u);
            values0.insert(values0.end(), {(i % 7) * 1'000'000, (i % 4) * 1'000'000, (i % 2) * 1'000'000, (i % 1001) * 10'000});
            values1.insert(values1.end(), {(i % 6) * 1'000'000, ((i + 1) % 2) * 1'000'000});
        }
        in = thidua::detail::columns_from_blocks(plan->compiled(), {{values0.data()}, {values1.data()}});
    }

    std::size_t allocations_of_evaluate(unsigned threads) const {
        thidua::score_options options;
        options.threads = threads;
        thidua::set_array_cache_limit(0);
        allocations = 0;
        counting = true;
        const auto scores = thidua::detail::evaluate(plan->compiled(), in, options);
        counting = false;
        thidua::set_array_cache_limit(thidua::detail::array_cache::default_limit);
        CHECK(scores.total.size() == plan->units());
        return allocations;
    }

    /// Allocations of a run of `draws` stability draws on one thread, after the same draws have run once (so that
    /// the ranking's per-thread buffers have reached their size).
    std::size_t allocations_of_draws(std::uint64_t draws) const {
        const thidua::report base = thidua::score_arrays(*plan, {{values0.data()}, {values1.data()}}, {}, thidua::borrowed);
        thidua::stability_options options;
        options.threads = 1;
        options.weight_jitter = 0.2;
        thidua::stability_run analysis(base, options);
        analysis.run(0, draws);
        thidua::set_array_cache_limit(0);
        allocations = 0;
        counting = true;
        analysis.run(0, draws);
        counting = false;
        thidua::set_array_cache_limit(thidua::detail::array_cache::default_limit);
        CHECK(analysis.counts().draws == 2 * draws);
        return allocations;
    }
};

}  // namespace

TEST_CASE("the kernel allocates the same whether it scores 1 000 or 100 000 units") {
    const population_fixture small(1'000), large(100'000);
    for (unsigned threads : {1u, 2u}) {
        CAPTURE(threads);
        const std::size_t a = small.allocations_of_evaluate(threads), b = large.allocations_of_evaluate(threads);
        CHECK(a == b);
        CHECK(a < 64);  // the output arrays, one block of scratch per thread and the threads themselves
    }
}

TEST_CASE("stability draws allocate nothing per draw, in a cluster too large for exact rank histograms") {
    // 2 000 units in one cluster: binned ranks, logged and binned every 64 draws; group caps: one draw at a time.
    const population_fixture population(2'000);
    CHECK(population.allocations_of_draws(10) == population.allocations_of_draws(300));
}
