// The C API (thidua/c.h): every function and status, errors naming their place, NULL arguments, and reports byte
// for byte what the C++ API writes.

#include <doctest/doctest.h>

#include <filesystem>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>

#include "golden.hpp"
#include "thidua.hpp"
#include "thidua/c.h"
#include "thidua/detail/c_api.hpp"

namespace fs = std::filesystem;

namespace {

/// Two units of one cluster, a ratio criterion, two classes and an adjustment worth a lot per event.
constexpr std::string_view campaign_text = R"({"thidua":1,"id":"a","start":"2024-01-01","end":"2024-12-31",
  "clusters":[{"id":"c"}],
  "units":[{"id":"x","name":"Phường X","kind":"ward","cluster":"c"},{"id":"y","name":"Phường Y","kind":"ward","cluster":"c"}],
  "criteria":[{"id":"r","max_points":10,"rule":{"kind":"ratio","target":4}}],
  "adjustments":[{"id":"sk","kind":"bonus","points_per_item":999999999999}],
  "classes":[{"id":"e","title":"Xuất sắc","min_score":60},{"id":"z","title":"Hoàn thành"}]})";
constexpr std::string_view results_text =
    R"({"thidua_results":1,"results":[{"unit":"x","criterion":"r","value":4},{"unit":"y","criterion":"r","value":3}]})";

/// An owned C string, freed with thidua_string_free.
struct c_text {
    char* p = nullptr;
    ~c_text() { thidua_string_free(p); }
    std::string str() const { return p == nullptr ? std::string() : std::string(p); }
};

/// An owned error, freed with thidua_error_free.
struct c_err {
    thidua_error* p = nullptr;
    ~c_err() { thidua_error_free(p); }
};

/// What a failed call left in its error.
struct failure {
    int status;
    std::string status_name, text, message, document, pointer, column;
    std::size_t line;
};

failure failure_of(int status, const thidua_error* e) {
    CHECK(thidua_error_status(e) == status);
    return {status,
            thidua_status_name(status),
            thidua_error_text(e),
            thidua_error_message(e),
            thidua_error_document(e),
            thidua_error_pointer(e),
            thidua_error_column(e),
            thidua_error_line(e)};
}

/// Scores the two documents with thidua_score_json, which must fail; returns the failure.
failure score_failure(std::string_view campaign, std::string_view results) {
    c_text report;
    c_err error;
    const int status =
        thidua_score_json(campaign.data(), campaign.size(), results.data(), results.size(), &report.p, &error.p);
    CHECK(report.p == nullptr);
    REQUIRE(error.p != nullptr);
    return failure_of(status, error.p);
}

std::string cpp_report(std::string_view campaign, std::string_view results) {
    return thidua::to_json(thidua::score(thidua::read_campaign(campaign, "campaign"), thidua::read_results(results)));
}

std::vector<fs::path> examples_with(const char* file) {
    std::vector<fs::path> dirs;
    for (const auto& entry : fs::directory_iterator(THIDUA_EXAMPLES_DIR)) {
        if (fs::exists(entry.path() / "campaign.json") && fs::exists(entry.path() / file)) dirs.push_back(entry.path());
    }
    REQUIRE(dirs.size() >= 4);
    return dirs;
}

/// A campaign handle read from `text`, which must be valid.
struct campaign_handle {
    thidua_campaign* p = nullptr;
    explicit campaign_handle(std::string_view text) {
        c_err error;
        REQUIRE(thidua_campaign_read(text.data(), text.size(), &p, &error.p) == THIDUA_OK);
        CHECK(error.p == nullptr);
    }
    ~campaign_handle() { thidua_campaign_free(p); }
};

/// A report handle scored from `results` against `c`, which must succeed.
struct report_handle {
    thidua_report* p = nullptr;
    report_handle(const campaign_handle& c, std::string_view results) {
        REQUIRE(thidua_campaign_score(c.p, results.data(), results.size(), &p, nullptr) == THIDUA_OK);
    }
    ~report_handle() { thidua_report_free(p); }
};

}  // namespace

