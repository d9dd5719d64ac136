#pragma once
/// @file criterion.hpp
/// The contents of a pact: criteria, the sheet sections (groups) that cap them, and the targets units register.

#include <optional>
#include <string>
#include <vector>

#include "thidua/core/decimal.hpp"
#include "thidua/model/rule.hpp"

namespace thidua {

/// A section of the score sheet, e.g. "I. Công tác tuyên truyền", 15 points.
struct group {
    std::string id;
    std::string title;
    std::optional<decimal> max_points;  ///< cap of the section; none means no cap
};

/// One content of the pact.
struct criterion {
    std::string id;
    std::string title;
    std::string group;  ///< id of its group, empty when the campaign has no groups
    decimal max_points;
    thidua::rule rule;
    bool mandatory = false;
    std::vector<std::string> applies_to;  ///< unit kinds; empty means every kind

    bool applies_to_kind(std::string_view kind) const {
        if (applies_to.empty()) return true;
        for (const auto& k : applies_to) {
            if (k == kind) return true;
        }
        return false;
    }
};

/// The figure a unit registered for a criterion when signing the pact (for one phase, or for all).
struct registered_target {
    std::string unit;
    std::string criterion;
    std::string phase;  ///< empty: every phase
    decimal value;
};

}  // namespace thidua
