// The ratio, manual, bands and boolean rules four units an instruction (thidua/detail/rules_avx2.hpp): points, met and exceeded
// pairs, exceed bonuses and the mandatory flag equal score_rule's (exact integer arithmetic) on the values where
// rounding is decided, a quotient exactly on a step or halfway between two and one micro on either side, for every
// rounding and precision, and on rules at the bounds of double arithmetic. The block's transpose puts each value
// where the scalar one does.

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "thidua/detail/cpu.hpp"
#include "thidua/detail/kernel.hpp"
#include "thidua/detail/rules_avx2.hpp"

#if THIDUA_X86_DISPATCH

using thidua::detail::compiled_rule;
using thidua::rounding;

namespace {

/// The AVX2 loops are compared where they run; elsewhere (no AVX2, or THIDUA_SIMD=sse2) the cases are reported as
/// skipped, not passed empty.
const auto needs_avx2 = doctest::skip(!thidua::detail::has_avx2());

compiled_rule ratio_rule(std::int64_t max, std::int64_t target, std::int64_t min_ratio, bool all_or_nothing) {
    compiled_rule r;
    r.kind = thidua::rule_kind::ratio;
    r.credit = all_or_nothing ? thidua::credit_kind::all_or_nothing : thidua::credit_kind::linear;
    r.max = max;
    r.default_target = target;
    r.min_ratio = min_ratio;
    r.mandatory = true;
    return r;
}

/// Values around each point where the linear credit changes or is halfway, plus the edges of the rule.
std::vector<std::int64_t> deciding_values(const compiled_rule& r, std::int64_t step, std::mt19937_64& rng) {
    std::vector<std::int64_t> out = {0, 1, r.default_target - 1, r.default_target, r.default_target + 1,
                                     r.fixed.min_value - 1, r.fixed.min_value, 3 * r.default_target,
                                     thidua::decimal::micros_limit - 1};
    if (r.fixed.min_value == 0) out.erase(out.begin() + 5);  // −1: invalid
    const thidua::detail::int128 d = thidua::detail::int128{r.default_target} * step;
    for (int k = 0; k < 200; ++k) {
        const auto j = static_cast<thidua::detail::int128>(rng() % 2'000'000);  // a multiple of a half step
        const thidua::detail::int128 c = (j * d + 2 * r.max - 1) / (2 * r.max);     // ⌈j × d / (2 max)⌉
        for (int delta = -1; delta <= 1; ++delta) {
            const auto v = static_cast<std::int64_t>(c) + delta;
            if (v >= 0 && v < r.default_target) out.push_back(v);
        }
        out.push_back(static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(2 * r.default_target)));
    }
    while (out.size() % 4 != 0) out.push_back(0);
    return out;
}

template <rounding M>
void check_rule(const compiled_rule& base, int digits, std::mt19937_64& rng) {
    compiled_rule r = base;
    const std::int64_t step = thidua::detail::pow10(thidua::decimal::max_fraction_digits - digits);
    r.fixed = thidua::detail::fix_ratio(r, step);
    REQUIRE(r.fixed.in_doubles);
    const auto values = deciding_values(r, step, rng);
    const std::size_t n = values.size();
    std::vector<std::int64_t> points(n, 5);
    std::vector<std::int64_t> met(n, 1), exceeded(n, 2);
    std::vector<std::int64_t> mandatory(n, 1);
    bool invalid = false;
    const thidua::detail::ratio_block block{values.data(), n, r.default_target, r.max,
                                            r.credit == thidua::credit_kind::all_or_nothing,
                                            {points.data(), met.data(), mandatory.data(), r.mandatory}, exceeded.data(),
                                            nullptr};
    REQUIRE(thidua::detail::ratio_avx2<M, false>(block, r.fixed, invalid) == n);
    CHECK_FALSE(invalid);
    for (std::size_t i = 0; i < n; ++i) {
        const auto expected = thidua::detail::score_rule<thidua::rule_kind::ratio>(r, nullptr, values[i],
                                                                                   r.default_target, digits, M);
        CAPTURE(values[i]);
        CHECK(points[i] == 5 + expected.points);
        CHECK(met[i] == 1 + ((expected.flags & thidua::detail::slot_met) != 0));
        CHECK(exceeded[i] == 2 + ((expected.flags & thidua::detail::slot_exceeded) != 0));
        CHECK(mandatory[i] == ((expected.flags & thidua::detail::slot_met) != 0));
    }
}

}  // namespace

