#pragma once
/// @file arrays.hpp
/// Scoring a population given as arrays: the campaign supplies the rules, the caller supplies the units (ids,
/// kinds, clusters) and, per phase, a units × criteria block of values in micros (and optionally of targets and
/// statuses). The blocks are used where they are, without a copy; every value is checked the way result rows
/// are checked (by the kernel, as it reads them), errors naming the place as "/<phase>/<unit index>/<criterion>"
/// in the document "values".
///
/// The report reads the blocks for as long as it lives (explanations, slot points), so it holds `owner`, whatever
/// keeps them alive; thidua::borrowed says that the caller keeps them alive instead.
///
/// @code
/// const thidua::plan plan(rules, thidua::population{ids, kinds, clusters});
/// auto values = std::make_shared<std::vector<std::int64_t>>(...);   // units × criteria_in(0) micros
/// auto report = thidua::score_arrays(plan, {{values->data()}}, {}, values);
/// @endcode

#include <cstdint>
#include <memory>
#include <vector>

#include "thidua/model/campaign.hpp"
#include "thidua/model/population.hpp"
#include "thidua/report/report.hpp"
#include "thidua/scoring/options.hpp"
#include "thidua/scoring/plan.hpp"
#include "thidua/scoring/status.hpp"

namespace thidua {

/// One phase's input: row-major blocks of units × the criteria the phase scores, in the phase's order.
struct block {
    const std::int64_t* values = nullptr;    ///< micros; a boolean is the decimal 1 or 0 (1000000 or 0 micros)
    const std::int64_t* targets = nullptr;   ///< micros; null, or 0 in a cell: the registered or rule target
    const slot_status* statuses = nullptr;   ///< null: every slot reported
};

/// Per-unit inputs besides the values; null pointers mean none.
struct unit_arrays {
    const std::int64_t* vote_yes = nullptr;         ///< with vote_of
    const std::int64_t* vote_of = nullptr;          ///< 0: no vote
    const std::int64_t* events = nullptr;           ///< units × adjustments counts, row-major
    const std::int32_t* late_reports = nullptr;     ///< reports submitted after their phase's report_due
    const std::int32_t* last_submission = nullptr;  ///< latest submission of a reported value, days since
                                                    ///< 1970-01-01; INT_MIN: none
};

/// The campaign (already validated) with its units replaced by the objects of `people`, which is checked as
/// check_population() checks it. A plan made from the rules and the population directly (plan.hpp) gives the same
/// reports without building the unit objects until something asks for them.
campaign with_population(campaign rules, population people);

/// A float64 value as micros when it is the double nearest to a decimal with at most 6 fractional digits
/// (0.1 → 100000); false otherwise (0.1 + 0.2, 1e-7, NaN, infinities, magnitudes beyond 2^53 micros).
bool micros_from_double(double x, std::int64_t& micros);

/// Converts `n` float64 values into micros (micros_from_double), the way every array path reads floats: NaN is a
/// missing value when `missing` is given (missing[i] = 1, out[i] = 0) and an error otherwise, like any other
/// value that is not a decimal with at most 6 fractional digits. Errors are validation_errors in `document` at
/// the pointer `pointer` + "/row/column" for a matrix of `columns` columns (`pointer` + "/i" when `columns` is 0).
void micros_from_doubles(const double* in, std::size_t n, std::int64_t* out, std::uint8_t* missing,
                         const std::string& document, const std::string& pointer, std::size_t columns = 0);

/// An attribute column from float64 values, NaN as missing_attribute; errors name `document` at "/<name>/<u>".
attribute_column attribute_from_doubles(std::string name, const double* in, std::size_t n,
                                        const std::string& document = "attributes");

/// The owner that says "borrowed": the caller keeps the arrays alive as long as every copy of the report lives.
inline const std::shared_ptr<const void> borrowed{};

/// Scores the blocks (one per phase) and the per-unit arrays, which `owner` keeps alive for the report's life (or
/// thidua::borrowed). The per-unit arrays are checked here, the values by the kernel as it reads them.
report score_arrays(const plan& p, const std::vector<block>& blocks, const unit_arrays& extra,
                    std::shared_ptr<const void> owner, const score_options& options = {});

}  // namespace thidua
