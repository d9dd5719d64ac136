#pragma once
// Inline definitions of decimal.hpp.

#include "thidua/core/decimal.hpp"
#include "thidua/detail/int128.hpp"

namespace thidua {

inline std::optional<decimal> decimal::parse(std::string_view text, decimal_problem* problem) {
    auto fail = [&](decimal_problem p) -> std::optional<decimal> {
        if (problem) *problem = p;
        return std::nullopt;
    };
    if (problem) *problem = decimal_problem::none;
    std::size_t i = 0;
    const bool negative = i < text.size() && text[i] == '-';
    if (negative) ++i;
    // The mantissa's digits and the position of the point. Leading zeros and the fraction's trailing zeros carry
    // no value, so only the digits between them count against the 128-bit accumulator.
    const std::size_t digits_begin = i;
    bool point = false;
    std::size_t digits_end = i;
    for (; digits_end < text.size(); ++digits_end) {
        const char c = text[digits_end];
        if (c == '.') {
            if (point) return fail(decimal_problem::syntax);
            point = true;
        } else if (c < '0' || c > '9') {
            break;
        }
    }
    std::size_t last = digits_end;  // one past the last digit that matters
    if (point) {
        while (last > digits_begin && (text[last - 1] == '0' || text[last - 1] == '.')) {
            if (text[--last] == '.') break;
        }
    }
    detail::int128 mantissa = 0;
    int significant = 0, fraction = 0, digits = 0;
    bool in_fraction = false;
    for (std::size_t k = digits_begin; k < digits_end; ++k) {
        const char c = text[k];
        if (c == '.') {
            in_fraction = true;
            continue;
        }
        ++digits;
        if (k >= last) continue;  // a trailing zero of the fraction
        if (in_fraction) ++fraction;
        if (mantissa == 0 && c == '0') continue;
        if (++significant > 30) return fail(in_fraction ? decimal_problem::too_many_digits : decimal_problem::too_large);
        mantissa = mantissa * 10 + (c - '0');
    }
    i = digits_end;
    if (digits == 0) return fail(decimal_problem::syntax);
    long exponent = 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool exp_negative = false;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
        if (i == text.size()) return fail(decimal_problem::syntax);
        for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
            if (exponent < 100000) exponent = exponent * 10 + (text[i] - '0');
        }
        if (exp_negative) exponent = -exponent;
    }
    if (i != text.size()) return fail(decimal_problem::syntax);
    // value = mantissa × 10^(exponent − fraction); bring it to micros.
    long shift = exponent - fraction + max_fraction_digits;
    while (shift < 0 && mantissa != 0 && mantissa % 10 == 0) {
        mantissa /= 10;
        ++shift;
    }
    if (mantissa == 0) return decimal{};
    if (shift < 0) return fail(decimal_problem::too_many_digits);
    for (; shift > 0; --shift) {
        mantissa *= 10;
        if (mantissa >= micros_limit) return fail(decimal_problem::too_large);
    }
    if (mantissa >= micros_limit) return fail(decimal_problem::too_large);
    const auto micros = static_cast<std::int64_t>(mantissa);
    return from_micros(negative ? -micros : micros);
}

inline int decimal::fraction_digits() const {
    std::int64_t m = micros_;
    int digits = max_fraction_digits;
    while (digits > 0 && m % 10 == 0) {
        m /= 10;
        --digits;
    }
    return digits;
}

inline std::string decimal::to_string(int digits) const {
    const std::int64_t magnitude = micros_ < 0 ? -micros_ : micros_;
    std::string text = micros_ < 0 ? "-" : "";
    text += std::to_string(magnitude / micros_per_unit);
    if (digits > 0) {
        std::string fraction = std::to_string(magnitude % micros_per_unit);
        fraction.insert(0, max_fraction_digits - fraction.size(), '0');
        text += '.';
        text.append(fraction, 0, static_cast<std::size_t>(digits));
    }
    return text;
}

inline std::string decimal::to_string() const { return to_string(fraction_digits()); }

inline decimal round(decimal value, int digits, rounding mode) {
    decimal out;
    // Rounding away from zero can reach 10^12 (999999999999.5 to a whole number): refused, never wrapped to 0.
    if (!detail::quotient_to_decimal(value.micros(), 1, digits, mode, out)) {
        throw arithmetic_error(value.to_string() + " rounded to " + std::to_string(digits) +
                                   " digits is outside the range of exact decimals",
                               {});
    }
    return out;
}

inline decimal mul_div(decimal a, decimal b, decimal c, int digits, rounding mode) {
    detail::int128 num = detail::int128{a.micros()} * b.micros();
    detail::int128 den = c.micros();
    if (den < 0) {
        num = -num;
        den = -den;
    }
    decimal out;
    if (den == 0 || !detail::quotient_to_decimal(num, den, digits, mode, out)) {
        throw arithmetic_error(a.to_string() + " × " + b.to_string() + " / " + c.to_string() +
                                   " is outside the range of exact decimals",
                               {});
    }
    return out;
}

inline std::string_view to_string(rounding mode) {
    switch (mode) {
        case rounding::half_up: return "half_up";
        case rounding::half_even: return "half_even";
        case rounding::down: return "down";
        case rounding::up: return "up";
    }
    return "half_up";
}

inline std::optional<rounding> parse_rounding(std::string_view text) {
    for (rounding mode : {rounding::half_up, rounding::half_even, rounding::down, rounding::up}) {
        if (to_string(mode) == text) return mode;
    }
    return std::nullopt;
}

namespace literals {
inline decimal operator""_d(const char* text) {
    decimal_problem problem;
    if (auto value = decimal::parse(text, &problem)) return *value;
    throw schema_error(std::string("'") + text + "' is not a decimal literal", {});
}
}  // namespace literals

}  // namespace thidua