TEST_SUITE("capi") {

TEST_CASE("thidua_score_json writes the seed campaigns' reports byte for byte as thidua::to_json") {
    for (const auto& dir : examples_with("results.json")) {
        CAPTURE(dir);
        const auto campaign = thidua_test::read_file(dir / "campaign.json");
        const auto results = thidua_test::read_file(dir / "results.json");
        c_text report;
        c_err error;
        REQUIRE(thidua_score_json(campaign.data(), campaign.size(), results.data(), results.size(), &report.p,
                                  &error.p) == THIDUA_OK);
        CHECK(error.p == nullptr);
        const auto expected = cpp_report(campaign, results);
        CHECK(report.str() == expected);

        // The same through a campaign read once and scored twice, and a report handle.
        campaign_handle c(campaign);
        for (int run = 0; run < 2; ++run) {
            report_handle r(c, results);
            c_text again;
            REQUIRE(thidua_report_json(r.p, &again.p, nullptr) == THIDUA_OK);
            CHECK(again.str() == expected);
        }
    }
}

TEST_CASE("thidua_score_csv reads the tables in the campaign's language as thidua::read_csv does") {
    for (const auto& dir : examples_with("results.csv")) {
        CAPTURE(dir);
        const auto campaign = thidua_test::read_file(dir / "campaign.json");
        const auto results = thidua_test::read_file(dir / "results.csv");
        const auto votes = thidua_test::read_file(dir / "votes.csv");
        const auto events = thidua_test::read_file(dir / "events.csv");
        const auto vi = thidua::table_style::vi;  // every seed campaign is in Vietnamese
        auto tables = thidua::read_csv(results, thidua::table_kind::results, "results.csv", vi);
        thidua::append(tables, thidua::read_csv(votes, thidua::table_kind::votes, "votes.csv", vi));
        thidua::append(tables, thidua::read_csv(events, thidua::table_kind::events, "events.csv", vi));
        const auto expected = thidua::to_json(thidua::score(thidua::read_campaign(campaign), std::move(tables)));

        c_text report;
        REQUIRE(thidua_score_csv(campaign.data(), campaign.size(), results.data(), results.size(), votes.data(),
                                 votes.size(), events.data(), events.size(), &report.p, nullptr) == THIDUA_OK);
        CHECK(report.str() == expected);

        campaign_handle c(campaign);
        thidua_report* handle = nullptr;
        REQUIRE(thidua_campaign_score_csv(c.p, results.data(), results.size(), votes.data(), votes.size(),
                                          events.data(), events.size(), &handle, nullptr) == THIDUA_OK);
        c_text again;
        CHECK(thidua_report_json(handle, &again.p, nullptr) == THIDUA_OK);
        CHECK(again.str() == expected);
        thidua_report_free(handle);
    }
}

TEST_CASE("thidua_score_csv without votes and events states none and the report warns") {
    const auto csv = std::string("unit,criterion,value\nx,r,4\ny,r,\"3,5\"\n");  // 3,5: a decimal comma
    c_text report;
    REQUIRE(thidua_score_csv(campaign_text.data(), campaign_text.size(), csv.data(), csv.size(), nullptr, 0, nullptr,
                             0, &report.p, nullptr) == THIDUA_OK);
    auto tables = thidua::read_csv(csv, thidua::table_kind::results, "results.csv", thidua::table_style::vi);
    CHECK(report.str() == thidua::to_json(thidua::score(thidua::read_campaign(campaign_text), std::move(tables))));
    CHECK(report.str().find("\"no_events\"") != std::string::npos);
}

TEST_CASE("every input error comes with its status and names its place") {
    const std::string c(campaign_text);
    SUBCASE("a campaign that is not JSON: the line and the character column") {
        const auto f = score_failure("{\"thidua\":1,\n  \"id\" \"a\"}", results_text);
        CHECK(f.status_name == "parse");
        CHECK(f.document == "campaign");
        CHECK(f.pointer.empty());
        CHECK(f.line == 2);
        CHECK(f.column == "8");
        CHECK(f.text == "campaign line 2, column 8: " + f.message);
        CHECK(f.message.find("not valid JSON") == 0);
    }
    SUBCASE("a value of the wrong type: the pointer") {
        const auto f = score_failure(R"({"thidua":1,"id":5})", results_text);
        CHECK(f.status == THIDUA_SCHEMA_ERROR);
        CHECK(f.pointer == "/id");
        CHECK(f.line == 0);
        CHECK(f.text == "campaign /id: wrong type: expected a string, found a number");
    }
    SUBCASE("a row of an unknown unit") {
        const auto f = score_failure(c, R"({"thidua_results":1,"results":[{"unit":"nobody","criterion":"r","value":1}]})");
        CHECK(f.status == THIDUA_REFERENCE_ERROR);
        CHECK(f.document == "results");
        CHECK(f.pointer == "/results/0/unit");
        CHECK(f.message == "unknown unit 'nobody' (known: x, y)");
    }
    SUBCASE("two rows for one slot") {
        const auto f = score_failure(c, R"({"thidua_results":1,"results":[{"unit":"x","criterion":"r","value":1},
                                           {"unit":"x","criterion":"r","value":2}]})");
        CHECK(f.status == THIDUA_VALIDATION_ERROR);
        CHECK(f.pointer == "/results/1");
        CHECK(f.message.find("duplicate result for unit 'x'") == 0);
    }
    SUBCASE("a bonus beyond the exact decimals") {
        const auto f = score_failure(c, R"({"thidua_results":1,"results":[],"events":[{"unit":"x","adjustment":"sk","count":2}]})");
        CHECK(f.status == THIDUA_ARITHMETIC_ERROR);
        CHECK(f.message.find("outside the range of exact decimals") != std::string::npos);
    }
    SUBCASE("arrays nested beyond the cap") {
        const auto f = score_failure(c, std::string(40, '[') + std::string(40, ']'));
        CHECK(f.status == THIDUA_LIMIT_ERROR);
        CHECK(f.document == "results");
        CHECK(f.line == 1);
        CHECK(f.message.find("thidua::limits::max_depth") != std::string::npos);
    }
    SUBCASE("a CSV cell that is not a number: the table, its line and its column") {
        const std::string csv = "unit,criterion,value\nx,r,4\ny,r,many\n";
        c_text report;
        c_err error;
        const int status = thidua_score_csv(c.data(), c.size(), csv.data(), csv.size(), nullptr, 0, nullptr, 0,
                                            &report.p, &error.p);
        const auto f = failure_of(status, error.p);
        CHECK(f.status == THIDUA_SCHEMA_ERROR);
        CHECK(f.document == "results.csv");
        CHECK(f.line == 3);
        CHECK(f.column == "value");
        CHECK(f.pointer.empty());
        CHECK(f.text.find("results.csv line 3, column value: ") == 0);
    }
    SUBCASE("a votes table with an unknown award") {
        const std::string csv = "unit,criterion,value\nx,r,4\n", votes = "unit,award,yes,of\nx,nothing,3,4\n";
        c_err error;
        c_text report;
        const int status = thidua_score_csv(c.data(), c.size(), csv.data(), csv.size(), votes.data(), votes.size(),
                                            nullptr, 0, &report.p, &error.p);
        const auto f = failure_of(status, error.p);
        CHECK(f.status == THIDUA_REFERENCE_ERROR);
        CHECK(f.document == "votes.csv");
        CHECK(f.line == 2);
    }
}

