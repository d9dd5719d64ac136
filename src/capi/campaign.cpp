// The C API's campaigns: read once, scored against JSON documents or CSV tables; and the one-call forms that read,
// score and write in one go. Each entry point only translates to the C++ API (thidua/c.h).

#include <string_view>

#include "thidua/detail/c_api.hpp"
#include "thidua/io/csv.hpp"
#include "thidua/io/json.hpp"
#include "thidua/report/explain.hpp"
#include "thidua/scoring/score.hpp"

namespace {

using thidua::detail::require;

std::string_view text_of(const char* text, std::size_t len, const char* name) {
    require(text, name);
    return {text, len};
}

/// `name` is the argument's, for the message when it is NULL.
thidua::plan read_plan(const char* json, std::size_t len, const char* name) {
    return thidua::plan(thidua::read_campaign(text_of(json, len, name), "campaign"));
}

thidua::results read_document(const char* json, std::size_t len) {
    return thidua::read_results(text_of(json, len, "results"), "results");
}

/// The tables as Python's Campaign.score reads CSV files: in the campaign's language, votes then events appended.
thidua::results read_tables(const thidua::plan& p, const char* results, std::size_t results_len, const char* votes,
                            std::size_t votes_len, const char* events, std::size_t events_len) {
    const auto style = thidua::table_style_of(thidua::language_code(thidua::default_language(p.campaign())));
    auto out = thidua::read_csv(text_of(results, results_len, "results_csv"), thidua::table_kind::results,
                                "results.csv", style);
    if (votes != nullptr) {
        thidua::append(out, thidua::read_csv({votes, votes_len}, thidua::table_kind::votes, "votes.csv", style));
    }
    if (events != nullptr) {
        thidua::append(out, thidua::read_csv({events, events_len}, thidua::table_kind::events, "events.csv", style));
    }
    return out;
}

/// Clears the out-parameter `*out` (after checking that there is one) so that a failure leaves it NULL.
template <class T>
void clear(T** out, const char* name) {
    require(out, name);
    *out = nullptr;
}

}  // namespace

extern "C" {

int thidua_score_json(const char* campaign, std::size_t campaign_len, const char* results, std::size_t results_len,
                      char** report_json, thidua_error** error) {
    return thidua::detail::c_call(error, [&] {
        clear(report_json, "report_json");
        const auto plan = read_plan(campaign, campaign_len, "campaign");
        *report_json = thidua::detail::c_string(thidua::to_json(thidua::score(plan, read_document(results, results_len))));
    });
}

int thidua_score_csv(const char* campaign, std::size_t campaign_len, const char* results_csv, std::size_t results_len,
                     const char* votes_csv, std::size_t votes_len, const char* events_csv, std::size_t events_len,
                     char** report_json, thidua_error** error) {
    return thidua::detail::c_call(error, [&] {
        clear(report_json, "report_json");
        const auto plan = read_plan(campaign, campaign_len, "campaign");
        auto tables = read_tables(plan, results_csv, results_len, votes_csv, votes_len, events_csv, events_len);
        *report_json = thidua::detail::c_string(thidua::to_json(thidua::score(plan, std::move(tables))));
    });
}

int thidua_validate(const char* campaign, std::size_t campaign_len, const char* results, std::size_t results_len,
                    thidua_error** error) {
    return thidua::detail::c_call(error, [&] {
        const auto plan = read_plan(campaign, campaign_len, "campaign");
        // Scoring is where rows are bound to the campaign's units, criteria and phases, and refused.
        if (results != nullptr) thidua::score(plan, read_document(results, results_len));
    });
}

int thidua_campaign_read(const char* json, std::size_t json_len, thidua_campaign** campaign, thidua_error** error) {
    return thidua::detail::c_call(error, [&] {
        clear(campaign, "campaign");
        *campaign = new thidua_campaign{read_plan(json, json_len, "json")};
    });
}

int thidua_campaign_score(const thidua_campaign* campaign, const char* results, std::size_t results_len,
                          thidua_report** report, thidua_error** error) {
    return thidua::detail::c_call(error, [&] {
        clear(report, "report");
        require(campaign, "campaign");
        *report = new thidua_report(thidua::score(campaign->plan, read_document(results, results_len)));
    });
}

int thidua_campaign_score_csv(const thidua_campaign* campaign, const char* results_csv, std::size_t results_len,
                              const char* votes_csv, std::size_t votes_len, const char* events_csv,
                              std::size_t events_len, thidua_report** report, thidua_error** error) {
    return thidua::detail::c_call(error, [&] {
        clear(report, "report");
        require(campaign, "campaign");
        auto tables =
            read_tables(campaign->plan, results_csv, results_len, votes_csv, votes_len, events_csv, events_len);
        *report = new thidua_report(thidua::score(campaign->plan, std::move(tables)));
    });
}

void thidua_campaign_free(thidua_campaign* campaign) { delete campaign; }

}  // extern "C"
