#pragma once
/// @file rules_avx2.hpp
/// The block's transpose, and the fixed loops of the ratio, manual, bands and boolean rules four units an
/// instruction with AVX2, for a block whose units all take the rule (a ratio rule at its own target); chosen at
/// run time (cpu.hpp). The linear credit round(max × v / target) at the campaign's precision is computed in
/// doubles: with the bounds of fixed_ratio::in_doubles every operand is an integer below 2^53, the quotient from
/// the reciprocal is at most one off and the exact remainder corrects it, then rounds it like detail::rounds_up.
/// The exceed bonus is computed the same way, while the excess stays in the room fixed_ratio allows; so is a
/// manual value's rounding to the campaign's precision. The points are those of the integer loop
/// (tests/cpp/test_rules_avx2.cpp compares them with score_rule on the deciding values).

#include <cstddef>
#include <cstdint>

#include "thidua/core/decimal.hpp"
#include "thidua/detail/cpu.hpp"
#include "thidua/detail/int128.hpp"
#include "thidua/detail/compiled_plan.hpp"

#if THIDUA_X86_DISPATCH
#include <immintrin.h>
#endif

namespace thidua::detail {

/// Where a block's loop adds one criterion's outcome for each of its units; 64-bit counts, so that a comparison's
/// lanes are added to them.
struct block_sums {
    std::int64_t* points;
    std::int64_t* met_pairs;
    std::int64_t* mandatory_met;  ///< 1 while every mandatory criterion so far was met, else 0
    bool mandatory;               ///< the criterion is mandatory: a unit that does not meet it loses mandatory_met
};

/// What the ratio rule's loop reads and adds to for one criterion of a block.
struct ratio_block {
    const std::int64_t* values;  ///< the criterion's row of the block's tile
    std::size_t count;
    std::int64_t target, max;
    bool credit_short;           ///< all_or_nothing: no linear credit
    block_sums sums;
    std::int64_t* exceeded_pairs;
    std::int64_t* exceed;        ///< the exceed bonus, for rules with one: each below 2^52 (fixed_ratio::exceed_cap)
};

#if THIDUA_X86_DISPATCH

/// The block's rows (count units × n values) into its tile (n rows of `stride` units), four units by four
/// criteria an iteration: four loads, a 4 × 4 transpose in registers, four stores. The scalar transpose makes one
/// load and one store a value and took twice the time of the memory pass that reads the rows.
[[gnu::target("avx2")]] inline void transpose_avx2(const std::int64_t* rows, std::size_t count, std::size_t n,
                                                   std::int64_t* tile, std::size_t stride) {
    std::size_t i = 0;
    for (; i + 4 <= count; i += 4) {
        const std::int64_t* r = rows + i * n;
        std::size_t k = 0;
        for (; k + 4 <= n; k += 4) {
            const __m256i r0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(r + k));
            const __m256i r1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(r + n + k));
            const __m256i r2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(r + 2 * n + k));
            const __m256i r3 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(r + 3 * n + k));
            // t0 = (r0[0], r1[0], r0[2], r1[2]), t1 = (r0[1], r1[1], r0[3], r1[3]); t2, t3 the same for r2, r3
            const __m256i t0 = _mm256_unpacklo_epi64(r0, r1), t1 = _mm256_unpackhi_epi64(r0, r1);
            const __m256i t2 = _mm256_unpacklo_epi64(r2, r3), t3 = _mm256_unpackhi_epi64(r2, r3);
            std::int64_t* column = tile + k * stride + i;
            _mm256_storeu_si256(reinterpret_cast<__m256i*>(column), _mm256_permute2x128_si256(t0, t2, 0x20));
            _mm256_storeu_si256(reinterpret_cast<__m256i*>(column + stride), _mm256_permute2x128_si256(t1, t3, 0x20));
            _mm256_storeu_si256(reinterpret_cast<__m256i*>(column + 2 * stride), _mm256_permute2x128_si256(t0, t2, 0x31));
            _mm256_storeu_si256(reinterpret_cast<__m256i*>(column + 3 * stride), _mm256_permute2x128_si256(t1, t3, 0x31));
        }
        for (; k < n; ++k) {
            for (std::size_t j = 0; j < 4; ++j) tile[k * stride + i + j] = r[j * n + k];
        }
    }
    for (; i < count; ++i) {
        for (std::size_t k = 0; k < n; ++k) tile[k * stride + i] = rows[i * n + k];
    }
}

