#pragma once
// Poseidon2 over the 31-bit fields, width 16, usable from host C++ and CUDA
// device code. The state is 16 Montgomery-form field elements (f31::Monty31);
// round constants are passed in by reference so that host code reads them from
// an ordinary constexpr table and device code from __constant__ memory.
//
// Round structure (Plonky3 poseidon2/src/external.rs external_initial_permute_state /
// external_terminal_permute_state, and the internal rounds of SP1's
// sp1-gpu/crates/sys/include/poseidon2/poseidon2.cuh `permute`):
//   external linear layer;
//   4 full rounds: add constants, S-box on every element, external linear layer;
//   P partial rounds: add constant to s[0], S-box on s[0], internal linear layer;
//   4 full rounds as above with the terminal constants.
//
// Instances:
//   KoalaBear16        SP1 v6's permutation (KoalaPerm / my_kb_16_perm). Its internal
//                      layer is Plonky3 0.4.3-succinct's DiffusionMatrixKoalaBear, which is
//                      R^-1 * (J + diag(D)), R = 2^32, D = [-2, 1, 2, 4, ..., 2^13, 2^15]
//                      (SP1 slop/crates/koala-bear/src/lib.rs test
//                      `the_internal_layer_has_r_inverse_folded_into_it`). SP1 v6 defines no
//                      KoalaBear width-24 permutation (KoalaPerm is fixed to width 16 and
//                      sp1-gpu ships only poseidon2_kb31_16.cuh), so width 24 is not provided.
//   KoalaBear16Plonky3 Today's upstream Plonky3 default_koalabear_poseidon2_16: the same round
//                      constants with the "optimised diagonal" internal layer J + diag(V). Not
//                      what SP1 uses; kept because Plonky3 hard-codes a known answer for it,
//                      which pins the constants, the external layer and the round structure.
//   BabyBear16         Plonky3's default_babybear_poseidon2_16 (x^7, 13 partial rounds).
#include <cstdint>
#include <type_traits>

#include "math/field31/field31.hpp"
#include "math/hd.hpp"
#include "math/poseidon2/constants_babybear16.hpp"
#include "math/poseidon2/constants_koalabear16.hpp"

// Loops over the 16 state elements are unrolled on the device so the state stays
// in registers. Loops over full rounds are kept rolled: the fully unrolled
// permutation is about 80 KB of machine code, and warps then stall on
// instruction fetch for a large share of their cycles. permute<I, true> also
// unrolls the partial rounds (their constants become immediates): about 1% faster
// for the batched permutation kernel on an H100 and 12% lower latency for one
// permutation (the Merkle compressions use it), but 1-2% slower inside the Merkle
// sponge loop, which keeps the rolled default. The host passes (g++, or nvcc's
// host side) do without the pragmas.
#if defined(__CUDA_ARCH__)
#define ZK_P2_UNROLL _Pragma("unroll")
#define ZK_P2_ROLL _Pragma("unroll 1")
#else
#define ZK_P2_UNROLL
#define ZK_P2_ROLL
#endif

