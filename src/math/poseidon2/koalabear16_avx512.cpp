// The vector form of permute<KoalaBear16> on the host (poseidon2_31.hpp holds the
// structure and the constants' provenance): the whole state is one 512-bit register
// of Montgomery words. Every value stays a canonical Montgomery word in
// [0, p), so the result equals the portable code's word for word.
//   - Montgomery products: 32 x 32 -> 64-bit products of the even and the odd lanes,
//     each reduced as in detail::redc (t = lo * p^-1, hi(x) - hi(t p), + p when
//     negative), the two halves interleaved back.
//   - External layer: the 4 x 4 block of lanes k..k+3 is one 128-bit lane, so
//     y_i = (x_i + x_{i+1} + x_{i+2} + x_{i+3}) + x_i + 2 x_{i+1} (indices within the
//     block) takes rotations inside 128-bit lanes; the sums over blocks take
//     rotations of the 128-bit lanes.
//   - Internal layer R^-1 (J + diag(D)): word(new_i) = REDC(sum w) + REDC(D_i w_i)
//     (REDC is linear mod p), i.e. one vector product by the words D_i plus the
//     broadcast reduction of the lanes' sum.
#include "math/poseidon2/poseidon2_31.hpp"

#if defined(__x86_64__)
// GCC 12's AVX-512 intrinsics pass _mm512_undefined_epi32() as the unused
// pass-through operand, which -Wuninitialized reports at every call site.
#pragma GCC diagnostic ignored "-Wuninitialized"
#include <immintrin.h>

namespace zkgpu::poseidon2 {

namespace {

using F = KoalaBear16::F;
constexpr uint32_t kP = F::kP;

#define ZK_AVX512 __attribute__((target("avx512f")))

ZK_AVX512 inline __m512i add_mod(__m512i a, __m512i b, __m512i p) {
  const __m512i t = _mm512_add_epi32(a, b);
  return _mm512_min_epu32(t, _mm512_sub_epi32(t, p));
}

// hi(x) - hi(t p) for the 64-bit lanes x, t = lo(x) * mu: the Montgomery quotient
// difference in the high 32 bits of each 64-bit lane (the low words cancel).
ZK_AVX512 inline __m512i redc_high(__m512i x, __m512i mu, __m512i p) {
  const __m512i t = _mm512_mul_epu32(x, mu);
  return _mm512_sub_epi64(x, _mm512_mul_epu32(t, p));
}

ZK_AVX512 inline __m512i mul_mod(__m512i a, __m512i b, __m512i p, __m512i mu) {
  const __m512i even = redc_high(_mm512_mul_epu32(a, b), mu, p);
  const __m512i odd = redc_high(_mm512_mul_epu32(_mm512_srli_epi64(a, 32), _mm512_srli_epi64(b, 32)), mu, p);
  const __m512i r = _mm512_mask_blend_epi32(0xAAAA, _mm512_srli_epi64(even, 32), odd);  // in (-p, p)
  return _mm512_min_epu32(r, _mm512_add_epi32(r, p));
}

ZK_AVX512 inline __m512i sbox(__m512i x, __m512i p, __m512i mu) { return mul_mod(mul_mod(x, x, p, mu), x, p, mu); }

ZK_AVX512 inline __m512i external_layer(__m512i x, __m512i p) {
  const __m512i r1 = _mm512_shuffle_epi32(x, _MM_PERM_ADCB);  // x_{i+1} within each block
  const __m512i r2 = _mm512_shuffle_epi32(x, _MM_PERM_BADC);
  const __m512i r3 = _mm512_shuffle_epi32(x, _MM_PERM_CBAD);
  const __m512i block = add_mod(add_mod(x, r1, p), add_mod(r2, r3, p), p);
  const __m512i y = add_mod(add_mod(block, x, p), add_mod(r1, r1, p), p);
  const __m512i l1 = _mm512_shuffle_i32x4(y, y, _MM_PERM_ADCB);
  const __m512i l2 = _mm512_shuffle_i32x4(y, y, _MM_PERM_BADC);
  const __m512i l3 = _mm512_shuffle_i32x4(y, y, _MM_PERM_CBAD);
  const __m512i sums = add_mod(add_mod(y, l1, p), add_mod(l2, l3, p), p);
  return add_mod(y, sums, p);
}

}  // namespace

ZK_AVX512 void permute_koalabear16_avx512(F (&words)[kWidth31], const KoalaBear16::Constants& rc) {
  const __m512i p = _mm512_set1_epi32(int(kP)), mu = _mm512_set1_epi64(F::kMu);
  // The words of D = [-2, 2^0, 2^1, ..., 2^13, 2^15] (a word w stands for w R^-1).
  const __m512i diag = _mm512_setr_epi32(int(kP - 2), 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192,
                                         32768);
  __m512i s = external_layer(_mm512_loadu_si512(words), p);
  for (int r = 0; r < KoalaBear16::kHalfFull; ++r)
    s = external_layer(sbox(add_mod(s, _mm512_loadu_si512(rc.initial[r]), p), p, mu), p);
  // Lane 0's S-box is scalar work on the critical path; lanes 1..15's products and
  // sum do not wait for it.
  const __m512i low_words = _mm512_set1_epi64(0xffffffff), lanes_1_to_15 = _mm512_setr_epi32(0, -1, -1, -1, -1, -1, -1,
                                                                                             -1, -1, -1, -1, -1, -1,
                                                                                             -1, -1, -1);
  for (int r = 0; r < KoalaBear16::kPartial; ++r) {
    const __m512i rest = _mm512_and_si512(s, lanes_1_to_15);
    const uint64_t rest_sum =
        _mm512_reduce_add_epi64(_mm512_and_si512(rest, low_words)) + _mm512_reduce_add_epi64(_mm512_srli_epi64(rest, 32));
    const __m512i products = mul_mod(s, diag, p, mu);  // lane 0 replaced below
    const uint32_t x0 = uint32_t(_mm512_cvtsi512_si32(s)) + rc.internal[r];  // < 2p < 2^32
    const uint32_t w0 = KoalaBear16::sbox(F::from_raw(detail::reduce_once<F>(x0))).v;
    const __m512i sum_word = _mm512_set1_epi32(int(detail::redc<F>(rest_sum + w0)));
    const uint32_t product0 = detail::redc<F>(uint64_t(w0) * (kP - 2));
    s = add_mod(_mm512_mask_set1_epi32(products, 1, int(product0)), sum_word, p);
  }
  for (int r = 0; r < KoalaBear16::kHalfFull; ++r)
    s = external_layer(sbox(add_mod(s, _mm512_loadu_si512(rc.terminal[r]), p), p, mu), p);
  _mm512_storeu_si512(words, s);
}

bool have_avx512_koalabear16() {
  static const bool have = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") != 0;
  }();
  return have;
}

}  // namespace zkgpu::poseidon2

#else

namespace zkgpu::poseidon2 {
void permute_koalabear16_avx512(KoalaBear16::F (&)[kWidth31], const KoalaBear16::Constants&) {}
bool have_avx512_koalabear16() { return false; }
}  // namespace zkgpu::poseidon2

#endif
