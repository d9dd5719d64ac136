// thidua/core/decimal.hpp: exact parsing, text, the four rounding modes, mul_div and the _d literal.

#include <doctest/doctest.h>

#include "builders.hpp"
#include "thidua/core/decimal.hpp"

#include <sstream>

using thidua::decimal;
using thidua::decimal_problem;
using thidua::rounding;
using namespace thidua::literals;

namespace {

/// The micros of a parsed text, or a sentinel when it does not parse.
std::int64_t micros_of(std::string_view text) {
    auto d = decimal::parse(text);
    return d ? d->micros() : INT64_MIN;
}

decimal_problem problem_of(std::string_view text) {
    decimal_problem problem = decimal_problem::none;
    CHECK_FALSE(decimal::parse(text, &problem).has_value());
    return problem;
}

}  // namespace

TEST_CASE("parse reads plain decimals exactly") {
    CHECK(micros_of("7") == 7'000'000);
    CHECK(micros_of("0.1") == 100'000);
    CHECK(micros_of("-0.25") == -250'000);
    CHECK(micros_of("0.000001") == 1);
    CHECK(micros_of("-0.000001") == -1);
    CHECK(micros_of("999999999999.999999") == 999'999'999'999'999'999LL);
    CHECK(micros_of("007.50") == 7'500'000);
}

TEST_CASE("parse treats minus zero as zero") {
    CHECK(micros_of("-0") == 0);
    CHECK(micros_of("-0.000") == 0);
    CHECK(decimal::parse("-0") == decimal{});
}

TEST_CASE("parse accepts exponents") {
    CHECK(micros_of("1.5e2") == 150'000'000);
    CHECK(micros_of("1.5E2") == 150'000'000);
    CHECK(micros_of("15e-1") == 1'500'000);
    CHECK(micros_of("25e+0") == 25'000'000);
    CHECK(micros_of("1e-6") == 1);
    CHECK(micros_of("123456e-6") == 123'456);
    CHECK(micros_of("0e100000") == 0);
}

TEST_CASE("parse accepts trailing zeros beyond six fractional digits") {
    CHECK(micros_of("1.5000000") == 1'500'000);
    CHECK(micros_of("2.0000000000") == 2'000'000);
    CHECK(micros_of("100e-8") == 1);
}

TEST_CASE("parse refuses more than six significant fractional digits") {
    CHECK(problem_of("1.1234567") == decimal_problem::too_many_digits);
    CHECK(problem_of("0.0000001") == decimal_problem::too_many_digits);
    CHECK(problem_of("-0.0000005") == decimal_problem::too_many_digits);
    CHECK(problem_of("1e-7") == decimal_problem::too_many_digits);
    CHECK(problem_of("1.25e-6") == decimal_problem::too_many_digits);
}

TEST_CASE("parse refuses magnitudes of ten to the twelfth or more") {
    CHECK(problem_of("1000000000000") == decimal_problem::too_large);
    CHECK(problem_of("-1000000000000") == decimal_problem::too_large);
    CHECK(problem_of("1e12") == decimal_problem::too_large);
    CHECK(problem_of("1000000000000.5") == decimal_problem::too_large);
    CHECK(problem_of("123456789012345678901234567890123") == decimal_problem::too_large);
    CHECK(micros_of("9.99999999999e11") == 999'999'999'999'000'000LL);
}

TEST_CASE("parse reports syntax errors") {
    for (std::string_view bad : {"", "-", "+1", "abc", "1.2.3", "1e", "1e+", "1x", " 1", "1 ", "0x10", "--1", "1,5"}) {
        CAPTURE(bad);
        CHECK(problem_of(bad) == decimal_problem::syntax);
    }
}

TEST_CASE("parse clears the problem on success") {
    decimal_problem problem = decimal_problem::syntax;
    CHECK(decimal::parse("3.25", &problem) == decimal::from_micros(3'250'000));
    CHECK(problem == decimal_problem::none);
}

TEST_CASE("to_string with digits writes exactly that many fractional digits") {
    CHECK(decimal::from_micros(7'780'000).to_string(2) == "7.78");
    CHECK(decimal::from_int(100).to_string(2) == "100.00");
    CHECK(decimal::from_int(7).to_string(0) == "7");
    CHECK(decimal::from_micros(-500'000).to_string(2) == "-0.50");
    CHECK(decimal::from_micros(-1).to_string(6) == "-0.000001");
    CHECK(decimal{}.to_string(3) == "0.000");
    CHECK(decimal::from_micros(123'456'789).to_string(6) == "123.456789");
}

TEST_CASE("to_string without digits writes the shortest exact text") {
    CHECK(decimal::from_int(7).to_string() == "7");
    CHECK(decimal::from_micros(7'500'000).to_string() == "7.5");
    CHECK(decimal::from_micros(-1).to_string() == "-0.000001");
    CHECK(decimal::from_micros(-250'000).to_string() == "-0.25");
    CHECK(decimal{}.to_string() == "0");
    CHECK(decimal::from_micros(100'000).fraction_digits() == 1);
    CHECK(decimal::from_int(12).fraction_digits() == 0);
    CHECK(decimal::from_micros(1).fraction_digits() == 6);
}

TEST_CASE("half_up rounds ties away from zero") {
    CHECK(round(1.25_d, 1, rounding::half_up) == 1.3_d);
    CHECK(round(1.35_d, 1, rounding::half_up) == 1.4_d);
    CHECK(round(-1.25_d, 1, rounding::half_up) == -1.3_d);
    CHECK(round(1.24_d, 1, rounding::half_up) == 1.2_d);
    CHECK(round(7.777778_d, 2, rounding::half_up) == 7.78_d);
    CHECK(round(2.5_d, 0, rounding::half_up) == 3_d);
    CHECK(round(-2.5_d, 0, rounding::half_up) == -3_d);
    CHECK(round(0.000005_d, 5, rounding::half_up) == 0.00001_d);
}

TEST_CASE("half_even rounds ties to the even neighbour") {
    CHECK(round(1.25_d, 1, rounding::half_even) == 1.2_d);
    CHECK(round(1.35_d, 1, rounding::half_even) == 1.4_d);
    CHECK(round(-1.25_d, 1, rounding::half_even) == -1.2_d);
    CHECK(round(-1.35_d, 1, rounding::half_even) == -1.4_d);
    CHECK(round(1.251_d, 1, rounding::half_even) == 1.3_d);
    CHECK(round(2.5_d, 0, rounding::half_even) == 2_d);
    CHECK(round(3.5_d, 0, rounding::half_even) == 4_d);
    CHECK(round(0.125_d, 2, rounding::half_even) == 0.12_d);
    CHECK(round(0.135_d, 2, rounding::half_even) == 0.14_d);
}

TEST_CASE("down rounds toward zero") {
    CHECK(round(1.29_d, 1, rounding::down) == 1.2_d);
    CHECK(round(-1.29_d, 1, rounding::down) == -1.2_d);
    CHECK(round(7.999999_d, 0, rounding::down) == 7_d);
    CHECK(round(1.25_d, 1, rounding::down) == 1.2_d);
}

TEST_CASE("up rounds away from zero") {
    CHECK(round(1.21_d, 1, rounding::up) == 1.3_d);
    CHECK(round(-1.21_d, 1, rounding::up) == -1.3_d);
    CHECK(round(7.000001_d, 0, rounding::up) == 8_d);
    CHECK(round(1.2_d, 1, rounding::up) == 1.2_d);
}

TEST_CASE("round leaves values that already fit unchanged") {
    for (rounding mode : {rounding::half_up, rounding::half_even, rounding::down, rounding::up}) {
        CAPTURE(thidua::to_string(mode));
        CHECK(round(1.123456_d, 6, mode) == 1.123456_d);
        CHECK(round(-7.5_d, 1, mode) == -7.5_d);
        CHECK(round(0_d, 0, mode) == 0_d);
    }
}

TEST_CASE("rounding past ten to the twelfth is an arithmetic error and never wraps to zero") {
    // Found by the numbers fuzz target (tests/fuzz/regressions/numbers).
    const auto top = thidua::decimal::parse("999999999999.999999").value();
    CHECK_THROWS_AS((void)thidua::round(top, 0, thidua::rounding::up), thidua::arithmetic_error);
    CHECK_THROWS_AS((void)thidua::round(top, 2, thidua::rounding::half_up), thidua::arithmetic_error);
    CHECK(thidua::round(top, 2, thidua::rounding::down) == 999999999999.99_d);
    CHECK(thidua::round(-top, 0, thidua::rounding::down) == -999999999999_d);
}

TEST_CASE("mul_div computes the product and quotient exactly before rounding once") {
    CHECK(mul_div(10_d, 7_d, 9_d, 2, rounding::half_up) == 7.78_d);
    CHECK(mul_div(10_d, 7_d, 9_d, 2, rounding::down) == 7.77_d);
    CHECK(mul_div(100_d, 7.78_d, 10_d, 2, rounding::half_up) == 77.8_d);
    CHECK(mul_div(1_d, 1_d, 3_d, 6, rounding::down) == 0.333333_d);
    CHECK(mul_div(1_d, 1_d, 3_d, 6, rounding::up) == 0.333334_d);
    CHECK(mul_div(1_d, 2_d, 3_d, 6, rounding::half_up) == 0.666667_d);
    CHECK(mul_div(0.1_d, 0.1_d, 1_d, 2, rounding::half_up) == 0.01_d);
    CHECK(mul_div(0.000001_d, 0.5_d, 1_d, 6, rounding::half_even) == 0_d);
    CHECK(mul_div(0.000003_d, 0.5_d, 1_d, 6, rounding::half_even) == 0.000002_d);
    CHECK(mul_div(999999_d, 999999_d, 999999_d, 2, rounding::half_up) == 999999_d);
}

TEST_CASE("mul_div handles negative operands and divisors") {
    CHECK(mul_div(-10_d, 7_d, 9_d, 2, rounding::half_up) == -7.78_d);
    CHECK(mul_div(10_d, 7_d, -9_d, 2, rounding::half_up) == -7.78_d);
    CHECK(mul_div(-10_d, 7_d, -9_d, 2, rounding::down) == 7.77_d);
    CHECK(mul_div(-1_d, 1_d, 8_d, 2, rounding::half_even) == -0.12_d);
}

TEST_CASE("mul_div throws an arithmetic_error outside the range or for a zero divisor") {
    CHECK_THROWS_AS(mul_div(999999999999_d, 10_d, 1_d, 2, rounding::half_up), thidua::arithmetic_error);
    CHECK_THROWS_AS(mul_div(1_d, 1_d, 0_d, 2, rounding::half_up), thidua::arithmetic_error);
    CHECK_THROWS_AS(mul_div(1000000_d, 1000000_d, 0.001_d, 2, rounding::half_up), thidua::arithmetic_error);
    CHECK(mul_div(1_d, 1_d, 0.000001_d, 2, rounding::half_up) == 1000000_d);
    CHECK_NOTHROW(mul_div(999999999999_d, 1_d, 1_d, 2, rounding::half_up));
}

TEST_CASE("the _d literal reads its digits exactly") {
    CHECK(7.78_d == decimal::from_micros(7'780'000));
    CHECK(0.1_d + 0.2_d == 0.3_d);
    CHECK(100_d == decimal::from_int(100));
    CHECK(1.5e2_d == 150_d);
    CHECK(-2.5_d == decimal::from_micros(-2'500'000));
    CHECK_THROWS_AS(1.1234567_d, thidua::schema_error);
}

TEST_CASE("decimals compare and add exactly") {
    CHECK(0.1_d < 0.11_d);
    CHECK(-1_d < 0_d);
    CHECK(thidua::min(3_d, 2.5_d) == 2.5_d);
    CHECK(thidua::max(3_d, 2.5_d) == 3_d);
    decimal sum;
    for (int i = 0; i < 10; ++i) sum += 0.1_d;
    CHECK(sum == 1_d);
    CHECK(1_d - 0.9_d == 0.1_d);
}

TEST_CASE("rounding modes are spelled as in campaign files") {
    CHECK(thidua::to_string(rounding::half_up) == "half_up");
    CHECK(thidua::to_string(rounding::half_even) == "half_even");
    CHECK(thidua::to_string(rounding::down) == "down");
    CHECK(thidua::to_string(rounding::up) == "up");
    CHECK(thidua::parse_rounding("half_even") == rounding::half_even);
    CHECK(thidua::parse_rounding("up") == rounding::up);
    CHECK_FALSE(thidua::parse_rounding("Half_Up").has_value());
    CHECK_FALSE(thidua::parse_rounding("nearest").has_value());
}

TEST_CASE("parse never calls a small number with many trailing zeros too large") {
    decimal_problem problem = decimal_problem::none;
    (void)decimal::parse("2.000000000000000000000000000000", &problem);
    CHECK(problem != decimal_problem::too_large);
}

TEST_CASE("decimals write themselves to streams in their shortest exact form") {
    std::ostringstream out;
    out << 7.5_d << ' ' << thidua::decimal::from_micros(-1) << ' ' << 100_d;
    CHECK(out.str() == "7.5 -0.000001 100");
#if defined(__cpp_lib_format)
    CHECK(std::format("{} {:.2}", 7.5_d, 2.345_d) == "7.5 2.35");
#endif
}
