// thidua/io/csv.hpp: result rows as a table. Columns in any order, RFC 4180 quoting, CRLF and a byte order mark,
// empty cells as absent fields, and errors that name the line and the column.

#include <doctest/doctest.h>

#include "builders.hpp"
#include "thidua/io/csv.hpp"

using namespace thidua_test;
using namespace thidua::literals;

namespace {

/// Two phases: p1 scores a (boolean, 10 points), r (ratio, target 10, 20 points) and m (manual, 10 points);
/// p2 scores a and r.
json::object csv_campaign() {
    auto c = two_phase_campaign();
    c["criteria"] = parse(R"([
      {"id": "a", "max_points": 10, "rule": {"kind": "boolean"}},
      {"id": "r", "max_points": 20, "rule": {"kind": "ratio", "target": 10}},
      {"id": "m", "max_points": 10, "rule": {"kind": "manual"}}
    ])");
    c["phases"].as_array()[0].as_object()["criteria"] = parse(R"(["a", "r", "m"])");
    c["phases"].as_array()[1].as_object()["criteria"] = parse(R"(["a", "r"])");
    return c;
}

failure csv_failure(std::string_view csv) {
    return failure_of([&] { (void)thidua::read_results_csv(csv); });
}

}  // namespace

TEST_CASE("columns may come in any order") {
    const auto r = thidua::read_results_csv(
        "value,criterion,submitted,unit,phase\n"
        "7.5,r,2024-07-05,u1,p1\n");
    REQUIRE(r.rows.size() == 1);
    const auto& row = r.rows[0];
    CHECK(row.unit == "u1");
    CHECK(row.criterion == "r");
    CHECK(row.phase == "p1");
    REQUIRE(row.value.has_value());
    CHECK(row.value->number == 7.5_d);
    CHECK(row.submitted == thidua::date::parse("2024-07-05"));
    CHECK(row.origin.line == 2);
    CHECK(r.campaign.empty());
    CHECK(r.sources.at(0).name == "results.csv");
}

TEST_CASE("a table saved with ';' separators (Excel with a decimal comma) is read, its cells named as in a ',' one") {
    const auto r = thidua::read_results_csv(
        "unit;criterion;phase;value;note\n"
        "u1;r;p1;7.5;\"Đạt; vượt\"\n");
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0].unit == "u1");
    CHECK(r.rows[0].value->number == 7.5_d);
    CHECK(r.rows[0].note == "Đạt; vượt");
    // A value written with a decimal comma is not guessed at: the error names its line and column.
    const auto comma = csv_failure("unit;criterion;phase;value\nu1;r;p1;7,5\n");
    CHECK(comma.kind == "schema_error");
    CHECK((comma.where.line == 2 && comma.where.column == "value"));
    // A header with both separators is a ',' table whose ';' stays in the cell.
    const auto both = csv_failure("unit,criterion;phase\n");
    CHECK(both.what.find("unknown column 'criterion;phase'") != std::string::npos);
}

TEST_CASE("empty cells are absent fields") {
    const auto r = thidua::read_results_csv(
        "unit,criterion,phase,date,value,target,status,submitted,note\n"
        "u1,a,,2024-03-01,,,exempt,,\n");
    REQUIRE(r.rows.size() == 1);
    const auto& row = r.rows[0];
    CHECK(row.phase.empty());
    CHECK(row.on == thidua::date::parse("2024-03-01"));
    CHECK_FALSE(row.value.has_value());
    CHECK_FALSE(row.target.has_value());
    CHECK(row.status == thidua::result_status::exempt);
    CHECK_FALSE(row.submitted.has_value());
    CHECK(row.note.empty());
}