TEST_CASE("the AVX2 ratio loop scores like score_rule at every rounding and precision" * needs_avx2) {
    std::mt19937_64 rng(7);
    const std::int64_t largest_max = (std::int64_t{1} << 50) - 1;
    const compiled_rule rules[] = {
        ratio_rule(10'000'000, 7'000'000, 0, false),         ratio_rule(7'500'000, 2'500'000, 450'000, false),
        ratio_rule(10'000'000, 6'000'000, 0, true),          ratio_rule(3, 7, 0, false),
        ratio_rule(1, 3, 0, false),                          ratio_rule(largest_max, 3, 0, false),
        ratio_rule(largest_max, 7, 0, false),                ratio_rule(largest_max / 3, 11, 0, false),
        ratio_rule(1'000'000, 4'000'000'000, 0, false),      ratio_rule(12'345'678, 987'654, 100'000, false),
        // At precision 6, 25 × max / 26 is just below an integer that the product by the reciprocal reaches: the
        // remainder comes out negative and takes the quotient one back (found by a search over random rules).
        ratio_rule(332'172'291'595'613, 26, 0, false)};
    for (const auto& r : rules) {
        for (int digits = 0; digits <= 6; ++digits) {
            CAPTURE(r.max);
            CAPTURE(r.default_target);
            CAPTURE(digits);
            check_rule<rounding::down>(r, digits, rng);
            check_rule<rounding::up>(r, digits, rng);
            check_rule<rounding::half_up>(r, digits, rng);
            check_rule<rounding::half_even>(r, digits, rng);
        }
    }
}

TEST_CASE("the AVX2 ratio loop gives score_rule's exceed bonus, and leaves excesses beyond its room to the integer loop" * needs_avx2) {
    std::mt19937_64 rng(11);
    struct exceed_case {
        std::int64_t max, target, step_percent, per_step, cap;
    };
    const exceed_case cases[] = {{10'000'000, 8'000'000, 25'000'000, 250'000, 1'000'000},
                                 {7'500'000, 3'000'000, 12'500'000, 300'000, -1},
                                 {10'000'000, 700'000, 10'000'000, 250'000, 1'500'000},
                                 {10'000'000, 7, 1'000'000, 1, -1},
                                 {5'000'000, 123'457, 3'333'333, 999'999'999'999, -1}};
    for (const auto& e : cases) {
        compiled_rule r = ratio_rule(e.max, e.target, 0, false);
        r.has_exceed = true;
        r.step_percent = e.step_percent;
        r.points_per_step = e.per_step;
        r.exceed_cap = e.cap;
        r.fixed = thidua::detail::fix_ratio(r, 100);
        CAPTURE(e.target);
        CAPTURE(e.per_step);
        REQUIRE(r.fixed.exceed_in_doubles);
        const thidua::detail::int128 d = thidua::detail::int128{e.target} * e.step_percent;
        std::vector<std::int64_t> values;
        for (int k = 0; k < 400; ++k) {  // one micro around each step, while the excess stays in the room
            const auto j = static_cast<thidua::detail::int128>(rng() % 1000);
            const auto excess = static_cast<std::int64_t>((j * d + 99'999'999) / 100'000'000) + static_cast<std::int64_t>(rng() % 3) - 1;
            values.push_back(e.target + std::clamp<std::int64_t>(excess, 0, r.fixed.exceed_room));
        }
        values.insert(values.end(), {e.target, e.target + 1, e.target - 1, e.target + r.fixed.exceed_room});
        const std::size_t in_room = values.size();
        values.insert(values.end(), {e.target + r.fixed.exceed_room + 1, 0, 0, 0, 0, 0, 0, 0});
        const std::size_t n = values.size();
        std::vector<std::int64_t> points(n);
        std::vector<std::int64_t> met(n), exceeded(n);
        std::vector<std::int64_t> mandatory(n, 1);
        std::vector<std::int64_t> bonus(n, 3);
        bool invalid = false;
        const std::size_t scored = thidua::detail::ratio_avx2<rounding::half_even, true>(
            {values.data(), n, e.target, e.max, false, {points.data(), met.data(), mandatory.data(), true}, exceeded.data(),
             bonus.data()}, r.fixed, invalid);
        CHECK(scored == in_room);  // the group with an excess beyond the room is left to the integer loop
        CHECK_FALSE(invalid);
        for (std::size_t i = 0; i < scored; ++i) {
            const auto expected = thidua::detail::score_rule<thidua::rule_kind::ratio>(r, nullptr, values[i], e.target, 4,
                                                                                       rounding::half_even);
            CAPTURE(values[i]);
            CHECK(points[i] == expected.points);
            CHECK(bonus[i] == 3 + expected.bonus);
            CHECK(exceeded[i] == ((expected.flags & thidua::detail::slot_exceeded) != 0));
        }
        CHECK(bonus[scored] == 3);  // untouched
    }
}

namespace {

template <rounding M>
void check_manual(std::int64_t max, int digits, std::mt19937_64& rng) {
    compiled_rule r;
    r.kind = thidua::rule_kind::manual;
    r.max = max;
    r.mandatory = true;
    const std::int64_t step = thidua::detail::pow10(thidua::decimal::max_fraction_digits - digits);
    std::vector<std::int64_t> values = {0, 1, max - 1, max};
    for (int k = 0; k < 300; ++k) {  // around a multiple of half a step
        const std::int64_t half_steps = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(2 * max / step + 1));
        for (std::int64_t delta = -1; delta <= 1; ++delta) {
            const std::int64_t v = half_steps * step / 2 + delta;
            if (v >= 0 && v <= max) values.push_back(v);
        }
    }
    while (values.size() % 4 != 0) values.push_back(max);
    const std::size_t n = values.size();
    std::vector<std::int64_t> points(n, 5);
    std::vector<std::int64_t> met(n, 1);
    std::vector<std::int64_t> mandatory(n, 1);
    bool invalid = false;
    REQUIRE(thidua::detail::manual_avx2<M>({values.data(), n, max, step, {points.data(), met.data(), mandatory.data(), true}},
                                           invalid) == n);
    CHECK_FALSE(invalid);
    for (std::size_t i = 0; i < n; ++i) {
        const auto expected = thidua::detail::score_rule<thidua::rule_kind::manual>(r, nullptr, values[i], 0, digits, M);
        CAPTURE(values[i]);
        CHECK(points[i] == 5 + expected.points);
        CHECK(met[i] == 1 + ((expected.flags & thidua::detail::slot_met) != 0));
        CHECK(mandatory[i] == ((expected.flags & thidua::detail::slot_met) != 0));
    }
}

}  // namespace

TEST_CASE("the AVX2 manual loop rounds to the precision like score_rule, and flags values outside 0 … max" * needs_avx2) {
    std::mt19937_64 rng(5);
    for (const std::int64_t max : {std::int64_t{10'000'000}, std::int64_t{7'500'000}, std::int64_t{1'234'567},
                                   (std::int64_t{1} << 50) - 1}) {
        for (int digits = 0; digits <= 6; ++digits) {
            CAPTURE(max);
            CAPTURE(digits);
            check_manual<rounding::down>(max, digits, rng);
            check_manual<rounding::up>(max, digits, rng);
            check_manual<rounding::half_up>(max, digits, rng);
            check_manual<rounding::half_even>(max, digits, rng);
        }
    }
    CHECK_FALSE(thidua::detail::manual_in_doubles(std::int64_t{1} << 50));
    for (const std::int64_t bad : {std::int64_t{-1}, std::int64_t{10'000'001}, INT64_MAX, INT64_MIN}) {
        CAPTURE(bad);
        std::vector<std::int64_t> values = {1, bad, 2, 3}, points(4);
        std::vector<std::int64_t> met(4);
        std::vector<std::int64_t> mandatory(4, 1);
        bool invalid = false;
        thidua::detail::manual_avx2<rounding::half_up>(
            {values.data(), 4, 10'000'000, 100, {points.data(), met.data(), mandatory.data(), false}}, invalid);
        CHECK(invalid);
    }
}

TEST_CASE("the AVX2 bands loop gives the first band reached either way, and flags values beyond the decimals" * needs_avx2) {
    using thidua::decimal;
    const auto d = [](std::int64_t micros) { return decimal::from_micros(micros); };
    // Best band first, as the plan orders them: highest thresholds first, or lowest when lower is better.
    const std::vector<thidua::band> higher = {{d(8'000'000), d(10'000'000)}, {d(5'000'000), d(6'500'000)},
                                              {d(2'000'000), d(2'000'000)}};
    const std::vector<thidua::band> lower = {{d(-1'000'000), d(10'000'000)}, {d(1'000'000), d(7'000'000)},
                                             {d(4'000'000), d(3'300'000)}};
    for (const bool lower_is_better : {false, true}) {
        CAPTURE(lower_is_better);
        const auto& bands = lower_is_better ? lower : higher;
        compiled_rule r;
        r.kind = thidua::rule_kind::bands;
        r.max = 10'000'000;
        r.band_count = static_cast<std::uint32_t>(bands.size());
        r.lower_is_better = lower_is_better;
        r.mandatory = true;
        std::vector<std::int64_t> values = {decimal::micros_limit - 1, -decimal::micros_limit + 1, 0, 0};
        for (const auto& b : bands) {
            for (std::int64_t delta = -1; delta <= 1; ++delta) values.push_back(b.threshold.micros() + delta);
        }
        while (values.size() % 4 != 0) values.push_back(3);
        const std::size_t n = values.size();
        std::vector<std::int64_t> points(n, 5);
        std::vector<std::int64_t> met(n, 1);
        std::vector<std::int64_t> mandatory(n, 1);
        bool invalid = false;
        REQUIRE(thidua::detail::bands_avx2({values.data(), n, bands.data(), r.band_count, lower_is_better, r.max,
                                            {points.data(), met.data(), mandatory.data(), true}}, invalid) == n);
        CHECK_FALSE(invalid);
        for (std::size_t i = 0; i < n; ++i) {
            const auto expected = thidua::detail::score_rule<thidua::rule_kind::bands>(r, bands.data(), values[i], 0, 2,
                                                                                       rounding::half_up);
            CAPTURE(values[i]);
            CHECK(points[i] == 5 + expected.points);
            CHECK(met[i] == 1 + ((expected.flags & thidua::detail::slot_met) != 0));
            CHECK(mandatory[i] == ((expected.flags & thidua::detail::slot_met) != 0));
        }
        for (const std::int64_t bad : {decimal::micros_limit, -decimal::micros_limit, INT64_MAX, INT64_MIN}) {
            CAPTURE(bad);
            values = {1, 2, bad, 3};
            invalid = false;
            thidua::detail::bands_avx2({values.data(), 4, bands.data(), r.band_count, lower_is_better, r.max,
                                        {points.data(), met.data(), mandatory.data(), false}}, invalid);
            CHECK(invalid);
        }
    }
}

TEST_CASE("the AVX2 boolean loop gives max_points when done, and flags values other than 0 and 1" * needs_avx2) {
    compiled_rule r;
    r.kind = thidua::rule_kind::boolean;
    r.max = 7'500'000;
    std::vector<std::int64_t> values = {0, 1'000'000, 1'000'000, 0, 0, 0, 1'000'000, 1'000'000};
    std::vector<std::int64_t> points(8, 5);
    std::vector<std::int64_t> met(8, 1);
    std::vector<std::int64_t> mandatory(8, 1);
    bool invalid = false;
    REQUIRE(thidua::detail::boolean_avx2(values.data(), 8, r.max, {points.data(), met.data(), mandatory.data(), true},
                                         invalid) == 8);
    CHECK_FALSE(invalid);
    for (std::size_t i = 0; i < 8; ++i) {
        const auto expected =
            thidua::detail::score_rule<thidua::rule_kind::boolean>(r, nullptr, values[i], 0, 2, rounding::half_up);
        CAPTURE(i);
        CHECK(points[i] == 5 + expected.points);
        CHECK(met[i] == 1 + ((expected.flags & thidua::detail::slot_met) != 0));
        CHECK(mandatory[i] == ((expected.flags & thidua::detail::slot_met) != 0));
    }
    for (const std::int64_t bad : {std::int64_t{1}, std::int64_t{-1'000'000}, std::int64_t{2'000'000}, INT64_MIN}) {
        CAPTURE(bad);
        values = {0, 1'000'000, bad, 0};
        invalid = false;
        thidua::detail::boolean_avx2(values.data(), 4, r.max, {points.data(), met.data(), mandatory.data(), false}, invalid);
        CHECK(invalid);
    }
}

TEST_CASE("the AVX2 ratio loop flags negative values and values beyond the decimals" * needs_avx2) {
    compiled_rule r = ratio_rule(10'000'000, 7'000'000, 0, false);
    r.fixed = thidua::detail::fix_ratio(r, 10'000);
    for (const std::int64_t bad : {std::int64_t{-1}, thidua::decimal::micros_limit, INT64_MAX, INT64_MIN}) {
        CAPTURE(bad);
        std::vector<std::int64_t> values = {1, 2, bad, 3}, points(4);
        std::vector<std::int64_t> met(4), exceeded(4);
        std::vector<std::int64_t> mandatory(4, 1);
        bool invalid = false;
        thidua::detail::ratio_avx2<rounding::half_up, false>(
            {values.data(), 4, r.default_target, r.max, false, {points.data(), met.data(), mandatory.data(), false},
             exceeded.data(), nullptr},
            r.fixed, invalid);
        CHECK(invalid);
    }
}

TEST_CASE("rules beyond exact double arithmetic keep the integer loop") {
    compiled_rule r = ratio_rule(std::int64_t{1} << 50, 3, 0, false);
    CHECK_FALSE(thidua::detail::fix_ratio(r, 1).in_doubles);
    r = ratio_rule(10'000'000, 1'000'000'000'000'000, 0, false);  // max × target beyond 2^53
    CHECK_FALSE(thidua::detail::fix_ratio(r, 1).in_doubles);
    r = ratio_rule(10'000'000, 7'000'000, 0, false);
    CHECK(thidua::detail::fix_ratio(r, 1).in_doubles);
}

TEST_CASE("the AVX2 transpose puts every value of a block's rows where the scalar transpose puts it" * needs_avx2) {
    constexpr std::size_t stride = thidua::detail::block_units;
    for (const std::size_t n : {std::size_t{1}, std::size_t{3}, std::size_t{4}, std::size_t{50}, std::size_t{53}}) {
        for (const std::size_t count : {std::size_t{1}, std::size_t{4}, std::size_t{37}, stride}) {
            std::vector<std::int64_t> rows(count * n);
            for (std::size_t v = 0; v < rows.size(); ++v) rows[v] = static_cast<std::int64_t>(v) * 7 - 3;
            std::vector<std::int64_t> tile(n * stride, -1);
            thidua::detail::transpose_avx2(rows.data(), count, n, tile.data(), stride);
            CAPTURE(n);
            CAPTURE(count);
            for (std::size_t k = 0; k < n; ++k) {
                for (std::size_t i = 0; i < stride; ++i) {
                    REQUIRE(tile[k * stride + i] == (i < count ? rows[i * n + k] : -1));  // nothing past the block
                }
            }
        }
    }
}

#else

TEST_CASE("the AVX2 loops" * doctest::skip(true)) {}  // not an x86 processor: there are none to compare

#endif
