#pragma once
// The entry points of the four fuzz targets, shared by the libFuzzer executables (fuzz_target.cpp, built with
// clang by the `fuzz` preset) and by the doctest that replays every committed corpus file and crash reproducer
// through the same functions (tests/cpp/test_corpus.cpp, any compiler, also under the `asan` preset).
//
// Any bytes must give a result or a thidua::error. Anything else is a bug: a crash, a sanitizer report, another
// exception, or a broken invariant, which throws std::logic_error (a crash to libFuzzer, a failure to doctest).

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "thidua.hpp"
#include "thidua/detail/int128.hpp"
#include "thidua/report/explain.hpp"

namespace thidua_fuzz {

inline void expect(bool holds, const char* invariant) {
    if (!holds) throw std::logic_error(std::string("broken invariant: ") + invariant);
}

/// A small valid campaign with every rule kind, two phases, group caps, quotas with share_of, a veto, every
/// tie-break kind and awards: the results targets score against it, so their bytes reach the kernel.
constexpr std::string_view campaign_text = R"({"thidua":1,"id":"f","start":"2024-01-01","end":"2024-12-31",
 "clusters":[{"id":"c"}],
 "units":[{"id":"a","name":"A","kind":"ward","cluster":"c","attributes":{"w":"0.5"}},
          {"id":"b","name":"B","kind":"commune","cluster":"c"}],
 "groups":[{"id":"g","max_points":15}],
 "phases":[{"id":"p","start":"2024-01-01","end":"2024-06-30","weight":"0.5","report_due":"2024-07-05",
            "criteria":["r","s","t","m"]},
           {"id":"q","start":"2024-07-01","end":"2024-12-31","weight":"0.5","criteria":["r","t"]}],
 "criteria":[{"id":"r","group":"g","max_points":10,"rule":{"kind":"ratio","target":3,"min_ratio":"0.2",
              "exceed":{"step_percent":10,"points_per_step":"0.5","cap":2}}},
             {"id":"s","group":"g","max_points":10,"rule":{"kind":"bands","bands":[{"at_most":1,"points":10},{"at_most":3,"points":4}]}},
             {"id":"t","group":"g","max_points":10,"rule":{"kind":"boolean"},"mandatory":true,"applies_to":["ward"]},
             {"id":"m","group":"g","max_points":10,"rule":{"kind":"manual"}}],
 "adjustments":[{"id":"x","kind":"bonus","points_per_item":1,"cap":2},{"id":"z","kind":"penalty","points_per_item":"0.25"},
                {"id":"y","kind":"disqualify","forces_class":"h"}],
 "late_penalty":{"per_report":"0.5","cap":1},
 "classes":[{"id":"e","min_score":90,"max_share":"0.5","share_of":"g2"},{"id":"g2","min_met_share":"0.5"},{"id":"h"}],
 "tie_breaks":[{"kind":"criterion","criterion":"r"},{"kind":"phase","phase":"q"},{"kind":"bonus"},{"kind":"penalty"},
               {"kind":"earliest_submission"},{"kind":"vote"},{"kind":"attribute","attribute":"w"},{"kind":"lot","seed":1}],
 "awards":[{"id":"k","count":1,"min_vote_share":"0.5","cash":100},
           {"id":"l","scope":"overall","max_share":"0.5","min_count":1,"exclusive_with":["k"]}],
 "cluster_goals":[{"id":"o","class_at_least":"g2","min_share":"0.5"}]})";

inline const thidua::campaign& fixed_campaign() {
    static const thidua::campaign c = thidua::read_campaign(campaign_text);
    return c;
}

/// Scores, writes the report and explains every unit, checking what must hold of any report.
inline void check_report(const thidua::report& r) {
    const auto& c = r.campaign();
    for (std::size_t u = 0; u < r.units(); ++u) {
        for (std::size_t p = 0; p < c.phases.size(); ++p) {
            if (!r.phase_counted(u, p)) continue;
            expect(r.phase_score(u, p) >= thidua::decimal{} && r.phase_score(u, p) <= c.scale, "0 <= phase score <= scale");
        }
        expect(r.total(u) >= thidua::decimal{}, "total >= 0");
        expect(r.class_of(u) < c.classes.size(), "a class of the campaign");
        expect(r.cluster_rank(u) >= 1 && static_cast<std::size_t>(r.cluster_rank(u)) <= r.units(), "rank in 1..n");
        (void)thidua::explain(r, u, thidua::language::en).prose();
    }
    const std::string report_json = thidua::to_json(r);
    expect(!report_json.empty() && report_json.back() == '\n', "the report ends with a newline");
}