TEST_CASE("quoted fields may hold commas quotes and newlines") {
    const auto r = thidua::read_results_csv(
        "unit,criterion,phase,value,note\n"
        "u1,a,p1,true,\"Mô hình \"\"Camera an ninh\"\", phường\nBắc Hồng\"\n"
        "u2,\"a\",p1,false,\"\"\n");
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[0].note == "Mô hình \"Camera an ninh\", phường\nBắc Hồng");
    CHECK(r.rows[0].origin.line == 2);
    CHECK(r.rows[1].criterion == "a");
    CHECK(r.rows[1].note.empty());
    CHECK(r.rows[1].origin.line == 4);  // the quoted newline moved it down a line
}

TEST_CASE("CRLF line ends and a byte order mark are accepted") {
    const auto r = thidua::read_results_csv(
        "\xEF\xBB\xBFunit,criterion,phase,value\r\n"
        "u1,a,p1,true\r\n"
        "u2,m,p1,7.25\r\n");
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[0].unit == "u1");
    CHECK(r.rows[1].unit == "u2");
    CHECK(r.rows[1].value->number == 7.25_d);
    CHECK(r.rows[1].origin.line == 3);
}

TEST_CASE("blank lines and a missing final newline are accepted") {
    const auto r = thidua::read_results_csv("unit,criterion,phase,value\n\nu1,a,p1,1\n\nu2,a,p1,0");
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[0].origin.line == 3);
    CHECK(r.rows[1].origin.line == 5);
    CHECK(r.rows[1].value->number == 0_d);
}

TEST_CASE("true and false are booleans in any case") {
    const auto r = thidua::read_results_csv(
        "unit,criterion,phase,value\n"
        "u1,a,p1,true\n"
        "u1,a,p2,True\n"
        "u2,a,p1,FALSE\n"
        "u2,a,p2,1\n");
    REQUIRE(r.rows.size() == 4);
    CHECK(r.rows[0].value->is_boolean);
    CHECK(r.rows[0].value->number == 1_d);
    CHECK(r.rows[1].value->is_boolean);
    CHECK(r.rows[1].value->number == 1_d);
    CHECK(r.rows[2].value->is_boolean);
    CHECK(r.rows[2].value->number == 0_d);
    CHECK_FALSE(r.rows[3].value->is_boolean);
    CHECK(r.rows[3].value->number == 1_d);
}

TEST_CASE("an unknown column is a schema error on the header line") {
    const auto f = csv_failure("unit,criterion,valeur\nu1,a,1\n");
    CHECK(f.kind == "schema_error");
    CHECK(f.where.line == 1);
    CHECK(f.where.column == "valeur");
    CHECK(f.where.document == "results.csv");
}

TEST_CASE("a duplicate or missing required column is a schema error on the header line") {
    SUBCASE("duplicate") {
        const auto f = csv_failure("unit,criterion,value,value\n");
        CHECK(f.kind == "schema_error");
        CHECK(f.where.line == 1);
        CHECK(f.where.column == "value");
    }
    SUBCASE("missing criterion") {
        const auto f = csv_failure("unit,phase,value\nu1,p1,1\n");
        CHECK(f.kind == "schema_error");
        CHECK(f.where.line == 1);
        CHECK(f.what.find("'criterion'") != std::string::npos);
    }
}

TEST_CASE("a row with the wrong number of fields is a schema error naming the first missing or extra column") {
    SUBCASE("too few: the first column without a field") {
        const auto f = csv_failure("unit,criterion,phase,value\nu1,a,p1,true\nu2,a,p1\n");
        CHECK(f.kind == "schema_error");
        CHECK(f.where.line == 3);
        CHECK(f.where.column == "value");
        CHECK(f.what.find("expected 4 fields as in the header, found 3") != std::string::npos);
    }
    SUBCASE("too many: the position of the first extra field") {
        const auto f = csv_failure("unit,criterion,phase,value\nu1,a,p1,true,x\n");
        CHECK(f.where.line == 2);
        CHECK(f.where.column == "5");
        CHECK(f.where.text() == "results.csv line 2, column 5");
    }
}

