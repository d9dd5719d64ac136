#pragma once
/// @file report.hpp
/// The result of scoring: per-unit points, phase scores, totals, classes, ranks and awards, computed once by
/// score() or score_arrays() and read through accessors. A report is a handle: copies share its arrays, and it keeps
/// what it was made from alive (the plan, the results, arrays it was given with an owner).
///
/// @code
/// const auto report = thidua::score(campaign, results);
/// for (std::size_t u = 0; u < report.units(); ++u)
///     std::cout << report.plan().unit_list()[u].id << ' ' << report.total(u) << '\n';
/// std::cout << thidua::to_json(report);
/// @endcode

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "thidua/core/decimal.hpp"
#include "thidua/model/campaign.hpp"
#include "thidua/model/results.hpp"
#include "thidua/outcomes/ballots.hpp"
#include "thidua/outcomes/clusters.hpp"
#include "thidua/outcomes/ranking.hpp"
#include "thidua/scoring/plan.hpp"
#include "thidua/scoring/status.hpp"

namespace thidua {

namespace detail {
struct report_data;
}

class report;

/// One unit of a report as its tables show it: views of the report's names and numbers (keep the report).
struct unit_view {
    std::size_t index = 0;  ///< position in plan().unit_list(), the argument of the report's per-unit accessors
    std::string_view id, name, cluster;
    decimal total;
    std::string_view class_id, class_title;
    std::int32_t cluster_rank = 0, overall_rank = 0;
    std::vector<std::string_view> awards;  ///< ids of the awards received, in the campaign's order
};

/// The units of a report in its order (by cluster in the campaign's order, then cluster rank), as unit_views:
/// `for (const auto& u : report.unit_views()) std::cout << u.name << ' ' << u.total << '\n';`
class unit_range {
public:
    class iterator {
    public:
        using value_type = unit_view;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        iterator(const report* r, std::size_t at) : report_(r), at_(at) {}
        unit_view operator*() const;
        iterator& operator++() {
            ++at_;
            return *this;
        }
        iterator operator++(int) {
            auto before = *this;
            ++at_;
            return before;
        }
        bool operator==(const iterator& other) const { return at_ == other.at_; }

    private:
        const report* report_ = nullptr;
        std::size_t at_ = 0;
    };

    explicit unit_range(const report& r) : report_(&r) {}
    iterator begin() const { return {report_, 0}; }
    iterator end() const;
    std::size_t size() const;

private:
    const report* report_;
};

class report {
public:
    /// A report of the library's own making (score(), score_arrays()).
    explicit report(std::shared_ptr<const detail::report_data> data) : data_(std::move(data)) {}

    const thidua::plan& plan() const&;
    const thidua::plan& plan() const&& = delete;  ///< would dangle: keep the report
    const thidua::campaign& campaign() const&;
    const thidua::campaign& campaign() const&& = delete;  ///< would dangle: keep the report
    /// The results scored; empty for a report scored from arrays.
    const thidua::results& results() const&;
    const thidua::results& results() const&& = delete;  ///< would dangle: keep the report

    std::size_t units() const;
    /// Index of a unit id; throws reference_error for an unknown id.
    std::size_t unit_index(std::string_view id) const;

    /// What slot (phase p, unit u, criterion k of the phase) holds, and its points.
    slot_status status(std::size_t p, std::size_t u, std::size_t k) const;
    decimal points(std::size_t p, std::size_t u, std::size_t k) const;

    // Per unit u (decimals at the campaign's precision).
    bool phase_counted(std::size_t u, std::size_t p) const;
    decimal phase_score(std::size_t u, std::size_t p) const;
    decimal base(std::size_t u) const;
    decimal bonus(std::size_t u) const;
    decimal penalty(std::size_t u) const;
    decimal total(std::size_t u) const;
    std::size_t class_of(std::size_t u) const;
    std::int32_t cluster_rank(std::size_t u) const;
    std::int32_t overall_rank(std::size_t u) const;
    /// The tie-break index that decided the unit's cluster rank, or not_tied / unresolved_tie.
    std::int32_t tie_broken_by(std::size_t u) const;
    bool has_award(std::size_t u, std::size_t a) const;
    /// Cash of award a for one receiving unit (cash, or multiplier × base_salary).
    decimal award_amount(std::size_t a) const;
    /// Cash of every award unit u received.
    decimal award_cash(std::size_t u) const;

    /// Each cluster's summary (class counts and shares, mean and median totals, goals, quotas, awards and their
    /// cash), in the campaign's order; computed on first use, once.
    std::span<const cluster_summary> clusters() const&;
    std::span<const cluster_summary> clusters() const&& = delete;  ///< would dangle: keep the report
    /// The ballots of every award with a vote gate, per cluster (or over all units), in rank order.
    std::vector<ballot_record> ballots() const;
    /// The money of every award over the report.
    const thidua::award_totals& award_totals() const&;
    const thidua::award_totals& award_totals() const&& = delete;  ///< would dangle: keep the report

    /// The units in report order, as views (id, name, cluster, total, class, ranks, awards).
    unit_range unit_views() const& { return unit_range(*this); }
    unit_range unit_views() const&& = delete;  ///< would dangle: keep the report
    /// The view of the unit at `position` in report order.
    unit_view unit_at(std::size_t position) const;

    /// Cluster g's ranking, and the ranking of all units: views of the report's arrays.
    ranking_view cluster_ranking(std::size_t g) const&;
    ranking_view cluster_ranking(std::size_t g) const&& = delete;  ///< would dangle: keep the report
    ranking_view overall_ranking() const&;
    ranking_view overall_ranking() const&& = delete;  ///< would dangle: keep the report

    /// The assessment layers merged into the final figures, in order (docs/semantics.md §13); empty unless the
    /// results named two or more.
    std::span<const layer> layers() const&;
    std::span<const layer> layers() const&& = delete;  ///< would dangle: keep the report
    /// The report of layer i's figures alone (i < layers().size()).
    const report& layer_report(std::size_t i) const&;
    const report& layer_report(std::size_t i) const&& = delete;  ///< would dangle: keep the report
    /// The layer (index into layers()) whose row gives slot (p, u, k) its final figure; −1 when no layer gives it,
    /// or the report has no layers.
    std::int32_t set_by(std::size_t p, std::size_t u, std::size_t k) const;
    /// Whether the layers giving slot (p, u, k) give different figures (status or value): a changed slot.
    bool layers_differ(std::size_t p, std::size_t u, std::size_t k) const;

    /// SHA-256 of the canonical campaign and results (object keys sorted, no whitespace). The results'
    /// fingerprint is computed on first use: scoring alone never pays for hashing the input.
    std::string campaign_sha256() const;
    std::string results_sha256() const;

    /// The report's arrays, for the library's own writers and analyses (detail/report_data.hpp).
    const detail::report_data& data() const& { return *data_; }
    const detail::report_data& data() const&& = delete;

private:
    std::shared_ptr<const detail::report_data> data_;
};

/// The report document (docs/format.md): units ordered by cluster (campaign order) then cluster rank, decimals as
/// strings at the campaign's precision, two-space indentation. The same input gives the same bytes.
std::string to_json(const report& r);
/// The same document, written to a stream.
void to_json(const report& r, std::ostream& out);

}  // namespace thidua
