#pragma once
// What a report holds: the plan and inputs it was made from, and every array the kernel and the outcome passes
// produced. Built once by make_report(); shared, never changed, by the copies of a report.

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <utility>

#include "thidua/detail/awards.hpp"
#include "thidua/detail/classes.hpp"
#include "thidua/detail/clusters.hpp"
#include "thidua/detail/columns.hpp"
#include "thidua/detail/kernel.hpp"
#include "thidua/detail/layers.hpp"
#include "thidua/detail/ranking.hpp"
#include "thidua/report/report.hpp"
#include "thidua/scoring/options.hpp"
#include "thidua/scoring/plan.hpp"

namespace thidua::detail {

struct report_data {
    explicit report_data(thidua::plan p) : plan(std::move(p)) {}

    thidua::plan plan;
    std::shared_ptr<const thidua::results> results;  ///< empty for a report scored from arrays
    bool from_rows = false;                           ///< scored from result rows (score), not arrays
    std::shared_ptr<const void> owner;  ///< keeps arrays the inputs point into alive (score_arrays)
    std::shared_ptr<const layer_record> layers;  ///< results of two or more layers: each alone, who set each slot
    columns inputs;
    detail::scores scores;
    cluster_rankings by_cluster;
    ranking overall;
    classification classes;
    award_outcome awards;
    uninit_vector<std::int32_t> cluster_rank, overall_rank, broken_by;  // per unit, written by the ranking threads
    // The results' fingerprint, on first use.
    mutable std::once_flag fingerprint_once;
    mutable std::string results_sha256;
    // The cluster summaries and the award money, on first use (a large population's scoring need not pay for them).
    mutable std::once_flag summaries_once;
    mutable cluster_outcomes summaries;

    const cluster_outcomes& summarized() const {
        std::call_once(summaries_once,
                       [this] { summaries = summarize_clusters(compiled(), scores, classes, awards, by_cluster); });
        return summaries;
    }

    const compiled_plan& compiled() const { return plan.compiled(); }
};

/// Rankings a new report may take from another one of the same plan: a cluster none of whose units' inputs
/// changed (`changed[g]` 0) ranks as in `base` (a what-if's changes to some units' rows, events or totals).
struct ranking_reuse {
    const report_data* base = nullptr;
    std::span<const std::uint8_t> changed;  ///< per cluster
};

/// Scores `in` (bound from `results`, or wrapping arrays that `owner` keeps alive) and computes the outcomes.
report make_report(thidua::plan pl, std::shared_ptr<const thidua::results> results, columns in,
                   std::shared_ptr<const void> owner, const score_options& options,
                   std::shared_ptr<const layer_record> layers = nullptr, const ranking_reuse& reuse = {});

}  // namespace thidua::detail
