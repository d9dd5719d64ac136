// thidua/detail/table_cells.hpp: numbers, dates and yes/no as a campaign's language writes them in tables, and the
// cells that could be read two ways refused; the table readers and the binder use them (percentages, floors).

#include <doctest/doctest.h>

#include "builders.hpp"
#include "thidua/detail/table_cells.hpp"
#include "thidua/io/csv.hpp"

using namespace thidua_test;
using namespace thidua::literals;
using thidua::table_style;

namespace {

std::string number(std::string_view text, table_style style) {
    std::string problem;
    const auto n = thidua::detail::read_cell_number(text, style, problem);
    if (!n) return "error: " + problem;
    return n->value.to_string() + (n->percent ? " %" : "");
}

std::string day(std::string_view text, table_style style) {
    std::string problem;
    const auto d = thidua::detail::read_cell_date(text, style, problem);
    return d ? d->to_string() : "error: " + problem;
}

}  // namespace

TEST_CASE("a Vietnamese table reads the decimal comma and the thousands dot, and refuses what reads two ways") {
    const auto vi = table_style::vi;
    CHECK(number("12,5", vi) == "12.5");
    CHECK(number("1.234.567", vi) == "1234567");
    CHECK(number("1.234,5", vi) == "1234.5");
    CHECK(number("-0,25", vi) == "-0.25");
    CHECK(number("1,234", vi) == "1.234");        // the comma is the decimal mark
    CHECK(number("12.5", vi) == "12.5");          // a point no thousands grouping explains: as a program writes it
    CHECK(number("0.500", vi) == "0.5");          // no group starts with 0
    CHECK(number("7", vi) == "7");
    CHECK(number("85%", vi) == "0.85 %");
    CHECK(number("62,5 %", vi) == "0.625 %");
    CHECK(number("1.234", vi).rfind("error: '1.234' could be read two ways in a Vietnamese table: write 1234", 0) == 0);
    CHECK(number("12,5a", vi) == "error: '12,5a' is not a number: a Vietnamese table writes numbers like 12,5 "
                                 "(decimal comma), 1.234.567 (thousands dot) or 1.234,5, and a share may be 85%");
    CHECK(number("1,2,3", vi).rfind("error: '1,2,3' is not a number", 0) == 0);
    CHECK(number("12.34.5", vi).rfind("error: '12.34.5' is not a number", 0) == 0);
    CHECK(number("0,1234567", vi).find("more than 6 fractional digits") != std::string::npos);
}

TEST_CASE("an English table reads the thousands comma; a plain table only what programs write") {
    const auto en = table_style::en;
    CHECK(number("12.5", en) == "12.5");
    CHECK(number("1,234,567", en) == "1234567");
    CHECK(number("1,234.5", en) == "1234.5");
    CHECK(number("1,234", en) == "1234");
    CHECK(number("12,5", en).rfind("error: '12,5' is not a number: an English table writes numbers like 12.5", 0) == 0);
    CHECK(number("85%", en) == "0.85 %");
    CHECK(number("7.5", table_style::plain) == "7.5");
    CHECK(number("7,5", table_style::plain).rfind("error: '7,5' is not a decimal number", 0) == 0);
    CHECK(number("1e3", table_style::plain) == "1000");
}

TEST_CASE("dates are day first in a Vietnamese table and ISO everywhere") {
    CHECK(day("15/03/2024", table_style::vi) == "2024-03-15");
    CHECK(day("5/3/2024", table_style::vi) == "2024-03-05");
    CHECK(day("2024-03-15", table_style::vi) == "2024-03-15");
    CHECK(day("31/02/2024", table_style::vi).rfind("error: '31/02/2024' is not a calendar date: a Vietnamese table", 0) == 0);
    CHECK(day("15/03/2024", table_style::en).rfind("error: '15/03/2024' is not a calendar date (write YYYY-MM-DD", 0) == 0);
}

