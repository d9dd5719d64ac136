#pragma once
/// @file plan.hpp
/// A campaign compiled for scoring: ids become dense indices, rules become small tagged records, and the
/// phase × criterion layout and the unit × criterion applicability are computed once. Compile once, score many
/// times (what-if variants, many result sets).

#include <algorithm>
#include <climits>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "thidua/model/campaign.hpp"
#include "thidua/detail/divider.hpp"
#include "thidua/detail/int128.hpp"
#include "thidua/detail/sha256.hpp"
#include "thidua/io/json.hpp"
#include "thidua/model/population.hpp"

namespace thidua {

/// A rule with its numbers in micros, ready for the kernel.
/// A ratio rule's constants at its own target, so that the kernel's loop over units reporting against that target
/// divides by multiplying (detail::divider).
struct fixed_ratio {
    bool usable = false;         ///< the rule has a target, and max × target and target × step_percent fit in 63 bits
    std::int64_t min_value = 0;  ///< values below it are under min_ratio: ⌈min_ratio × target⌉ in micros
    detail::divider linear;      ///< target × 10^(6 − precision), the linear credit's divisor
    detail::divider exceed;      ///< target × step_percent, the exceed steps' divisor
    /// The linear credit in double arithmetic (detail/rules_avx2.hpp), exact when max < 2^50 and max × (target − 1)
    /// plus the divisor stays below 2^53: every product, quotient and remainder is then an integer a double holds.
    bool in_doubles = false;
    double max = 0, divisor = 0, reciprocal = 0, step = 0;
    /// The exceed bonus min(⌊(v − target) × 10^8 / divisor⌋ × per_step, cap) likewise, for values with
    /// v − target ≤ exceed_room (beyond it, the integer loop takes over).
    bool exceed_in_doubles = false;
    std::int64_t exceed_room = 0;
    double exceed_divisor = 0, exceed_reciprocal = 0, per_step = 0, exceed_cap = 0;
};

struct compiled_rule {
    rule_kind kind = rule_kind::boolean;
    credit_kind credit = credit_kind::linear;
    std::int64_t max = 0;                ///< max_points
    std::int64_t min_ratio = 0;
    std::int64_t default_target = 0;     ///< 0: none
    bool has_exceed = false;
    std::int64_t step_percent = 0, points_per_step = 0, exceed_cap = -1;  ///< exceed_cap −1: no cap
    bool lower_is_better = false;
    std::uint32_t first_band = 0, band_count = 0;  ///< into plan::bands(), best band first
    bool mandatory = false;
    std::int32_t group = -1;
    fixed_ratio fixed;                   ///< ratio rules with a target
};

namespace detail {

/// The fixed_ratio of rule r at its own target; `step` is 10^(6 − precision).
inline fixed_ratio fix_ratio(const compiled_rule& r, std::int64_t step) {
    fixed_ratio f;
    const int128 target = r.default_target, linear = target * step, exceed = target * r.step_percent;
    if (target * r.max > INT64_MAX || linear > INT64_MAX || exceed > INT64_MAX) return f;
    f.usable = true;
    f.min_value = static_cast<std::int64_t>((int128{r.min_ratio} * target + decimal::micros_per_unit - 1) /
                                            decimal::micros_per_unit);
    f.linear = divider(static_cast<std::int64_t>(linear));
    if (r.has_exceed) f.exceed = divider(static_cast<std::int64_t>(exceed));
    constexpr int128 exact = int128{1} << 53;
    if (r.max < (std::int64_t{1} << 50) && target > 0 && int128{r.max} * (target - 1) + linear < exact) {
        f.in_doubles = true;
        f.max = static_cast<double>(r.max);
        f.divisor = static_cast<double>(linear);
        f.reciprocal = 1.0 / f.divisor;
        f.step = static_cast<double>(step);
    }
    // The exceed steps' numerator (v − target) × 10^8 plus the divisor stays below 2^53, the bonus below 2^52, and
    // the steps below 2^51 (so that the quotient from the reciprocal is at most one off).
    const int128 scaled = 100 * decimal::micros_per_unit;
    if (r.has_exceed && exceed >= 4 && exceed < (int128{1} << 52) && r.points_per_step > 0) {
        const int128 room = std::min<int128>((exact - exceed - 1) / scaled,
                                             ((int128{1} << 52) - 1) / r.points_per_step * exceed / scaled);
        if (room > 0) {
            f.exceed_in_doubles = true;
            f.exceed_room = static_cast<std::int64_t>(room);
            f.exceed_divisor = static_cast<double>(exceed);
            f.exceed_reciprocal = 1.0 / f.exceed_divisor;
            f.per_step = static_cast<double>(r.points_per_step);
            f.exceed_cap = static_cast<double>(r.exceed_cap >= 0 ? std::min<std::int64_t>(r.exceed_cap, std::int64_t{1} << 52)
                                                                 : std::int64_t{1} << 52);
        }
    }
    return f;
}

}  // namespace detail

/// Where the kernel finds one (phase, unit, criterion): slot = phase_offset(p) + u × criteria_in(p) + k.
class plan {
public:
    /// Compiles a validated campaign (read_campaign validates; call validate() on a campaign built in code).
    explicit plan(thidua::campaign c);
    /// Compiles a validated campaign's rules for the units of `people` (checked by check_population()), which are
    /// kept as arrays: campaign().units is then empty, and unit_list() builds the unit objects on first use.
    plan(thidua::campaign rules, population people);

