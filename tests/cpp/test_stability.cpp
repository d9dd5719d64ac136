// Stability analysis: no jitter keeps everything as reported; the counts depend on the seed only, not on the
// thread count or on how the draws are split; jitter moves units near a boundary and not units far from it.

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <memory>
#include <random>
#include <stdexcept>

#include "golden.hpp"
#include "thidua/detail/report_data.hpp"
#include "thidua/scoring/arrays.hpp"
#include "thidua/analysis/stability.hpp"
#include "thidua/detail/stability.hpp"
#include "thidua.hpp"

namespace json = boost::json;

namespace {

thidua::report example(const char* name) {
    const auto dir = std::filesystem::path(THIDUA_EXAMPLES_DIR) / name;
    const auto campaign_path = (dir / "campaign.json").string(), results_path = (dir / "results.json").string();
    return thidua::score(thidua::read_campaign(thidua_test::read_file(campaign_path), campaign_path),
                         thidua::read_results(thidua_test::read_file(results_path), results_path));
}

thidua::stability_counts run(const thidua::report& base, double jitter, double noise, std::uint64_t seed,
                             unsigned threads, std::uint64_t draws, std::uint64_t chunk,
                             std::uint32_t rank_bins = thidua::stability_options{}.rank_bins) {
    thidua::stability_options options;
    options.weight_jitter = jitter;
    options.value_noise = noise;
    options.seed = seed;
    options.threads = threads;
    options.rank_bins = rank_bins;
    thidua::stability_run analysis(base, options);
    for (std::uint64_t first = 0; first < draws; first += chunk) analysis.run(first, std::min(draws, first + chunk));
    return analysis.counts();
}

bool same_counts(const thidua::stability_counts& a, const thidua::stability_counts& b) {
    return a.draws == b.draws && a.same_class == b.same_class && a.same_awards == b.same_awards &&
           a.first_places == b.first_places && a.rank_sum == b.rank_sum && a.rank_bins == b.rank_bins;
}

}  // namespace

TEST_CASE("without jitter or noise every draw reproduces the report") {
    const auto base = example("hong-linh-dot-dac-biet-2024");
    const auto counts = run(base, 0.0, 0.0, 7, 2, 40, 40);
    CHECK(counts.draws == 40);
    for (std::size_t u = 0; u < base.units(); ++u) {
        CAPTURE(base.campaign().units[u].id);
        CHECK(counts.p_same_class(u) == 1.0);
        CHECK(counts.p_same_awards(u) == 1.0);
        CHECK(counts.mean_rank(u) == static_cast<double>(base.cluster_rank(u)));
        CHECK(counts.rank_quantile(u, 0.05) == base.cluster_rank(u));
        CHECK(counts.rank_quantile(u, 0.95) == base.cluster_rank(u));
        CHECK(counts.p_rank_one(u) == (base.cluster_rank(u) == 1 ? 1.0 : 0.0));
    }
}

TEST_CASE("stability counts depend on the seed only and not on threads or chunks") {
    // Chương Mỹ has group caps (draws one by one), Hồng Lĩnh none (draws in batches of 8 without noise): chunks of
    // 37 split the batches differently.
    for (const char* name : {"chuong-my-cum-2-2024", "hong-linh-dot-dac-biet-2024"}) {
        for (const double noise : {0.0, 0.05}) {
            CAPTURE(name);
            CAPTURE(noise);
            const auto base = example(name);
            const auto one_thread = run(base, 0.2, noise, 42, 1, 200, 200);
            CHECK(same_counts(one_thread, run(base, 0.2, noise, 42, 2, 200, 200)));
            CHECK(same_counts(one_thread, run(base, 0.2, noise, 42, 2, 200, 37)));
            CHECK_FALSE(same_counts(one_thread, run(base, 0.2, noise, 43, 2, 200, 200)));
        }
    }
}

