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
    /// The unit's id, name and cluster id.
    ///@{
    std::string_view id, name, cluster;
    ///@}
    decimal total;  ///< the total, at the campaign's precision
    /// The class's id and title.
    ///@{
    std::string_view class_id, class_title;
    ///@}
    /// The rank in the cluster and over all units.
    ///@{
    std::int32_t cluster_rank = 0, overall_rank = 0;
    ///@}
    std::vector<std::string_view> awards;  ///< ids of the awards received, in the campaign's order
};

/// The units of a report in its order (by cluster in the campaign's order, then cluster rank), as unit_views:
/// `for (const auto& u : report.unit_views()) std::cout << u.name << ' ' << u.total << '\n';`
class unit_range {
public:
    /// A forward iterator over the report order, giving unit_views.
    class iterator {
    public:
        /// What the iterator gives.
        using value_type = unit_view;
        /// The distance between two iterators.
        using difference_type = std::ptrdiff_t;
        /// A singular iterator (iterator requirements).
        iterator() = default;
        /// The unit at `at` in the report order of `*r`.
        iterator(const report* r, std::size_t at) : report_(r), at_(at) {}
        /// The view of the current unit.
        unit_view operator*() const;
        /// To the next unit.
        iterator& operator++() {
            ++at_;
            return *this;
        }
        /// To the next unit; returns the iterator as it was.
        iterator operator++(int) {
            auto before = *this;
            ++at_;
            return before;
        }
        /// The same position (of the same report).
        bool operator==(const iterator& other) const { return at_ == other.at_; }

    private:
        const report* report_ = nullptr;
        std::size_t at_ = 0;
    };

    /// The units of `r`, which must outlive the range.
    explicit unit_range(const report& r) : report_(&r) {}
    /// The first unit.
    iterator begin() const { return {report_, 0}; }
    /// Past the last unit.
    iterator end() const;
    /// The number of units.
    std::size_t size() const;

private:
    const report* report_;
};

/// The result of scoring: every figure, class, rank and award, read through accessors (see the file's description).
class report {
public:
    /// A report of the library's own making (score(), score_arrays()).
    explicit report(std::shared_ptr<const detail::report_data> data) : data_(std::move(data)) {}

    /// The plan the report was scored with.
    const thidua::plan& plan() const&;
    const thidua::plan& plan() const&& = delete;  ///< would dangle: keep the report
    /// The campaign scored (plan().campaign()).
    const thidua::campaign& campaign() const&;
    const thidua::campaign& campaign() const&& = delete;  ///< would dangle: keep the report
    /// The results scored; empty for a report scored from arrays.
    const thidua::results& results() const&;
    const thidua::results& results() const&& = delete;  ///< would dangle: keep the report

    /// The number of units.
    std::size_t units() const;
    /// Index of a unit id; throws reference_error for an unknown id.
    std::size_t unit_index(std::string_view id) const;

    /// What slot (phase p, unit u, criterion k of the phase) holds.
    slot_status status(std::size_t p, std::size_t u, std::size_t k) const;
    /// The points of slot (p, u, k).
    decimal points(std::size_t p, std::size_t u, std::size_t k) const;

    // Per unit u (decimals at the campaign's precision).
    /// Whether phase p counts for unit u: some slot of the phase is in the unit's scale.
    bool phase_counted(std::size_t u, std::size_t p) const;
    /// Unit u's score in phase p (on the campaign's scale).
    decimal phase_score(std::size_t u, std::size_t p) const;
    /// Unit u's base score: its phase scores weighted.
    decimal base(std::size_t u) const;
    /// Unit u's bonus points, after the caps.
    decimal bonus(std::size_t u) const;
    /// Unit u's penalty points, after the caps.
    decimal penalty(std::size_t u) const;
    /// Unit u's total: base + bonus − penalty, at least 0.
    decimal total(std::size_t u) const;
    /// Unit u's class: its position in campaign().classes.
    std::size_t class_of(std::size_t u) const;
    /// Unit u's rank in its cluster (units still tied share a rank).
    std::int32_t cluster_rank(std::size_t u) const;
    /// Unit u's rank over all units.
    std::int32_t overall_rank(std::size_t u) const;
    /// The tie-break index that decided the unit's cluster rank, or not_tied / unresolved_tie.
    std::int32_t tie_broken_by(std::size_t u) const;
    /// Whether unit u received award a (its position in campaign().awards).
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
    /// The ranking of all units.
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
    /// SHA-256 of the canonical results, computed on first use.
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
