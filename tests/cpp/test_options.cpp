// thidua/scoring/options.hpp: which instruction set the hot loops run, as THIDUA_SIMD leaves it.

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "thidua/detail/cpu.hpp"
#include "thidua/scoring/options.hpp"

TEST_CASE("simd_path names the loops that run and THIDUA_SIMD=sse2 keeps them portable") {
    const char* asked = std::getenv("THIDUA_SIMD");
    const std::string path = thidua::simd_path();
    if (!THIDUA_X86_DISPATCH) {
        CHECK(path == "portable");
    } else if (asked && std::string(asked) == "sse2") {
        CHECK(path == "sse2");
        CHECK_FALSE(thidua::detail::has_avx2());
    } else {
        CHECK(path == (thidua::detail::processor_has_avx2() ? "avx2" : "sse2"));
    }
}
