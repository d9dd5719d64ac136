#pragma once
// 128-bit helpers for exact decimal arithmetic (GCC/Clang __int128).

#include <cstdint>

#include "thidua/decimal.hpp"

namespace thidua::detail {

__extension__ typedef __int128 int128;

constexpr int128 pow10(int n) {
    int128 p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

/// num / den rounded to an integer by `mode`; den > 0.
constexpr int128 round_quotient(int128 num, int128 den, rounding mode) {
    const bool negative = num < 0;
    const int128 n = negative ? -num : num;
    int128 q = n / den;
    const int128 r = n % den;
    if (r != 0) {
        switch (mode) {
            case rounding::down: break;
            case rounding::up: ++q; break;
            case rounding::half_up:
                if (2 * r >= den) ++q;
                break;
            case rounding::half_even:
                if (2 * r > den || (2 * r == den && q % 2 == 1)) ++q;
                break;
        }
    }
    return negative ? -q : q;
}

/// num / den in micros, rounded to `digits` fractional digits, as a decimal; den > 0.
/// Returns false when the result leaves the decimal range.
constexpr bool quotient_to_decimal(int128 num, int128 den, int digits, rounding mode, decimal& out) {
    const int128 step = pow10(decimal::max_fraction_digits - digits);
    const int128 q = round_quotient(num, den * step, mode) * step;
    if (q >= decimal::micros_limit || q <= -decimal::micros_limit) return false;
    out = decimal::from_micros(static_cast<std::int64_t>(q));
    return true;
}

}  // namespace thidua::detail
