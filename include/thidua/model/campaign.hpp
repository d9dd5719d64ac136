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

/// A year's pact (giao ước, usually one phase) or a special campaign in phases (đợt thi đua đặc biệt).
enum class campaign_kind { pact, special };

/// The campaign document (docs/format.md, "Campaign"): each member is the key of the same name.
struct campaign {
    int format = 1;  ///< the "thidua" format version
    std::string id;  ///< names the campaign; a results document repeats it
    std::string title;  ///< the campaign's name, shown in tables
    campaign_kind kind = campaign_kind::pact;  ///< a pact or a special campaign
    std::string version;  ///< the ruleset's own label; the report repeats it
    std::string language;  ///< "vi", "en", or "" (Vietnamese): the language of tables when none is asked
    date start;  ///< the campaign's first day
    date end;  ///< the campaign's last day, inclusive
    int precision = 2;  ///< fractional digits of all points (0…6)
    rounding rounding_mode = rounding::half_up;  ///< how points, phase scores and the base are rounded
    decimal scale = decimal::from_int(100);  ///< the phase score of full points

    std::vector<cluster> clusters;  ///< the clusters or blocks units rank in
    std::vector<unit> units;  ///< the competitors
    std::vector<unit_kind> unit_kinds;  ///< optional titles of the units' kinds
    std::vector<phase> phases;  ///< never empty after reading: a file without phases gets the phase "main"
    bool implicit_phase = false;  ///< the file had no "phases"
    std::vector<group> groups;  ///< sections of the score sheet, each optionally capped
    std::vector<criterion> criteria;  ///< the contents of the pact
    std::vector<registered_target> targets;  ///< figures units registered for ratio criteria
    std::vector<registration> registrations;  ///< the awards each unit registered for
    std::vector<adjustment> adjustments;  ///< bonuses, penalties and disqualifying events
    std::optional<thidua::late_penalty> late_penalty;  ///< the penalty for late result rows; none: no penalty
    std::optional<decimal> bonus_cap;  ///< at most this many bonus points in all; none: no cap
    std::optional<decimal> penalty_cap;  ///< at most this many penalty points in all; none: no cap
    std::vector<class_rule> classes;  ///< classification levels, best first; the last has no conditions
    std::vector<tie_break> tie_breaks;  ///< rules that separate equal totals, in order
    std::vector<award_rule> awards;  ///< given in the order listed
    std::optional<decimal> base_salary;  ///< the amount an award's multiplier multiplies
    bool base_salary_legal = false;  ///< base_salary follows the legal tables on `decided` ("legal")
    std::optional<date> decided;     ///< the day of the award decision: the legal tables in force then apply
    predecessors_rule history_predecessors = predecessors_rule::all;  ///< how a history gate reads merged units
    std::vector<cluster_goal> cluster_goals;  ///< collective targets checked per cluster
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

/// The kind as campaign files spell it: "pact" or "special".
inline std::string_view to_string(campaign_kind kind) { return kind == campaign_kind::pact ? "pact" : "special"; }

}  // namespace thidua
