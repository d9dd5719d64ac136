// Stability analysis: no jitter keeps everything as reported; the counts depend on the seed only, not on the
// thread count or on how the draws are split; jitter moves units near a boundary and not units far from it.

#include <doctest/doctest.h>

#include "golden.hpp"
#include "thidua/stability.hpp"

namespace {

thidua::report example(const char* name) {
    const auto dir = std::filesystem::path(THIDUA_EXAMPLES_DIR) / name;
    const auto campaign_path = (dir / "campaign.json").string(), results_path = (dir / "results.json").string();
    return thidua::score(thidua::read_campaign(thidua_test::read_file(campaign_path), campaign_path),
                         thidua::read_results(thidua_test::read_file(results_path), results_path));
}

thidua::stability_counts run(const thidua::report& base, double jitter, double noise, std::uint64_t seed,
                             unsigned threads, std::uint64_t draws, std::uint64_t chunk) {
    thidua::stability_options options;
    options.weight_jitter = jitter;
    options.value_noise = noise;
    options.seed = seed;
    options.threads = threads;
    thidua::stability_run analysis(base, options);
    for (std::uint64_t first = 0; first < draws; first += chunk) analysis.run(first, std::min(draws, first + chunk));
    return analysis.counts();
}

bool same_counts(const thidua::stability_counts& a, const thidua::stability_counts& b) {
    return a.draws == b.draws && a.same_class == b.same_class && a.same_awards == b.same_awards &&
           a.rank_one == b.rank_one && a.rank_sum == b.rank_sum && a.rank_histogram == b.rank_histogram;
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
    const auto base = example("chuong-my-cum-2-2024");
    const auto one_thread = run(base, 0.2, 0.05, 42, 1, 200, 200);
    CHECK(same_counts(one_thread, run(base, 0.2, 0.05, 42, 2, 200, 200)));
    CHECK(same_counts(one_thread, run(base, 0.2, 0.05, 42, 2, 200, 37)));
    CHECK_FALSE(same_counts(one_thread, run(base, 0.2, 0.05, 43, 2, 200, 200)));
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
