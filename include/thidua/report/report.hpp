#pragma once
/// @file report.hpp
/// The result of scoring: one value holding the campaign's plan, the results, and every array the kernel and
/// the outcome passes produced, with per-unit accessors. score() is the single entry point that every reader,
/// binding and tool feeds; to_json() writes the report format of format.md.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "thidua/outcomes/awards.hpp"
#include "thidua/outcomes/classify.hpp"
#include "thidua/scoring/columns.hpp"
#include "thidua/detail/parallel.hpp"
#include "thidua/detail/sha256.hpp"
#include "thidua/scoring/engine.hpp"
#include "thidua/io/json.hpp"
#include "thidua/scoring/plan.hpp"
#include "thidua/outcomes/ranking.hpp"
#include "thidua/model/results.hpp"
#include "thidua/core/version.hpp"

namespace thidua {

class report {
public:
    /// Scores result rows.
    report(std::shared_ptr<const thidua::plan> pl, std::shared_ptr<const thidua::results> r,
           const evaluate_options& options = {});
    /// Scores columns built by the caller (see columnar.hpp); `results` may be empty.
    report(std::shared_ptr<const thidua::plan> pl, thidua::columns in, const evaluate_options& options = {});

    const thidua::plan& plan() const { return *plan_; }
    std::shared_ptr<const thidua::plan> plan_ptr() const { return plan_; }
    const thidua::campaign& campaign() const { return plan_->campaign(); }
    const thidua::results& results() const { return *results_; }
    const thidua::columns& inputs() const { return inputs_; }
    const thidua::scores& scores() const { return scores_; }
    const thidua::classification& classification() const { return classes_; }
    const thidua::award_outcome& awards() const { return awards_; }
    ranking_view cluster_ranking(std::size_t cluster) const { return by_cluster_[cluster]; }
    const cluster_rankings& all_cluster_rankings() const { return by_cluster_; }
    const ranking& overall_ranking() const { return overall_; }

    std::size_t units() const { return plan_->units(); }
    /// Index of a unit id; throws reference_error for an unknown id.
    std::size_t unit_index(std::string_view id) const;

    // Per slot (phase p, unit u, criterion k of the phase), recomputed as the kernel computed it.
    slot_status status(std::size_t p, std::size_t u, std::size_t k) const { return inputs_.status(*plan_, p, u, k); }
    slot_result slot(std::size_t p, std::size_t u, std::size_t k) const { return score_slot(*plan_, inputs_, p, u, k); }
    decimal points(std::size_t p, std::size_t u, std::size_t k) const { return decimal::from_micros(slot(p, u, k).points); }

    // Per unit u (decimals at the campaign's precision).
    bool phase_counted(std::size_t u, std::size_t p) const { return scores_.phase_counted[u * plan_->phases() + p]; }
    decimal phase_score(std::size_t u, std::size_t p) const {
        return decimal::from_micros(scores_.phase_score[u * plan_->phases() + p]);
    }
    decimal base(std::size_t u) const { return decimal::from_micros(scores_.base[u]); }
    decimal bonus(std::size_t u) const { return decimal::from_micros(scores_.bonus[u]); }
    decimal penalty(std::size_t u) const { return decimal::from_micros(scores_.penalty[u]); }
    decimal total(std::size_t u) const { return decimal::from_micros(scores_.total[u]); }
    std::size_t class_of(std::size_t u) const { return static_cast<std::size_t>(classes_.cls[u]); }
    std::int32_t cluster_rank(std::size_t u) const { return cluster_rank_[u]; }
    std::int32_t overall_rank(std::size_t u) const { return overall_rank_[u]; }
    /// The tie-break index that decided the unit's cluster rank, or not_tied / unresolved_tie.
    std::int32_t tie_broken_by(std::size_t u) const { return broken_by_[u]; }
    bool has_award(std::size_t u, std::size_t a) const { return awards_.given[u * campaign().awards.size() + a]; }
    /// Cash of one award for one receiving unit (cash, or multiplier × base_salary).
    decimal award_amount(std::size_t a) const;
    decimal award_cash(std::size_t u) const;