/// Integers 0 ≤ x ≤ 2^52 and their doubles are one addition apart: x + 2^52 has x in its mantissa.
[[gnu::target("avx2")]] inline __m256d to_doubles(__m256i x) {
    return _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(x, _mm256_set1_epi64x(0x4330000000000000))),
                         _mm256_set1_pd(0x1p52));
}

[[gnu::target("avx2")]] inline __m256i to_integers(__m256d x) {
    return _mm256_sub_epi64(_mm256_castpd_si256(_mm256_add_pd(x, _mm256_set1_pd(0x1p52))),
                            _mm256_set1_epi64x(0x4330000000000000));
}

/// Adds a count of one to four units' counters from unit i where `mask`'s lane is all ones.
[[gnu::target("avx2")]] inline void count_lanes(std::int64_t* counts, std::size_t i, __m256i mask) {
    auto* at = reinterpret_cast<__m256i*>(counts + i);
    _mm256_storeu_si256(at, _mm256_sub_epi64(_mm256_loadu_si256(at), mask));  // a lane of all ones is −1
}

/// Adds four units' points from unit i, and counts them as met where `met`'s lane is all ones.
[[gnu::target("avx2")]] inline void add_outcome(const block_sums& to, std::size_t i, __m256i earned, __m256i met) {
    auto* points = reinterpret_cast<__m256i*>(to.points + i);
    _mm256_storeu_si256(points, _mm256_add_epi64(_mm256_loadu_si256(points), earned));
    count_lanes(to.met_pairs, i, met);
    if (to.mandatory) {
        auto* flags = reinterpret_cast<__m256i*>(to.mandatory_met + i);
        _mm256_storeu_si256(flags, _mm256_and_si256(_mm256_loadu_si256(flags), _mm256_srli_epi64(met, 63)));
    }
}

/// n / d rounded down for integers 0 ≤ n, d with n + d < 2^53 and a quotient below 2^51, in doubles: the product
/// by the reciprocal is at most one off, and the remainder, exact, says which way. Returns the remainder too.
[[gnu::target("avx2")]] inline __m256d floor_quotient(__m256d n, __m256d d, __m256d inverse, __m256d& remainder) {
    const __m256d one = _mm256_set1_pd(1.0);
    __m256d q = _mm256_floor_pd(_mm256_mul_pd(n, inverse));
    __m256d r = _mm256_sub_pd(n, _mm256_mul_pd(q, d));
    const __m256d over = _mm256_cmp_pd(r, _mm256_setzero_pd(), _CMP_LT_OQ);  // q one too many
    q = _mm256_sub_pd(q, _mm256_and_pd(over, one));
    r = _mm256_add_pd(r, _mm256_and_pd(over, d));
    const __m256d under = _mm256_cmp_pd(r, d, _CMP_GE_OQ);  // q one too few
    remainder = _mm256_sub_pd(r, _mm256_and_pd(under, d));
    return _mm256_add_pd(q, _mm256_and_pd(under, one));
}

/// n / d rounded by M (detail::rounds_up), under the bounds of floor_quotient.
template <rounding M>
[[gnu::target("avx2")]] inline __m256d rounded_quotient(__m256d n, __m256d d, __m256d inverse) {
    __m256d r;
    const __m256d q = floor_quotient(n, d, inverse, r), rest = _mm256_sub_pd(d, r);
    __m256d up = _mm256_setzero_pd();  // rounds_up(q, r, d, M) as a mask
    if constexpr (M == rounding::up) up = _mm256_cmp_pd(r, _mm256_setzero_pd(), _CMP_GT_OQ);
    if constexpr (M == rounding::half_up) up = _mm256_cmp_pd(r, rest, _CMP_GE_OQ);
    if constexpr (M == rounding::half_even) {
        const __m256i odd = _mm256_slli_epi64(to_integers(q), 63);  // the quotient's last bit in the sign bit
        const __m256d odd_mask = _mm256_castsi256_pd(_mm256_cmpgt_epi64(_mm256_setzero_si256(), odd));
        const __m256d halfway = _mm256_and_pd(_mm256_cmp_pd(r, rest, _CMP_EQ_OQ), odd_mask);
        up = _mm256_or_pd(_mm256_cmp_pd(r, rest, _CMP_GT_OQ), halfway);
    }
    return _mm256_add_pd(q, _mm256_and_pd(up, _mm256_set1_pd(1.0)));
}

