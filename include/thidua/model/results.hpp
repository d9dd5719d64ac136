#pragma once
/// @file results.hpp
/// What units reported for one campaign: result rows, adjustment events and council votes. Each row remembers
/// where it came from (which document, and the JSON pointer or the table line in it) so that an error found while
/// scoring names the place. Results may gather several documents: a results file and tables of votes and events.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "thidua/core/date.hpp"
#include "thidua/core/decimal.hpp"
#include "thidua/core/error.hpp"
#include "thidua/model/history.hpp"

namespace thidua {

/// A result row's status: a reported value; missing (scores 0); exempt or not_applicable (out of the unit's scale).
enum class result_status { reported, missing, exempt, not_applicable };

/// Where a row of the results came from: document `source` of the results (0: the first one), and in it element
/// `index` of a JSON array or a table's line.
struct origin {
    const char* array = "results";  ///< "results", "events" or "votes"; "" when the document is the array
    std::size_t index = 0;          ///< position in that JSON array
    std::size_t line = 0;           ///< table line (1-based); 0 for JSON
    std::uint32_t source = 0;       ///< index into results::sources

    /// The location of `field` of this row ("" for the row itself) in the document named `document`.
    location at(const std::string& document, std::string_view field = {}) const {
        location where{document, {}, line, {}};
        if (line != 0) {
            where.column = std::string(field);
        } else {
            // An empty array name: the document is the array itself (a what-if's list of changes).
            where.pointer = (*array ? "/" + std::string(array) : std::string()) + "/" + std::to_string(index);
            if (!field.empty()) {
                where.pointer += '/';
                for (char c : field) where.pointer += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
            }
        }
        return where;
    }
};

/// A document results are read from: its name in error locations and, for a workbook sheet, the header's
/// column names in order, so that a place is named as a cell ("forms.xlsx › votes › D7").
struct source {
    std::string name;  ///< the document's name in error locations
    std::vector<std::string> sheet_columns;  ///< empty: not a sheet (JSON pointers, or CSV lines and columns)
    std::uint32_t layer = 0;                 ///< the assessment layer of its rows: index into results::layers
    /// Whether it states the events (or the votes), even as an empty list: a layer stating them replaces the
    /// events (votes) of the layers before it.
    ///@{
    bool states_events = false, states_votes = false;
    ///@}

    /// The location of `field` ("" for the whole row) of the row that came from `o`.
    location where(const origin& o, std::string_view field = {}) const;
};

/// A reported value: a decimal, or a boolean for boolean criteria.
struct result_value {
    decimal number;  ///< the value; a boolean is 1 or 0
    bool is_boolean = false;  ///< written as true or false
    std::string text;  ///< as written (readers keep it for explanations); may be left empty
    bool percent = false;  ///< written as a percentage ("85%", read as 0.85): only a share criterion takes it

    /// The value as written, or, when no text was kept, as the number says it ("7.5", "true").
    std::string written() const {
        if (!text.empty()) return text;
        if (is_boolean) return number != decimal{} ? "true" : "false";
        return number.to_string();
    }
};

/// One reported figure: a unit's value (or status) for a criterion in a phase.
struct result_row {
    std::string unit;  ///< id of the unit reporting
    std::string criterion;  ///< id of the criterion reported on
    std::string phase;             ///< empty: located by date, or the only phase
    std::optional<date> on;        ///< the "date" field: the phase containing it
    std::optional<result_value> value;  ///< the figure; none unless the status is reported
    std::optional<decimal> target;  ///< a ratio criterion's target for this figure; none: the registered or rule's
    bool target_percent = false;  ///< the target was written as a percentage
    result_status status = result_status::reported;  ///< reported, missing, exempt or not_applicable
    std::optional<date> submitted;  ///< the day the report was sent; after the phase's report_due it is late
    std::string note;  ///< kept, and quoted in explanations
    thidua::origin origin;  ///< where the row came from
};

/// An occurrence of a bonus, penalty or disqualifying adjustment.
struct event {
    std::string unit;  ///< the unit's id
    std::string adjustment;  ///< id of one of the campaign's adjustments
    std::int64_t count = 1;  ///< how many items; a unit's events for one adjustment add up
    std::string note;  ///< kept, and quoted in explanations
    thidua::origin origin;  ///< where the event came from
};

/// The council's secret ballot: `yes` of `of` members (absent members included), on one award or on all.
struct vote {
    std::string unit;  ///< the unit's id
    std::string award;  ///< the award voted on; empty: every award (and the `vote` tie-break)
    std::int64_t yes = 0;  ///< votes for the unit
    std::int64_t of = 0;  ///< the members counted
    thidua::origin origin;  ///< where the vote came from
};

/// `bytes` of memory for cached_allocator: a block of 1 MiB or more comes from the array cache
/// (set_array_cache_limit) when it holds one of that size, anything else from `operator new`. Public, not in
/// `detail`, because the inline cached_allocator calls it from users' code: libthidua.so exports it (docs/abi.md).
void* cached_allocate(std::size_t bytes);
/// Gives back a block of cached_allocate(`bytes`): one of 1 MiB or more goes to the array cache.
void cached_deallocate(void* p, std::size_t bytes) noexcept;

/// std::allocator, except that blocks of 1 MiB or more are taken from, and given back to, the array cache
/// (set_array_cache_limit). A results document's rows take about 260 bytes each: reading rows again (a notebook
/// re-run, an edited file of the same length) reuses the pages of rows freed before instead of faulting in fresh
/// ones, which on some machines takes longer than reading the rows.
template <class T>
struct cached_allocator {
    static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__);
    using value_type = T;  ///< what it allocates
    /// Stateless: every instance allocates from the same cache.
    cached_allocator() = default;
    /// A copy for another type, as containers make (the Allocator requirements).
    template <class U>
    cached_allocator(const cached_allocator<U>&) noexcept {}
    /// Memory for n objects.
    T* allocate(std::size_t n) { return static_cast<T*>(cached_allocate(n * sizeof(T))); }
    /// Gives back the memory of n objects that allocate(n) returned.
    void deallocate(T* p, std::size_t n) noexcept { cached_deallocate(p, n * sizeof(T)); }
    /// Always equal: memory allocated by one is freed by any other.
    template <class U>
    bool operator==(const cached_allocator<U>&) const noexcept {
        return true;
    }
};