    /// The campaign; without its units when the plan was made from a population (see unit_list()).
    const thidua::campaign& campaign() const { return *campaign_; }
    std::shared_ptr<const thidua::campaign> campaign_ptr() const { return campaign_; }

    /// The units as objects: the campaign's, or those of the population, built on first use.
    const std::vector<unit>& unit_list() const {
        if (!population_) return campaign_->units;
        std::call_once(lazy_->unit_list_once, [this] { lazy_->unit_list = units_of(*campaign_, *population_); });
        return lazy_->unit_list;
    }

    /// SHA-256 of the canonical campaign (json.hpp's to_canonical_json) with its units, computed on first use.
    const std::string& sha256() const {
        std::call_once(lazy_->sha256_once, [this] {
            if (!population_) {
                lazy_->sha256 = detail::sha256_hex(to_canonical_json(*campaign_));
                return;
            }
            thidua::campaign whole = *campaign_;
            whole.units = unit_list();
            lazy_->sha256 = detail::sha256_hex(to_canonical_json(whole));
        });
        return lazy_->sha256;
    }

    std::size_t units() const { return unit_count_; }
    std::size_t criteria() const { return campaign_->criteria.size(); }
    std::size_t phases() const { return campaign_->phases.size(); }
    std::size_t groups() const { return campaign_->groups.size(); }
    std::size_t clusters() const { return campaign_->clusters.size(); }
    std::size_t adjustments() const { return campaign_->adjustments.size(); }
    std::size_t slots() const { return phase_offset_.back(); }

    /// Criteria scored in phase p, as criterion indices in the order the phase lists them.
    const std::uint32_t* phase_criteria(std::size_t p) const { return &phase_criteria_[phase_first_[p]]; }
    std::uint32_t criteria_in(std::size_t p) const { return phase_first_[p + 1] - phase_first_[p]; }
    std::size_t phase_offset(std::size_t p) const { return phase_offset_[p]; }
    std::size_t slot(std::size_t p, std::size_t u, std::size_t k) const {
        return phase_offset_[p] + u * criteria_in(p) + k;
    }
    /// Position of criterion c in phase p's list, or −1.
    std::int32_t position_in_phase(std::size_t p, std::size_t c) const { return position_[p * criteria() + c]; }

    bool applies(std::size_t u, std::size_t c) const { return applies_[unit_kind_[u] * criteria() + c] != 0; }
    /// Applicability of every criterion to unit u (one byte per criterion), for loops over a unit's criteria.
    const std::uint8_t* applicability(std::size_t u) const { return &applies_[unit_kind_[u] * criteria()]; }

