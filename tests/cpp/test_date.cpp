// thidua/core/date.hpp: ISO dates checked against the real calendar.

#include <doctest/doctest.h>

#include "builders.hpp"
#include "thidua/core/date.hpp"

#include <sstream>

using thidua::date;

namespace {

date day(std::string_view text) {
    auto d = date::parse(text);
    REQUIRE_MESSAGE(d.has_value(), text);
    return *d;
}

}  // namespace

TEST_CASE("parse accepts real calendar dates") {
    CHECK(date::parse("2024-02-29").has_value());
    CHECK(date::parse("2024-01-31").has_value());
    CHECK(date::parse("2000-02-29").has_value());
    CHECK(date::parse("0001-01-01").has_value());
    CHECK(date::parse("9999-12-31").has_value());
}

TEST_CASE("parse refuses dates that are not in the calendar") {
    for (std::string_view bad : {"2023-02-29", "2024-02-30", "1900-02-29", "2024-04-31", "2024-13-01", "2024-00-10",
                                 "2024-01-00", "2024-01-32", "0000-01-01"}) {
        CAPTURE(bad);
        CHECK_FALSE(date::parse(bad).has_value());
    }
}

TEST_CASE("parse refuses text that is not exactly YYYY-MM-DD") {
    for (std::string_view bad : {"2024-2-3", "24-01-01", "2024/01/01", "2024-01-1", "2024-01-01T00:00", " 2024-01-01",
                                 "2024-0a-01", "+024-01-01", "2024--1-01", "", "20240101"}) {
        CAPTURE(bad);
        CHECK_FALSE(date::parse(bad).has_value());
    }
}

TEST_CASE("days count from the first of January 1970") {
    CHECK(day("1970-01-01").days() == 0);
    CHECK(day("1970-01-02").days() == 1);
    CHECK(day("1969-12-31").days() == -1);
    CHECK(day("2000-01-01").days() == 10957);
    CHECK(day("2024-03-01").days() - day("2024-02-28").days() == 2);
    CHECK(day("2023-03-01").days() - day("2023-02-28").days() == 1);
}

TEST_CASE("dates are ordered by the calendar") {
    CHECK(day("2024-01-31") < day("2024-02-01"));
    CHECK(day("2023-12-31") < day("2024-01-01"));
    CHECK(day("2024-10-09") < day("2024-10-10"));
    CHECK(day("2024-06-30") == day("2024-06-30"));
    CHECK(day("2025-01-01") > day("2024-12-31"));
}

TEST_CASE("next_day crosses month and year ends") {
    CHECK(day("2024-01-31").next_day() == day("2024-02-01"));
    CHECK(day("2024-02-28").next_day() == day("2024-02-29"));
    CHECK(day("2024-02-29").next_day() == day("2024-03-01"));
    CHECK(day("2023-02-28").next_day() == day("2023-03-01"));
    CHECK(day("2024-04-30").next_day() == day("2024-05-01"));
    CHECK(day("2024-12-31").next_day() == day("2025-01-01"));
    CHECK(day("2024-03-01").previous_day() == day("2024-02-29"));
    CHECK(day("2025-01-01").previous_day() == day("2024-12-31"));
}

TEST_CASE("to_string writes the text parse read") {
    for (std::string_view text : {"2024-02-29", "0001-01-01", "9999-12-31", "1970-01-01", "2023-11-05", "1969-07-20"}) {
        CAPTURE(text);
        CHECK(day(text).to_string() == text);
    }
    CHECK(day("2024-12-31").next_day().to_string() == "2025-01-01");
}

TEST_CASE("from_ymd builds only calendar dates") {
    CHECK(date::from_ymd(2024, 2, 29) == day("2024-02-29"));
    CHECK_FALSE(date::from_ymd(2023, 2, 29).has_value());
    CHECK_FALSE(date::from_ymd(2024, 13, 1).has_value());
    CHECK_FALSE(date::from_ymd(0, 1, 1).has_value());
    CHECK_FALSE(date::from_ymd(10000, 1, 1).has_value());
}

TEST_CASE("dates write themselves to streams as YYYY-MM-DD") {
    std::ostringstream out;
    out << *thidua::date::parse("2024-02-29");
    CHECK(out.str() == "2024-02-29");
}

TEST_CASE("a date's year is its calendar year, at either end of it") {
    CHECK(thidua::date::parse("2024-01-01")->year() == 2024);
    CHECK(thidua::date::parse("2024-12-31")->year() == 2024);
    CHECK(thidua::date::parse("1969-12-31")->year() == 1969);  // before the epoch
    CHECK(thidua::date::parse("0001-01-01")->year() == 1);
}
