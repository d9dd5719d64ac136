#pragma once
/// @file language.hpp
/// The languages thidua writes reasons, warnings and explanations in.

namespace thidua {

enum class language { vi, en };

}  // namespace thidua
