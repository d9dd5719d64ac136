#pragma once
// Assessment layers (docs/semantics.md §13): self-assessment, cross-check, appraisal. Each layer alone is scored as
// a report of its own; the final figures take, for each slot, the row of the last layer that gives it, and the
// events and the votes of the last layer that states them.

#include <cstdint>
#include <memory>
#include <vector>

#include "thidua/report/report.hpp"
#include "thidua/scoring/options.hpp"

namespace thidua::detail {

/// What a layered report keeps beside its final figures.
struct layer_record {
    std::vector<report> alone;        ///< per layer (results::layers' order): the report of its figures alone
    std::vector<std::int8_t> set_by;  ///< per slot (plan order): the layer whose row is final, −1 when none gives it
    std::vector<std::uint8_t> differs;  ///< per slot: 1 when the layers giving it give different figures
};

/// Scores results naming two or more layers: each alone, then the merged final figures, whose report keeps the
/// record. A later layer that changes a slot's status must say why in its row's note. `total_delta` (a what-if's,
/// per unit) is added to the final totals only.
report score_layers(const plan& p, std::shared_ptr<const results> all, const score_options& options,
                    std::vector<std::int64_t> total_delta = {});

}  // namespace thidua::detail
