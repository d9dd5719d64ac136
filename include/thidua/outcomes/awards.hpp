#pragma once
/// @file awards.hpp
/// Awards (docs/semantics.md §4 step 10), in their listed order: per scope group (each cluster, or all units) units are
/// visited in rank order and the first count (or floor(max_share × group size), at least min_count) that pass
/// every gate receive the award; units still tied with the last receiver receive it too.

namespace thidua {

/// Why a unit did not receive an award (bits; several gates can fail at once).
enum award_refusal : unsigned {
    refused_disqualified = 1,  ///< a disqualifying event
    refused_class = 2,       ///< class below min_class
    refused_score = 4,       ///< total below min_score
    refused_vote = 8,        ///< vote share below min_vote_share
    refused_no_vote = 16,    ///< no vote while min_vote_share is set
    refused_exclusive = 32,  ///< already holds an award in exclusive_with
    refused_quota = 64,      ///< passed every gate, but the award's quota was filled
    refused_unregistered = 128,  ///< the award requires registration and the unit did not register for it
    refused_history = 256,       ///< the award's history gate: earlier years' classes or awards
};

}  // namespace thidua