    /// What applies to a unit of the kind of u in phase p when every slot is reported: Σ max per group (one entry
    /// without groups), the number of applicable criteria and of those scored by a ratio rule.
    struct applicable_sums {
        const std::int64_t* max;
        std::int32_t criteria;
        std::int32_t ratio_criteria;
    };
    applicable_sums applicable_in(std::size_t u, std::size_t p) const {
        const std::size_t at = unit_kind_[u] * phases() + p;
        return {&kind_phase_max_[at * std::max<std::size_t>(groups(), 1)], kind_phase_count_[at], kind_phase_ratio_[at]};
    }
    /// Divisions by what depends on the unit's kind only when every slot is reported, as dividers (null when a
    /// divisor reaches 2^63): the phase score's, p's max after group caps × the precision step, and the base
    /// score's, the weights of the phases the kind has points in × the step. A hardware division per unit and
    /// phase took a tenth of the kernel's time.
    const detail::divider* phase_score_divider(std::size_t u, std::size_t p) const {
        const auto& d = kind_phase_score_[unit_kind_[u] * phases() + p];
        return d ? &*d : nullptr;
    }
    const detail::divider* base_divider(std::size_t u) const {
        const auto& d = kind_base_[unit_kind_[u]];
        return d ? &*d : nullptr;
    }
    std::uint32_t cluster_of(std::size_t u) const { return unit_cluster_[u]; }
    /// Units of cluster g in campaign order.
    std::span<const std::uint32_t> cluster_members(std::size_t g) const {
        return {cluster_members_.data() + cluster_start_[g], cluster_start_[g + 1] - cluster_start_[g]};
    }
    /// Where each cluster's members start in the list of every cluster's members in turn (clusters + 1 entries).
    const std::vector<std::uint32_t>& cluster_starts() const { return cluster_start_; }

    const compiled_rule& rule(std::size_t c) const { return rules_[c]; }
    /// 10^(6 − precision): points are multiples of it.
    const detail::divider& precision_step() const { return precision_step_; }
    const std::vector<band>& bands() const { return bands_; }
    /// Group caps in micros (−1: no cap).
    std::int64_t group_cap(std::size_t g) const { return group_caps_[g]; }

    /// The registered target of (unit, criterion) for phase p, else for all phases; 0 when none.
    std::int64_t registered_target(std::size_t u, std::size_t c, std::size_t p) const;
    bool has_registered_targets() const { return !targets_.empty(); }
    /// The target a ratio slot uses when its row gives none: registered, else the rule's default (0: none).
    std::int64_t fallback_target(std::size_t u, std::size_t c, std::size_t p) const {
        if (!targets_.empty()) {
            if (const std::int64_t t = registered_target(u, c, p)) return t;
        }
        return rules_[c].default_target;
    }

    /// Dense index of an id, or −1. The unit index is built on first use (a population can be large).
    std::int32_t unit_index(std::string_view id) const {
        std::call_once(lazy_->units_once, [this] { lazy_->unit_ids = map_ids(unit_list()); });
        return find(lazy_->unit_ids, id);
    }
    std::int32_t criterion_index(std::string_view id) const { return find(criterion_ids_, id); }
    std::int32_t phase_index(std::string_view id) const { return find(phase_ids_, id); }
    std::int32_t adjustment_index(std::string_view id) const { return find(adjustment_ids_, id); }
    std::int32_t class_index(std::string_view id) const { return id.empty() ? -1 : find(class_ids_, id); }
    /// The phase whose dates contain d, or −1.
    std::int32_t phase_at(date d) const;

private:
    using id_map = std::unordered_map<std::string_view, std::int32_t>;
    static std::int32_t find(const id_map& m, std::string_view id) {
        auto it = m.find(id);
        return it == m.end() ? -1 : it->second;
    }
    template <class Range>
    static id_map map_ids(const Range& items) {
        id_map m;
        m.reserve(items.size());
        for (std::size_t i = 0; i < items.size(); ++i) m.emplace(items[i].id, static_cast<std::int32_t>(i));
        return m;
    }

