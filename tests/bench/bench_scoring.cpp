// Scoring throughput, printed as ratios to baselines measured in the same run, so the numbers compare across
// machines: reading is compared with a plain scan of the same bytes, the kernel with a plain sum over the same
// columns. Run: build/dev/tests/bench/thidua_bench [units_per_cluster] (make bench).

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <numeric>
#include <vector>

#include "synthetic.hpp"
#include "thidua.hpp"

namespace {

/// Median wall time of `runs` calls, in milliseconds.
double median_ms(int runs, const std::function<void()>& work) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

volatile std::uint64_t sink;  // keeps baselines from being optimised away

void row(const char* what, double ms, double baseline_ms, const char* baseline) {
    std::printf("%-34s %9.2f ms   %8.2f × %s\n", what, ms, ms / baseline_ms, baseline);
}

}  // namespace

int main(int argc, char** argv) {
    thidua_bench::size size;
    if (argc > 1) size.units_per_cluster = std::atoi(argv[1]);
    const int runs = 5;
    const std::string campaign_text = thidua_bench::campaign_json(size);
    const std::string results_text = thidua_bench::results_json(size);
    const auto plan = std::make_shared<const thidua::plan>(thidua::read_campaign(campaign_text));
    const thidua::results results = thidua::read_results(results_text);
    const thidua::columns in = thidua::bind(*plan, results);
    std::printf("%d units × %d criteria × 2 phases: %zu result rows, %.1f MB of results JSON\n",
                size.clusters * size.units_per_cluster, size.criteria, results.rows.size(),
                static_cast<double>(results_text.size()) / 1e6);

    // Baselines.
    const double scan = median_ms(runs, [&] {
        std::uint64_t h = 0;
        for (unsigned char ch : results_text) h = h * 31 + ch;
        sink = h;
    });
    const double sum = median_ms(runs, [&] {
        std::int64_t total = std::accumulate(in.value_storage.begin(), in.value_storage.end(), std::int64_t{0});
        total += std::accumulate(in.target_storage.begin(), in.target_storage.end(), std::int64_t{0});
        sink = static_cast<std::uint64_t>(total);
    });
    std::printf("baseline: byte scan of the results %.2f ms; sum over the columns %.3f ms\n\n", scan, sum);

    row("read_results (JSON)", median_ms(runs, [&] { sink = thidua::read_results(results_text).rows.size(); }), scan,
        "byte scan");
    row("read_campaign + compile", median_ms(runs, [&] { sink = thidua::plan(thidua::read_campaign(campaign_text)).slots(); }),
        scan, "byte scan");
    row("bind (results → columns)", median_ms(runs, [&] { sink = thidua::bind(*plan, results).value_storage.size(); }), sum,
        "column sum");
    thidua::scores sc;
    row("evaluate (kernel)", median_ms(runs, [&] { sc = thidua::evaluate(*plan, in); }), sum, "column sum");
    row("score (bind … awards, hashes)", median_ms(runs, [&] { sink = thidua::score(plan, results).units(); }), sum,
        "column sum");
    const auto report = thidua::score(plan, results);
    row("to_json (report)", median_ms(runs, [&] { sink = thidua::to_json(report).size(); }), scan, "byte scan");
    return 0;
}