TEST_CASE("thidua_validate checks a campaign alone or with results") {
    c_err error;
    CHECK(thidua_validate(campaign_text.data(), campaign_text.size(), nullptr, 0, &error.p) == THIDUA_OK);
    CHECK(error.p == nullptr);
    CHECK(thidua_validate(campaign_text.data(), campaign_text.size(), results_text.data(), results_text.size(),
                         &error.p) == THIDUA_OK);
    CHECK(error.p == nullptr);

    std::string overlapping(campaign_text);
    overlapping.insert(overlapping.find("\"clusters\""),
                       R"("phases":[{"id":"p1","start":"2024-01-01","end":"2024-06-30","weight":0.5,"criteria":["r"]},
                                    {"id":"p2","start":"2024-06-30","end":"2024-12-31","weight":0.5,"criteria":["r"]}],)");
    REQUIRE(thidua_validate(overlapping.data(), overlapping.size(), nullptr, 0, &error.p) == THIDUA_VALIDATION_ERROR);
    CHECK(std::string(thidua_error_pointer(error.p)) == "/phases/1/start");
    thidua_error_free(error.p);

    const std::string unknown = R"({"thidua_results":1,"results":[{"unit":"x","criterion":"nothing","value":1}]})";
    REQUIRE(thidua_validate(campaign_text.data(), campaign_text.size(), unknown.data(), unknown.size(), &error.p) ==
            THIDUA_REFERENCE_ERROR);
    CHECK(std::string(thidua_error_pointer(error.p)) == "/results/0/criterion");
    thidua_error_free(error.p);
    error.p = nullptr;
    // Without an error to fill, the status alone tells.
    CHECK(thidua_validate(unknown.data(), unknown.size(), nullptr, 0, nullptr) == THIDUA_SCHEMA_ERROR);
}

