// thidua/io/limits.hpp: every cap refuses input beyond it with a thidua::limit_error naming the place and the cap,
// and the defaults accept everything the examples and the formats need.

#include <doctest/doctest.h>

#include "builders.hpp"
#include "thidua/io/csv.hpp"

using namespace thidua_test;

namespace {

template <class F>
failure limit_failure(F&& f) {
    try {
        f();
    } catch (const thidua::limit_error& e) {
        return {"limit_error", e.where(), e.what()};
    } catch (const thidua::error& e) {
        return {"other", e.where(), e.what()};
    }
    return {"none", {}, {}};
}

failure campaign_limit(const json::value& c, const thidua::limits& caps) {
    return limit_failure([&] { (void)thidua::read_campaign(text(c), "campaign", "", caps); });
}

failure results_limit(const json::value& r, const thidua::limits& caps) {
    return limit_failure([&] { (void)thidua::read_results(text(r), "results", "", caps); });
}

/// minimal_campaign() with `n` units u0 … u(n-1).
json::object with_units(std::size_t n) {
    auto c = minimal_campaign();
    json::array units;
    for (std::size_t i = 0; i < n; ++i) {
        units.push_back(json::object{{"id", "u" + std::to_string(i)}, {"kind", "commune"}, {"cluster", "c1"}});
    }
    c["units"] = std::move(units);
    return c;
}

}  // namespace

TEST_CASE("limit errors belong to the thidua hierarchy") {
    thidua::limits caps;
    caps.max_input_bytes = 10;
    CHECK_THROWS_AS((void)thidua::read_campaign(text(minimal_campaign()), "campaign", "", caps), thidua::error);
}

