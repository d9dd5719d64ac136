#pragma once
// Division by a divisor known before the loop, by a multiplication and a shift instead of a hardware division
// (the kernel divides every linear ratio slot by its rule's target, and checks every manual value's precision).

#include <bit>
#include <cstdint>

#include "thidua/core/decimal.hpp"
#include "thidua/detail/int128.hpp"

namespace thidua::detail {

/// floor(n / d) for 0 ≤ n < 2^63 and a fixed 1 ≤ d < 2^63, as floor(n × m / 2^(63 + l)) with l = ⌈log2 d⌉ and
/// m = ⌈2^(63 + l) / d⌉ (Granlund and Montgomery, "Division by invariant integers using multiplication", 1994,
/// theorem 4.2: exact because 2^(63+l) ≤ m·d ≤ 2^(63+l) + 2^l). m < 2^64, so n × m fits in 128 bits.
class divider {
public:
    divider() = default;
    explicit divider(std::int64_t d) : d_(d) {
        const auto ud = static_cast<std::uint64_t>(d);
        if (ud == 1) return;
        const int l = 64 - std::countl_zero(ud - 1);  // ≥ 1
        post_shift_ = l - 1;                           // 63 + l = 64 + post_shift_: the quotient is in the high word
        const uint128 power = static_cast<uint128>(1) << (63 + l);
        m_ = static_cast<std::uint64_t>((power + ud - 1) / ud);
    }

    std::int64_t divisor() const { return d_; }

    std::int64_t quotient(std::int64_t n) const {
        if (d_ == 1) return n;  // the same for every value of a loop: predicted
        const auto high = static_cast<std::uint64_t>((static_cast<uint128>(static_cast<std::uint64_t>(n)) * m_) >> 64);
        return static_cast<std::int64_t>(high >> post_shift_);
    }

    /// n / d rounded by M: round_quotient64(n, d, M) without its division (rounds_up is folded for a constant M).
    template <rounding M>
    std::int64_t rounded(std::int64_t n) const {
        return rounded(n, M);
    }
    std::int64_t rounded(std::int64_t n, rounding mode) const {
        const std::int64_t q = quotient(n);
        return q + rounds_up(q, n - q * d_, d_, mode);
    }

private:
    std::int64_t d_ = 1;
    std::uint64_t m_ = 0;
    int post_shift_ = 0;
};

}  // namespace thidua::detail
