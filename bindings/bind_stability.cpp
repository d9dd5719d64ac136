// Stability analysis: draws run in chunks (the GIL released), so that Python can show progress between them, and
// their counts travel as bytes to be merged (draws split across processes or machines).

#include "pybind11.hpp"
#include "thidua/analysis/stability.hpp"
#include "thidua/report/report.hpp"

void bind_stability(py::module_& m) {
    py::class_<thidua::stability_run>(m, "stability_run", "A stability analysis in progress")
        .def(py::init([](const thidua::report& base, double weight_jitter, double value_noise, std::uint64_t seed,
                         unsigned threads, std::uint32_t rank_bins, std::uint64_t memory_cap) {
                 thidua::stability_options options;
                 options.weight_jitter = weight_jitter;
                 options.value_noise = value_noise;
                 options.seed = seed;
                 options.threads = threads;
                 options.rank_bins = rank_bins;
                 options.memory_cap = memory_cap;
                 return std::make_unique<thidua::stability_run>(base, options);
             }),
             "base"_a, "weight_jitter"_a, "value_noise"_a, "seed"_a, "threads"_a = 0,
             "rank_bins"_a = thidua::stability_options{}.rank_bins,
             "memory_cap"_a = thidua::stability_options{}.memory_cap, py::call_guard<py::gil_scoped_release>())
        .def("run", &thidua::stability_run::run, "first"_a, "last"_a, py::call_guard<py::gil_scoped_release>(),
             "Runs draws [first, last) and adds their counts")
        .def_property_readonly("draws", [](const thidua::stability_run& r) { return r.counts().draws; })
        .def(
            "state", [](const thidua::stability_run& r) { return py::bytes(r.counts().state()); },
            "The counts so far as bytes, for merge() in another process (a Dask worker's share of the draws)")
        .def(
            "merge",
            [](thidua::stability_run& r, const py::bytes& state) {
                const std::string_view counts = state;  // into the bytes object, which the caller keeps alive
                py::gil_scoped_release unlocked;
                r.merge(counts);
            },
            "state"_a, "Adds the counts of draws run elsewhere: state() of the same analysis of the same report")
        .def(
            "table",
            [](const thidua::stability_run& r) {
                // Column lists, for a DataFrame.
                const auto& c = r.counts();
                const std::size_t n = c.same_class.size();
                std::vector<double> same_class(n), same_awards(n), rank_one(n), mean_rank(n);
                std::vector<std::int32_t> q05(n), q95(n);
                for (std::size_t u = 0; u < n; ++u) {
                    same_class[u] = c.p_same_class(u);
                    same_awards[u] = c.p_same_awards(u);
                    rank_one[u] = c.p_rank_one(u);
                    mean_rank[u] = c.mean_rank(u);
                    q05[u] = c.rank_quantile(u, 0.05);
                    q95[u] = c.rank_quantile(u, 0.95);
                }
                py::dict out;
                out["p_same_class"] = same_class;
                out["p_same_awards"] = same_awards;
                out["p_rank1"] = rank_one;
                out["mean_rank"] = mean_rank;
                out["rank_q05"] = q05;
                out["rank_q95"] = q95;
                return out;
            },
            "Per-unit probabilities and rank figures, as columns");
}
