#pragma once
/// @file language.hpp
/// The languages thidua writes reasons, warnings and explanations in.

namespace thidua {

/// Vietnamese (vi) or English (en).
enum class language { vi, en };

}  // namespace thidua
