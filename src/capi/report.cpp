// The C API's reports: the report document, explanations, and the units in report order (thidua/c.h).

#include <string>

#include "thidua/detail/c_api.hpp"
#include "thidua/report/explain.hpp"

namespace {

using thidua::detail::require;

/// The rows' strings, made once per report (the row views point into the report's own string_views, which are
/// not NUL-terminated).
const std::vector<thidua_report::row_text>& rows_of(const thidua_report& r) {
    std::call_once(r.rows_once, [&r] {
        const int precision = r.report.campaign().precision;
        std::vector<thidua_report::row_text> rows;
        rows.reserve(r.report.units());
        for (const auto& u : r.report.unit_views()) {
            rows.push_back({std::string(u.id), std::string(u.name), std::string(u.cluster),
                            u.total.to_string(precision), std::string(u.class_id), std::string(u.class_title)});
        }
        r.rows = std::move(rows);
    });
    return r.rows;
}

}  // namespace

extern "C" {

int thidua_report_json(const thidua_report* report, char** json, thidua_error** error) {
    return thidua::detail::c_call(error, [&] {
        require(json, "json");
        *json = nullptr;
        require(report, "report");
        *json = thidua::detail::c_string(thidua::to_json(report->report));
    });
}

int thidua_report_explain(const thidua_report* report, const char* unit, const char* lang, char** text,
                          thidua_error** error) {
    return thidua::detail::c_call(error, [&] {
        require(text, "text");
        *text = nullptr;
        require(report, "report");
        require(unit, "unit");
        const auto& r = report->report;
        const auto language = lang == nullptr || *lang == '\0' ? thidua::default_language(r.campaign())
                                                               : thidua::parse_language(lang);
        *text = thidua::detail::c_string(thidua::explain(r, r.unit_index(unit), language).prose());
    });
}

std::size_t thidua_report_units(const thidua_report* report) { return report ? report->report.units() : 0; }

int thidua_report_unit(const thidua_report* report, std::size_t position, thidua_unit_row* row, thidua_error** error) {
    return thidua::detail::c_call(error, [&] {
        require(row, "row");
        *row = {};
        require(report, "report");
        if (position >= report->report.units()) {
            throw thidua::detail::c_argument_error("position " + std::to_string(position) + " is beyond the " +
                                                   std::to_string(report->report.units()) + " units of the report");
        }
        const auto& text = rows_of(*report)[position];
        const auto view = report->report.unit_at(position);
        *row = {text.id.c_str(),       text.name.c_str(),        text.cluster.c_str(), text.total.c_str(),
                text.class_id.c_str(), text.class_title.c_str(), view.cluster_rank,    view.overall_rank};
    });
}

void thidua_report_free(thidua_report* report) { delete report; }

}  // extern "C"
