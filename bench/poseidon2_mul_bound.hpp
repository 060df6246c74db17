#pragma once
// The 32-bit integer multiply bound of a KoalaBear-16 Poseidon2 permutation, shared
// by the Poseidon2 and Merkle benchmarks.
//
// Multiplies one permutation needs (math/poseidon2/poseidon2_31.hpp, Montgomery form;
// converting inputs to and from Montgomery form is I/O format and not counted):
//   wide  the full 64-bit product a * b of a Montgomery multiplication. The S-box x^3
//         is 2 of them: full rounds 8 x 16 x 2 = 256, partial rounds 20 x 2 = 40 -> 296.
//   lo    q = (low word) * mu, once per Montgomery reduction: the 296 products plus the
//         internal layers' 20 x 16 reductions (D_i * w_i is a shift there) -> 616.
//   hi    the high word of q * p, once per reduction -> 616.
// The chip issues 64 low-word multiplies (IMAD) per SM per clock; a high-word
// (IMAD.HI) or full 64-bit (IMAD.WIDE) multiply holds the multiplier for two of those
// slots. That is what Nsight Compute reports on the H100 (FMA-heavy pipe cycles per
// instruction: 2 for IMAD, 4 for IMAD.HI and IMAD.WIDE) and what bench/int_mul_rates.cuh
// measures (printed next to the bound). So the bound costs a permutation
//   616 + 2 x 296 + 2 x 616 = 2440 IMAD slots
// at lim.int32_mul_per_s (SMs x 64 x SM clock). Counting every multiply as one slot
// (1824) would assume a full-rate high-word multiply this chip does not have; that
// figure is printed too, as "nominal".
#include <nlohmann/json.hpp>

#include "bench/harness.hpp"
#include "bench/int_mul_rates.cuh"

namespace zkgpu::bench {

struct Poseidon2MulBound {
  static constexpr double kWide = 8 * 16 * 2 + 20 * 2;  // 296
  static constexpr double kLo = kWide + 20 * 16;        // 616
  static constexpr double kHi = kLo;                    // 616
  static constexpr double kSlots = kLo + 2 * kWide + 2 * kHi;    // 2440
  static constexpr double kNominalSlots = kLo + 2 * kWide + kHi;  // 1824

  double perms_per_s = 0;          // the bound
  double nominal_perms_per_s = 0;  // every multiply at the IMAD rate
  IntMulRates measured;            // per SM per clock, for the record

  static Poseidon2MulBound compute(const DeviceLimits& lim, cudaStream_t stream) {
    Poseidon2MulBound b;
    b.perms_per_s = lim.int32_mul_per_s / kSlots;
    b.nominal_perms_per_s = lim.int32_mul_per_s / kNominalSlots;
    b.measured = measure_int_mul_rates(lim, stream);
    return b;
  }

  nlohmann::json json() const {
    return {{"mul_bound_perms_per_s", perms_per_s},
            {"mul_slots_per_permutation", kSlots},
            {"multiplies_per_permutation", {{"wide", kWide}, {"lo", kLo}, {"hi", kHi}}},
            {"mul_bound_note",
             "int32_mul_per_s / (lo + 2 x wide + 2 x hi): a high-word or 64-bit multiply takes two IMAD slots "
             "(bench/poseidon2_mul_bound.hpp)"},
            {"measured_mul_per_sm_per_clock", {{"lo", measured.lo}, {"hi", measured.hi}, {"wide", measured.wide}}},
            {"nominal_bound_perms_per_s", nominal_perms_per_s},
            {"nominal_note", "every multiply counted as one IMAD slot (1824 per permutation)"},
            {"target", "within 2x of the bound: fraction_of_mul_bound >= 0.5"}};
  }
};

}  // namespace zkgpu::bench
