#pragma once
// The compiled form of a campaign that the kernel, the outcomes and the writers read (thidua::plan holds one).

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "thidua/detail/divider.hpp"
#include "thidua/detail/int128.hpp"
#include "thidua/model/campaign.hpp"
#include "thidua/model/population.hpp"

namespace thidua::detail {

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

/// The fixed_ratio of rule r at its own target; `step` is 10^(6 − precision).
fixed_ratio fix_ratio(const compiled_rule& r, std::int64_t step);

/// A campaign compiled for scoring: ids become dense indices, rules become small tagged records, and the
/// phase × criterion layout and the unit × criterion applicability are computed once. Where the kernel finds one
/// (phase, unit, criterion): slot = phase_offset(p) + u × criteria_in(p) + k.
class compiled_plan {
public:
    /// Compiles a validated campaign.
    explicit compiled_plan(thidua::campaign c);
    /// Compiles a validated campaign's rules for the units of `people` (checked by check_population()), which are
    /// kept as arrays: campaign().units is then empty, and unit_list() builds the unit objects on first use.
    compiled_plan(thidua::campaign rules, population people);

    /// The campaign; without its units when the plan was made from a population (see unit_list()).
    const thidua::campaign& campaign() const { return *campaign_; }
    std::shared_ptr<const thidua::campaign> campaign_ptr() const { return campaign_; }

    /// The units as objects: the campaign's, or those of the population, built on first use.
    const std::vector<unit>& unit_list() const;
    /// The population the units came from (null: the campaign's units), read without building unit objects.
    const population* people() const { return population_.get(); }

    /// SHA-256 of the canonical campaign (io/json.hpp's to_canonical_json) with its units, computed on first use.
    const std::string& sha256() const;

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
    std::span<const std::uint32_t> unit_clusters() const { return unit_cluster_; }
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

    /// Whether unit u registered for award a (campaign::registrations).
    bool registered_for(std::size_t u, std::size_t a) const {
        return registered_awards_.count((static_cast<std::uint64_t>(u) << 20) | a) != 0;
    }

    /// Dense index of an id, or −1. The unit index is built on first use (a population can be large).
    std::int32_t unit_index(std::string_view id) const;
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
    std::unordered_set<std::uint64_t> registered_awards_;      // key: (unit, award)
};

}  // namespace thidua::detail
