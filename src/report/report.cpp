// Making a report (the kernel, then the rankings, classes and awards over its arrays) and reading it.

#include "thidua/report/report.hpp"

#include <algorithm>
#include <atomic>

#include "thidua/detail/parallel.hpp"
#include "thidua/detail/report_data.hpp"
#include "thidua/detail/sha256.hpp"
#include "thidua/io/json.hpp"
#include "thidua/scoring/score.hpp"

namespace thidua {

namespace detail {

report make_report(thidua::plan pl, std::shared_ptr<const thidua::results> results, columns in,
                   std::shared_ptr<const void> owner, const score_options& options,
                   std::shared_ptr<const layer_record> layers, const ranking_reuse& reuse) {
    auto d = std::make_shared<report_data>(std::move(pl));
    d->layers = std::move(layers);
    d->from_rows = results != nullptr;
    d->results = results ? std::move(results) : std::make_shared<const thidua::results>();
    d->owner = std::move(owner);
    d->inputs = std::move(in);
    const compiled_plan& p = d->compiled();
    d->scores = evaluate(p, d->inputs, options);
    // The rankings: one thread ranks everyone (a pass or two of a radix sort for a large population) and then
    // helps the others with the clusters, which they take in chunks from a shared cursor. Each thread writes the
    // ranks it computed into the per-unit arrays.
    d->by_cluster.reset(p);
    for (auto* v : {&d->cluster_rank, &d->overall_rank, &d->broken_by}) v->resize(p.units());
    std::atomic<std::size_t> next_cluster{0};
    const auto rank_clusters = [&] {
        constexpr std::size_t chunk = 1024;
        for (std::size_t first; (first = next_cluster.fetch_add(chunk)) < p.clusters();) {
            for (std::size_t g = first; g < std::min(first + chunk, p.clusters()); ++g) {
                if (reuse.base && !reuse.changed[g]) {
                    const std::size_t from = d->by_cluster.start[g], to = d->by_cluster.start[g + 1];
                    const auto& before = reuse.base->by_cluster;
                    std::copy(before.order.data() + from, before.order.data() + to, d->by_cluster.order.data() + from);
                    std::copy(before.rank.data() + from, before.rank.data() + to, d->by_cluster.rank.data() + from);
                    std::copy(before.broken_by.data() + from, before.broken_by.data() + to,
                              d->by_cluster.broken_by.data() + from);
                } else {
                    rank_cluster(p, d->inputs, d->scores, g, d->by_cluster);
                }
                const ranking_view ranked = d->by_cluster[g];
                for (std::size_t i = 0; i < ranked.order.size(); ++i) {
                    d->cluster_rank[ranked.order[i]] = ranked.rank[i];
                    d->broken_by[ranked.order[i]] = ranked.broken_by[i];
                }
            }
        }
    };
    const auto rank_everyone = [&] {
        uninit_vector<std::uint32_t> everyone(p.units());
        for (std::size_t u = 0; u < everyone.size(); ++u) everyone[u] = static_cast<std::uint32_t>(u);
        rank_units(p, d->inputs, d->scores, everyone, d->overall);
        for (std::size_t i = 0; i < d->overall.order.size(); ++i) d->overall_rank[d->overall.order[i]] = d->overall.rank[i];
    };
    const unsigned threads = options.threads == 1 || p.units() < (1u << 16) ? 1 : std::min(2u, thread_count(0));
    in_parallel(threads, [&](unsigned t) {
        if (t == threads - 1) rank_everyone();
        rank_clusters();
    });
    d->classes = classify(p, d->inputs, d->scores, d->by_cluster);
    d->awards = give_awards(p, d->inputs, d->scores, d->classes, d->by_cluster, d->overall);
    return report(std::move(d));
}

}  // namespace detail

report score(const plan& p, results r, const score_options& options) {
    auto shared = std::make_shared<const results>(std::move(r));
    if (shared->layers.size() > 1) return detail::score_layers(p, std::move(shared), options);
    detail::columns in = detail::bind(p.compiled(), *shared);
    return detail::make_report(p, std::move(shared), std::move(in), nullptr, options);
}

report score(const campaign& c, results r, const score_options& options) { return score(plan(c), std::move(r), options); }

const thidua::plan& report::plan() const& { return data_->plan; }
const thidua::campaign& report::campaign() const& { return data_->plan.campaign(); }
const thidua::results& report::results() const& { return *data_->results; }
std::size_t report::units() const { return data_->compiled().units(); }

std::span<const layer> report::layers() const& {
    if (!data_->layers) return {};
    return data_->results->layers;
}

const report& report::layer_report(std::size_t i) const& {
    if (!data_->layers || i >= data_->layers->alone.size()) {
        throw reference_error("layer " + std::to_string(i) + " out of range: the report has " +
                                  std::to_string(layers().size()) + " layers", {});
    }
    return data_->layers->alone[i];
}

bool report::layers_differ(std::size_t p, std::size_t u, std::size_t k) const {
    return data_->layers && data_->layers->differs[data_->compiled().slot(p, u, k)] != 0;
}

std::int32_t report::set_by(std::size_t p, std::size_t u, std::size_t k) const {
    if (!data_->layers) return -1;
    return data_->layers->set_by[data_->compiled().slot(p, u, k)];
}

std::size_t report::unit_index(std::string_view id) const {
    const std::int32_t u = data_->compiled().unit_index(id);
    if (u < 0) throw reference_error("unknown unit '" + std::string(id) + "'", {});
    return static_cast<std::size_t>(u);
}

slot_status report::status(std::size_t p, std::size_t u, std::size_t k) const {
    return data_->inputs.status(data_->compiled(), p, u, k);
}
decimal report::points(std::size_t p, std::size_t u, std::size_t k) const {
    return decimal::from_micros(detail::score_slot(data_->compiled(), data_->inputs, p, u, k).points);
}

bool report::phase_counted(std::size_t u, std::size_t p) const {
    return data_->scores.phase_counted[u * data_->compiled().phases() + p] != 0;
}
decimal report::phase_score(std::size_t u, std::size_t p) const {
    return decimal::from_micros(data_->scores.phase_score[u * data_->compiled().phases() + p]);
}
decimal report::base(std::size_t u) const { return decimal::from_micros(data_->scores.base[u]); }
decimal report::bonus(std::size_t u) const { return decimal::from_micros(data_->scores.bonus[u]); }
decimal report::penalty(std::size_t u) const { return decimal::from_micros(data_->scores.penalty[u]); }
decimal report::total(std::size_t u) const { return decimal::from_micros(data_->scores.total[u]); }
std::size_t report::class_of(std::size_t u) const { return static_cast<std::size_t>(data_->classes.cls[u]); }
std::int32_t report::cluster_rank(std::size_t u) const { return data_->cluster_rank[u]; }
std::int32_t report::overall_rank(std::size_t u) const { return data_->overall_rank[u]; }
std::int32_t report::tie_broken_by(std::size_t u) const { return data_->broken_by[u]; }
bool report::has_award(std::size_t u, std::size_t a) const {
    return data_->awards.given[u * campaign().awards.size() + a] != 0;
}

decimal report::award_amount(std::size_t a) const { return detail::award_amount(campaign(), a); }

decimal report::award_cash(std::size_t u) const {
    decimal sum;
    for (std::size_t a = 0; a < campaign().awards.size(); ++a) {
        if (has_award(u, a)) sum += award_amount(a);
    }
    return sum;
}

std::span<const cluster_summary> report::clusters() const& { return data_->summarized().clusters; }
const thidua::award_totals& report::award_totals() const& { return data_->summarized().money; }

unit_view report::unit_at(std::size_t position) const {
    const std::size_t u = data_->by_cluster.order[position];
    const auto& c = campaign();
    const auto& unit = data_->compiled().unit_list()[u];
    const auto& cls = c.classes[class_of(u)];
    unit_view v{u, unit.id, unit.name, unit.cluster, total(u), cls.id, cls.title, cluster_rank(u), overall_rank(u), {}};
    for (std::size_t a = 0; a < c.awards.size(); ++a) {
        if (has_award(u, a)) v.awards.emplace_back(c.awards[a].id);
    }
    return v;
}

unit_view unit_range::iterator::operator*() const { return report_->unit_at(at_); }
unit_range::iterator unit_range::end() const { return {report_, size()}; }
std::size_t unit_range::size() const { return report_->units(); }

ranking_view report::cluster_ranking(std::size_t g) const& { return data_->by_cluster[g]; }
ranking_view report::overall_ranking() const& { return data_->overall; }

std::string report::campaign_sha256() const { return data_->compiled().sha256(); }

std::string report::results_sha256() const {
    std::call_once(data_->fingerprint_once,
                   [this] { data_->results_sha256 = detail::sha256_hex(to_canonical_json(*data_->results)); });
    return data_->results_sha256;
}

}  // namespace thidua
