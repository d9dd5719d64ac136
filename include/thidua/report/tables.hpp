#pragma once
/// @file tables.hpp
/// A report as columns, for tools that build their own tables (DataFrames, spreadsheets, databases): the units in
/// report order and the points per (unit, phase, criterion), as arrays of indices and micros rather than text.
///
/// @code
/// const thidua::slot_table t = thidua::slot_rows(report);
/// for (std::size_t i = 0; i < t.size(); ++i)
///     if (t.points[i] != thidua::no_number) use(t.unit[i], t.criterion[i], thidua::decimal::from_micros(t.points[i]));
/// @endcode

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "thidua/scoring/status.hpp"

namespace thidua {

class report;

/// The micros of a cell that has no number (a value not reported, a target off a ratio rule, points out of scale).
inline constexpr std::int64_t no_number = std::numeric_limits<std::int64_t>::min();

/// The units in the report's order: by cluster (the campaign's order), then cluster rank. Each entry is a unit
/// index (plan().unit_list()); the span lives as long as the report's data (keep the report).
std::span<const std::uint32_t> report_order(const report& r);

/// What the report writes as unit u's `tie_broken_by`: none when no tie-break placed it, the label of the one that
/// did, or "unresolved" for a tie no rule separated.
std::optional<std::string> tie_break_name(const report& r, std::size_t u);

/// One row per (unit, phase, criterion): units in report order, then each phase's criteria in the phase's order.
struct slot_table {
    std::vector<std::uint32_t> unit;       ///< unit index (plan().unit_list())
    std::vector<std::uint32_t> phase;      ///< position in campaign().phases
    std::vector<std::uint32_t> criterion;  ///< position in campaign().criteria
    std::vector<slot_status> status;  ///< what the slot holds
    /// Micros, no_number where a cell does not apply: value on rows not reported; target off ratio rules or out of
    /// the unit's scale; points and max out of the unit's scale (so Σ points / Σ max is the share earned).
    ///@{
    std::vector<std::int64_t> value, target, points, max;
    ///@}
    /// 1 where the slot is met as its rule says (docs/semantics.md §4 step 3; a ratio only at r ≥ 1), 0 otherwise:
    /// a mandatory criterion's slot in the scale and not met is what fails `requires_all_mandatory`.
    std::vector<std::uint8_t> met;
    /// A layered report's (docs/semantics.md §13): 1 where the layers giving the slot differ; empty otherwise.
    std::vector<std::uint8_t> changed;

    /// The number of rows.
    std::size_t size() const { return unit.size(); }
};

/// The report's slot table.
slot_table slot_rows(const report& r);

/// A layered report's figures per layer (docs/semantics.md §13): one row per (unit, phase, criterion, layer) that
/// the layer gives, in report order, then the phases' and criteria's, then the layers'; each row as the layer alone
/// scores it.
struct layer_table : slot_table {
    std::vector<std::uint32_t> layer;         ///< index into report::layers()
    std::vector<std::uint8_t> final_figure;  ///< 1 when this layer's row set the final figure
};

/// The report's layer table (empty when it has no layers).
layer_table layer_rows(const report& r);

}  // namespace thidua