/// Any bytes as a campaign; a campaign read is written back canonically, read again, and scored with a row
/// for every pair it scores.
inline void campaign(std::string_view input) {
    try {
        const auto c = thidua::read_campaign(input);
        const std::string canonical = thidua::to_canonical_json(c);
        expect(thidua::to_canonical_json(thidua::read_campaign(canonical)) == canonical,
               "a campaign reads back its canonical form");
        thidua::results r;
        r.campaign = c.id;
        std::size_t slots = 0;
        for (const auto& p : c.phases) slots += c.units.size() * p.criteria.size();
        if (slots <= 10'000) {  // a fuzz input is small; its pairs need not be
            for (const auto& p : c.phases) {
                for (const auto& u : c.units) {
                    for (const auto& id : p.criteria) {
                        const auto& cr = c.criteria[static_cast<std::size_t>(thidua::index_of(c.criteria, id))];
                        thidua::result_row row;
                        row.unit = u.id;
                        row.criterion = id;
                        row.phase = p.id;
                        row.origin.index = r.rows.size();
                        if (!cr.applies_to_kind(u.kind)) {
                            row.status = thidua::result_status::not_applicable;
                        } else {
                            // 0 is a valid value for every rule kind; a ratio row brings its own target.
                            row.value = thidua::result_value{{}, cr.rule.kind == thidua::rule_kind::boolean, "0"};
                            if (cr.rule.kind == thidua::rule_kind::ratio) row.target = thidua::decimal::from_int(1);
                        }
                        r.rows.push_back(std::move(row));
                    }
                }
            }
        }
        check_report(thidua::score(c, std::move(r)));
    } catch (const thidua::error&) {
        // Refused with a located error: the expected outcome for bad input.
    }
}

/// Scores results against the fixed campaign; results read are written back canonically and read again.
inline void score_results(thidua::results r) {
    const std::string canonical = thidua::to_canonical_json(r);
    expect(thidua::to_canonical_json(thidua::read_results(canonical)) == canonical, "results read back their canonical form");
    check_report(thidua::score(fixed_campaign(), std::move(r)));
}

/// Any bytes as a results document.
inline void results_json(std::string_view input) {
    try {
        score_results(thidua::read_results(input));
    } catch (const thidua::error&) {
    }
}

/// Any bytes as a table of results, of votes and of events.
inline void results_csv(std::string_view input) {
    for (const auto kind : {thidua::table_kind::results, thidua::table_kind::votes, thidua::table_kind::events}) {
        try {
            score_results(thidua::read_csv(input, kind, "table.csv"));
        } catch (const thidua::error&) {
        }
    }
}

/// Any bytes as a decimal and as a date; split at '|' into a × b / c, digits and a rounding mode.
inline void numbers(std::string_view input) {
    using thidua::decimal;
    using thidua::detail::int128;
    if (const auto d = decimal::parse(input)) {
        expect(d->micros() < decimal::micros_limit && d->micros() > -decimal::micros_limit, "|decimal| < 10^12");
        expect(decimal::parse(d->to_string()) == d, "a decimal reads back its text");
    }
    if (const auto day = thidua::date::parse(input)) {
        expect(day->to_string() == input, "a date is written as read");
        expect(day->next_day().previous_day() == *day, "the day after the day before");
    }
    decimal parts[3];
    std::size_t count = 0;
    for (std::size_t start = 0; count < 3;) {
        const std::size_t end = std::min(input.find('|', start), input.size());
        const auto d = decimal::parse(input.substr(start, end - start));
        if (!d) return;
        parts[count++] = *d;
        if (end == input.size()) break;
        start = end + 1;
    }
    const auto settings = static_cast<unsigned char>(input.back());
    const int digits = settings % 7;
    const auto mode = static_cast<thidua::rounding>(settings / 7 % 4);
    const int128 unit = thidua::detail::pow10(decimal::max_fraction_digits - digits);  // one step at `digits`
    const auto [a, b, c] = parts;
    try {
        const decimal rounded = thidua::round(a, digits, mode);
        const int128 off = int128{rounded.micros()} - a.micros();
        expect(off < unit && off > -unit, "rounding moves by less than one step");
        expect(rounded.fraction_digits() <= digits, "rounding leaves at most `digits` digits");
    } catch (const thidua::arithmetic_error&) {
        // Rounded away from zero past 10^12: refused, never wrapped around.
        expect(a.micros() + unit >= decimal::micros_limit || a.micros() - unit <= -decimal::micros_limit,
               "only a value within one step of 10^12 rounds out of range");
    }
    if (count < 3 || c == decimal{}) return;
    try {
        const decimal q = thidua::mul_div(a, b, c, digits, mode);
        // q × c is within one step × |c| of a × b (all in micros).
        const int128 error = int128{q.micros()} * c.micros() - int128{a.micros()} * b.micros();
        const int128 bound = unit * (c.micros() < 0 ? -int128{c.micros()} : int128{c.micros()});
        expect(error < bound && error > -bound, "a × b / c is exact to one step");
    } catch (const thidua::arithmetic_error&) {
        // The quotient leaves the range of exact decimals: refused, never wrapped around.
    }
}

}  // namespace thidua_fuzz
