// Replays the fuzz corpora committed under tests/fuzz/corpus/<target>/ and the crash reproducers kept under
// tests/fuzz/regressions/<target>/ through the fuzz targets' own entry points (tests/fuzz/entries.hpp), so every
// build (and the `asan` build, with its sanitizers) checks what the fuzzer once found, without clang.

#include <doctest/doctest.h>

#include <filesystem>

#include "../fuzz/entries.hpp"
#include "golden.hpp"

namespace fs = std::filesystem;

namespace {

struct target {
    const char* name;
    void (*run)(std::string_view);
};

constexpr target targets[] = {{"campaign", thidua_fuzz::campaign},
                              {"results_json", thidua_fuzz::results_json},
                              {"results_csv", thidua_fuzz::results_csv},
                              {"numbers", thidua_fuzz::numbers}};

/// Runs every file of `dir` (if it exists) through the target; returns how many there were.
std::size_t replay(const target& t, const fs::path& dir) {
    if (!fs::is_directory(dir)) return 0;
    std::size_t n = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        CAPTURE(entry.path().string());
        CHECK_NOTHROW(t.run(thidua_test::read_file(entry.path())));
        ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("every committed fuzz corpus file gives a result or a thidua error") {
    const fs::path root = fs::path(THIDUA_SOURCE_DIR) / "tests" / "fuzz";
    for (const auto& t : targets) {
        const std::string name = t.name;
        CAPTURE(name);
        // A corpus of a few seeds would replay nothing the examples do not already cover.
        CHECK(replay(t, root / "corpus" / t.name) >= 20);
        replay(t, root / "regressions" / t.name);
    }
}

TEST_CASE("the fixed campaign of the results targets is valid") {
    CHECK(thidua_fuzz::fixed_campaign().units.size() == 2);
}

TEST_CASE("the fuzz entry points check their invariants") {
    SUBCASE("a valid campaign is scored") { CHECK_NOTHROW(thidua_fuzz::campaign(thidua_fuzz::campaign_text)); }
    SUBCASE("numbers at the edges of the range") {
        for (const char* text : {"999999999999.999999|999999999999.999999|0.000001\x1b", "-0.000001|1|3\x03",
                                 "2024-02-29", "1e-6", "0.1e7", "-999999999999.999999"}) {
            CAPTURE(text);
            CHECK_NOTHROW(thidua_fuzz::numbers(text));
        }
    }
    SUBCASE("a broken invariant is a logic error, not a thidua error") {
        CHECK_THROWS_AS(thidua_fuzz::expect(false, "test"), std::logic_error);
    }
}
