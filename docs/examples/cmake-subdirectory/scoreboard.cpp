#include "scoreboard.hpp"

#include <sstream>
#include <thidua.hpp>

namespace scoreboard {

std::vector<std::string> leaders(const std::string& campaign_path, const std::string& results_path) {
    const thidua::report report =
        thidua::score(thidua::read_campaign_file(campaign_path), thidua::read_results_file(results_path));
    std::vector<std::string> lines;
    for (const auto& u : report.unit_views()) {
        if (u.cluster_rank != 1) continue;
        std::ostringstream line;
        line << u.name << ": " << u.total << " (rank " << u.cluster_rank << ", " << u.class_title << ')';
        lines.push_back(line.str());
    }
    return lines;
}

}  // namespace scoreboard
