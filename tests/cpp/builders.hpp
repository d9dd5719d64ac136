#pragma once
// Shared by the unit tests: small valid documents that a test patches, scoring straight from JSON values, and
// capturing the exception a reader or the scorer throws (its type and where it points).
//
// Documents are built as Boost.JSON values. Numbers with a fraction are written as decimal strings ("0.6"), which
// the format accepts and reads exactly.

#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "thidua.hpp"
#include "thidua/detail/report_data.hpp"

namespace doctest {
template <>
struct StringMaker<thidua::decimal> {
    static String convert(const thidua::decimal& d) { return d.to_string().c_str(); }
};
template <>
struct StringMaker<thidua::date> {
    static String convert(const thidua::date& d) { return d.to_string().c_str(); }
};
}  // namespace doctest

namespace thidua_test {

namespace json = boost::json;

inline json::value parse(std::string_view text) { return json::parse(text); }
inline std::string text(const json::value& v) { return json::serialize(v); }

/// A minimal valid campaign "t" for 2024: one cluster "c1", the communes u1 and u2, one boolean criterion "a" of
/// 10 points, and the classes "ht" (from 50 points) and the catch-all "kht". No phases: the implicit phase "main".
inline json::object minimal_campaign() {
    return parse(R"({
      "thidua": 1, "id": "t", "title": "Thi đua 2024", "kind": "pact",
      "start": "2024-01-01", "end": "2024-12-31",
      "clusters": [{"id": "c1", "name": "Cụm 1", "kind": "cluster"}],
      "units": [
        {"id": "u1", "name": "Xã Một", "kind": "commune", "cluster": "c1"},
        {"id": "u2", "name": "Xã Hai", "kind": "commune", "cluster": "c1"}
      ],
      "criteria": [{"id": "a", "title": "Tuyên truyền", "max_points": 10, "rule": {"kind": "boolean"}}],
      "classes": [{"id": "ht", "min_score": 50}, {"id": "kht"}]
    })")
        .as_object();
}

/// minimal_campaign() with two phases: p1 2024-01-01…2024-06-30 (weight 0.6, due 2024-07-10) and
/// p2 2024-07-01…2024-12-31 (weight 0.4, due 2025-01-10), both scoring "a".
inline json::object two_phase_campaign() {
    auto c = minimal_campaign();
    c["phases"] = parse(R"([
      {"id": "p1", "start": "2024-01-01", "end": "2024-06-30", "weight": "0.6", "report_due": "2024-07-10",
       "criteria": ["a"]},
      {"id": "p2", "start": "2024-07-01", "end": "2024-12-31", "weight": "0.4", "report_due": "2025-01-10",
       "criteria": ["a"]}
    ])");
    return c;
}

/// Units of one cluster, all of kind commune, named after their ids.
inline json::array communes(std::initializer_list<std::string_view> ids, std::string_view cluster = "c1") {
    json::array out;
    for (auto id : ids) {
        out.push_back(json::object{{"id", id}, {"name", id}, {"kind", "commune"}, {"cluster", cluster}});
    }
    return out;
}

/// One result row; `phase` left empty means the row names no phase.
inline json::object row(std::string_view unit, std::string_view criterion, json::value value,
                        std::string_view phase = {}) {
    json::object r{{"unit", unit}, {"criterion", criterion}};
    if (!value.is_null()) r["value"] = std::move(value);
    if (!phase.empty()) r["phase"] = phase;
    return r;
}

/// A results document for campaign "t".
inline json::object results_doc(json::array rows = {}, json::array events = {}, json::array votes = {}) {
    json::object r{{"thidua_results", 1}, {"campaign", "t"}, {"results", std::move(rows)}};
    if (!events.empty()) r["events"] = std::move(events);
    if (!votes.empty()) r["votes"] = std::move(votes);
    return r;
}

/// minimal_campaign() with other criteria (a JSON array).
inline json::object with_criteria(std::string_view criteria) {
    auto c = minimal_campaign();
    c["criteria"] = parse(criteria);
    return c;
}

inline thidua::campaign campaign_of(const json::value& c) { return thidua::read_campaign(text(c)); }
inline thidua::results results_of(const json::value& r) { return thidua::read_results(text(r)); }

/// Reads both documents and scores them.
inline thidua::report score(const json::value& campaign, const json::value& results) {
    return thidua::score(campaign_of(campaign), results_of(results));
}

/// Scores rows, events and votes (JSON arrays) against a campaign.
inline thidua::report score_rows(const json::value& campaign, std::string_view rows, std::string_view events = "[]",
                                 std::string_view votes = "[]") {
    return score(campaign, results_doc(parse(rows).as_array(), parse(events).as_array(), parse(votes).as_array()));
}

/// What a failed call threw: the most derived thidua exception type, its location and its text.
struct failure {
    std::string kind;  ///< "parse_error", "schema_error", …; "none" when nothing was thrown
    thidua::location where;
    std::string what;
};

template <class F>
failure failure_of(F&& f) {
    try {
        f();
    } catch (const thidua::parse_error& e) {
        return {"parse_error", e.where(), e.what()};
    } catch (const thidua::schema_error& e) {
        return {"schema_error", e.where(), e.what()};
    } catch (const thidua::reference_error& e) {
        return {"reference_error", e.where(), e.what()};
    } catch (const thidua::validation_error& e) {
        return {"validation_error", e.where(), e.what()};
    } catch (const thidua::arithmetic_error& e) {
        return {"arithmetic_error", e.where(), e.what()};
    } catch (const thidua::limit_error& e) {
        return {"limit_error", e.where(), e.what()};
    } catch (const thidua::error& e) {
        return {"error", e.where(), e.what()};
    }
    return {"none", {}, {}};
}

/// The error reading this campaign gives.
inline failure campaign_failure(const json::value& c) {
    return failure_of([&] { (void)campaign_of(c); });
}

/// The error reading and scoring these documents gives.
inline failure scoring_failure(const json::value& campaign, const json::value& results) {
    return failure_of([&] { (void)score(campaign, results); });
}

/// The report JSON of a scoring, parsed.
inline json::object report_json(const thidua::report& r) { return json::parse(thidua::to_json(r)).as_object(); }

/// The unit object with that id in a parsed report.
inline json::object report_unit(const json::object& report, std::string_view id) {
    for (const auto& u : report.at("units").as_array()) {
        if (u.at("id").as_string() == id) return u.as_object();
    }
    return {};
}

}  // namespace thidua_test