/// Scores units of the block four at a time from the first and returns how many it scored: count rounded down to a
/// multiple of four, or fewer where an exceed bonus leaves double arithmetic (the integer loop scores the rest).
/// Sets `invalid` when a value is negative or beyond the limit of decimals.
template <rounding M, bool Exceed>
[[gnu::target("avx2")]] inline std::size_t ratio_avx2(const ratio_block& b, const fixed_ratio& f, bool& invalid) {
    const __m256i zero = _mm256_setzero_si256(), all = _mm256_set1_epi64x(-1);
    const __m256i target = _mm256_set1_epi64x(b.target), last = _mm256_set1_epi64x(b.target - 1);
    const __m256i under_min = _mm256_set1_epi64x(f.min_value - 1);  // v > min_value − 1: v ≥ min_value
    const __m256i top = _mm256_set1_epi64x(decimal::micros_limit - 1);
    const __m256i max = _mm256_set1_epi64x(b.max), credit = b.credit_short ? zero : all;
    const __m256d max_d = _mm256_set1_pd(f.max), d = _mm256_set1_pd(f.divisor), inverse = _mm256_set1_pd(f.reciprocal);
    const __m256d step = _mm256_set1_pd(f.step);
    const __m256i exceed_room = _mm256_set1_epi64x(f.exceed_room);
    const __m256d hundred_percent = _mm256_set1_pd(100.0 * decimal::micros_per_unit), per_step = _mm256_set1_pd(f.per_step);
    const __m256d exceed_d = _mm256_set1_pd(f.exceed_divisor), exceed_inverse = _mm256_set1_pd(f.exceed_reciprocal);
    const __m256d exceed_cap = _mm256_set1_pd(f.exceed_cap);
    __m256i bad = zero;
    std::size_t i = 0;
    for (; i + 4 <= b.count; i += 4) {
        const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b.values + i));
        const __m256i above = _mm256_cmpgt_epi64(v, target);
        const __m256i over = _mm256_and_si256(above, _mm256_sub_epi64(v, target));
        if constexpr (Exceed) {
            if (!_mm256_testz_si256(_mm256_cmpgt_epi64(over, exceed_room), all)) break;
        }
        const __m256i negative = _mm256_cmpgt_epi64(zero, v);
        bad = _mm256_or_si256(bad, _mm256_or_si256(negative, _mm256_cmpgt_epi64(v, top)));
        const __m256i short_of = _mm256_cmpgt_epi64(target, v);
        const __m256i credited = _mm256_and_si256(_mm256_and_si256(short_of, credit), _mm256_cmpgt_epi64(v, under_min));
        const __m256i clamped = _mm256_blendv_epi8(last, _mm256_andnot_si256(negative, v), short_of);  // 0 … target − 1
        const __m256d n = _mm256_mul_pd(to_doubles(clamped), max_d);
        const __m256d q = rounded_quotient<M>(n, d, inverse);
        const __m256i linear = to_integers(_mm256_mul_pd(q, step));
        const __m256i earned = _mm256_or_si256(_mm256_andnot_si256(short_of, max), _mm256_and_si256(linear, credited));
        add_outcome(b.sums, i, earned, _mm256_xor_si256(short_of, all));
        count_lanes(b.exceeded_pairs, i, above);
        if constexpr (Exceed) {
            // min(⌊over × 10^8 / (target × step_percent)⌋ × points_per_step, cap), as exceed_bonus()
            __m256d unused;
            const __m256d scaled = _mm256_mul_pd(to_doubles(over), hundred_percent);
            const __m256d steps = floor_quotient(scaled, exceed_d, exceed_inverse, unused);
            const __m256d bonus = _mm256_min_pd(_mm256_mul_pd(steps, per_step), exceed_cap);
            auto* sum = reinterpret_cast<__m256i*>(b.exceed + i);
            _mm256_storeu_si256(sum, _mm256_add_epi64(_mm256_loadu_si256(sum), to_integers(bonus)));
        }
    }
    invalid = invalid || !_mm256_testz_si256(bad, bad);
    return i;
}

/// What the manual rule's loop reads and adds to for one criterion of a block.
struct manual_block {
    const std::int64_t* values;
    std::size_t count;
    std::int64_t max, step;  ///< step: 10^(6 − precision)
    block_sums sums;
};

/// Whether manual_avx2 computes a rule's points exactly: its values, at most max, and a step stay below 2^50.
inline bool manual_in_doubles(std::int64_t max) { return max < (std::int64_t{1} << 50); }