/// An assessment layer: who gave a set of figures (tự chấm, chấm chéo, thẩm định). docs/semantics.md §13.
struct layer {
    std::string id;  ///< the layer's id ("tu-cham", "cham-cheo", "tham-dinh" or any id)
    std::string title;  ///< empty: the catalog's title of a known id (tu-cham, cham-cheo, tham-dinh), else the id
};

/// The results document (docs/format.md, "Results"), with the tables and documents appended to it.
struct results {
    int format = 1;        ///< the "thidua_results" format version
    std::string campaign;  ///< id of the campaign these results belong to (empty: not stated, e.g. CSV)
    std::vector<result_row, cached_allocator<result_row>> rows;  ///< one row per reported figure
    std::vector<event> events;  ///< occurrences of the campaign's adjustments
    std::vector<vote> votes;  ///< the council's ballots
    /// The documents the rows came from, named in error locations; origin::source indexes it.
    std::vector<source> sources{source{"results", {}}};
    std::uint32_t campaign_source = 0;  ///< the source that states `campaign`
    /// Whether the input states its events and its votes (a list or a table, even an empty one). Results from
    /// a table of rows alone do not: scoring them warns when the campaign needs votes or declares adjustments.
    ///@{
    bool events_given = false, votes_given = false;
    ///@}

    /// The assessment layers the documents name, in order: a later layer's figure replaces an earlier one's
    /// (score() merges two or more); each source names its own. Empty: no layer named.
    std::vector<thidua::layer> layers;

    /// An interim review (sơ kết) on this day: in a phase not ended by then, a slot without a row is pending (out
    /// of the scale, not 0), and the report says it is interim. None: the final review.
    std::optional<date> as_of;

    /// Earlier years' outcomes (read_history), which award history gates look back on; each unit id must be a unit
    /// of the campaign or a predecessor of one.
    std::vector<past_year> history;

    /// The location of `field` of the row that came from `o`.
    location where(const origin& o, std::string_view field = {}) const { return sources.at(o.source).where(o, field); }
    /// The layer (index into `layers`) of the row, event or vote that came from `o`.
    std::uint32_t layer_of(const origin& o) const { return sources.at(o.source).layer; }
};

/// Appends `more` (another document of the same campaign: a table of votes or events, another form) to `into`;
/// its rows keep naming their own document. Results stating another campaign are a reference_error. Layers of the
/// same id are one layer; a document naming no layer joins the last layer of `into` (or `into`'s documents naming
/// none join the first layer of `more`).
void append(results& into, results more);

/// Names every document of `r` as layer `id` (titled `title`), replacing the layers it named.
void set_layer(results& r, std::string id, std::string title = {});

/// The assessment layers in order, as one results: each element's documents are a layer (one naming no layer is
/// named by its position, "1", "2", …), and score() merges them (docs/semantics.md §13).
/// `thidua::score(plan, thidua::layered({self_scored, cross_checked, appraised}))`.
results layered(std::vector<results> layers);

/// The status as results documents spell it: "reported", "missing", "exempt" or "not_applicable".
inline std::string_view to_string(result_status status) {
    switch (status) {
        case result_status::reported: return "reported";
        case result_status::missing: return "missing";
        case result_status::exempt: return "exempt";
        case result_status::not_applicable: return "not_applicable";
    }
    return "reported";
}

/// The status a results document names; nothing for an unknown name.
inline std::optional<result_status> parse_result_status(std::string_view text) {
    for (auto s : {result_status::reported, result_status::missing, result_status::exempt,
                   result_status::not_applicable}) {
        if (to_string(s) == text) return s;
    }
    return std::nullopt;
}

namespace detail {

/// "D7": the name of a sheet's cell in column `column` (0-based: A, B, …, Z, AA, …) and row `row` (1-based).
std::string cell_name(std::size_t column, std::size_t row);

/// A problem with one field of a row that the row alone shows; every reader and the binder find it the same way.
struct field_problem {
    std::string_view field;
    std::string message;
    bool wrong_form;  ///< a schema_error (the value cannot be one of this field), else a validation_error

    [[noreturn]] void raise(location where) const {
        if (wrong_form) throw schema_error(message, std::move(where));
        throw validation_error(message, std::move(where));
    }
};

/// A vote counts at least one member, and 0 ≤ yes ≤ of.
std::optional<field_problem> vote_problem(const vote& v);
/// "unit 'xa-1' registered 2 for criterion 'mo-hinh', below its floor of 3 (min_registration)".
std::string registration_below_floor(std::string_view unit, std::string_view criterion, decimal value, decimal floor);

/// An event counts at least one item.
std::optional<field_problem> event_problem(const event& e);

}  // namespace detail

}  // namespace thidua