namespace zkgpu::poseidon2 {

inline constexpr int kWidth31 = 16;  // every 31-bit instance here has width 16
inline constexpr int kRate31 = 8;    // sponge rate = digest size (PaddingFreeSponge<_, 16, 8, 8>)
inline constexpr int kDigest31 = 8;

// Round constants in Montgomery form, laid out in the order the permutation reads them.
template <int kHalfFull, int kPartial>
struct RoundConstants31 {
  uint32_t initial[kHalfFull][kWidth31];
  uint32_t internal[kPartial];
  uint32_t terminal[kHalfFull][kWidth31];
};

namespace detail {

constexpr uint32_t to_monty(uint32_t x, uint32_t p) { return uint32_t((uint64_t(x) << 32) % p); }

constexpr uint32_t pow_mod(uint64_t base, uint64_t e, uint32_t p) {
  uint64_t acc = 1;
  base %= p;
  while (e) {
    if (e & 1) acc = acc * base % p;
    base = base * base % p;
    e >>= 1;
  }
  return uint32_t(acc);
}

// The canonical integer for the rational sign * num / 2^log_den modulo p.
constexpr uint32_t fraction(int sign, uint32_t num, unsigned log_den, uint32_t p) {
  const uint64_t inv2 = (uint64_t(p) + 1) / 2;
  const uint64_t v = uint64_t(num) * pow_mod(inv2, log_den, p) % p;
  return sign < 0 ? uint32_t((p - v) % p) : uint32_t(v);
}

template <int H, int P>
constexpr RoundConstants31<H, P> monty_constants(uint32_t p, const uint32_t (&initial)[H][kWidth31],
                                                 const uint32_t (&internal)[P],
                                                 const uint32_t (&terminal)[H][kWidth31]) {
  RoundConstants31<H, P> rc{};
  for (int r = 0; r < H; ++r)
    for (int i = 0; i < kWidth31; ++i) {
      rc.initial[r][i] = to_monty(initial[r][i], p);
      rc.terminal[r][i] = to_monty(terminal[r][i], p);
    }
  for (int r = 0; r < P; ++r) rc.internal[r] = to_monty(internal[r], p);
  return rc;
}

// Montgomery reduction without the final correction: for x = hi * 2^32 + lo < p * 2^32
// returns a word in (0, 2p) congruent to x * 2^-32 (t = lo * mu makes x - t * p exact in
// the high word, which is hi - mulhi(t, p) in (-p, p); adding p makes it positive).
template <class F>
ZK_HD uint32_t redc_lazy(uint64_t x) {
  const uint32_t t = uint32_t(x) * F::kMu;
  return uint32_t(x >> 32) - f31::detail::mulhi(t, F::kP) + F::kP;
}

// [0, 2p) -> [0, p): x - p wraps above x exactly when x < p.
template <class F>
ZK_HD uint32_t reduce_once(uint32_t x) {
  return f31::detail::umin(x, x - F::kP);
}

// Montgomery reduction of x < p * 2^32 to [0, p).
template <class F>
ZK_HD uint32_t redc(uint64_t x) {
  return reduce_once<F>(redc_lazy<F>(x));
}

}  // namespace detail

// The 4x4 block of the external layer (Plonky3 apply_mat4):
//   [2 3 1 1]
//   [1 2 3 1]
//   [1 1 2 3]
//   [3 1 1 2]
template <class F>
ZK_HD void mat4(F& x0, F& x1, F& x2, F& x3) {
  const F t01 = x0 + x1;
  const F t23 = x2 + x3;
  const F t0123 = t01 + t23;
  const F t01123 = t0123 + x1;
  const F t01233 = t0123 + x3;
  const F n3 = t01233 + (x0 + x0);
  const F n1 = t01123 + (x2 + x2);
  x0 = t01123 + t01;
  x2 = t01233 + t23;
  x1 = n1;
  x3 = n3;
}

// External linear layer for width 16: mat4 on each block of four, then every
// element adds the sum of its lane class (i mod 4) over the four blocks, i.e.
// multiplication by circ(2*M4, M4, M4, M4) (Plonky3 mds_light_permutation).
template <class F>
ZK_HD void external_layer(F (&s)[kWidth31]) {
ZK_P2_UNROLL
  for (int b = 0; b < kWidth31; b += 4) mat4(s[b], s[b + 1], s[b + 2], s[b + 3]);
  F sums[4];
ZK_P2_UNROLL
  for (int k = 0; k < 4; ++k) sums[k] = (s[k] + s[4 + k]) + (s[8 + k] + s[12 + k]);
ZK_P2_UNROLL
  for (int i = 0; i < kWidth31; ++i) s[i] += sums[i & 3];
}

// Internal layer J + diag(V) for a diagonal given as canonical constants.
template <class F>
ZK_HD void diagonal_internal_layer(F (&s)[kWidth31], const uint32_t (&diag_monty)[kWidth31]) {
  F sum = s[0];
ZK_P2_UNROLL
  for (int i = 1; i < kWidth31; ++i) sum += s[i];
ZK_P2_UNROLL
  for (int i = 0; i < kWidth31; ++i) s[i] = sum + s[i] * F::from_raw(diag_monty[i]);
}

// ---------------------------------------------------------------------------
// SP1 v6 KoalaBear width 16.
struct KoalaBear16 {
  using F = f31::KoalaBear;
  static constexpr int kHalfFull = 4;
  static constexpr int kPartial = 20;
  using Constants = RoundConstants31<kHalfFull, kPartial>;

  static constexpr Constants constants() {
    return detail::monty_constants(F::kP, constants::koalabear16_initial, constants::koalabear16_internal,
                                   constants::koalabear16_terminal);
  }

  // x^3. The square is left unreduced in (0, 2p): its product with x < p is still below
  // p * 2^32, which is all the second Montgomery reduction needs.
  static ZK_HD F sbox(F x) {
    const uint32_t x2 = detail::redc_lazy<F>(uint64_t(x.v) * x.v);
    return F::from_raw(detail::redc<F>(uint64_t(x2) * x.v));
  }

