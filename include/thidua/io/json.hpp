#pragma once
/// @file json.hpp
/// Reading campaigns and results from JSON (docs/format.md), and writing them back in canonical form.
/// Numbers are read from their written text, so "0.1" and 0.1 are both exactly one tenth.

#include <optional>
#include <string>
#include <string_view>

#include "thidua/model/campaign.hpp"
#include "thidua/io/limits.hpp"
#include "thidua/model/results.hpp"

namespace thidua {

/// Reads and validates a campaign document. Errors name `document` and a JSON pointer into it.
/// `at` is the JSON pointer of the campaign inside the text when it is embedded in a larger document (a golden
/// case keeps it at "/campaign"); error pointers stay relative to the campaign itself. Input beyond `caps`
/// (limits.hpp) is refused with thidua::limit_error.
campaign read_campaign(std::string_view json_text, const std::string& document = "campaign",
                       std::string_view at = "", const limits& caps = {});

/// Reads a results document. References to units, criteria and phases are checked when scoring, against the
/// campaign; errors name `document` and a JSON pointer into it ("/results/3/unit"). `at` and `caps` as for
/// read_campaign.
results read_results(std::string_view json_text, const std::string& document = "results", std::string_view at = "",
                     const limits& caps = {});

/// Reads an earlier year's saved report (the document thidua::to_json writes) as the outcomes a history gate looks
/// back on (results::history): each unit's class, awards, total and cluster rank. The year is the one its period
/// ends in, unless `year` says otherwise (a report without a period needs it). Keys the history does not read are
/// passed over, so a report of another library version reads too; errors name `document` and a JSON pointer.
past_year read_past_year(std::string_view json_text, const std::string& document = "history", std::string_view at = "",
                         std::optional<int> year = {});

/// The canonical JSON text of a campaign or of results: object keys sorted, no whitespace, decimals written as
/// their shortest exact strings, defaults spelled out. Reading it back gives an equal value; its SHA-256 is
/// the fingerprint a report carries.
std::string to_canonical_json(const campaign& c);
/// The canonical JSON text of results, likewise.
std::string to_canonical_json(const results& r);

}  // namespace thidua
