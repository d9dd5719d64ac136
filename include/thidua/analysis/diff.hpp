#pragma once
/// @file diff.hpp
/// What changed between two runs: per unit, the points per slot, phase scores, totals, class, ranks and awards
/// that differ; and which inputs differ (the fingerprints, the campaign's keys as JSON pointers, the result rows).
/// Two reports give all of it; two saved report documents give the units and the fingerprints only (the documents
/// hold no campaign and no results).
///
/// @code
/// const thidua::report_diff d = thidua::diff(before, after);
/// for (const auto& u : d.units)
///     if (u.total.changed()) std::cout << u.id << ": " << u.total.before << " -> " << u.total.after << '\n';
/// if (d.empty()) std::cout << "nothing changed\n";
/// @endcode

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "thidua/core/decimal.hpp"

namespace thidua {

class report;

/// A value before and after.
template <class T>
struct diff_pair {
    /// The value in the earlier run, and in the later one.
    ///@{
    T before{}, after{};
    ///@}
    /// Whether the two differ.
    bool changed() const { return !(before == after); }
};

/// One slot (phase, criterion) of a unit whose points or status differ. Points are none out of the unit's scale;
/// a status is "" where the slot does not exist on that side (the criterion is not in the phase there).
struct slot_change {
    /// The slot's phase and criterion ids.
    ///@{
    std::string phase, criterion;
    ///@}
    diff_pair<std::optional<decimal>> points;  ///< the slot's points
    diff_pair<std::string> status;  ///< the slot's status, as the report writes it
};

/// One phase score that differs; none where the phase does not count for the unit.
struct phase_change {
    std::string phase;  ///< the phase's id
    diff_pair<std::optional<decimal>> score;  ///< the unit's phase score
};

/// Whether a unit is in both reports, only in the later one (added) or only in the earlier one (removed).
enum class unit_presence { both, added, removed };

/// One unit whose report differs (units are matched by id). An added unit has only `after` values, a removed one
/// only `before` values; their lists stay empty.
struct unit_diff {
    /// The unit's id, name and cluster id (the later report's, for a unit in both).
    ///@{
    std::string id, name, cluster;
    ///@}
    unit_presence presence = unit_presence::both;  ///< in both reports, or in one
    std::vector<slot_change> slots;  ///< the slots that differ
    std::vector<phase_change> phases;  ///< the phase scores that differ
    /// The base score, bonus, penalty and total.
    ///@{
    diff_pair<decimal> base, bonus, penalty, total;
    ///@}
    diff_pair<std::string> class_id;  ///< the class's id
    /// The rank in the cluster and over all units.
    ///@{
    diff_pair<std::int32_t> cluster_rank, overall_rank;
    ///@}
    /// The awards received in the later run only, and in the earlier run only.
    ///@{
    std::vector<std::string> awards_gained, awards_lost;  ///< award ids, in the order the reports list them
    ///@}

    /// True when the unit is in both reports and nothing of it differs.
    bool empty() const;
};

/// Whether a row (event, vote) is only in the later results (added), only in the earlier ones (removed), or in both
/// with fields that differ (changed).
enum class row_change_kind { added, removed, changed };

/// A result row that differs. Rows are matched by (unit, criterion, phase, date) — the phase or the date the row
/// names, as written — and, where several rows share that key, by their order.
struct row_change {
    /// The row's key: unit, criterion, and the phase or date it names, as written.
    ///@{
    std::string unit, criterion, phase, date;
    ///@}
    std::string layer;  ///< the assessment layer giving the row, when the results name one (docs/semantics.md §13)
    row_change_kind kind = row_change_kind::changed;  ///< added, removed or changed
    std::vector<std::string> fields;  ///< changed: the fields that differ (value, status, target, submitted, note)
};

/// An event or a vote that differs, matched by (unit, adjustment or award, layer) and, where several share that
/// key, by their order.
struct item_change {
    std::string unit;  ///< the unit's id
    std::string id;     ///< the adjustment (an event) or the award (a vote; empty: a vote on every award)
    std::string layer;  ///< the assessment layer giving it, when the results name one
    row_change_kind kind = row_change_kind::changed;  ///< added, removed or changed
    std::vector<std::string> fields;  ///< changed: the fields that differ (count, note; yes, of)
};

/// What differs between two runs (diff()) or two saved reports (diff_documents()).
struct report_diff {
    int precision = 2;  ///< digits the reports write (the later report's)
    /// False for saved report documents: only the units and the fingerprints are compared.
    bool inputs_compared = true;
    /// The fingerprints of the campaign and of the results (docs/format.md, "Canonical documents and fingerprints").
    ///@{
    diff_pair<std::string> campaign_sha256, results_sha256;
    ///@}
    /// The units that differ: those of the later report in its order, then the removed ones.
    std::vector<unit_diff> units;
    /// The campaign keys that differ, as JSON pointers into the canonical campaign, where an array item with an
    /// `id` is named by its id rather than its position ("/criteria/mo-hinh/rule/target"); an array whose ids
    /// are the same but in another order is named itself.
    std::vector<std::string> campaign_changes;
    /// The result rows added, removed or changed (in the later results' order, then the removed ones).
    std::vector<row_change> result_rows;
    /// The events and the votes added, removed or changed, likewise.
    ///@{
    std::vector<item_change> events, votes;
    ///@}

    /// True when nothing differs: no unit, no fingerprint, no campaign key, no result row, event or vote. A changed note
    /// makes the diff non-empty even when no number moves.
    bool empty() const;
};

/// What differs from `before` to `after`: units, fingerprints, campaign keys and result rows. Reports scored from
/// arrays have no result rows to compare. The units are read from the reports' accessors and compared as
/// diff_documents() compares two documents' units; the inputs are compared on both campaigns and results written
/// in canonical form. Two reports of 100 000 units compare in about 1.5 s on one core.
report_diff diff(const report& before, const report& after);

/// What differs between two report documents (the text of to_json(), `thidua score --format json`): the units
/// and the fingerprints; inputs_compared is false. Throws parse_error or schema_error for text that is not a
/// report document; `before_name` and `after_name` name the documents in errors (their file names).
report_diff diff_documents(std::string_view before_json, std::string_view after_json,
                           const std::string& before_name = "before", const std::string& after_name = "after");

/// The presence as diffs write it: "both", "added" or "removed".
inline std::string_view to_string(unit_presence p) {
    switch (p) {
        case unit_presence::both: return "both";
        case unit_presence::added: return "added";
        case unit_presence::removed: return "removed";
    }
    return "both";
}

/// The kind as diffs write it: "added", "removed" or "changed".
inline std::string_view to_string(row_change_kind k) {
    switch (k) {
        case row_change_kind::added: return "added";
        case row_change_kind::removed: return "removed";
        case row_change_kind::changed: return "changed";
    }
    return "changed";
}

}  // namespace thidua