TEST_CASE("jitter moves the units tied on total and leaves a clear leader in place") {
    // Chương Mỹ: Trần Phú and Hữu Văn tie at 86.67 and only a tie-break separates them; Tốt Động leads by 1.11.
    const auto base = example("chuong-my-cum-2-2024");
    const auto counts = run(base, 0.1, 0.0, 1, 2, 500, 500);
    const auto tran_phu = base.unit_index("tran-phu"), tot_dong = base.unit_index("tot-dong");
    CHECK(base.cluster_rank(tran_phu) == 4);
    CHECK(counts.mean_rank(tran_phu) > 4.0);  // the jittered weights break the tie either way
    CHECK(counts.rank_quantile(tran_phu, 0.05) == 4);
    CHECK(counts.rank_quantile(tran_phu, 0.95) == 5);
    CHECK(counts.p_rank_one(tot_dong) > 0.5);
}

namespace {

/// Units u0 … u0 + count − 1 of a population where unit i leaves out of the scale the criteria of the set bits of
/// i (so that every unit has its own row of max) and reports (i × 7 + k) % 11 on the others; each unit is alone in
/// its cluster, so that its counts depend on its own figures only.
struct own_rows {
    std::vector<std::int64_t> values;
    std::vector<thidua::slot_status> statuses;
    std::unique_ptr<thidua::report> report;
};

own_rows distinct_rows(std::size_t u0, std::size_t count) {
    json::object c = json::parse(R"({"thidua": 1, "id": "rows", "start": "2024-01-01", "end": "2024-12-31",
        "classes": [{"id": "xs", "min_score": 90}, {"id": "tot", "min_score": 75}, {"id": "ht", "min_score": 50},
                    {"id": "kht"}]})").as_object();
    json::array clusters, criteria;
    for (std::size_t i = 0; i < count; ++i) clusters.push_back(json::object{{"id", "c" + std::to_string(i)}});
    for (int k = 0; k < 12; ++k) {
        criteria.push_back(json::object{{"id", "k" + std::to_string(k)}, {"max_points", 10},
                                        {"rule", json::object{{"kind", "manual"}}}});
    }
    c["clusters"] = clusters;
    c["criteria"] = criteria;
    c["units"] = json::array{json::object{{"id", "x"}, {"kind", "commune"}, {"cluster", "c0"}}};
    thidua::population people;
    people.kinds = {"commune"};
    for (std::size_t i = 0; i < count; ++i) people.cluster_indices.push_back(static_cast<std::uint32_t>(i));
    auto pl = std::make_shared<const thidua::plan>(
        thidua::with_population(thidua::read_campaign(json::serialize(c)), std::move(people)));
    own_rows out;
    out.values.assign(count * 12, 0);
    out.statuses.assign(count * 12, thidua::slot_status::reported);
    for (std::size_t i = 0; i < count; ++i) {
        for (std::size_t k = 0; k < 12; ++k) {
            out.values[i * 12 + k] = static_cast<std::int64_t>(((u0 + i) * 7 + k) % 11) * 1'000'000;
            if (((u0 + i) >> k) & 1) out.statuses[i * 12 + k] = thidua::slot_status::exempt;
        }
    }
    out.report = std::make_unique<thidua::report>(
        thidua::score_arrays(*pl, {{out.values.data(), nullptr, out.statuses.data()}}, {}, thidua::borrowed));
    return out;
}

}  // namespace

TEST_CASE("units beyond the shared rows of max weigh their own row the same way") {
    // 1 100 units have 1 100 distinct rows: past the first 1 024 a draw weighs each unit's own row. The last 76
    // units scored alone (their rows shared) must count the same.
    const own_rows population = distinct_rows(0, 1100), last = distinct_rows(1024, 76);
    const auto all = run(*population.report, 0.3, 0.0, 9, 2, 300, 300);
    const auto tail = run(*last.report, 0.3, 0.0, 9, 1, 300, 300);
    REQUIRE(thidua::detail::stability_base::distinct_rows == 1024);
    bool moved = false;
    for (std::size_t i = 0; i < 76; ++i) {
        CAPTURE(i);
        CHECK(all.same_class[1024 + i] == tail.same_class[i]);
        moved = moved || tail.same_class[i] < 300;
    }
    CHECK(moved);  // the jitter does move some of them
}