TEST_CASE("the defaults are safe and documented") {
    const thidua::limits caps;
    CHECK(caps.max_input_bytes == 128u << 20);
    CHECK(caps.max_depth == 32);
    CHECK(caps.max_string_bytes == 64u << 10);
    CHECK(caps.max_units == 100'000);
    CHECK(caps.max_criteria == 1'000);
    CHECK(caps.max_phases == 100);
    CHECK(caps.max_items == 256);
    CHECK(caps.max_rows == 5'000'000);
    CHECK(caps.max_slots == 20'000'000);
}

TEST_CASE("a document larger than max_input_bytes is refused before it is parsed") {
    thidua::limits caps;
    const std::string campaign = text(minimal_campaign());
    caps.max_input_bytes = campaign.size();
    CHECK(campaign_limit(minimal_campaign(), caps).kind == "none");
    caps.max_input_bytes = campaign.size() - 1;
    const auto f = campaign_limit(minimal_campaign(), caps);
    CHECK(f.kind == "limit_error");
    CHECK(f.where.pointer == "");
    CHECK(f.what.find("the document has " + std::to_string(campaign.size()) + " bytes, more than the limit of " +
                      std::to_string(caps.max_input_bytes) + " (thidua::limits::max_input_bytes)") != std::string::npos);
    caps.max_input_bytes = 20;
    CHECK(results_limit(results_doc(), caps).kind == "limit_error");
    CHECK(limit_failure([&] { (void)thidua::read_results_csv("unit,criterion\nu1,a\n", "kq.csv", caps); }).kind == "none");
    caps.max_input_bytes = 10;
    const auto csv = limit_failure([&] { (void)thidua::read_results_csv("unit,criterion\nu1,a\n", "kq.csv", caps); });
    CHECK(csv.kind == "limit_error");
    CHECK(csv.what == "kq.csv: the table has 20 bytes, more than the limit of 10 (thidua::limits::max_input_bytes)");
}

TEST_CASE("nesting deeper than max_depth is a limit error at its line and column") {
    const std::string deep = "{\"thidua\": 1,\n \"id\": " + std::string(40, '[') + std::string(40, ']') + "}";
    const auto f = limit_failure([&] { (void)thidua::read_campaign(deep); });
    CHECK(f.kind == "limit_error");
    CHECK(f.where.line == 2);
    CHECK(f.where.column == "39");  // the 32nd bracket: the enclosing object is the first level
    CHECK(f.what.find("arrays and objects are nested more than 32 deep (thidua::limits::max_depth)") != std::string::npos);
    thidua::limits caps;
    caps.max_depth = 2;
    CHECK(campaign_limit(minimal_campaign(), caps).kind == "limit_error");  // units/0 is three deep
    caps.max_depth = 4;
    CHECK(campaign_limit(minimal_campaign(), caps).kind == "none");
}

TEST_CASE("a string key or number longer than max_string_bytes is a limit error at its pointer") {
    thidua::limits caps;
    caps.max_string_bytes = 16;
    SUBCASE("a string value") {
        auto c = minimal_campaign();
        c["units"].as_array()[1].as_object()["name"] = std::string(17, 'x');
        const auto f = campaign_limit(c, caps);
        CHECK(f.kind == "limit_error");
        CHECK(f.where.pointer == "/units/1/name");
        CHECK(f.what.find("a string of 17 bytes is longer than the limit of 16 (thidua::limits::max_string_bytes)") !=
              std::string::npos);
    }
    SUBCASE("a key") {
        auto c = minimal_campaign();
        c["units"].as_array()[0].as_object()["attributes"] = json::object{{std::string(20, 'k'), 1}};
        const auto f = campaign_limit(c, caps);
        CHECK(f.where.pointer == "/units/0/attributes/" + std::string(20, 'k'));
        CHECK(f.what.find("a key of 20 bytes") != std::string::npos);
    }
    SUBCASE("a number in a results row") {
        auto r = results_doc(json::array{json::object{{"unit", "u1"}, {"criterion", "a"}, {"value", 1}}});
        const std::string doc = text(r);
        const std::string long_number = "1" + std::string(20, '0');
        const std::string patched = doc.substr(0, doc.find("\"value\":1")) + "\"value\":" + long_number +
                                    doc.substr(doc.find("\"value\":1") + 9);
        const auto f = limit_failure([&] { (void)thidua::read_results(patched, "results", "", caps); });
        CHECK(f.where.pointer == "/results/0/value");
        CHECK(f.what.find("a number of 21 bytes") != std::string::npos);
    }
    SUBCASE("a CSV cell") {
        const auto f = limit_failure(
            [&] { (void)thidua::read_results_csv("unit,criterion,note\nu1,a," + std::string(17, 'n') + "\n", "kq.csv", caps); });
        CHECK(f.kind == "limit_error");
        CHECK(f.where.line == 2);
        CHECK(f.where.column == "note");
        CHECK(f.what.find("a cell longer than the limit of 16 bytes") != std::string::npos);
    }
    SUBCASE("a quoted CSV cell spanning lines") {
        const auto f = limit_failure([&] {
            (void)thidua::read_results_csv("unit,criterion,note\nu1,a,\"" + std::string(10, 'n') + "\n" +
                                               std::string(10, 'n') + "\"\n",
                                           "kq.csv", caps);
        });
        CHECK(f.kind == "limit_error");
        CHECK(f.where.column == "note");
    }
    SUBCASE("strings outside an embedded campaign do not count") {
        json::object doc{{"note", std::string(100, 'x')}, {"campaign", minimal_campaign()}};
        CHECK(limit_failure([&] { (void)thidua::read_campaign(text(doc), "case", "/campaign", caps); }).kind == "none");
    }
}

TEST_CASE("lists longer than their cap are limit errors at the list") {
    thidua::limits caps;
    SUBCASE("units") {
        caps.max_units = 3;
        CHECK(campaign_limit(with_units(3), caps).kind == "none");
        const auto f = campaign_limit(with_units(4), caps);
        CHECK(f.kind == "limit_error");
        CHECK(f.where.pointer == "/units");
        CHECK(f.what.find("4 units are more than the limit of 3 (thidua::limits::max_units)") != std::string::npos);
    }
    SUBCASE("clusters count against max_units") {
        caps.max_units = 1;
        auto c = minimal_campaign();
        c["units"] = json::array{c["units"].as_array()[0]};
        c["clusters"].as_array().push_back(json::object{{"id", "c2"}});
        CHECK(campaign_limit(c, caps).where.pointer == "/clusters");
    }
    SUBCASE("criteria") {
        caps.max_criteria = 1;
        auto c = with_criteria(R"([{"id": "a", "max_points": 10, "rule": {"kind": "boolean"}},
                                   {"id": "b", "max_points": 10, "rule": {"kind": "boolean"}}])");
        const auto f = campaign_limit(c, caps);
        CHECK(f.where.pointer == "/criteria");
        CHECK(f.what.find("(thidua::limits::max_criteria)") != std::string::npos);
    }
    SUBCASE("the criteria of a phase") {
        caps.max_criteria = 1;
        auto c = two_phase_campaign();
        c["phases"].as_array()[1].as_object()["criteria"] = parse(R"(["a", "a"])");
        CHECK(campaign_limit(c, caps).where.pointer == "/phases/1/criteria");
    }
    SUBCASE("phases") {
        caps.max_phases = 1;
        const auto f = campaign_limit(two_phase_campaign(), caps);
        CHECK(f.where.pointer == "/phases");
        CHECK(f.what.find("2 phases are more than the limit of 1 (thidua::limits::max_phases)") != std::string::npos);
    }
    SUBCASE("classes and the lists inside entries") {
        caps.max_items = 1;
        CHECK(campaign_limit(minimal_campaign(), caps).where.pointer == "/classes");
        auto c = minimal_campaign();
        c["classes"] = parse(R"([{"id": "kht"}])");
        c["criteria"].as_array()[0].as_object()["applies_to"] = parse(R"(["commune", "ward"])");
        CHECK(campaign_limit(c, caps).where.pointer == "/criteria/0/applies_to");
        c["criteria"].as_array()[0].as_object().erase("applies_to");
        c["units"].as_array()[0].as_object()["attributes"] = parse(R"({"a": 1, "b": 2})");
        const auto f = campaign_limit(c, caps);
        CHECK(f.where.pointer == "/units/0/attributes");
        CHECK(f.what.find("2 attributes are more than the limit of 1 (thidua::limits::max_items)") != std::string::npos);
    }
    SUBCASE("result rows events and votes") {
        caps.max_rows = 1;
        json::array two{row("u1", "a", true), row("u2", "a", true)};
        const auto f = results_limit(results_doc(two), caps);
        CHECK(f.where.pointer == "/results");
        CHECK(f.what.find("2 results are more than the limit of 1 (thidua::limits::max_rows)") != std::string::npos);
        auto votes = results_doc({}, {}, parse(R"([{"unit": "u1", "yes": 1, "of": 2}, {"unit": "u2", "yes": 1, "of": 2}])").as_array());
        CHECK(results_limit(votes, caps).where.pointer == "/votes");
    }
    SUBCASE("CSV rows") {
        caps.max_rows = 2;
        const auto f = limit_failure(
            [&] { (void)thidua::read_results_csv("unit,criterion\nu1,a\n\nu2,a\nu3,a\n", "kq.csv", caps); });
        CHECK(f.kind == "limit_error");
        CHECK(f.where.line == 5);
        CHECK(f.what.find("more than 2 rows (thidua::limits::max_rows)") != std::string::npos);
    }
}

TEST_CASE("unit criterion pairs beyond max_slots are refused before scoring allocates them") {
    thidua::limits caps;
    caps.max_slots = 4;  // 2 units × 1 criterion × 2 phases
    CHECK(campaign_limit(two_phase_campaign(), caps).kind == "none");
    caps.max_slots = 3;
    const auto f = campaign_limit(two_phase_campaign(), caps);
    CHECK(f.kind == "limit_error");
    CHECK(f.where.pointer == "");
    CHECK(f.what.find("the phases score 4 unit × criterion pairs, more than the limit of 3 (thidua::limits::max_slots)") !=
          std::string::npos);
}

TEST_CASE("the default limits accept a campaign of ten thousand units") {
    const auto c = campaign_of(with_units(10'000));
    CHECK(c.units.size() == 10'000);
}
