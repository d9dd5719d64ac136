// Speed and memory figures, each printed as a ratio against a baseline measured in the same run on the same
// seeded data, with its target; the exit status is 1 when a target is missed. `make bench` runs this and
// tests/bench/bench.py (the numpy comparisons).
//
//   score_1m       1 000 000 units × 50 criteria, one phase, from arrays: score vs one pass over the input
//   peak memory    of score_1m, vs the size of the input arrays
//   trace_cost     100 000 units: scoring with the trace recorded vs without
//   stability_10k  10 000 units × 30 criteria in clusters of 10, 10 000 draws: wall time
//   stability_100k_one_cluster  100 000 units × 30 criteria in one cluster, 1 000 draws: wall time, peak memory
//   rows           the row path (JSON results) for 2 000 units: reading vs a byte scan, scoring vs a column sum

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

#include "synthetic.hpp"
#include "thidua.hpp"
#include "thidua/detail/report_data.hpp"
#include "thidua/scoring/arrays.hpp"
#include "thidua/analysis/stability.hpp"

namespace {

double seconds_of(const std::function<void()>& work) {
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Best of `runs` timings (the least disturbed by the rest of the machine).
double best_of(int runs, const std::function<void()>& work) {
    double best = 1e300;
    for (int i = 0; i < runs; ++i) best = std::min(best, seconds_of(work));
    return best;
}

double peak_rss_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

volatile std::int64_t sink;
bool missed = false;

void figure(const char* name, const char* what, double value, const char* unit, double ratio, const char* baseline,
            const char* relation, double target) {
    const bool ok = relation[0] == '<' ? ratio <= target : ratio >= target;
    missed = missed || !ok;
    std::printf("%-26s %-44s %10.3f %-3s %8.2f × %-22s target %s %g  %s\n", name, what, value, unit, ratio, baseline,
                relation, target, ok ? "ok" : "MISSED");
}

/// A population of `units` in clusters of `cluster_size`, with `criteria` criteria in one phase.
struct bulk {
    std::shared_ptr<const thidua::plan> plan;
    std::vector<std::int64_t> values;
};

bulk make_bulk(std::size_t units, std::size_t cluster_size, int criteria) {
    thidua_bench::size s;
    s.clusters = static_cast<int>((units + cluster_size - 1) / cluster_size);
    s.units_per_cluster = 1;
    s.criteria = criteria;
    auto rules = thidua::read_campaign(thidua_bench::bulk_campaign_json(s.clusters, criteria));
    thidua::population people;
    people.ids.reserve(units);
    for (std::size_t u = 0; u < units; ++u) {
        people.ids.push_back("u" + std::to_string(u));
        people.kinds.push_back(u % 5 ? "commune" : "ward");
        people.clusters.push_back("c" + std::to_string(u / cluster_size));
    }
    bulk b;
    b.plan = std::make_shared<const thidua::plan>(thidua::with_population(std::move(rules), std::move(people)));
    b.values = thidua_bench::bulk_values(units, static_cast<std::size_t>(criteria));
    return b;
}

thidua::report score_bulk(const bulk& b, const thidua::score_options& options = {}) {
    return thidua::score_arrays(*b.plan, {{b.values.data()}}, {}, thidua::borrowed, options);
}

void score_1m() {
    const double rss_before = peak_rss_mb();
    const bulk b = make_bulk(1'000'000, 10, 50);
    const double input_mb = static_cast<double>(b.values.size() * sizeof(std::int64_t)) / (1024.0 * 1024.0);
    const double pass = best_of(3, [&] {
        std::int64_t sum = 0;
        for (const std::int64_t v : b.values) sum += v;
        sink = sum;
    });
    const double rss_input = peak_rss_mb();
    const double score = best_of(3, [&] { sink = static_cast<std::int64_t>(score_bulk(b).units()); });
    figure("score_1m", "1 000 000 units × 50 criteria from arrays", score * 1e3, "ms", score / pass,
           "one pass over the input", "<=", 5);
    const double extra = peak_rss_mb() - rss_input;
    figure("peak_memory", "score_1m: memory beyond the input arrays", extra, "MB",
           (input_mb + extra) / input_mb, "input arrays", "<=", 2);
    (void)rss_before;
}

void trace_cost() {
    const bulk b = make_bulk(100'000, 10, 50);
    const double off = best_of(3, [&] { sink = static_cast<std::int64_t>(score_bulk(b).units()); });
    thidua::score_options traced;
    traced.trace = true;
    const double on = best_of(3, [&] { sink = static_cast<std::int64_t>(score_bulk(b, traced).units()); });
    figure("trace_cost", "100 000 units, trace recorded", on * 1e3, "ms", on / off, "trace off", "<=", 3);
}

void stability_10k() {
    const bulk b = make_bulk(10'000, 10, 30);
    const thidua::report base = score_bulk(b);
    thidua::stability_counts counts(base);
    thidua::stability_options options;
    options.weight_jitter = 0.1;
    const double wall = seconds_of([&] { thidua::run_stability(base, options, 0, 10'000, counts); });
    figure("stability_10k", "10 000 units × 30 criteria, 10 000 draws", wall, "s", wall / 10.0, "10 s on 2 cores",
           "<=", 1);
}

void stability_100k_one_cluster() {
    const bulk b = make_bulk(100'000, 100'000, 30);
    const thidua::report base = score_bulk(b);
    thidua::stability_options options;
    options.weight_jitter = 0.1;
    const double wall = seconds_of([&] {
        thidua::stability_counts counts(base, options);
        thidua::run_stability(base, options, 0, 1'000, counts);
        sink = static_cast<std::int64_t>(counts.rank_quantile(0, 0.95));
    });
    figure("stability_100k_one_cluster", "100 000 units in one cluster, 1 000 draws", wall, "s", wall / 60.0, "60 s",
           "<=", 1);
    const double peak = peak_rss_mb();
    figure("stability_100k_one_cluster", "its peak memory (the whole process)", peak, "MB", peak / 4096.0, "4 GB", "<=", 1);
}

void rows() {
    thidua_bench::size size;
    const std::string campaign_text = thidua_bench::campaign_json(size);
    const std::string results_text = thidua_bench::results_json(size);
    const auto plan = std::make_shared<const thidua::plan>(thidua::read_campaign(campaign_text));
    const thidua::results results = thidua::read_results(results_text);
    const double scan = best_of(5, [&] {
        std::uint64_t h = 0;
        for (unsigned char ch : results_text) h = h * 31 + ch;
        sink = static_cast<std::int64_t>(h);
    });
    const double read = best_of(5, [&] { sink = static_cast<std::int64_t>(thidua::read_results(results_text).rows.size()); });
    figure("rows", "read 144 000 result rows (12 MB of JSON)", read * 1e3, "ms", read / scan, "byte scan of the text",
           "<=", 15);
    const thidua::detail::columns in = thidua::detail::bind(plan->compiled(), results);
    const double sum = best_of(5, [&] {
        sink = std::accumulate(in.value_storage.begin(), in.value_storage.end(), std::int64_t{0});
    });
    const double kernel = best_of(5, [&] { sink = static_cast<std::int64_t>(thidua::detail::evaluate(plan->compiled(), in).total.size()); });
    figure("rows", "kernel over 2 000 units × 80 slots", kernel * 1e3, "ms", kernel / sum, "sum over the columns",
           "<=", 60);
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> all = {"rows", "trace_cost", "stability_10k", "stability_100k_one_cluster",
                                          "score_1m"};
    std::vector<std::string> chosen(argv + 1, argv + argc);
    if (chosen.empty()) chosen = all;
    std::printf("thidua %s, %u hardware threads\n", thidua::version, std::thread::hardware_concurrency());
    for (const auto& name : chosen) {
        if (name == "rows") rows();
        else if (name == "trace_cost") trace_cost();
        else if (name == "stability_10k") stability_10k();
        else if (name == "stability_100k_one_cluster") stability_100k_one_cluster();
        else if (name == "score_1m") score_1m();  // last: its peak memory would hide the others'
        else {
            std::fprintf(stderr,
                         "unknown benchmark %s (choose from rows, trace_cost, stability_10k, "
                         "stability_100k_one_cluster, score_1m)\n",
                         name.c_str());
            return 2;
        }
    }
    return missed ? 1 : 0;
}
