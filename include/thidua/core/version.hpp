#pragma once
/// @file version.hpp
/// The library version; CMake reads it from here, and reports carry it.

/// The major version, for preprocessor tests.
#define THIDUA_VERSION_MAJOR 0
/// The minor version.
#define THIDUA_VERSION_MINOR 1
/// The patch version.
#define THIDUA_VERSION_PATCH 0
/// The version as text, "major.minor.patch".
#define THIDUA_VERSION_STRING "0.1.0"

namespace thidua {
/// The version of the library the program was compiled against, "major.minor.patch".
inline constexpr const char* version = THIDUA_VERSION_STRING;
}