TEST_CASE("yes and no: Có, Không and x in a Vietnamese table, true and false everywhere") {
    using thidua::detail::read_cell_boolean;
    CHECK(read_cell_boolean("Có", table_style::vi) == true);
    CHECK(read_cell_boolean("CÓ", table_style::vi) == true);
    CHECK(read_cell_boolean("x", table_style::vi) == true);
    CHECK(read_cell_boolean("KHÔNG", table_style::vi) == false);
    CHECK(read_cell_boolean("TRUE", table_style::en) == true);
    CHECK_FALSE(read_cell_boolean("Có", table_style::en).has_value());
    CHECK_FALSE(read_cell_boolean("x", table_style::plain).has_value());
}

namespace {

/// u1, u2 (communes); criterion m: ratio of a share, target 0.9, at least 0.8 registered; criterion n: manual, 2000.
json::object share_campaign() {
    auto c = with_criteria(R"([
      {"id": "m", "max_points": 10, "value_kind": "share", "min_registration": "0.8",
       "rule": {"kind": "ratio", "target": "0.9"}},
      {"id": "n", "max_points": 2000, "rule": {"kind": "manual"}}])");
    c["units"] = communes({"u1", "u2"});
    c["language"] = "vi";
    return c;
}

}  // namespace

TEST_CASE("a Vietnamese CSV scores like the plain one, a percentage only for a share, a target not below its floor") {
    const auto campaign = campaign_of(share_campaign());
    const auto vi = thidua::read_csv("unit;criterion;value;target;submitted\n"
                                     "u1;m;81%;90 %;15/03/2024\nu1;n;7,5;;\nu2;m;0,9;;\nu2;n;1.234,5;;\n",
                                     thidua::table_kind::results, "kq.csv", table_style::vi);
    const auto plain = thidua::read_csv("unit,criterion,value,target,submitted\n"
                                        "u1,m,0.81,0.9,2024-03-15\nu1,n,7.5,,\nu2,m,0.9,,\nu2,n,1234.5,,\n",
                                        thidua::table_kind::results, "kq.csv");
    CHECK(thidua::to_json(thidua::score(campaign, vi)) == thidua::to_json(thidua::score(campaign, plain)));

    auto fails = [&](std::string_view csv) {
        return failure_of([&] {
            (void)thidua::score(campaign, thidua::read_csv(csv, thidua::table_kind::results, "kq.csv", table_style::vi));
        });
    };
    const auto percent = fails("unit;criterion;value\nu1;n;75%\n");
    CHECK((percent.kind == "schema_error" && percent.where.line == 2 && percent.where.column == "value"));
    CHECK(percent.what.find("a percentage is read only for a criterion that measures a share") != std::string::npos);
    const auto share = fails("unit;criterion;value\nu1;m;85\n");
    CHECK(share.what.find("criterion 'm' measures a share, from 0 to 1 (or 0% to 100%), found 85") != std::string::npos);
    const auto floor = fails("unit;criterion;value;target\nu1;m;0,5;0,7\n");
    CHECK((floor.kind == "validation_error" && floor.where.column == "target"));
    CHECK(floor.what.find("unit 'u1' registered 0.7 for criterion 'm', below its floor of 0.8 (min_registration)") !=
          std::string::npos);
    const auto word = fails("unit;criterion;value\nu1;n;Đạt\n");
    CHECK(word.what.find("'Đạt' is not a value: a boolean criterion takes Có or Không") != std::string::npos);

    auto registered = share_campaign();
    registered["targets"] = parse(R"([{"unit": "u1", "criterion": "m", "value": "0.75"}])");
    const auto below = campaign_failure(registered);
    CHECK((below.kind == "validation_error" && below.where.pointer == "/targets/0/value"));
    auto not_ratio = share_campaign();
    not_ratio["criteria"].as_array()[1].as_object()["min_registration"] = 3;
    CHECK(campaign_failure(not_ratio).where.pointer == "/criteria/1/min_registration");
}
