#pragma once
/// @file classes.hpp
/// Classification (docs/semantics.md §4 step 8): classes are tried in order and the first whose conditions all hold
/// is the unit's class. Quotas (max_share) are given out per cluster in rank order; a unit refused by a quota falls
/// through to the next class, and units still tied with the last one a quota admitted are admitted too.

#include <cstdint>

namespace thidua {

/// Conditions of a class a unit can fail (bits of class_failures()).
enum class_condition : unsigned {
    fails_min_score = 1,  ///< total below min_score
    fails_mandatory = 2,  ///< a mandatory criterion not met (requires_all_mandatory)
    fails_met_share = 4,  ///< met share below min_met_share
    fails_exceeded_share = 8,  ///< exceeded share below min_exceeded_share
    fails_disqualified = 16,  ///< disqualified, and the class is exclude_disqualified
    fails_veto = 32,  ///< a disqualifying event caps the unit below this class
    fails_history = 64,  ///< the class's history gate: earlier years' classes
};

/// The quota of a class in one cluster: at most floor(max_share × base) units.
struct class_quota {
    std::int32_t cluster = 0;  ///< position in campaign().clusters
    std::int32_t cls = 0;  ///< position in campaign().classes
    std::int64_t base = 0;   ///< cluster size, or the units qualifying for share_of or higher
    std::int64_t limit = 0;  ///< floor(max_share × base): the most units that may hold the class
    std::int64_t admitted = 0;  ///< the units that hold it
};

}  // namespace thidua