TEST_CASE("a bad date is a schema error naming its line and column") {
    const auto f = csv_failure("unit,criterion,date,value\nu1,a,2024-03-01,true\nu2,a,2024-02-30,true\n");
    CHECK(f.kind == "schema_error");
    CHECK(f.where.line == 3);
    CHECK(f.where.column == "date");
    CHECK(f.where.text() == "results.csv line 3, column date");
    CHECK(f.what.rfind("results.csv line 3, column date: ", 0) == 0);
}

TEST_CASE("a bad number is a schema error naming its line and column") {
    SUBCASE("a value with a decimal comma") {
        const auto f = csv_failure("unit,criterion,phase,value\nu1,m,p1,\"7,5\"\n");
        CHECK(f.kind == "schema_error");
        CHECK(f.where.line == 2);
        CHECK(f.where.column == "value");
    }
    SUBCASE("a target with too many digits") {
        const auto f = csv_failure("unit,criterion,phase,value,target\nu1,r,p1,5,0.0000001\n");
        CHECK(f.kind == "schema_error");
        CHECK(f.where.line == 2);
        CHECK(f.where.column == "target");
    }
    SUBCASE("a submitted date that is not a date") {
        const auto f = csv_failure("unit,criterion,phase,value,submitted\nu1,r,p1,5,hôm qua\n");
        CHECK(f.where.line == 2);
        CHECK(f.where.column == "submitted");
    }
    SUBCASE("an unknown status") {
        const auto f = csv_failure("unit,criterion,phase,status\nu1,r,p1,done\n");
        CHECK(f.kind == "schema_error");
        CHECK(f.where.column == "status");
    }
}

TEST_CASE("an empty unit cell is a schema error naming the unit column") {
    const auto f = csv_failure("unit,criterion,phase,value\n,a,p1,true\n");
    CHECK(f.kind == "schema_error");
    CHECK(f.where.line == 2);
    CHECK(f.where.column == "unit");
}

TEST_CASE("an unknown column suggests the nearest known one") {
    const auto f = csv_failure("unit,criterion,valeu\nu1,a,1\n");
    CHECK(f.where.column == "valeu");
    CHECK(f.what.find("unknown column 'valeu'; did you mean 'value'? (allowed: unit, criterion,") != std::string::npos);
}

TEST_CASE("quoting errors name the line and the column of the field") {
    SUBCASE("a quote never closed names the line the field starts on") {
        const auto f = csv_failure("unit,criterion,note\nu1,a,\"never\nclosed\n");
        CHECK(f.kind == "parse_error");
        CHECK(f.where.line == 2);
        CHECK(f.where.column == "note");
        CHECK(f.what.find("not closed") != std::string::npos);
    }
    SUBCASE("text after a closing quote") {
        const auto f = csv_failure("unit,criterion,note\nu1,a,\"x\"y\n");
        CHECK(f.where.line == 2);
        CHECK(f.where.column == "note");
    }
    SUBCASE("a quote inside an unquoted field of the header names its position") {
        const auto f = csv_failure("unit,crit\"erion\n");
        CHECK(f.where.line == 1);
        CHECK(f.where.column == "2");
    }
}

TEST_CASE("text that is not UTF-8 is a parse error at its line and column") {
    SUBCASE("a Windows-1258 byte") {
        const auto f = csv_failure("unit,criterion,note\nu1,a,ok\nu2,a,Tr\xecnh\n");
        CHECK(f.kind == "parse_error");
        CHECK(f.where.line == 3);
        CHECK(f.where.column == "note");
        CHECK(f.what.find("not valid UTF-8") != std::string::npos);
    }
    SUBCASE("an overlong encoding of '/'") {
        CHECK(csv_failure("unit,criterion\n\xc0\xaf,a\n").where.column == "unit");
    }
    SUBCASE("an encoded surrogate") {
        CHECK(csv_failure("unit,criterion\nu1,\xed\xa0\x80\n").where.column == "criterion");
    }
    SUBCASE("a sequence cut short by the end of the text") {
        CHECK(csv_failure("unit,criterion\nu1,\xe1\xba").kind == "parse_error");
    }
    SUBCASE("Vietnamese text and a four-byte character are accepted") {
        const auto r = thidua::read_results_csv("unit,criterion,note\nu1,a,Trình \xf0\x9f\x8f\x86\n");
        CHECK(r.rows[0].note == "Trình \xf0\x9f\x8f\x86");
    }
}

