#pragma once
/// @file options.hpp
/// How a scoring run uses the machine and what it records.

#include <cstddef>

namespace thidua {

/// Options of score() and score_arrays().
struct score_options {
    unsigned threads = 0;  ///< 0: as many as the hardware has, for populations large enough to gain from them
    bool trace = false;    ///< record each slot's branch, which explanations then read instead of recomputing
};

/// The most bytes the array cache keeps while nothing uses them (256 MiB unless set). A report's large per-unit
/// arrays, result rows and the JSON reader's working memory take their memory from this cache and give it back when
/// they go: scoring the same population again (what-if variants, a notebook re-run) or reading results of the same
/// size again reuses pages already mapped instead of faulting fresh ones. 0 gives every kept block back to the
/// system and keeps none from now on.
void set_array_cache_limit(std::size_t bytes);

/// Bytes the array cache keeps now.
std::size_t array_cache_held();

/// The instruction set the hot loops run: "avx2" where the processor has it, else "sse2" (on x86-64; "portable"
/// elsewhere). The environment variable THIDUA_SIMD=sse2, read once, keeps them on the portable path; the numbers
/// are the same either way.
const char* simd_path();

}  // namespace thidua