TEST_CASE("thidua_report_explain writes thidua::explain's prose in the language asked") {
    campaign_handle c(campaign_text);
    report_handle r(c, results_text);
    const auto cpp = thidua::score(thidua::read_campaign(campaign_text), thidua::read_results(results_text));
    for (const char* lang : {"vi", "en"}) {
        c_text text;
        REQUIRE(thidua_report_explain(r.p, "y", lang, &text.p, nullptr) == THIDUA_OK);
        CHECK(text.str() == thidua::explain(cpp, 1, thidua::parse_language(lang)).prose());
    }
    c_text vi, by_default, empty;
    REQUIRE(thidua_report_explain(r.p, "x", "vi", &vi.p, nullptr) == THIDUA_OK);
    REQUIRE(thidua_report_explain(r.p, "x", nullptr, &by_default.p, nullptr) == THIDUA_OK);  // no language: vi
    REQUIRE(thidua_report_explain(r.p, "x", "", &empty.p, nullptr) == THIDUA_OK);
    CHECK(by_default.str() == vi.str());
    CHECK(empty.str() == vi.str());
    CHECK(vi.str().find("Phường X") != std::string::npos);

    c_text text;
    c_err error;
    CHECK(thidua_report_explain(r.p, "nobody", "en", &text.p, &error.p) == THIDUA_REFERENCE_ERROR);
    CHECK(text.p == nullptr);
    thidua_error_free(error.p);
    CHECK(thidua_report_explain(r.p, "x", "fr", &text.p, &error.p) == THIDUA_SCHEMA_ERROR);
    CHECK(std::string(thidua_error_message(error.p)).find("fr") != std::string::npos);
}

