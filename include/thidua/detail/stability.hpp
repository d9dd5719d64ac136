#pragma once
// The stability analysis' internals that its tests name: what every draw starts from, the batch of draws, and
// the weighted sums a batch computes (src/analysis/stability.cpp).

#include <cstddef>
#include <cstdint>
#include <vector>

#include "thidua/detail/arrays.hpp"
#include "thidua/detail/cpu.hpp"

namespace thidua::detail {

/// What every draw starts from, computed once: per phase, unit-major matrices of the units' points and max
/// (0 out of the scale), so that a draw's weighted sums are dot products with the criteria's factors.
struct stability_base {
    std::vector<std::vector<double>> points, max;  ///< [phase][u × criteria_in(p) + k]
    /// Units share rows of max (those of one kind with every slot in the scale): per phase, the distinct rows and
    /// each unit's, so that a draw weighs each distinct row once.
    static constexpr std::size_t distinct_rows = 1024;
    static constexpr std::uint32_t own_row = UINT32_MAX;  ///< the unit's row is not among the distinct ones
    std::vector<std::vector<std::uint32_t>> max_row_of;  ///< [phase][u]: index into distinct_max[phase], or own_row
    std::vector<std::vector<double>> distinct_max;       ///< [phase][row × criteria_in(p) + k]
    uninit_vector<std::int32_t> base_class;
    uninit_vector<std::uint8_t> base_awards;         ///< [unit × award]
};

/// Draws run in batches of this many when they only re-weigh the base points (no value noise, no group caps): a
/// batch reads each unit's row once for all its draws, where one draw at a time streamed the whole points matrix
/// (2.4 MB for 10 000 units × 30 criteria, more than a core's cache) once per draw.
constexpr std::size_t draw_batch = 8;

/// out[d × stride] = Σ f[k × draw_batch + d] × a[k] over k < n for the draws d of a batch, each draw's terms added
/// in one fixed order; with SSE2, and with AVX2 where the processor has it (the same sums).
void weighted_sums_sse2(const double* a, const double* f, std::size_t n, double* out, std::size_t stride);
#if THIDUA_X86_DISPATCH
void weighted_sums_avx2(const double* a, const double* f, std::size_t n, double* out, std::size_t stride);
#endif

}  // namespace thidua::detail
