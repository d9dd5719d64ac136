// Compiling a campaign for scoring (detail/compiled_plan.hpp), and thidua::plan, which holds the compiled form.

#include "thidua/scoring/plan.hpp"

#include <climits>

#include "thidua/detail/compiled_plan.hpp"
#include "thidua/detail/sha256.hpp"
#include "thidua/io/json.hpp"

namespace thidua::detail {

fixed_ratio fix_ratio(const compiled_rule& r, std::int64_t step) {
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


compiled_plan::compiled_plan(thidua::campaign c) : campaign_(std::make_shared<const thidua::campaign>(std::move(c))) {
    unit_count_ = campaign_->units.size();
    compile();
}

compiled_plan::compiled_plan(thidua::campaign rules, population people) {
    check_population(rules, people);
    rules.units.clear();
    campaign_ = std::make_shared<const thidua::campaign>(std::move(rules));
    population_ = std::make_shared<const population>(std::move(people));
    unit_count_ = population_->size();
    compile();
}

void compiled_plan::compile() {
    const auto& cp = *campaign_;
    criterion_ids_ = map_ids(cp.criteria);
    phase_ids_ = map_ids(cp.phases);
    adjustment_ids_ = map_ids(cp.adjustments);
    class_ids_ = map_ids(cp.classes);
    id_map group_ids = map_ids(cp.groups), cluster_ids = map_ids(cp.clusters);
    precision_step_ = divider(pow10(decimal::max_fraction_digits - cp.precision));

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
        int128 sum_max = 0;
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
        if (r.kind == rule_kind::ratio && r.default_target > 0) r.fixed = fix_ratio(r, precision_step_.divisor());
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
    const auto divider_of = [&](int128 divisor) -> std::optional<divider> {
        if (divisor <= 0 || divisor > INT64_MAX) return std::nullopt;
        return divider(static_cast<std::int64_t>(divisor));
    };
    kind_phase_score_.assign(kinds.size() * cp.phases.size(), std::nullopt);
    kind_base_.assign(kinds.size(), std::nullopt);
    for (std::size_t kind = 0; kind < kinds.size(); ++kind) {
        int128 weights = 0;
        for (std::size_t p = 0; p < cp.phases.size(); ++p) {
            const std::size_t at = kind * cp.phases.size() + p;
            int128 capped = 0;
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
    for (const auto& r : cp.registrations) {
        const auto u = static_cast<std::uint64_t>(unit_index(r.unit));
        for (const auto& award : r.awards) registered_awards_.insert((u << 20) | static_cast<std::uint64_t>(index_of(cp.awards, award)));
    }
}

std::int64_t compiled_plan::registered_target(std::size_t u, std::size_t c, std::size_t p) const {
    if (targets_.empty()) return 0;
    const std::uint64_t key = (static_cast<std::uint64_t>(u) << 40) | (static_cast<std::uint64_t>(c) << 20);
    if (auto it = targets_.find(key | (p + 1)); it != targets_.end()) return it->second;
    if (auto it = targets_.find(key); it != targets_.end()) return it->second;
    return 0;
}

std::int32_t compiled_plan::phase_at(date d) const {
    const auto& ps = campaign_->phases;
    for (std::size_t p = 0; p < ps.size(); ++p) {
        if (ps[p].contains(d)) return static_cast<std::int32_t>(p);
    }
    return -1;
}

const std::vector<unit>& compiled_plan::unit_list() const {
    if (!population_) return campaign_->units;
    std::call_once(lazy_->unit_list_once, [this] { lazy_->unit_list = units_of(*campaign_, *population_); });
    return lazy_->unit_list;
}

const std::string& compiled_plan::sha256() const {
    std::call_once(lazy_->sha256_once, [this] {
        if (!population_) {
            lazy_->sha256 = sha256_hex(to_canonical_json(*campaign_));
            return;
        }
        thidua::campaign whole = *campaign_;
        whole.units = unit_list();
        lazy_->sha256 = sha256_hex(to_canonical_json(whole));
    });
    return lazy_->sha256;
}

std::int32_t compiled_plan::unit_index(std::string_view id) const {
    std::call_once(lazy_->units_once, [this] { lazy_->unit_ids = map_ids(unit_list()); });
    return find(lazy_->unit_ids, id);
}

}  // namespace thidua::detail

namespace thidua {

plan::plan(thidua::campaign c) {
    validate(c);
    compiled_ = std::make_shared<const detail::compiled_plan>(std::move(c));
}

plan::plan(thidua::campaign rules, population people) {
    validate_rules(rules);
    compiled_ = std::make_shared<const detail::compiled_plan>(std::move(rules), std::move(people));
}

const thidua::campaign& plan::campaign() const& { return compiled_->campaign(); }
const std::vector<unit>& plan::unit_list() const& { return compiled_->unit_list(); }
std::string plan::sha256() const { return compiled_->sha256(); }
std::size_t plan::units() const { return compiled_->units(); }
std::size_t plan::criteria() const { return compiled_->criteria(); }
std::size_t plan::phases() const { return compiled_->phases(); }
std::size_t plan::clusters() const { return compiled_->clusters(); }
std::int32_t plan::unit_index(std::string_view id) const { return compiled_->unit_index(id); }
std::uint32_t plan::cluster_of(std::size_t u) const { return compiled_->cluster_of(u); }
std::span<const std::uint32_t> plan::cluster_members(std::size_t g) const& { return compiled_->cluster_members(g); }

}  // namespace thidua
