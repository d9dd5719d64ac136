// thidua/io/schema.hpp: the published JSON Schemas are JSON documents of draft 2020-12, closed at the top level. That
// they agree with the readers is checked in tests/python/test_schema.py, where a JSON Schema validator is at hand.

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "thidua/io/schema.hpp"

namespace json = boost::json;

TEST_CASE("json_schema gives the campaign and results schemas as draft 2020-12 JSON") {
    for (const char* name : {"campaign", "results"}) {
        CAPTURE(name);
        json::error_code ec;
        const json::value schema = json::parse(thidua::json_schema(name), ec);
        REQUIRE_FALSE(ec);
        const auto& root = schema.as_object();
        REQUIRE(root.contains("$schema"));
        CHECK(root.at("$schema").as_string() == "https://json-schema.org/draft/2020-12/schema");
        CHECK(root.at("type").as_string() == "object");
        CHECK(root.at("additionalProperties").as_bool() == false);
        CHECK_FALSE(root.at("description").as_string().empty());
    }
    const auto campaign = json::parse(thidua::json_schema("campaign")).as_object();
    CHECK(campaign.at("required").as_array().size() == 8);
    CHECK(campaign.at("properties").as_object().contains("cluster_goals"));
    const auto results = json::parse(thidua::json_schema("results")).as_object();
    CHECK(results.at("properties").as_object().contains("votes"));
}

TEST_CASE("json_schema throws schema_error for another name") {
    CHECK_THROWS_AS(thidua::json_schema("report"), thidua::schema_error);
    CHECK_THROWS_WITH(thidua::json_schema("Campaign"), doctest::Contains("known: campaign, results"));
    CHECK_THROWS_AS(thidua::json_schema(""), thidua::schema_error);
}
