// Division by a fixed divisor with a multiplication (thidua/detail/divider.hpp): the quotient and each rounding
// equal the hardware division's on the edges of the range and on random numerators and divisors.

#include <doctest/doctest.h>

#include <cstdint>
#include <random>

#include "thidua/detail/divider.hpp"

using thidua::rounding;
using thidua::detail::divider;
using thidua::detail::round_quotient64;

namespace {

void check(std::int64_t n, std::int64_t d) {
    const divider div(d);
    REQUIRE(div.quotient(n) == n / d);
    CHECK(div.rounded<rounding::down>(n) == round_quotient64(n, d, rounding::down));
    CHECK(div.rounded<rounding::up>(n) == round_quotient64(n, d, rounding::up));
    CHECK(div.rounded<rounding::half_up>(n) == round_quotient64(n, d, rounding::half_up));
    CHECK(div.rounded<rounding::half_even>(n) == round_quotient64(n, d, rounding::half_even));
}

}  // namespace

TEST_CASE("a divider divides like the hardware on the edges of its range") {
    const std::int64_t max = INT64_MAX;
    for (const std::int64_t d : {std::int64_t{1}, std::int64_t{2}, std::int64_t{3}, std::int64_t{7}, std::int64_t{10},
                                 std::int64_t{10'000}, std::int64_t{1'000'000}, std::int64_t{999'999'999},
                                 std::int64_t{1} << 31, (std::int64_t{1} << 32) + 1, max / 2, max - 1, max}) {
        for (const std::int64_t n : {std::int64_t{0}, std::int64_t{1}, d - 1, d, d < max ? d + 1 : d, max / 2, max - 1, max}) {
            if (n >= 0) check(n, d);
        }
    }
    CHECK(divider(10).rounded<rounding::half_even>(25) == 2);
    CHECK(divider(10).rounded<rounding::half_even>(35) == 4);
    CHECK(divider(10).rounded<rounding::half_up>(25) == 3);
    CHECK(divider(10).rounded<rounding::down>(29) == 2);
    CHECK(divider(10).rounded<rounding::up>(21) == 3);
    CHECK(divider(10).rounded<rounding::up>(20) == 2);
}

TEST_CASE("a divider divides like the hardware on random numerators and divisors") {
    std::mt19937_64 rng(7);
    for (int i = 0; i < 200'000; ++i) {
        const int bits = static_cast<int>(rng() % 63) + 1;
        const std::int64_t d = static_cast<std::int64_t>(rng() >> (64 - bits)) | 1;
        const std::int64_t n = static_cast<std::int64_t>(rng() >> (1 + rng() % 63));
        check(n, d);
        if (n - n % d <= INT64_MAX - d / 2) check(n - n % d + d / 2, d);  // halfway, where the roundings differ
    }
}