TEST_CASE("thidua_report_unit gives the units in report order as the unit views") {
    campaign_handle c(campaign_text);
    report_handle r(c, results_text);
    const auto cpp = thidua::score(thidua::read_campaign(campaign_text), thidua::read_results(results_text));
    REQUIRE(thidua_report_units(r.p) == 2);
    CHECK(thidua_report_units(nullptr) == 0);
    std::size_t position = 0;
    for (const auto& view : cpp.unit_views()) {
        thidua_unit_row row;
        REQUIRE(thidua_report_unit(r.p, position++, &row, nullptr) == THIDUA_OK);
        CHECK(row.id == view.id);
        CHECK(row.name == view.name);
        CHECK(row.cluster == view.cluster);
        CHECK(row.total == view.total.to_string(2));
        CHECK(row.class_id == view.class_id);
        CHECK(row.class_title == view.class_title);
        CHECK(row.cluster_rank == view.cluster_rank);
        CHECK(row.overall_rank == view.overall_rank);
    }
    thidua_unit_row first;
    REQUIRE(thidua_report_unit(r.p, 0, &first, nullptr) == THIDUA_OK);
    CHECK(std::string(first.id) == "x");
    CHECK(std::string(first.total) == "100.00");  // 10 of 10 points, on the scale of 100
    CHECK(std::string(first.class_title) == "Xuất sắc");
    CHECK(first.cluster_rank == 1);

    thidua_unit_row beyond;
    c_err error;
    CHECK(thidua_report_unit(r.p, 2, &beyond, &error.p) == THIDUA_INVALID_ARGUMENT);
    CHECK(beyond.id == nullptr);
    CHECK(std::string(thidua_error_text(error.p)) == "position 2 is beyond the 2 units of the report");
}

TEST_CASE("NULL where a pointer is required is THIDUA_INVALID_ARGUMENT naming the argument") {
    const char* c = campaign_text.data();
    const auto cn = campaign_text.size();
    const char* r = results_text.data();
    const auto rn = results_text.size();
    campaign_handle campaign(campaign_text);
    report_handle report(campaign, results_text);
    static char sentinel;
    char* text = &sentinel;  // not NULL: a failure must set it to NULL
    thidua_campaign* made = nullptr;
    thidua_report* scored = nullptr;
    thidua_unit_row row;

    thidua_error* e = nullptr;
    // The status of a call that failed, then the message of the error it stored in `e`.
    const auto named = [&e](int status) {
        thidua_error* error = e;
        CHECK(status == THIDUA_INVALID_ARGUMENT);
        CHECK(thidua_error_status(error) == THIDUA_INVALID_ARGUMENT);
        std::string message = thidua_error_message(error);
        CHECK(std::string(thidua_error_text(error)) == message);
        CHECK(std::string(thidua_error_document(error)).empty());
        thidua_error_free(error);
        return message;
    };
    CHECK(named(thidua_score_json(nullptr, cn, r, rn, &text, &e)) == "campaign is NULL");
    CHECK(text == nullptr);
    CHECK(named(thidua_score_json(c, cn, nullptr, rn, &text, &e)) == "results is NULL");
    CHECK(named(thidua_score_json(c, cn, r, rn, nullptr, &e)) == "report_json is NULL");
    CHECK(named(thidua_score_csv(c, cn, nullptr, 0, nullptr, 0, nullptr, 0, &text, &e)) == "results_csv is NULL");
    CHECK(named(thidua_score_csv(c, cn, "unit", 4, nullptr, 0, nullptr, 0, nullptr, &e)) == "report_json is NULL");
    CHECK(named(thidua_validate(nullptr, 0, nullptr, 0, &e)) == "campaign is NULL");
    CHECK(named(thidua_campaign_read(nullptr, 0, &made, &e)) == "json is NULL");
    CHECK(named(thidua_campaign_read(c, cn, nullptr, &e)) == "campaign is NULL");
    CHECK(named(thidua_campaign_score(nullptr, r, rn, &scored, &e)) == "campaign is NULL");
    CHECK(named(thidua_campaign_score(campaign.p, nullptr, 0, &scored, &e)) == "results is NULL");
    CHECK(named(thidua_campaign_score(campaign.p, r, rn, nullptr, &e)) == "report is NULL");
    CHECK(named(thidua_campaign_score_csv(nullptr, "unit", 4, nullptr, 0, nullptr, 0, &scored, &e)) ==
          "campaign is NULL");
    CHECK(named(thidua_campaign_score_csv(campaign.p, nullptr, 0, nullptr, 0, nullptr, 0, &scored, &e)) ==
          "results_csv is NULL");
    CHECK(named(thidua_report_json(nullptr, &text, &e)) == "report is NULL");
    CHECK(named(thidua_report_json(report.p, nullptr, &e)) == "json is NULL");
    CHECK(named(thidua_report_explain(nullptr, "x", "vi", &text, &e)) == "report is NULL");
    CHECK(named(thidua_report_explain(report.p, nullptr, "vi", &text, &e)) == "unit is NULL");
    CHECK(named(thidua_report_explain(report.p, "x", "vi", nullptr, &e)) == "text is NULL");
    CHECK(named(thidua_report_unit(nullptr, 0, &row, &e)) == "report is NULL");
    CHECK(named(thidua_report_unit(report.p, 0, nullptr, &e)) == "row is NULL");
    CHECK(made == nullptr);
    CHECK(scored == nullptr);
    CHECK(text == nullptr);

    // The accessors and the frees take NULL.
    CHECK(thidua_error_status(nullptr) == THIDUA_OK);
    CHECK(std::string(thidua_error_text(nullptr)).empty());
    CHECK(std::string(thidua_error_message(nullptr)).empty());
    CHECK(std::string(thidua_error_document(nullptr)).empty());
    CHECK(std::string(thidua_error_pointer(nullptr)).empty());
    CHECK(std::string(thidua_error_column(nullptr)).empty());
    CHECK(thidua_error_line(nullptr) == 0);
    thidua_error_free(nullptr);
    thidua_string_free(nullptr);
    thidua_campaign_free(nullptr);
    thidua_report_free(nullptr);
}