  // new = R^-1 (J + diag(D)) s with D = [-2, 2^0, 2^1, ..., 2^13, 2^15]. On Montgomery
  // words w this is one reduction per element with no multiplication:
  // word(new_i) = REDC(sum(w) + D_i * w_i), since REDC(y) = y * R^-1 and the words carry
  // the factor R (the shift trick of SP1's poseidon2_kb31_16.cuh internalLinearLayer).
  //
  // Lazy form used between partial rounds: lanes 1..15 may enter in [0, 2p) and leave in
  // (0, 2p) (no final correction); lane 0 enters and leaves in [0, p) since the S-box
  // reads it next. Bounds: sum(w) < 32p and 2^15 * w_i < 2^16 p, so every reduction input
  // stays below p * 2^32.
  static ZK_HD void internal_layer_lazy(F (&s)[kWidth31]) {
    uint64_t sum = 0;
ZK_P2_UNROLL
    for (int i = 0; i < kWidth31; ++i) sum += s[i].v;
    const uint32_t w0 = s[0].v;
    // sum - 2*w0 written without unsigned underflow: (sum - w0) + (p - w0).
    s[0] = F::from_raw(detail::redc<F>(sum - w0 + (F::kP - w0)));
ZK_P2_UNROLL
    for (int i = 1; i < kWidth31; ++i) {
      const uint32_t shift = i == 15 ? 15u : uint32_t(i - 1);
      s[i] = F::from_raw(detail::redc_lazy<F>(sum + (uint64_t(s[i].v) << shift)));
    }
  }

  // Brings lanes 1..15 back to [0, p) after the last partial round.
  static ZK_HD void finish_partial(F (&s)[kWidth31]) {
ZK_P2_UNROLL
    for (int i = 1; i < kWidth31; ++i) s[i] = F::from_raw(detail::reduce_once<F>(s[i].v));
  }

  // The exact layer on reduced values.
  static ZK_HD void internal_layer(F (&s)[kWidth31]) {
    internal_layer_lazy(s);
    finish_partial(s);
  }
};

// Upstream Plonky3 KoalaBear width 16 (for known-answer tests of the shared parts only).
struct KoalaBear16Plonky3 {
  using F = f31::KoalaBear;
  static constexpr int kHalfFull = 4;
  static constexpr int kPartial = 20;
  using Constants = RoundConstants31<kHalfFull, kPartial>;

  static constexpr Constants constants() { return KoalaBear16::constants(); }

  // V = [-2, 1, 2, 1/2, 3, 4, -1/2, -3, -4, 1/2^8, 1/8, 1/2^24, -1/2^8, -1/8, -1/16, -1/2^24]
  // (Plonky3/Plonky3 koala-bear/src/poseidon2.rs, KoalaBearInternalLayerParameters, width 16).
  static constexpr uint32_t diag(int i) {
    constexpr int sign[16] = {-1, 1, 1, 1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1, -1, -1};
    constexpr uint32_t num[16] = {2, 1, 2, 1, 3, 4, 1, 3, 4, 1, 1, 1, 1, 1, 1, 1};
    constexpr unsigned log_den[16] = {0, 0, 0, 1, 0, 0, 1, 0, 0, 8, 3, 24, 8, 3, 4, 24};
    return detail::to_monty(detail::fraction(sign[i], num[i], log_den[i], F::kP), F::kP);
  }

  static ZK_HD F sbox(F x) { return x.square() * x; }

  static ZK_HD void internal_layer(F (&s)[kWidth31]) {
    constexpr uint32_t d[kWidth31] = {diag(0), diag(1), diag(2),  diag(3),  diag(4),  diag(5),
                                      diag(6), diag(7), diag(8),  diag(9),  diag(10), diag(11),
                                      diag(12), diag(13), diag(14), diag(15)};
    diagonal_internal_layer(s, d);
  }
  static ZK_HD void internal_layer_lazy(F (&s)[kWidth31]) { internal_layer(s); }
  static ZK_HD void finish_partial(F (&)[kWidth31]) {}
};

// Plonky3 BabyBear width 16 (default_babybear_poseidon2_16).
struct BabyBear16 {
  using F = f31::BabyBear;
  static constexpr int kHalfFull = 4;
  static constexpr int kPartial = 13;
  using Constants = RoundConstants31<kHalfFull, kPartial>;

