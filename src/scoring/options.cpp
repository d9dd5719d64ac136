// The array cache's limit, as the library's users set it.

#include "thidua/scoring/options.hpp"

#include "thidua/detail/arrays.hpp"
#include "thidua/detail/cpu.hpp"

namespace thidua {

void set_array_cache_limit(std::size_t bytes) { detail::array_cache::instance().set_limit(bytes); }

std::size_t array_cache_held() { return detail::array_cache::instance().held(); }

const char* simd_path() {
    if (detail::has_avx2()) return "avx2";
    return THIDUA_X86_DISPATCH ? "sse2" : "portable";
}

}  // namespace thidua
