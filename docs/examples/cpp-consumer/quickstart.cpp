#include <fstream>
#include <iostream>
#include <sstream>
#include <thidua.hpp>

std::string slurp(const char* path) { std::stringstream s; s << std::ifstream(path).rdbuf(); return s.str(); }

int main(int argc, char** argv) {
    if (argc != 3) return 2;  // usage: quickstart campaign.json results.json
    const auto campaign = thidua::read_campaign(slurp(argv[1]), argv[1]);
    const auto report = thidua::score(campaign, thidua::read_results(slurp(argv[2]), argv[2]));
    for (std::size_t u = 0; u < report.units(); ++u)
        std::cout << campaign.units[u].name << ": " << report.total(u).to_string(campaign.precision)
                  << " (rank " << report.cluster_rank(u) << ", " << campaign.classes[report.class_of(u)].title << ")\n";
}
