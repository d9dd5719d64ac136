#pragma once
/// @file history.hpp
/// Earlier years' outcomes that gates look back on ("excellent for two consecutive years", "no flag twice in three
/// years"): each past year as its report gives it, per unit id.

#include <cstdint>
#include <string>
#include <vector>

namespace thidua {

/// A unit's outcome in a past year.
struct past_unit {
    std::string id;  ///< the unit's id that year
    std::string class_id;  ///< the class it held
    std::vector<std::string> awards;  ///< award ids received
    std::string total;                ///< as the report wrote it
    std::int64_t cluster_rank = 0;  ///< its rank in its cluster
};

/// One past year: the campaign it was scored in and its units, read from a saved report.
struct past_year {
    int year = 0;  ///< the calendar year
    std::string campaign;  ///< the id of the campaign it was scored in
    std::string source;  ///< the document it was read from, named in errors
    std::vector<past_unit> units;  ///< each unit's outcome
    std::string at;  ///< the JSON pointer of this year inside `source` ("" for a whole saved report)
};

/// An award's look back (award_rule::history).
struct history_gate {
    std::string class_at_least;         ///< with consecutive_years: a class id of the campaign
    std::int64_t consecutive_years = 0;  ///< this year included: the unit held class_at_least or better each year
    std::int64_t not_within_years = 0;   ///< the award not received in any of the previous N years
};

/// How a gate reads a merged unit's predecessors (campaign::history_predecessors): every one of them must meet it,
/// or any one.
enum class predecessors_rule { all, any };

}  // namespace thidua
