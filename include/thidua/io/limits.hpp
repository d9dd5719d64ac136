#pragma once
/// @file limits.hpp
/// Caps on what the readers accept, so that a hostile or broken input is refused with a thidua::limit_error
/// naming the place instead of exhausting memory or time. The defaults are far above any real emulation
/// campaign (Vietnam has about 10,000 communes and a pact about 10 to 50 criteria) and keep one document's
/// reading and scoring within a few gigabytes at worst. A default-constructed `limits` holds the defaults;
/// every reader takes one as its optional last argument:
///
///     thidua::limits caps;
///     caps.max_units = 50;
///     auto campaign = thidua::read_campaign(text, "campaign.json", "", caps);

#include <cstddef>

namespace thidua {

/// The caps the readers apply; the defaults suit any real campaign (see the file's description).
struct limits {
    /// Bytes of one JSON or CSV text (a golden case or any document holding an embedded one counts whole).
    std::size_t max_input_bytes = std::size_t{128} << 20;
    /// Nesting of JSON arrays and objects; the formats need 8 at most.
    std::size_t max_depth = 32;
    /// Bytes of one JSON string, key or number, or one CSV cell.
    std::size_t max_string_bytes = std::size_t{64} << 10;
    /// Units of a campaign, and its clusters.
    std::size_t max_units = 100'000;
    /// Criteria of a campaign, and the criteria one phase lists.
    std::size_t max_criteria = 1'000;
    /// Phases of a campaign.
    std::size_t max_phases = 100;
    /// Every other list of a campaign: groups, adjustments, classes, tie-breaks, awards, cluster goals, and the
    /// lists inside an entry (bands, applies_to, exclusive_with, a unit's attributes).
    std::size_t max_items = 256;
    /// Rows of a results document or table, and each of its events and votes; a campaign's registered targets.
    std::size_t max_rows = 5'000'000;
    /// Unit × criterion pairs summed over the phases: the cells scoring allocates (about 40 bytes each).
    std::size_t max_slots = 20'000'000;
};

}  // namespace thidua