  static constexpr Constants constants() {
    return detail::monty_constants(F::kP, constants::babybear16_initial, constants::babybear16_internal,
                                   constants::babybear16_terminal);
  }

  // V = [-2, 1, 2, 1/2, 3, 4, -1/2, -3, -4, 1/2^8, 1/4, 1/8, 1/2^27, -1/2^8, -1/16, -1/2^27]
  // (Plonky3/Plonky3 baby-bear/src/poseidon2.rs, BabyBearInternalLayerParameters, width 16).
  static constexpr uint32_t diag(int i) {
    constexpr int sign[16] = {-1, 1, 1, 1, 1, 1, -1, -1, -1, 1, 1, 1, 1, -1, -1, -1};
    constexpr uint32_t num[16] = {2, 1, 2, 1, 3, 4, 1, 3, 4, 1, 1, 1, 1, 1, 1, 1};
    constexpr unsigned log_den[16] = {0, 0, 0, 1, 0, 0, 1, 0, 0, 8, 2, 3, 27, 8, 4, 27};
    return detail::to_monty(detail::fraction(sign[i], num[i], log_den[i], F::kP), F::kP);
  }

  // x^7 (gcd(7, p - 1) = 1 for BabyBear; 3 and 5 divide p - 1).
  static ZK_HD F sbox(F x) {
    const F x2 = x.square();
    const F x3 = x2 * x;
    return x3 * x2.square();
  }

  static ZK_HD void internal_layer(F (&s)[kWidth31]) {
    constexpr uint32_t d[kWidth31] = {diag(0), diag(1), diag(2),  diag(3),  diag(4),  diag(5),
                                      diag(6), diag(7), diag(8),  diag(9),  diag(10), diag(11),
                                      diag(12), diag(13), diag(14), diag(15)};
    diagonal_internal_layer(s, d);
  }
  static ZK_HD void internal_layer_lazy(F (&s)[kWidth31]) { internal_layer(s); }
  static ZK_HD void finish_partial(F (&)[kWidth31]) {}
};

#if !defined(__CUDACC__)
// KoalaBear16 on one AVX-512 register (koalabear16_avx512.cpp): the same words as
// the code below. Host C++ only; permute<KoalaBear16> takes it when the CPU has
// AVX-512F (have_avx512_koalabear16(), checked once).
bool have_avx512_koalabear16();
void permute_koalabear16_avx512(KoalaBear16::F (&s)[kWidth31], const KoalaBear16::Constants& rc);
#endif

// The permutation, in place, on Montgomery-form elements, in portable code.
template <class I, bool kUnrollPartial = false>
ZK_HD void permute_portable(typename I::F (&s)[kWidth31], const typename I::Constants& rc) {
  using F = typename I::F;
  external_layer(s);
ZK_P2_ROLL
  for (int r = 0; r < I::kHalfFull; ++r) {
ZK_P2_UNROLL
    for (int i = 0; i < kWidth31; ++i) s[i] = I::sbox(s[i] + F::from_raw(rc.initial[r][i]));
    external_layer(s);
  }
  if constexpr (kUnrollPartial) {
ZK_P2_UNROLL
    for (int r = 0; r < I::kPartial; ++r) {
      s[0] = I::sbox(s[0] + F::from_raw(rc.internal[r]));
      I::internal_layer_lazy(s);
    }
  } else {
ZK_P2_ROLL
    for (int r = 0; r < I::kPartial; ++r) {
      s[0] = I::sbox(s[0] + F::from_raw(rc.internal[r]));
      I::internal_layer_lazy(s);
    }
  }
  I::finish_partial(s);
ZK_P2_ROLL
  for (int r = 0; r < I::kHalfFull; ++r) {
ZK_P2_UNROLL
    for (int i = 0; i < kWidth31; ++i) s[i] = I::sbox(s[i] + F::from_raw(rc.terminal[r][i]));
    external_layer(s);
  }
}

// The permutation, in place, on Montgomery-form elements.
template <class I, bool kUnrollPartial = false>
ZK_HD void permute(typename I::F (&s)[kWidth31], const typename I::Constants& rc) {
#if !defined(__CUDACC__)
  if constexpr (std::is_same_v<I, KoalaBear16>)
    if (have_avx512_koalabear16()) return permute_koalabear16_avx512(s, rc);
#endif
  permute_portable<I, kUnrollPartial>(s, rc);
}

// Host-side constant tables (device code keeps its own copies in __constant__ memory).
template <class I>
inline constexpr typename I::Constants kHostConstants = I::constants();

}  // namespace zkgpu::poseidon2
