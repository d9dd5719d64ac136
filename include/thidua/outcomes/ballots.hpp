#pragma once
/// @file ballots.hpp
/// The council's ballots as a vote-count record (biên bản kiểm phiếu) lists them: for each award with a vote gate
/// (min_vote_share), per cluster (or once, for an award over all units), each unit with a ballot in rank order:
/// yes, the members counted, the council the share is taken over, and whether the gate passed.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "thidua/core/decimal.hpp"

namespace thidua {

/// One unit's ballot on one award.
struct ballot {
    std::size_t unit = 0;      ///< the unit's index (report::unit_index)
    std::int64_t yes = 0;      ///< members in favour
    std::int64_t of = 0;       ///< members who voted
    std::int64_t council = 0;  ///< the share's denominator: the award's council_size, else `of`
    bool on_award = false;     ///< a ballot on this award, not the unit's vote on every award
    decimal share;             ///< yes / council, 4 fractional digits cut (never rounded up to the threshold)
    bool passed = false;       ///< yes / council ≥ min_vote_share, compared exactly
};

/// The ballots on one award in one cluster (or over all units).
struct ballot_record {
    std::size_t award = 0;               ///< position in campaign().awards
    std::optional<std::size_t> cluster;  ///< position in campaign().clusters; none for an award over all units
    std::vector<ballot> ballots;         ///< in rank order; units without a ballot are not listed
};

}  // namespace thidua
