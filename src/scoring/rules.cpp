// The wording of why a value cannot be scored: one sentence per problem, whoever found it (the binder for result
// rows, the kernel for arrays).

#include "thidua/detail/rules.hpp"

namespace thidua::detail {

const char* value_problem_field(value_problem problem) {
    switch (problem) {
        case value_problem::no_target: return "";  // the row, which lacks one
        case value_problem::bad_target: return "target";
        default: return "value";
    }
}

std::string value_problem_text(value_problem problem, const criterion& cr, std::string_view value) {
    const std::string v(value);
    switch (problem) {
        case value_problem::none: break;
        case value_problem::out_of_range: return v + " is out of range (the magnitude of a decimal is below 10^12)";
        case value_problem::negative_ratio: return "a ratio value must not be negative, found " + v;
        case value_problem::no_target:
            return "no target for ratio criterion '" + cr.id +
                   "': give one with the value, register one under /targets, or set the rule's target";
        case value_problem::bad_target: return "a target must be greater than 0, found " + v;
        case value_problem::not_boolean: return "a boolean criterion takes true or false (or 1 or 0), found " + v;
        case value_problem::negative_manual: return "manual value " + v + " is negative (a manual value is the points)";
        case value_problem::manual_above_max:
            return "manual value " + v + " is above max_points " + cr.max_points.to_string() +
                   " (a manual value is the points)";
    }
    return {};
}

void raise_value_problem(value_problem problem, const criterion& cr, std::string_view value, location where) {
    std::string message = value_problem_text(problem, cr, value);
    if (problem == value_problem::not_boolean) throw schema_error(std::move(message), std::move(where));
    throw validation_error(std::move(message), std::move(where));
}

}  // namespace thidua::detail