TEST_CASE("out of memory and failures inside the library become statuses and never exceptions") {
    thidua_error* e = nullptr;
    CHECK(thidua::detail::c_call(&e, [] { throw std::bad_alloc(); }) == THIDUA_OUT_OF_MEMORY);
    REQUIRE(e == thidua::detail::c_out_of_memory());  // preallocated: reporting it needs no memory
    CHECK(std::string(thidua_error_text(e)) == "out of memory");
    thidua_error_free(e);  // does nothing to the preallocated error
    CHECK(thidua_error_status(thidua::detail::c_out_of_memory()) == THIDUA_OUT_OF_MEMORY);

    CHECK(thidua::detail::c_call(&e, [] { throw std::logic_error("thidua: a broken invariant"); }) ==
          THIDUA_INTERNAL_ERROR);
    CHECK(std::string(thidua_error_message(e)) == "thidua: a broken invariant");
    thidua_error_free(e);
    CHECK(thidua::detail::c_call(&e, [] { throw 42; }) == THIDUA_INTERNAL_ERROR);
    CHECK(std::string(thidua_error_message(e)) == "an exception that is not a std::exception");
    thidua_error_free(e);
    CHECK(thidua::detail::c_call(nullptr, [] { throw std::bad_alloc(); }) == THIDUA_OUT_OF_MEMORY);
    CHECK(thidua::detail::c_call(&e, [] {}) == THIDUA_OK);
    CHECK(e == nullptr);
}

TEST_CASE("thidua_version is the library's and thidua_status_name names every status") {
    CHECK(std::string(thidua_version()) == THIDUA_VERSION_STRING);
    const char* names[] = {"ok",    "parse",            "schema",        "reference", "validation",
                           "arithmetic", "limit", "invalid_argument", "out_of_memory", "internal"};
    for (int s = THIDUA_OK; s <= THIDUA_INTERNAL_ERROR; ++s) CHECK(std::string(thidua_status_name(s)) == names[s]);
    CHECK(std::string(thidua_status_name(10)) == "unknown");
    CHECK(std::string(thidua_status_name(-1)) == "unknown");
}

}  // TEST_SUITE
