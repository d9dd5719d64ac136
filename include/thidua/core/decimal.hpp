#pragma once
/// @file decimal.hpp
/// Exact decimal numbers for scoring: a fixed-point value with 6 fractional digits held in 64 bits, and the
/// four rounding modes of a campaign. Products and quotients go through 128-bit integers, so nothing in scoring
/// ever touches binary floating point.

#include <compare>
#include <cstdint>
#include <iosfwd>
#include <version>
#include <optional>
#include <string>
#include <string_view>

#include "thidua/core/error.hpp"

namespace thidua {

/// How a campaign rounds points, phase scores and the base score.
enum class rounding {
    half_up,    ///< nearest, .5 away from zero (the default of score sheets)
    half_even,  ///< nearest, .5 to the even neighbour
    down,       ///< toward zero
    up,         ///< away from zero
};

/// Why a text is not a decimal (see decimal::parse).
/// none: a decimal; syntax: not a number; too_many_digits: more than 6 fractional digits; too_large: magnitude
/// 10^12 or more.
enum class decimal_problem { none, syntax, too_many_digits, too_large };

/// An exact decimal with at most 6 fractional digits and magnitude below 10^12.
class decimal {
public:
    static constexpr int max_fraction_digits = 6;  ///< a decimal has at most 6 fractional digits
    static constexpr std::int64_t micros_per_unit = 1'000'000;  ///< the micros of the decimal 1
    /// Every decimal satisfies |value| < 10^12.
    static constexpr std::int64_t micros_limit = 1'000'000'000'000LL * micros_per_unit;

    /// Zero.
    constexpr decimal() = default;

    /// The decimal `micros` × 10^-6; the caller guarantees the range.
    static constexpr decimal from_micros(std::int64_t micros) {
        decimal d;
        d.micros_ = micros;
        return d;
    }
    /// The integer n as a decimal; the caller guarantees |n| < 10^12.
    static constexpr decimal from_int(std::int64_t n) { return from_micros(n * micros_per_unit); }

    /// Reads "7", "-0.25", "1.5e2" exactly. Returns nothing and sets `problem` when the text is not a decimal
    /// or breaks the limits (more than 6 fractional digits, magnitude 10^12 or more).
    static inline std::optional<decimal> parse(std::string_view text, decimal_problem* problem = nullptr);

    /// The value in millionths: 7.5 is 7500000.
    constexpr std::int64_t micros() const { return micros_; }
    /// Whether the value has no fractional part.
    constexpr bool is_integer() const { return micros_ % micros_per_unit == 0; }
    /// The number of fractional digits needed to write the value exactly (0…6).
    inline int fraction_digits() const;

    /// Shortest exact text: "7", "7.5", "-0.000001".
    inline std::string to_string() const;
    /// Text with exactly `digits` fractional digits; the value must already be a multiple of 10^-digits.
    inline std::string to_string(int digits) const;

    /// Exact comparison by value.
    friend constexpr auto operator<=>(decimal, decimal) = default;
    /// The exact sum; the caller keeps it within micros_limit.
    friend constexpr decimal operator+(decimal a, decimal b) { return from_micros(a.micros_ + b.micros_); }
    /// The exact difference; the caller keeps it within micros_limit.
    friend constexpr decimal operator-(decimal a, decimal b) { return from_micros(a.micros_ - b.micros_); }
    /// The negated value.
    constexpr decimal operator-() const { return from_micros(-micros_); }
    /// Adds b exactly; the caller keeps the sum within micros_limit.
    constexpr decimal& operator+=(decimal b) {
        micros_ += b.micros_;
        return *this;
    }

private:
    std::int64_t micros_ = 0;
};

/// `value` rounded to `digits` fractional digits (0…6). Throws thidua::arithmetic_error when rounding away from
/// zero leaves the decimal range.
inline decimal round(decimal value, int digits, rounding mode);

/// round(a × b / c) to `digits` fractional digits, computed exactly; c must not be zero.
/// Throws thidua::arithmetic_error when the result leaves the decimal range.
inline decimal mul_div(decimal a, decimal b, decimal c, int digits, rounding mode);

/// The smaller of two decimals (std::min without `<algorithm>` in every header).
constexpr decimal min(decimal a, decimal b) { return b < a ? b : a; }
/// The larger of two decimals.
constexpr decimal max(decimal a, decimal b) { return a < b ? b : a; }

/// The rounding mode spelled as in campaign files ("half_up" …).
inline std::string_view to_string(rounding mode);
/// The rounding mode a campaign file names; nothing for an unknown name.
inline std::optional<rounding> parse_rounding(std::string_view text);

/// Writes the decimal in its shortest exact form ("7.5"): `std::cout << report.total(u)`.
std::ostream& operator<<(std::ostream& out, decimal d);

namespace literals {
/// 7.5_d: a decimal literal for tests and examples (the digits are read exactly, not through a double).
inline decimal operator""_d(const char* text);
}  // namespace literals

}  // namespace thidua

#include "thidua/detail/decimal-inl.hpp"

#if defined(__cpp_lib_format)
#include <format>
/// std::format("{}", d) writes the shortest exact form, std::format("{:.2}", d) exactly 2 fractional digits (the
/// value rounded half up to them).
template <>
struct std::formatter<thidua::decimal, char> {
    int digits = -1;
    constexpr auto parse(std::format_parse_context& ctx) {
        auto it = ctx.begin();
        if (it != ctx.end() && *it == '.') {
            digits = 0;
            for (++it; it != ctx.end() && *it >= '0' && *it <= '9'; ++it) digits = digits * 10 + (*it - '0');
        }
        return it;
    }
    auto format(thidua::decimal d, std::format_context& ctx) const {
        const std::string text = digits < 0 ? d.to_string()
                                            : thidua::round(d, std::min(digits, 6), thidua::rounding::half_up)
                                                  .to_string(std::min(digits, 6));
        return std::copy(text.begin(), text.end(), ctx.out());
    }
};
#endif