    /// SHA-256 of the canonical campaign and results (object keys sorted, no whitespace). The results'
    /// fingerprint is computed on first use: scoring alone never pays for hashing the input.
    const std::string& campaign_sha256() const { return plan_->sha256(); }
    const std::string& results_sha256() const {
        std::call_once(fingerprint_->once,
                       [this] { fingerprint_->sha256 = detail::sha256_hex(to_canonical_json(*results_)); });
        return fingerprint_->sha256;
    }

private:
    std::shared_ptr<const thidua::plan> plan_;
    std::shared_ptr<const thidua::results> results_;
    thidua::columns inputs_;
    thidua::scores scores_;
    cluster_rankings by_cluster_;
    ranking overall_;
    thidua::classification classes_;
    thidua::award_outcome awards_;
    uninit_vector<std::int32_t> cluster_rank_, overall_rank_, broken_by_;  // per unit, written by the ranking threads
    struct fingerprint {
        std::once_flag once;
        std::string sha256;
    };
    std::shared_ptr<fingerprint> fingerprint_ = std::make_shared<fingerprint>();
};

/// Scores results against a compiled campaign.
inline report score(std::shared_ptr<const plan> pl, results r) {
    return report(std::move(pl), std::make_shared<const results>(std::move(r)));
}

/// Compiles the campaign and scores the results.
inline report score(const campaign& c, results r) { return score(std::make_shared<const plan>(c), std::move(r)); }

/// The report document of format.md: units ordered by cluster (campaign order) then cluster rank, decimals as
/// strings at the campaign's precision, two-space indentation. The same input gives the same bytes.
std::string to_json(const report& r);

inline report::report(std::shared_ptr<const thidua::plan> pl, std::shared_ptr<const thidua::results> r,
                      const evaluate_options& options)
    : report(pl, bind(*pl, *r), options) {
    results_ = std::move(r);
}

inline report::report(std::shared_ptr<const thidua::plan> pl, thidua::columns in, const evaluate_options& options)
    : plan_(std::move(pl)), results_(std::make_shared<const thidua::results>()), inputs_(std::move(in)) {
    const auto& p = *plan_;
    scores_ = evaluate(p, inputs_, options);
    // The rankings: one thread ranks everyone (a pass or two of a radix sort for a large population) and then
    // helps the others with the clusters, which they take in chunks from a shared cursor. Each thread writes the
    // ranks it computed into the per-unit arrays.
    by_cluster_.reset(p);
    for (auto* v : {&cluster_rank_, &overall_rank_, &broken_by_}) v->resize(p.units());
    std::atomic<std::size_t> next_cluster{0};
    const auto rank_clusters = [&] {
        constexpr std::size_t chunk = 1024;
        for (std::size_t first; (first = next_cluster.fetch_add(chunk)) < p.clusters();) {
            for (std::size_t g = first; g < std::min(first + chunk, p.clusters()); ++g) {
                rank_cluster(p, inputs_, scores_, g, by_cluster_);
                const ranking_view ranked = by_cluster_[g];
                for (std::size_t i = 0; i < ranked.order.size(); ++i) {
                    cluster_rank_[ranked.order[i]] = ranked.rank[i];
                    broken_by_[ranked.order[i]] = ranked.broken_by[i];
                }
            }
        }
    };
    const auto rank_everyone = [&] {
        uninit_vector<std::uint32_t> everyone(p.units());
        for (std::size_t u = 0; u < everyone.size(); ++u) everyone[u] = static_cast<std::uint32_t>(u);
        rank_units(p, inputs_, scores_, everyone, overall_);
        for (std::size_t i = 0; i < overall_.order.size(); ++i) overall_rank_[overall_.order[i]] = overall_.rank[i];
    };
    const unsigned threads = options.threads == 1 || p.units() < (1u << 16) ? 1 : std::min(2u, detail::thread_count(0));
    detail::in_parallel(threads, [&](unsigned t) {
        if (t == threads - 1) rank_everyone();
        rank_clusters();
    });
    classes_ = classify(p, inputs_, scores_, by_cluster_);
    awards_ = give_awards(p, inputs_, scores_, classes_, by_cluster_, overall_);
}

inline std::size_t report::unit_index(std::string_view id) const {
    const std::int32_t u = plan_->unit_index(id);
    if (u < 0) throw reference_error("unknown unit '" + std::string(id) + "'", {});
    return static_cast<std::size_t>(u);
}

inline decimal report::award_amount(std::size_t a) const {
    const auto& rule = campaign().awards[a];
    if (rule.cash) return *rule.cash;
    if (rule.multiplier) return mul_div(*rule.multiplier, *campaign().base_salary, decimal::from_int(1), 6, rounding::half_up);
    return {};
}

inline decimal report::award_cash(std::size_t u) const {
    decimal sum;
    for (std::size_t a = 0; a < campaign().awards.size(); ++a) {
        if (has_award(u, a)) sum += award_amount(a);
    }
    return sum;
}

}  // namespace thidua
