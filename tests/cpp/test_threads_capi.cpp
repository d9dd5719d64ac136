// The C API from several threads at once (thidua/c.h, "Threads"): each with its own handles, and sharing one
// campaign and one report. The ThreadSanitizer preset compiles this file with test_threads.cpp.

#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "golden.hpp"
#include "thidua/c.h"

namespace {

constexpr int runs = 4;  // per thread: enough for the threads' calls to overlap

struct example {
    std::string campaign, results;
};

example seed_campaign() {
    const auto dir = std::filesystem::path(THIDUA_EXAMPLES_DIR) / "hong-linh-dot-dac-biet-2024";
    return {thidua_test::read_file(dir / "campaign.json"), thidua_test::read_file(dir / "results.json")};
}

/// The report document, scored through `campaign`; "" on failure.
std::string score_with(const thidua_campaign* campaign, const std::string& results) {
    thidua_report* report = nullptr;
    char* json = nullptr;
    std::string out;
    if (thidua_campaign_score(campaign, results.data(), results.size(), &report, nullptr) == THIDUA_OK &&
        thidua_report_json(report, &json, nullptr) == THIDUA_OK) {
        out = json;
    }
    thidua_string_free(json);
    thidua_report_free(report);
    return out;
}

/// Runs `work(t)` on two threads at once and waits for both.
template <class Work>
void on_two_threads(Work work) {
    std::vector<std::thread> threads;
    for (int t = 0; t < 2; ++t) threads.emplace_back(work, t);
    for (auto& thread : threads) thread.join();
}

}  // namespace

TEST_SUITE("threads") {

TEST_CASE("two threads score through the C API with their own handles as one thread does") {
    const auto input = seed_campaign();
    char* expected = nullptr;
    REQUIRE(thidua_score_json(input.campaign.data(), input.campaign.size(), input.results.data(),
                              input.results.size(), &expected, nullptr) == THIDUA_OK);
    std::vector<std::vector<std::string>> reports(2);
    on_two_threads([&](int t) {
        thidua_campaign* campaign = nullptr;
        if (thidua_campaign_read(input.campaign.data(), input.campaign.size(), &campaign, nullptr) != THIDUA_OK) return;
        for (int run = 0; run < runs; ++run) reports[t].push_back(score_with(campaign, input.results));
        // The one-call form and an error on the way, from both threads too.
        char* json = nullptr;
        thidua_error* error = nullptr;
        thidua_score_json(input.campaign.data(), input.campaign.size(), "{", 1, &json, &error);
        reports[t].push_back(thidua_error_text(error));
        thidua_error_free(error);
        thidua_campaign_free(campaign);
    });
    for (const auto& made : reports) {
        REQUIRE(made.size() == runs + 1);
        for (int run = 0; run < runs; ++run) CHECK(made[run] == expected);
        CHECK(made[runs] == "results line 1, column 2: not valid JSON: incomplete JSON");
    }
    thidua_string_free(expected);
}

TEST_CASE("two threads share one C API campaign and one report") {
    const auto input = seed_campaign();
    thidua_campaign* campaign = nullptr;
    REQUIRE(thidua_campaign_read(input.campaign.data(), input.campaign.size(), &campaign, nullptr) == THIDUA_OK);
    const std::string expected = score_with(campaign, input.results);
    thidua_report* report = nullptr;
    REQUIRE(thidua_campaign_score(campaign, input.results.data(), input.results.size(), &report, nullptr) ==
            THIDUA_OK);
    std::vector<std::vector<std::string>> made(2);
    on_two_threads([&](int t) {
        for (int run = 0; run < runs; ++run) made[t].push_back(score_with(campaign, input.results));
        // Both threads ask for the rows first at the same time: they are made once.
        thidua_unit_row row;
        if (thidua_report_unit(report, 0, &row, nullptr) == THIDUA_OK) made[t].push_back(row.id);
        char* text = nullptr;
        if (thidua_report_explain(report, "bac-hong", t == 0 ? "vi" : "en", &text, nullptr) == THIDUA_OK) {
            made[t].push_back(text);
        }
        thidua_string_free(text);
    });
    for (const auto& reports : made) {
        REQUIRE(reports.size() == runs + 2);
        for (int run = 0; run < runs; ++run) CHECK(reports[run] == expected);
        CHECK(reports[runs] == "bac-hong");
    }
    CHECK(made[0][runs + 1].find("Ủy ban MTTQ phường Bắc Hồng") != std::string::npos);
    CHECK(made[0][runs + 1] != made[1][runs + 1]);  // Vietnamese and English
    thidua_report_free(report);
    thidua_campaign_free(campaign);
}

}  // TEST_SUITE