    /// What is computed on first use; shared by copies of the plan, which describe the same campaign.
    struct lazy_parts {
        std::once_flag sha256_once, units_once, unit_list_once;
        std::string sha256;
        id_map unit_ids;
        std::vector<unit> unit_list;  ///< of the population
    };
    void compile();

    std::shared_ptr<const thidua::campaign> campaign_;
    std::shared_ptr<const population> population_;  ///< null: the campaign's units
    std::size_t unit_count_ = 0;
    std::shared_ptr<lazy_parts> lazy_ = std::make_shared<lazy_parts>();
    id_map criterion_ids_, phase_ids_, adjustment_ids_, class_ids_;
    std::vector<std::uint32_t> phase_criteria_, phase_first_;
    std::vector<std::size_t> phase_offset_;
    std::vector<std::int32_t> position_;
    std::vector<std::uint8_t> applies_;        // [unit kind × criterion]
    std::vector<std::int64_t> kind_phase_max_;  // [unit kind × phase × group]
    std::vector<std::int32_t> kind_phase_count_, kind_phase_ratio_;  // [unit kind × phase]
    std::vector<std::optional<detail::divider>> kind_phase_score_;   // [unit kind × phase]
    std::vector<std::optional<detail::divider>> kind_base_;          // [unit kind]
    std::vector<std::uint32_t> unit_kind_;     // index of each unit's kind
    std::vector<std::uint32_t> unit_cluster_;
    std::vector<std::uint32_t> cluster_members_, cluster_start_;  // cluster g's members: [start[g], start[g + 1])
    std::vector<compiled_rule> rules_;
    detail::divider precision_step_;
    std::vector<band> bands_;
    std::vector<std::int64_t> group_caps_;
    std::unordered_map<std::uint64_t, std::int64_t> targets_;  // key: (unit, criterion, phase + 1 or 0)
};

inline plan::plan(thidua::campaign c) : campaign_(std::make_shared<const thidua::campaign>(std::move(c))) {
    unit_count_ = campaign_->units.size();
    compile();
}

inline plan::plan(thidua::campaign rules, population people) {
    check_population(rules, people);
    rules.units.clear();
    campaign_ = std::make_shared<const thidua::campaign>(std::move(rules));
    population_ = std::make_shared<const population>(std::move(people));
    unit_count_ = population_->size();
    compile();
}

inline void plan::compile() {
    const auto& cp = *campaign_;
    criterion_ids_ = map_ids(cp.criteria);
    phase_ids_ = map_ids(cp.phases);
    adjustment_ids_ = map_ids(cp.adjustments);
    class_ids_ = map_ids(cp.classes);
    id_map group_ids = map_ids(cp.groups), cluster_ids = map_ids(cp.clusters);
    precision_step_ = detail::divider(detail::pow10(decimal::max_fraction_digits - cp.precision));

    phase_first_.push_back(0);
    phase_offset_.push_back(0);
    position_.assign(cp.phases.size() * cp.criteria.size(), -1);
    for (std::size_t p = 0; p < cp.phases.size(); ++p) {
        for (const auto& id : cp.phases[p].criteria) {
            position_[p * cp.criteria.size() + static_cast<std::size_t>(find(criterion_ids_, id))] =
                static_cast<std::int32_t>(phase_criteria_.size() - phase_first_.back());
            phase_criteria_.push_back(static_cast<std::uint32_t>(find(criterion_ids_, id)));
        }
        phase_first_.push_back(static_cast<std::uint32_t>(phase_criteria_.size()));
        // The kernel sums a phase's points and max in 64-bit micros: the max of a phase must add up to less
        // than 2^63 micros (9.2 × 10^12 points).
        detail::int128 sum_max = 0;
        for (std::size_t k = phase_first_[p]; k < phase_first_[p + 1]; ++k) {
            sum_max += cp.criteria[phase_criteria_[k]].max_points.micros();
        }
        if (sum_max > INT64_MAX) {
            throw validation_error("the max_points of the criteria of phase '" + cp.phases[p].id +
                                       "' add up to more than 9.2 × 10^12",
                                   {"campaign", cp.implicit_phase ? "/criteria" : "/phases/" + std::to_string(p), 0, {}});
        }
        phase_offset_.push_back(phase_offset_.back() + units() * criteria_in(p));
    }

    // Applicability depends on the unit's kind only: one row per distinct kind.
    std::unordered_map<std::string_view, std::uint32_t> kinds;
    unit_kind_.resize(units());
    unit_cluster_.resize(units());
    const auto kind_of = [&](std::size_t u) -> const std::string& {
        return population_ ? population_->kind(u) : cp.units[u].kind;
    };
    const auto cluster_id_of = [&](std::size_t u) -> const std::string& {
        return population_ ? population_->clusters[u] : cp.units[u].cluster;
    };
    const bool cluster_indices = population_ && !population_->cluster_indices.empty();
    // Neighbouring units mostly share their kind and cluster (populations come sorted): those are looked up
    // only when they change.
    std::vector<std::uint32_t> cluster_sizes(cp.clusters.size(), 0);
    for (std::size_t u = 0; u < units(); ++u) {
        const std::string& kind = kind_of(u);
        if (u > 0 && (&kind == &kind_of(u - 1) || kind == kind_of(u - 1))) {
            unit_kind_[u] = unit_kind_[u - 1];
        } else {
            auto [it, added] = kinds.emplace(kind, static_cast<std::uint32_t>(kinds.size()));
            if (added) {
                for (const auto& cr : cp.criteria) applies_.push_back(cr.applies_to_kind(kind));
            }
            unit_kind_[u] = it->second;
        }
        if (cluster_indices) {
            unit_cluster_[u] = population_->cluster_indices[u];
        } else {
            unit_cluster_[u] = u > 0 && cluster_id_of(u) == cluster_id_of(u - 1)
                                   ? unit_cluster_[u - 1]
                                   : static_cast<std::uint32_t>(find(cluster_ids, cluster_id_of(u)));
        }
        ++cluster_sizes[unit_cluster_[u]];
    }
    cluster_start_.assign(cp.clusters.size() + 1, 0);
    for (std::size_t g = 0; g < cp.clusters.size(); ++g) cluster_start_[g + 1] = cluster_start_[g] + cluster_sizes[g];
    cluster_members_.resize(units());
    std::vector<std::uint32_t> filled(cluster_start_.begin(), cluster_start_.end() - 1);
    for (std::size_t u = 0; u < units(); ++u) cluster_members_[filled[unit_cluster_[u]]++] = static_cast<std::uint32_t>(u);

    for (const auto& cr : cp.criteria) {
        compiled_rule r;
        r.kind = cr.rule.kind;
        r.credit = cr.rule.credit;
        r.max = cr.max_points.micros();
        r.min_ratio = cr.rule.min_ratio.micros();
        r.default_target = cr.rule.target ? cr.rule.target->micros() : 0;
        if (cr.rule.exceed) {
            r.has_exceed = true;
            r.step_percent = cr.rule.exceed->step_percent.micros();
            r.points_per_step = cr.rule.exceed->points_per_step.micros();
            r.exceed_cap = cr.rule.exceed->cap ? cr.rule.exceed->cap->micros() : -1;
        }
        r.lower_is_better = cr.rule.lower_is_better;
        r.first_band = static_cast<std::uint32_t>(bands_.size());
        r.band_count = static_cast<std::uint32_t>(cr.rule.bands.size());
        bands_.insert(bands_.end(), cr.rule.bands.begin(), cr.rule.bands.end());
        // Best band first: the kernel takes the first band the value reaches.
        const bool ascending = cr.rule.bands.size() > 1 && cr.rule.bands[0].threshold < cr.rule.bands[1].threshold;
        if (ascending != r.lower_is_better) {
            std::reverse(bands_.begin() + r.first_band, bands_.end());
        }
        r.mandatory = cr.mandatory;
        r.group = cr.group.empty() || cp.groups.empty() ? -1 : find(group_ids, cr.group);
        if (r.kind == rule_kind::ratio && r.default_target > 0) r.fixed = detail::fix_ratio(r, precision_step_.divisor());
        rules_.push_back(r);
    }
    for (const auto& g : cp.groups) group_caps_.push_back(g.max_points ? g.max_points->micros() : -1);

    const std::size_t group_slots = std::max<std::size_t>(cp.groups.size(), 1);
    kind_phase_max_.assign(kinds.size() * cp.phases.size() * group_slots, 0);
    kind_phase_count_.assign(kinds.size() * cp.phases.size(), 0);
    kind_phase_ratio_.assign(kinds.size() * cp.phases.size(), 0);
    for (std::size_t kind = 0; kind < kinds.size(); ++kind) {
        for (std::size_t p = 0; p < cp.phases.size(); ++p) {
            const std::size_t at = kind * cp.phases.size() + p;
            for (std::size_t k = phase_first_[p]; k < phase_first_[p + 1]; ++k) {
                const std::uint32_t crit = phase_criteria_[k];
                if (!applies_[kind * cp.criteria.size() + crit]) continue;
                const compiled_rule& r = rules_[crit];
                kind_phase_max_[at * group_slots + static_cast<std::size_t>(r.group < 0 ? 0 : r.group)] += r.max;
                ++kind_phase_count_[at];
                kind_phase_ratio_[at] += r.kind == rule_kind::ratio;
            }
        }
    }
    // The kernel's divisors per kind (engine.hpp, evaluate_block and finish_unit compute the same sums per unit).
    const std::int64_t step = precision_step_.divisor();
    const auto divider_of = [&](detail::int128 divisor) -> std::optional<detail::divider> {
        if (divisor <= 0 || divisor > INT64_MAX) return std::nullopt;
        return detail::divider(static_cast<std::int64_t>(divisor));
    };
    kind_phase_score_.assign(kinds.size() * cp.phases.size(), std::nullopt);
    kind_base_.assign(kinds.size(), std::nullopt);
    for (std::size_t kind = 0; kind < kinds.size(); ++kind) {
        detail::int128 weights = 0;
        for (std::size_t p = 0; p < cp.phases.size(); ++p) {
            const std::size_t at = kind * cp.phases.size() + p;
            detail::int128 capped = 0;
            for (std::size_t g = 0; g < group_slots; ++g) {
                const std::int64_t max = kind_phase_max_[at * group_slots + g];
                capped += !cp.groups.empty() && group_caps_[g] >= 0 ? std::min(max, group_caps_[g]) : max;
            }
            if (kind_phase_count_[at] == 0 || capped == 0) continue;  // the phase is not counted
            kind_phase_score_[at] = divider_of(capped * step);
            weights += cp.phases[p].weight.micros();
        }
        kind_base_[kind] = divider_of(weights * step);
    }

    for (const auto& t : cp.targets) {
        const auto u = static_cast<std::uint64_t>(unit_index(t.unit));
        const auto k = static_cast<std::uint64_t>(find(criterion_ids_, t.criterion));
        const auto p = t.phase.empty() ? 0 : static_cast<std::uint64_t>(find(phase_ids_, t.phase)) + 1;
        targets_[(u << 40) | (k << 20) | p] = t.value.micros();
    }
}

inline std::int64_t plan::registered_target(std::size_t u, std::size_t c, std::size_t p) const {
    if (targets_.empty()) return 0;
    const std::uint64_t key = (static_cast<std::uint64_t>(u) << 40) | (static_cast<std::uint64_t>(c) << 20);
    if (auto it = targets_.find(key | (p + 1)); it != targets_.end()) return it->second;
    if (auto it = targets_.find(key); it != targets_.end()) return it->second;
    return 0;
}

inline std::int32_t plan::phase_at(date d) const {
    const auto& ps = campaign_->phases;
    for (std::size_t p = 0; p < ps.size(); ++p) {
        if (ps[p].contains(d)) return static_cast<std::int32_t>(p);
    }
    return -1;
}

}  // namespace thidua
