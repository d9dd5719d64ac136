#pragma once
// Shared by the golden-case tests: where the cases are, and reading files.

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "test_paths.hpp"

namespace thidua_test {

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// Every golden case by file name. THIDUA_GOLDEN_DIRS lists directories, the shared one first; a name found
/// in several directories is taken from the first.
inline std::map<std::string, std::filesystem::path> golden_cases() {
    std::map<std::string, std::filesystem::path> cases;
    std::stringstream dirs(THIDUA_GOLDEN_DIRS);
    std::string dir;
    while (std::getline(dirs, dir, ';')) {
        if (dir.empty() || !std::filesystem::is_directory(dir)) continue;
        for (const auto& entry : std::filesystem::directory_iterator(dir)) {
            if (entry.path().extension() == ".json") cases.emplace(entry.path().filename().string(), entry.path());
        }
    }
    return cases;
}

}  // namespace thidua_test
