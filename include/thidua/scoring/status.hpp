#pragma once
/// @file status.hpp
/// What a (phase, unit, criterion) slot holds, as reports and arrays of statuses give it.

#include <cstdint>

namespace thidua {

/// What a slot holds. Out of the unit's scale: exempt, not_applicable, inapplicable (the criterion does not
/// apply to the unit's kind) and pending (an interim review: no row yet in a phase still running). In the scale:
/// reported, missing (a row says so) and absent (no row: missing, with a warning).
enum class slot_status : std::uint8_t { reported, missing, absent, exempt, not_applicable, inapplicable, pending };

/// Whether a slot of that status counts in the unit's scale: reported, missing or absent.
constexpr bool in_scale(slot_status s) {
    return s == slot_status::reported || s == slot_status::missing || s == slot_status::absent;
}

/// The status a report shows (the four of the results format, and pending in an interim review): absent counts
/// as missing, and a criterion that does not apply to the unit's kind as not_applicable.
constexpr const char* report_name(slot_status s) {
    switch (s) {
        case slot_status::reported: return "reported";
        case slot_status::missing:
        case slot_status::absent: return "missing";
        case slot_status::exempt: return "exempt";
        case slot_status::not_applicable:
        case slot_status::inapplicable: return "not_applicable";
        case slot_status::pending: return "pending";
    }
    return "missing";
}

}  // namespace thidua
