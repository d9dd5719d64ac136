#pragma once
/// @file files.hpp
/// Reading documents from files: a campaign (JSON), results (JSON, or a CSV table: the content decides, not the
/// file name). Errors name the file; a file beyond limits::max_input_bytes is refused before it is read.
///
/// @code
/// const auto campaign = thidua::read_campaign_file("campaign.json");
/// const auto report = thidua::score(campaign, thidua::read_results_file("results.csv"));
/// @endcode

#include <filesystem>

#include "thidua/io/limits.hpp"
#include "thidua/model/campaign.hpp"
#include "thidua/model/results.hpp"

namespace thidua {

/// Reads and validates the campaign in a JSON file.
campaign read_campaign_file(const std::filesystem::path& path, const limits& caps = {});

/// Reads results from a file: a results document when its first character other than white space is '{', else a
/// CSV table of rows (unit,criterion,phase,date,value,target,status,submitted,note).
results read_results_file(const std::filesystem::path& path, const limits& caps = {});

}  // namespace thidua