TEST_CASE("the weighted sums of a batch of draws are the same with SSE2 and AVX2, and add in a fixed order") {
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> points(0.0, 1e7), factor(0.9, 1.1);
    for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{30}}) {
        CAPTURE(n);
        std::vector<double> a(n), f(n * thidua::detail::draw_batch);
        for (auto& x : a) x = points(rng);
        for (auto& x : f) x = factor(rng);
        std::vector<double> sse2(thidua::detail::draw_batch * 3, -1.0);
        thidua::detail::weighted_sums_sse2(a.data(), f.data(), n, sse2.data(), 3);
        for (std::size_t d = 0; d < thidua::detail::draw_batch; ++d) {
            // even criteria, odd criteria, then the last odd one
            double even = 0.0, odd = 0.0;
            std::size_t k = 0;
            for (; k + 2 <= n; k += 2) {
                even += f[k * thidua::detail::draw_batch + d] * a[k];
                odd += f[(k + 1) * thidua::detail::draw_batch + d] * a[k + 1];
            }
            double expected = even + odd;
            if (k < n) expected += f[k * thidua::detail::draw_batch + d] * a[k];
            CHECK(sse2[d * 3] == expected);
            CHECK(sse2[d * 3 + 1] == -1.0);  // the stride is respected
        }
#if THIDUA_X86_DISPATCH
        if (thidua::detail::has_avx2()) {
            std::vector<double> avx2(sse2.size(), -1.0);
            thidua::detail::weighted_sums_avx2(a.data(), f.data(), n, avx2.data(), 3);
            CHECK(avx2 == sse2);
        }
#endif
    }
}

TEST_CASE("a stability run keeps the report it was given, even a temporary one") {
    const auto path = thidua_test::golden_cases().at("12-awards.json");
    const auto doc = boost::json::parse(thidua_test::read_file(path));
    thidua::stability_options options;
    options.threads = 2;
    thidua::stability_run run(thidua::score(thidua::read_campaign(boost::json::serialize(doc.at("campaign"))),
                                            thidua::read_results(boost::json::serialize(doc.at("results")))),
                              options);
    run.run(0, 50);
    CHECK(run.counts().draws == 50);
    CHECK(run.counts().same_class.size() == doc.at("campaign").at("units").as_array().size());
}

