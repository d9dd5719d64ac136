#include <iostream>
#include <thidua.hpp>

int main(int argc, char** argv) {
    if (argc != 3) return 2;  // usage: quickstart campaign.json results.json (or results.csv)
    const thidua::report report =
        thidua::score(thidua::read_campaign_file(argv[1]), thidua::read_results_file(argv[2]));
    for (const auto& u : report.unit_views()) {
        std::cout << u.name << ": " << u.total << " (rank " << u.cluster_rank << ", " << u.class_title << ")\n";
    }
    thidua::to_json(report, std::cout);  // the report document
}
