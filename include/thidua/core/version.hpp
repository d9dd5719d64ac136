#pragma once
/// @file version.hpp
/// The library version; CMake reads it from here, and reports carry it.

#define THIDUA_VERSION_MAJOR 0
#define THIDUA_VERSION_MINOR 1
#define THIDUA_VERSION_PATCH 0
#define THIDUA_VERSION_STRING "0.1.0"

namespace thidua {
inline constexpr const char* version = THIDUA_VERSION_STRING;
}
