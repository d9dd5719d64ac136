#pragma once
// What the processor can run, asked at run time: the library is compiled for the baseline of its target (SSE2 on
// x86-64, no -march flag), and a few hot loops have a wider variant marked with a target attribute. The
// environment variable THIDUA_SIMD=sse2 keeps them on the portable path (tests run the suite both ways).

#include <cstdlib>
#include <cstring>

#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__))
#define THIDUA_X86_DISPATCH 1
#else
#define THIDUA_X86_DISPATCH 0
#endif

namespace thidua::detail {

/// True when the processor runs AVX2 instructions (and the operating system saves their registers).
inline bool processor_has_avx2() {
#if THIDUA_X86_DISPATCH
    __builtin_cpu_init();  // the answer may be asked before any constructor ran (a test's registration)
    return __builtin_cpu_supports("avx2");
#else
    return false;
#endif
}

/// True when the AVX2 loops run: the processor has AVX2 and THIDUA_SIMD does not ask for "sse2".
inline bool has_avx2() {
    static const bool avx2 = [] {
        const char* asked = std::getenv("THIDUA_SIMD");
        return processor_has_avx2() && !(asked && std::strcmp(asked, "sse2") == 0);
    }();
    return avx2;
}

}  // namespace thidua::detail