TEST_CASE("lone carriage returns end lines too") {
    const auto f = csv_failure("unit,criterion,date\r\ru1,a,2024-01-01\ru2,a,2024-02-30\r");
    CHECK(f.where.line == 4);
    CHECK(f.where.column == "date");
}

TEST_CASE("broken quoting and an empty table are parse errors") {
    CHECK(csv_failure("unit,criterion,note\nu1,a,\"never closed\n").kind == "parse_error");
    CHECK(csv_failure("unit,criterion,note\nu1,a,\"x\"y\n").kind == "parse_error");
    CHECK(csv_failure("unit,criterion,note\nu1,a,x\"y\n").kind == "parse_error");
    const auto empty = csv_failure("");
    CHECK(empty.kind == "parse_error");
    CHECK(empty.where.line == 1);
}

TEST_CASE("errors found when scoring CSV rows name the line and column") {
    const auto campaign = campaign_of(csv_campaign());
    SUBCASE("an unknown unit") {
        const auto rows = thidua::read_results_csv("unit,criterion,phase,value\nu1,a,p1,true\nu9,a,p1,true\n", "kq.csv");
        const auto f = failure_of([&] { (void)thidua::score(campaign, rows); });
        CHECK(f.kind == "reference_error");
        CHECK(f.where.document == "kq.csv");
        CHECK(f.where.line == 3);
        CHECK(f.where.column == "unit");
        CHECK(f.where.pointer.empty());
    }
    SUBCASE("a manual value above max") {
        const auto rows = thidua::read_results_csv("unit,criterion,phase,value\nu1,m,p1,11\n");
        const auto f = failure_of([&] { (void)thidua::score(campaign, rows); });
        CHECK(f.kind == "validation_error");
        CHECK(f.where.line == 2);
        CHECK(f.where.column == "value");
    }
    SUBCASE("a duplicate row") {
        const auto rows = thidua::read_results_csv("unit,criterion,phase,date,value\nu1,a,p1,,true\nu1,a,,2024-02-01,false\n");
        const auto f = failure_of([&] { (void)thidua::score(campaign, rows); });
        CHECK(f.kind == "validation_error");
        CHECK(f.where.line == 3);
        CHECK(f.what.find("line 2") != std::string::npos);
    }
}