namespace {

/// `big` units in one cluster, then `small` more in clusters of ten, scored on twelve criteria (ratio, bands and
/// manual rules) with values spread so that totals seldom tie; a class quota and an award per cluster.
struct clustered {
    std::vector<std::int64_t> values;
    std::unique_ptr<thidua::report> report;
};

clustered clustered_population(std::size_t big, std::size_t small) {
    json::object c = json::parse(R"({"thidua": 1, "id": "clustered", "start": "2024-01-01", "end": "2024-12-31",
        "classes": [{"id": "xs", "min_score": 80}, {"id": "tot", "min_score": 60, "max_share": "0.3"},
                    {"id": "ht", "min_score": 40}, {"id": "kht"}],
        "awards": [{"id": "top", "max_share": "0.1", "min_count": 1, "min_class": "tot"}]})").as_object();
    const std::size_t clusters = 1 + (small + 9) / 10;
    json::array cluster_list, criteria;
    for (std::size_t g = 0; g < clusters; ++g) cluster_list.push_back(json::object{{"id", "c" + std::to_string(g)}});
    static const char* rules[] = {
        R"({"kind": "ratio", "target": 10})",
        R"({"kind": "bands", "bands": [{"at_least": 4, "points": 10}, {"at_least": 2, "points": 5}]})",
        R"({"kind": "manual"})"};
    for (int k = 0; k < 12; ++k) {
        criteria.push_back(json::object{{"id", "k" + std::to_string(k)}, {"max_points", 10},
                                        {"rule", json::parse(rules[k % 3])}});
    }
    c["clusters"] = cluster_list;
    c["criteria"] = criteria;
    c["units"] = json::array{json::object{{"id", "x"}, {"kind", "commune"}, {"cluster", "c0"}}};
    thidua::population people;
    people.kinds = {"commune"};
    for (std::size_t u = 0; u < big + small; ++u) {
        people.cluster_indices.push_back(static_cast<std::uint32_t>(u < big ? 0 : 1 + (u - big) / 10));
    }
    auto pl = std::make_shared<const thidua::plan>(
        thidua::with_population(thidua::read_campaign(json::serialize(c)), std::move(people)));
    clustered out;
    std::mt19937_64 rng(5);
    std::uniform_int_distribution<std::int64_t> ratio(0, 12'000'000), bands(0, 5'000'000), manual(0, 1'000);
    for (std::size_t u = 0; u < big + small; ++u) {
        for (int k = 0; k < 12; ++k) {
            out.values.push_back(k % 3 == 0 ? ratio(rng) : k % 3 == 1 ? bands(rng) : manual(rng) * 10'000);
        }
    }
    out.report =
        std::make_unique<thidua::report>(thidua::score_arrays(*pl, {{out.values.data()}}, {}, thidua::borrowed));
    return out;
}

/// Each unit's cluster rank in each of `draws` draws, read one draw at a time from the rank sums: the exact
/// ranks, whatever the bins.
std::vector<std::vector<std::int32_t>> ranks_per_draw(const thidua::report& base,
                                                      const thidua::stability_options& options, std::uint64_t draws) {
    thidua::stability_run analysis(base, options);
    std::vector<std::vector<std::int32_t>> out(base.units());
    for (std::uint64_t d = 0; d < draws; ++d) {
        const std::vector<std::uint64_t> before = analysis.counts().rank_sum;
        analysis.run(d, d + 1);
        for (std::size_t u = 0; u < base.units(); ++u) {
            out[u].push_back(static_cast<std::int32_t>(analysis.counts().rank_sum[u] - before[u]));
        }
    }
    return out;
}

/// The smallest rank r with at least q × draws of the ranks at most r.
std::int32_t exact_quantile(std::vector<std::int32_t> ranks, double q) {
    std::sort(ranks.begin(), ranks.end());
    for (std::size_t i = 0;; ++i) {
        if (static_cast<double>(i + 1) >= q * static_cast<double>(ranks.size())) return ranks[i];
    }
}

double mean_of(const std::vector<std::int32_t>& ranks) {
    std::uint64_t sum = 0;
    for (const std::int32_t r : ranks) sum += static_cast<std::uint64_t>(r);
    return static_cast<double>(sum) / static_cast<double>(ranks.size());
}

thidua::stability_options jittered(double jitter, unsigned threads, std::uint32_t rank_bins = 512) {
    thidua::stability_options options;
    options.weight_jitter = jitter;
    options.seed = 11;
    options.threads = threads;
    options.rank_bins = rank_bins;
    return options;
}

}  // namespace

TEST_CASE("clusters of at most rank_bins units keep exact rank histograms: the tables of the exact ranks") {
    // Clusters of ten are counted in each thread's histogram, the cluster of 200 in the rank log: both exact.
    const clustered population = clustered_population(200, 300);
    const thidua::report& base = *population.report;
    const auto exact = ranks_per_draw(base, jittered(0.3, 1), 60);
    const auto counts = run(base, 0.3, 0.0, 11, 2, 60, 7);
    for (std::size_t u = 0; u < base.units(); ++u) {
        CAPTURE(u);
        const auto size = static_cast<std::int32_t>(u < 200 ? 200 : 10);
        REQUIRE(counts.bins(u) == static_cast<std::size_t>(size));
        CHECK(counts.exact_distance(u) == static_cast<std::uint32_t>(size));
        CHECK(counts.bin_ranks(u, 3) == std::pair<std::int32_t, std::int32_t>{4, 4});
        CHECK(counts.mean_rank(u) == mean_of(exact[u]));
        CHECK(counts.p_rank_one(u) == static_cast<double>(std::count(exact[u].begin(), exact[u].end(), 1)) / 60.0);
        CHECK(counts.rank_quantile(u, 0.05) == exact_quantile(exact[u], 0.05));
        CHECK(counts.rank_quantile(u, 0.95) == exact_quantile(exact[u], 0.95));
        for (std::int32_t r = 1; r <= size; ++r) {
            const auto n = static_cast<std::uint64_t>(std::count(exact[u].begin(), exact[u].end(), r));
            CHECK(counts.rank_bins[counts.layout->first_bin[u] + static_cast<std::size_t>(r) - 1] == n);
        }
    }
}

TEST_CASE("a larger cluster's bins: one distance a bin near the report rank, widening outwards to cover the cluster") {
    for (const std::uint32_t n : {513u, 2'000u, 20'000u, 1'000'000u}) {
        for (const std::uint32_t rank_bins : {16u, 64u, 512u}) {
            CAPTURE(n);
            CAPTURE(rank_bins);
            const auto shape = thidua::detail::bins_of_cluster(n, rank_bins);
            const auto edges = thidua::detail::distance_edges(n, rank_bins);
            REQUIRE(edges.size() == shape.bins + 1);
            CHECK(shape.bins <= rank_bins);
            CHECK(edges.front() == -static_cast<std::int32_t>(n - 1));
            CHECK(edges.back() == static_cast<std::int32_t>(n));
            CHECK(std::is_sorted(edges.begin(), edges.end()));
            const auto zero = static_cast<std::size_t>(std::find(edges.begin(), edges.end(), 0) - edges.begin());
            const auto exact = static_cast<std::int32_t>(shape.exact_distance);
            for (std::int32_t d = -exact; d <= exact; ++d) {  // one distance a bin
                CHECK(edges[zero + static_cast<std::size_t>(d + exact) - static_cast<std::size_t>(exact)] == d);
            }
            for (std::size_t k = zero + static_cast<std::size_t>(exact) + 1; k + 1 < edges.size(); ++k) {
                // Wider outwards, but for the last bin, cut at the cluster's end (and any empty one after it).
                if (edges[k + 1] < edges.back()) CHECK(edges[k + 1] - edges[k] >= edges[k] - edges[k - 1]);
            }
            for (std::size_t k = 0; k < zero; ++k) {  // the mirror image below the report rank
                CHECK(edges[k + 1] - edges[k] == edges[edges.size() - 1 - k] - edges[edges.size() - 2 - k]);
            }
        }
    }
    CHECK(thidua::detail::bins_of_cluster(512, 512).exact());
    CHECK_FALSE(thidua::detail::bins_of_cluster(513, 512).exact());
}

TEST_CASE("a cluster of 20 000 units: exact mean rank and first places, quantiles in the exact quantile's bin") {
    const clustered population = clustered_population(20'000, 0);
    const thidua::report& base = *population.report;
    const std::uint64_t draws = 6;
    auto options = jittered(0.3, 2);
    options.memory_cap = std::uint64_t{256} << 20;  // the exact histograms would take 3.2 GB
    const auto exact = ranks_per_draw(base, options, draws);
    thidua::stability_run analysis(base, options);
    analysis.run(0, draws);
    const auto& counts = analysis.counts();
    CHECK(counts.rank_bins.size() == std::size_t{20'000} * 511);
    const auto memory = thidua::detail::estimate_memory(base.data(), thidua::detail::shape_of(*counts.layout));
    CHECK(memory.total(2) < options.memory_cap);
    std::size_t exact_quantiles = 0, moved = 0;
    for (std::size_t u = 0; u < base.units(); ++u) {
        CAPTURE(u);
        REQUIRE(counts.exact_distance(u) == 127);
        CHECK(counts.mean_rank(u) == mean_of(exact[u]));
        CHECK(counts.p_rank_one(u) == static_cast<double>(std::count(exact[u].begin(), exact[u].end(), 1)) / 6.0);
        for (const double q : {0.05, 0.95}) {
            const std::int32_t want = exact_quantile(exact[u], q), got = counts.rank_quantile(u, q);
            std::size_t k = 0;
            while (counts.bin_ranks(u, k).second < want) ++k;  // the bin that holds the exact quantile
            CHECK(counts.bin_ranks(u, k).first <= got);
            CHECK(got <= counts.bin_ranks(u, k).second);
            if (std::abs(want - base.cluster_rank(u)) <= 127) {
                CHECK(got == want);
                ++exact_quantiles;
            }
            moved += want != base.cluster_rank(u);
        }
    }
    CHECK(exact_quantiles > 0);
    CHECK(moved > 0);
}

TEST_CASE("counts of tallied and logged clusters depend on the seed only, not on threads or chunks") {
    // With 64 rank bins the cluster of 1 500 is binned, and its ranks logged; 150 draws fill the log twice.
    const clustered population = clustered_population(1'500, 200);
    const thidua::report& base = *population.report;
    for (const double noise : {0.0, 0.05}) {
        CAPTURE(noise);
        const auto one_thread = run(base, 0.2, noise, 42, 1, 150, 150, 64);
        CHECK(same_counts(one_thread, run(base, 0.2, noise, 42, 2, 150, 150, 64)));
        CHECK(same_counts(one_thread, run(base, 0.2, noise, 42, 2, 150, 37, 64)));
        CHECK_FALSE(same_counts(one_thread, run(base, 0.2, noise, 43, 2, 150, 150, 64)));
        CHECK(one_thread.exact_distance(0) == 15);
        CHECK(one_thread.exact_distance(1'500) == 10);
    }
}

TEST_CASE("beyond its memory cap a stability analysis is refused before anything is allocated") {
    const clustered population = clustered_population(2'000, 0);
    const thidua::report& base = *population.report;
    thidua::stability_options options;
    const auto memory =
        thidua::detail::estimate_memory(base.data(), thidua::detail::shape_of(base.data().compiled(), 512));
    CHECK(memory.shared > 2'000ULL * 511 * 8);
    options.threads = 2;
    options.memory_cap = memory.total(2) - 1;
    try {
        thidua::stability_run refused(base, options);
        FAIL("no limit_error");
    } catch (const thidua::limit_error& e) {
        const std::string text = e.what();
        CHECK(text.find("2000 units") != std::string::npos);
        CHECK(text.find("2 threads") != std::string::npos);
        CHECK(text.find("memory cap") != std::string::npos);
    }
    thidua::stability_counts counts(base);  // with the default cap
    CHECK_THROWS_AS(thidua::run_stability(base, options, 0, 1, counts), thidua::limit_error);
    CHECK(counts.draws == 0);
    options.threads = 1;
    CHECK_NOTHROW(thidua::run_stability(base, options, 0, 1, counts));
    options.threads = 0;  // every hardware thread the cap leaves room for: at least one
    options.memory_cap = memory.total(1);
    CHECK_NOTHROW(thidua::run_stability(base, options, 1, 9, counts));
    CHECK(counts.draws == 9);
    options.memory_cap = memory.total(1) - 1;
    CHECK_THROWS_AS(thidua::stability_counts(base, options), thidua::limit_error);
    options.rank_bins = 15;
    CHECK_THROWS_AS(thidua::stability_counts(base, options), std::invalid_argument);
}

TEST_CASE("a perturbed manual value is clamped into its rule's domain: it never earns more than max_points") {
    // A reports max_points on a manual criterion and a boolean; B is exempt from the manual one and does the
    // boolean: B scores 100 in every draw, A at most 100 (its noisy value clamped), so B is always first (tied
    // with A at best: no tie-break leaves them both first).
    const auto campaign = thidua::read_campaign(R"({"thidua": 1, "id": "clamp", "start": "2024-01-01",
        "end": "2024-12-31", "clusters": [{"id": "c"}],
        "units": [{"id": "a", "kind": "commune", "cluster": "c"}, {"id": "b", "kind": "commune", "cluster": "c"}],
        "criteria": [{"id": "m", "max_points": 10, "rule": {"kind": "manual"}},
                     {"id": "t", "max_points": 10, "rule": {"kind": "boolean"}}],
        "classes": [{"id": "xs", "min_score": 100}, {"id": "kht"}]})");
    const auto results = thidua::read_results(R"({"thidua_results": 1, "campaign": "clamp", "results": [
        {"unit": "a", "criterion": "m", "value": 10}, {"unit": "a", "criterion": "t", "value": true},
        {"unit": "b", "criterion": "m", "status": "exempt"}, {"unit": "b", "criterion": "t", "value": true}]})");
    const auto base = thidua::score(campaign, results);
    const auto counts = run(base, 0.2, 0.3, 3, 2, 400, 400);
    const auto a = base.unit_index("a"), b = base.unit_index("b");
    CHECK(counts.p_rank_one(b) == 1.0);
    CHECK(counts.p_same_class(b) == 1.0);
    CHECK(counts.p_same_class(a) < 0.9);  // downwards the noise does move A
    CHECK(counts.p_rank_one(a) == counts.p_same_class(a));  // first exactly when it reaches 100

    const thidua::detail::compiled_rule& manual = base.data().compiled().rule(0);
    REQUIRE(manual.kind == thidua::rule_kind::manual);
    const auto above = thidua::detail::score_clamped_value(manual, nullptr, manual.max + 3'000'000, 0, 2,
                                                           thidua::rounding::half_up);
    CHECK(above.points == manual.max);
    CHECK(above.flags == thidua::detail::slot_met);
    CHECK(thidua::detail::score_clamped_value(manual, nullptr, -5, 0, 2, thidua::rounding::half_up).points == 0);
    const std::int64_t clamped = thidua::detail::clamp_value<thidua::rule_kind::manual>(manual, manual.max + 1);
    CHECK(clamped == manual.max);
    CHECK(thidua::detail::problem_of(manual, clamped, 0) == thidua::detail::value_problem::none);  // what a report accepts
}

TEST_CASE("stability states of draws run apart merge into the counts of one run") {
    const auto base = example("chuong-my-cum-2-2024");
    thidua::stability_options options;
    options.weight_jitter = 0.2;
    options.value_noise = 0.05;
    options.seed = 42;
    thidua::stability_run first(base, options), second(base, options);
    first.run(0, 120);
    second.run(120, 300);
    const std::string state = second.counts().state();
    CHECK(state.size() == 8 * (5 + 4 * base.units() + second.counts().rank_bins.size()));
    first.merge(state);
    CHECK(same_counts(first.counts(), run(base, 0.2, 0.05, 42, 2, 300, 300)));

    // Bytes that are not a whole state change nothing.
    const auto before = first.counts();
    CHECK_THROWS_WITH_AS(first.merge(state.substr(0, 39)), "thidua: not a stability state (too short)",
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(first.merge(state.substr(0, state.size() - 8)),
                         doctest::Contains("a stability state of the wrong length"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(first.merge(std::string(state.size(), '\0')), doctest::Contains("not a stability state"),
                         std::invalid_argument);
    CHECK(same_counts(first.counts(), before));
}

TEST_CASE("a stability state of another report is refused even with the same units and bins") {
    // The same campaign with A's manual value 10 or 5: the same units and bins, other totals and classes.
    const auto campaign = thidua::read_campaign(R"({"thidua": 1, "id": "two", "start": "2024-01-01",
        "end": "2024-12-31", "clusters": [{"id": "c"}],
        "units": [{"id": "a", "kind": "commune", "cluster": "c"}, {"id": "b", "kind": "commune", "cluster": "c"}],
        "criteria": [{"id": "m", "max_points": 10, "rule": {"kind": "manual"}}],
        "classes": [{"id": "xs", "min_score": 90}, {"id": "kht"}]})");
    const auto results = [](int a) {
        return thidua::read_results(R"({"thidua_results": 1, "campaign": "two", "results": [
            {"unit": "a", "criterion": "m", "value": )" + std::to_string(a) + R"(},
            {"unit": "b", "criterion": "m", "value": 7}]})");
    };
    thidua::stability_run ten(thidua::score(campaign, results(10)), {}), five(thidua::score(campaign, results(5)), {});
    ten.run(0, 10);
    REQUIRE(ten.counts().rank_bins.size() == five.counts().rank_bins.size());
    CHECK_THROWS_WITH_AS(five.merge(ten.counts().state()),
                         "thidua: a stability state of another report, or binned differently, cannot be merged",
                         std::invalid_argument);
    thidua::stability_counts sum = five.counts();
    CHECK_THROWS_AS(sum += ten.counts(), std::invalid_argument);
    CHECK(five.counts().draws == 0);
}
