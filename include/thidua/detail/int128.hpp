#pragma once
// 128-bit helpers for exact decimal arithmetic (GCC/Clang __int128).

#include <cstdint>

#include "thidua/core/decimal.hpp"

namespace thidua::detail {

__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;

inline constexpr std::int64_t pow10_table[] = {1,
                                              10,
                                              100,
                                              1'000,
                                              10'000,
                                              100'000,
                                              1'000'000,
                                              10'000'000,
                                              100'000'000,
                                              1'000'000'000,
                                              10'000'000'000,
                                              100'000'000'000,
                                              1'000'000'000'000,
                                              10'000'000'000'000,
                                              100'000'000'000'000,
                                              1'000'000'000'000'000,
                                              10'000'000'000'000'000,
                                              100'000'000'000'000'000,
                                              1'000'000'000'000'000'000};

/// 10^n for 0 ≤ n ≤ 18, from a table (it is on the kernel's path).
constexpr std::int64_t pow10(int n) { return pow10_table[n]; }

/// 1 when the quotient q of a division by d with remainder r (0 ≤ r < d) rounds up by `mode`, else 0. No branch
/// on r: the kernel divides data, where such branches would often be mispredicted.
constexpr std::int64_t rounds_up(std::int64_t q, std::int64_t r, std::int64_t d, rounding mode) {
    switch (mode) {
        case rounding::down: return 0;
        case rounding::up: return r != 0;
        case rounding::half_up: return r >= d - r;
        case rounding::half_even: return (r > d - r) | ((r == d - r) & static_cast<bool>(q & 1));
    }
    return 0;
}

/// num / den rounded by `mode`, for 0 ≤ num and 0 < den in 64 bits (the common case; no 128-bit division).
constexpr std::int64_t round_quotient64(std::int64_t num, std::int64_t den, rounding mode) {
    const std::int64_t q = num / den;
    return q + rounds_up(q, num % den, den, mode);
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
    const std::int64_t step = pow10(decimal::max_fraction_digits - digits);
    const int128 scaled = den * step;
    if (num >= 0 && num <= INT64_MAX && scaled <= INT64_MAX) {  // 64-bit division: several times cheaper
        const int128 q = int128{round_quotient64(static_cast<std::int64_t>(num), static_cast<std::int64_t>(scaled), mode)} * step;
        if (q >= decimal::micros_limit) return false;
        out = decimal::from_micros(static_cast<std::int64_t>(q));
        return true;
    }
    const int128 q = round_quotient(num, scaled, mode) * step;
    if (q >= decimal::micros_limit || q <= -decimal::micros_limit) return false;
    out = decimal::from_micros(static_cast<std::int64_t>(q));
    return true;
}

}  // namespace thidua::detail
