#pragma once
// The parent project's own library: one line about each cluster's leader, without thidua in its interface.

#include <string>
#include <vector>

namespace scoreboard {

/// "name: total (rank 1, class)" for the first-ranked unit of each cluster of the campaign scored on the results.
std::vector<std::string> leaders(const std::string& campaign_path, const std::string& results_path);

}  // namespace scoreboard