/// The manual rule (the value is the points, rounded to the campaign's precision by M) on units of the block four
/// at a time from the first; returns how many it scored (count rounded down to a multiple of four). Sets
/// `invalid` when a value is outside 0 … max.
template <rounding M>
[[gnu::target("avx2")]] inline std::size_t manual_avx2(const manual_block& b, bool& invalid) {
    const __m256i zero = _mm256_setzero_si256(), max = _mm256_set1_epi64x(b.max);
    const __m256d step = _mm256_set1_pd(static_cast<double>(b.step));
    const __m256d inverse = _mm256_set1_pd(1.0 / static_cast<double>(b.step));
    __m256i bad = zero;
    std::size_t i = 0;
    for (; i + 4 <= b.count; i += 4) {
        const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b.values + i));
        const __m256i outside = _mm256_or_si256(_mm256_cmpgt_epi64(zero, v), _mm256_cmpgt_epi64(v, max));
        bad = _mm256_or_si256(bad, outside);
        const __m256i in_range = _mm256_andnot_si256(outside, v);  // 0 for a value outside
        const __m256i earned = to_integers(_mm256_mul_pd(rounded_quotient<M>(to_doubles(in_range), step, inverse), step));
        add_outcome(b.sums, i, earned, _mm256_cmpeq_epi64(earned, max));
    }
    invalid = invalid || !_mm256_testz_si256(bad, bad);
    return i;
}

/// What the bands rule's loop reads and adds to for one criterion of a block.
struct bands_block {
    const std::int64_t* values;
    std::size_t count;
    const band* bands;  ///< best band first
    std::uint32_t band_count;
    bool lower_is_better;
    std::int64_t max;
    block_sums sums;
};

/// The bands rule (the points of the first band the value reaches) on units of the block four at a time from the
/// first; returns how many it scored (count rounded down to a multiple of four). Sets `invalid` when a value is
/// beyond the limit of decimals either way.
[[gnu::target("avx2")]] inline std::size_t bands_avx2(const bands_block& b, bool& invalid) {
    const __m256i top = _mm256_set1_epi64x(decimal::micros_limit - 1), bottom = _mm256_set1_epi64x(-decimal::micros_limit + 1);
    const __m256i max = _mm256_set1_epi64x(b.max);
    __m256i bad = _mm256_setzero_si256();
    std::size_t i = 0;
    for (; i + 4 <= b.count; i += 4) {
        const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b.values + i));
        bad = _mm256_or_si256(bad, _mm256_or_si256(_mm256_cmpgt_epi64(v, top), _mm256_cmpgt_epi64(bottom, v)));
        // From the worst band to the best, each band reached replaces the points so far.
        __m256i earned = _mm256_setzero_si256();
        for (std::uint32_t k = b.band_count; k-- > 0;) {
            const __m256i threshold = _mm256_set1_epi64x(b.bands[k].threshold.micros());
            const __m256i missed = b.lower_is_better ? _mm256_cmpgt_epi64(v, threshold) : _mm256_cmpgt_epi64(threshold, v);
            earned = _mm256_blendv_epi8(_mm256_set1_epi64x(b.bands[k].points.micros()), earned, missed);
        }
        add_outcome(b.sums, i, earned, _mm256_cmpeq_epi64(earned, max));
    }
    invalid = invalid || !_mm256_testz_si256(bad, bad);
    return i;
}

/// The boolean rule (max_points when done) on units of the block four at a time from the first; returns how many
/// it scored (count rounded down to a multiple of four). Sets `invalid` when a value is neither 0 nor 1.
[[gnu::target("avx2")]] inline std::size_t boolean_avx2(const std::int64_t* values, std::size_t count, std::int64_t max,
                                                        const block_sums& sums, bool& invalid) {
    const __m256i zero = _mm256_setzero_si256(), one = _mm256_set1_epi64x(decimal::micros_per_unit);
    const __m256i points = _mm256_set1_epi64x(max);
    __m256i bad = zero;
    std::size_t i = 0;
    for (; i + 4 <= count; i += 4) {
        const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(values + i));
        const __m256i not_done = _mm256_cmpeq_epi64(v, zero);
        bad = _mm256_or_si256(bad, _mm256_andnot_si256(_mm256_or_si256(not_done, _mm256_cmpeq_epi64(v, one)),
                                                       _mm256_set1_epi64x(-1)));
        const __m256i earned = _mm256_andnot_si256(not_done, points);
        add_outcome(sums, i, earned, _mm256_cmpeq_epi64(earned, points));
    }
    invalid = invalid || !_mm256_testz_si256(bad, bad);
    return i;
}

#endif

}  // namespace thidua::detail