TEST_CASE("the same rows from CSV and from JSON score the same") {
    const auto campaign = campaign_of(csv_campaign());
    const auto from_csv = thidua::score(campaign, thidua::read_results_csv(
        "unit,criterion,phase,date,value,target,status,submitted,note\n"
        "u1,a,p1,,true,,,2024-07-01,\n"
        "u1,r,p1,,7,9,,,\"bảy, trên chín\"\n"
        "u1,m,,2024-03-15,6.255,,,,\n"
        "u1,a,p2,,false,,,,\n"
        "u1,r,p2,,12,,,,\n"
        "u2,a,p1,,,,exempt,,\n"
        "u2,r,p1,,3,,,,\n"
        "u2,m,p1,,,,missing,,\n"
        "u2,r,,2024-11-30,10,,,,\n"));
    auto json_results = results_of(results_doc(parse(R"([
      {"unit": "u1", "criterion": "a", "phase": "p1", "value": true, "submitted": "2024-07-01"},
      {"unit": "u1", "criterion": "r", "phase": "p1", "value": 7, "target": 9, "note": "bảy, trên chín"},
      {"unit": "u1", "criterion": "m", "date": "2024-03-15", "value": "6.255"},
      {"unit": "u1", "criterion": "a", "phase": "p2", "value": false},
      {"unit": "u1", "criterion": "r", "phase": "p2", "value": 12},
      {"unit": "u2", "criterion": "a", "phase": "p1", "status": "exempt"},
      {"unit": "u2", "criterion": "r", "phase": "p1", "value": 3},
      {"unit": "u2", "criterion": "m", "phase": "p1", "status": "missing"},
      {"unit": "u2", "criterion": "r", "date": "2024-11-30", "value": 10}
    ])").as_array()));
    const auto from_json = thidua::score(campaign, json_results);
    for (std::string_view id : {"u1", "u2"}) {
        CAPTURE(id);
        const std::size_t u = from_csv.unit_index(id);
        for (std::size_t p = 0; p < 2; ++p) {
            CHECK(from_csv.phase_score(u, p) == from_json.phase_score(u, p));
            for (std::size_t k = 0; k < from_csv.data().compiled().criteria_in(p); ++k) CHECK(from_csv.points(p, u, k) == from_json.points(p, u, k));
        }
        CHECK(from_csv.base(u) == from_json.base(u));
        CHECK(from_csv.total(u) == from_json.total(u));
    }
    // u1: p1 = 100 × (10 + 15.56 + 6.26) / 40 = 79.55; p2 = 100 × (0 + 20) / 30 = 66.67;
    //     base = 0.6 × 79.55 + 0.4 × 66.67 = 74.398 → 74.40
    const std::size_t u1 = from_csv.unit_index("u1");
    CHECK(from_csv.points(0, u1, 1) == 15.56_d);
    CHECK(from_csv.points(0, u1, 2) == 6.26_d);
    CHECK(from_csv.phase_score(u1, 0) == 79.55_d);
    CHECK(from_csv.phase_score(u1, 1) == 66.67_d);
    CHECK(from_csv.total(u1) == 74.4_d);
    // u2: p1 = 100 × (6 + 0) / 30 = 20.00 (a exempt); p2 = 100 × 20 / 30 = 66.67 (a absent);
    //     base = 0.6 × 20 + 0.4 × 66.67 = 38.668 → 38.67
    const std::size_t u2 = from_csv.unit_index("u2");
    CHECK(from_csv.phase_score(u2, 0) == 20_d);
    CHECK(from_csv.total(u2) == 38.67_d);
}

TEST_CASE("a votes table reads unit award yes and of and states the votes even when empty") {
    const auto r = thidua::read_csv("unit,yes,of,award\nu1,5,8,\nu2,7,8,flag\n", thidua::table_kind::votes, "votes.csv");
    REQUIRE(r.votes.size() == 2);
    CHECK((r.votes[0].unit == "u1" && r.votes[0].yes == 5 && r.votes[0].of == 8 && r.votes[0].award.empty()));
    CHECK((r.votes[1].award == "flag" && r.votes[1].origin.line == 3));
    CHECK((r.votes_given && !r.events_given && r.rows.empty()));
    const auto empty = thidua::read_csv("unit,award,yes,of\n", thidua::table_kind::votes, "votes.csv");
    CHECK((empty.votes.empty() && empty.votes_given));
}

TEST_CASE("an events table reads unit adjustment count and note with count 1 when empty") {
    const auto r = thidua::read_csv("unit,adjustment,count,note\nu1,sk,,\"một, hai\"\nu2,sk,3,\n",
                                    thidua::table_kind::events, "events.csv");
    REQUIRE(r.events.size() == 2);
    CHECK((r.events[0].count == 1 && r.events[0].note == "một, hai" && r.events[1].count == 3));
    CHECK((r.events_given && !r.votes_given));
}

TEST_CASE("votes and events tables check their counts at the line and column") {
    auto failure_in = [](std::string_view csv, thidua::table_kind kind) {
        return failure_of([&] { (void)thidua::read_csv(csv, kind, "t.csv"); });
    };
    const auto over = failure_in("unit,yes,of\nu1,9,8\n", thidua::table_kind::votes);
    CHECK((over.kind == "validation_error" && over.where.line == 2 && over.where.column == "yes"));
    CHECK(over.what == "t.csv line 2, column yes: yes (9) is greater than of (8)");
    const auto half = failure_in("unit,yes,of\nu1,2.5,8\n", thidua::table_kind::votes);
    CHECK((half.kind == "schema_error" && half.where.column == "yes"));
    CHECK(half.what.find("expected a whole number, found 2.5") != std::string::npos);
    const auto none = failure_in("unit,yes,of\nu1,,8\n", thidua::table_kind::votes);
    CHECK((none.kind == "schema_error" && none.what.find("a vote needs 'yes' and 'of'") != std::string::npos));
    const auto missing = failure_in("unit,yes\nu1,2\n", thidua::table_kind::votes);
    CHECK((missing.kind == "schema_error" && missing.where.line == 1 && missing.where.column == "of"));
    const auto zero = failure_in("unit,adjustment,count\nu1,sk,0\n", thidua::table_kind::events);
    CHECK((zero.kind == "schema_error" && zero.where.column == "count"));
    const auto unknown = failure_in("unit,adjustment,points\n", thidua::table_kind::events);
    CHECK(unknown.what == "t.csv line 1, column points: unknown column 'points' (allowed: unit, adjustment, count, note)");
}

TEST_CASE("a sheet's table names its errors by cell") {
    using rows = std::vector<std::vector<std::string>>;
    const auto r = thidua::read_sheet(rows{{}, {"unit", "award", "yes", "of", ""}, {"u1", "", "5", "8"}, {}, {"u2", "", "6", "8", ""}},
                                      thidua::table_kind::votes, "book.xlsx › votes");
    REQUIRE(r.votes.size() == 2);
    CHECK((r.votes[0].origin.line == 3 && r.votes[1].origin.line == 5));  // the sheet's rows: blank rows skipped
    const auto bad = failure_of([] {
        (void)thidua::read_sheet(rows{{"unit", "award", "yes", "of"}, {"u1", "", "năm", "8"}}, thidua::table_kind::votes,
                                 "book.xlsx › votes");
    });
    CHECK((bad.kind == "schema_error" && bad.where.cell == "C2" && bad.where.column == "yes"));
    CHECK(bad.what.rfind("book.xlsx › votes › C2: 'năm' is not a decimal number", 0) == 0);
    const auto stray = failure_of([] {
        (void)thidua::read_sheet(rows{{"unit", "adjustment"}, {"u1", "sk", "", "x"}}, thidua::table_kind::events, "b › e");
    });
    CHECK((stray.kind == "schema_error" && stray.where.cell == "D2"));
    const auto empty = failure_of([] { (void)thidua::read_sheet(rows{{}, {""}}, thidua::table_kind::votes, "b › v"); });
    CHECK((empty.kind == "parse_error" && empty.what == "b › v › A1: the sheet is empty: it needs a header row"));
    // Errors found when scoring name the cell too.
    auto campaign = campaign_of(csv_campaign());
    auto results = thidua::read_sheet(rows{{"unit", "criterion", "phase", "value"}, {"u1", "m", "p1", "11"}},
                                      thidua::table_kind::results, "book.xlsx › results");
    const auto late = failure_of([&] { (void)thidua::score(campaign, results); });
    CHECK((late.kind == "validation_error" && late.where.cell == "D2"));
}

TEST_CASE("sheet cells are named with letters past Z") {
    CHECK(thidua::detail::cell_name(0, 7) == "A7");
    CHECK(thidua::detail::cell_name(25, 1) == "Z1");
    CHECK(thidua::detail::cell_name(26, 1) == "AA1");
    CHECK(thidua::detail::cell_name(701, 3) == "ZZ3");
    CHECK(thidua::detail::cell_name(702, 3) == "AAA3");
}
