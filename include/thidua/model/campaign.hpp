#pragma once
/// @file campaign.hpp
/// A campaign: one pact year (giao ước) or one special campaign (đợt thi đua đặc biệt) with its phases,
/// participants, criteria, adjustments, classes, tie-breaks and awards. A plain value; validate() checks every
/// rule of docs/semantics.md §6 that needs only the campaign, and the readers call it.

#include <optional>
#include <string>
#include <vector>

#include "thidua/model/adjustment.hpp"
#include "thidua/model/award_rule.hpp"
#include "thidua/model/class_rule.hpp"
#include "thidua/model/criterion.hpp"
#include "thidua/core/date.hpp"
#include "thidua/core/decimal.hpp"
#include "thidua/model/phase.hpp"
#include "thidua/model/tie_break.hpp"
#include "thidua/model/unit.hpp"

namespace thidua {

enum class campaign_kind { pact, special };

struct campaign {
    int format = 1;  ///< the "thidua" format version
    std::string id;
    std::string title;
    campaign_kind kind = campaign_kind::pact;
    std::string version;
    std::string language;
    date start;
    date end;
    int precision = 2;
    rounding rounding_mode = rounding::half_up;
    decimal scale = decimal::from_int(100);

    std::vector<cluster> clusters;
    std::vector<unit> units;
    std::vector<unit_kind> unit_kinds;  ///< optional titles of the units' kinds
    std::vector<phase> phases;  ///< never empty after reading: a file without phases gets the phase "main"
    bool implicit_phase = false;  ///< the file had no "phases"
    std::vector<group> groups;
    std::vector<criterion> criteria;
    std::vector<registered_target> targets;
    std::vector<registration> registrations;
    std::vector<adjustment> adjustments;
    std::optional<thidua::late_penalty> late_penalty;
    std::optional<decimal> bonus_cap;
    std::optional<decimal> penalty_cap;
    std::vector<class_rule> classes;
    std::vector<tie_break> tie_breaks;
    std::vector<award_rule> awards;
    std::optional<decimal> base_salary;
    bool base_salary_legal = false;  ///< base_salary follows the legal tables on `decided` ("legal")
    std::optional<date> decided;     ///< the day of the award decision: the legal tables in force then apply
    predecessors_rule history_predecessors = predecessors_rule::all;  ///< how a history gate reads merged units
    std::vector<cluster_goal> cluster_goals;
};

/// Checks every rule of docs/semantics.md §6 that the campaign alone decides; throws a thidua::error whose pointer
/// names the place ("/phases/1/start", "/criteria/3/max_points" …) in the campaign document.
void validate(const campaign& c, const std::string& document = "campaign");

/// The checks of validate() for rules whose units come as a population: the campaign may list no units, and the
/// registered targets' units are checked against the population (check_population()).
void validate_rules(const campaign& rules, const std::string& document = "campaign");

/// Position of the element with that id, or -1.
template <class Range>
std::ptrdiff_t index_of(const Range& items, std::string_view id) {
    std::ptrdiff_t i = 0;
    for (const auto& item : items) {
        if (item.id == id) return i;
        ++i;
    }
    return -1;
}

inline std::string_view to_string(campaign_kind kind) { return kind == campaign_kind::pact ? "pact" : "special"; }

}  // namespace thidua
