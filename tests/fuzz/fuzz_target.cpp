// One libFuzzer executable per entry point of entries.hpp; CMake names the entry in THIDUA_FUZZ_ENTRY.

#include "entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    THIDUA_FUZZ_ENTRY(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
