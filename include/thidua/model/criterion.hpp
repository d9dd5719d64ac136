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
    std::string id;  ///< named by criteria's group
    std::string title;  ///< shown in tables
    std::optional<decimal> max_points;  ///< cap of the section; none means no cap
};

/// What a criterion's reported value measures: a quantity, or a share (0 to 1), which tables may also write as
/// a percentage ("85%").
enum class value_kind { number, share };

/// One content of the pact.
struct criterion {
    std::string id;  ///< the criterion's id
    std::string title;  ///< shown in tables and explanations
    std::string group;  ///< id of its group, empty when the campaign has no groups
    decimal max_points;  ///< the points of the criterion fully met
    thidua::rule rule;  ///< how a reported value becomes points
    bool mandatory = false;  ///< classes with requires_all_mandatory need it met in every phase
    std::vector<std::string> applies_to;  ///< unit kinds; empty means every kind
    thidua::value_kind value_kind = thidua::value_kind::number;  ///< a number, or a share from 0 to 1
    /// The least target a unit may register ("at least 3 models"); a registered target below it is an error.
    std::optional<decimal> min_registration;

    /// Whether the criterion applies to units of that kind.
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
    std::string unit;  ///< id of the unit that registered the figure
    std::string criterion;  ///< id of a ratio criterion
    std::string phase;  ///< empty: every phase
    decimal value;  ///< the registered figure
};

/// The titles a unit registers for at the start of the year (đăng ký thi đua); its targets are registered_target.
struct registration {
    std::string unit;  ///< the unit's id
    std::vector<std::string> awards;  ///< award ids
};

}  // namespace thidua
