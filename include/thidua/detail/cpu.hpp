#pragma once
/// @file cpu.hpp
/// What the processor can run, asked at run time: the library is compiled for the baseline of its target (SSE2 on
/// x86-64, no -march flag), and a few hot loops have a wider variant marked with a target attribute.

#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__))
#define THIDUA_X86_DISPATCH 1
#else
#define THIDUA_X86_DISPATCH 0
#endif

namespace thidua::detail {

/// True when the processor runs AVX2 instructions (and the operating system saves their registers).
inline bool has_avx2() {
#if THIDUA_X86_DISPATCH
    static const bool avx2 = __builtin_cpu_supports("avx2");
    return avx2;
#else
    return false;
#endif
}

}  // namespace thidua::detail
