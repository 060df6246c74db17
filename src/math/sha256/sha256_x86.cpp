// SHA-256 compression with the x86 SHA extensions (SHA-NI), for hashing large
// proving keys at memory speed. Used only when the CPU reports them.
#include "math/sha256/sha256_blocks.hpp"

#if defined(__x86_64__)
#include <immintrin.h>

namespace zkgpu::crypto::detail {


__attribute__((target("sha,sse4.1,ssse3"))) void sha256_blocks_shani(uint32_t state[8], const uint8_t* data,
                                                                       size_t blocks) {
  // The instructions keep the state as (A, B, E, F) and (C, D, G, H), lane 3 first.
  const __m128i abcd = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state));
  const __m128i efgh = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4));
  const __m128i badc = _mm_shuffle_epi32(abcd, 0xB1);
  const __m128i hgfe = _mm_shuffle_epi32(efgh, 0x1B);
  __m128i s0 = _mm_alignr_epi8(badc, hgfe, 8);     // ABEF
  __m128i s1 = _mm_blend_epi16(hgfe, badc, 0xF0);  // CDGH
  // Message words are big-endian.
  const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);

  for (; blocks > 0; --blocks, data += 64) {
    const __m128i s0_saved = s0, s1_saved = s1;
    __m128i w[4];  // the schedule, four words at a time, in a ring
    for (int g = 0; g < 16; ++g) {
      __m128i& wg = w[g & 3];
      if (g < 4) {
        wg = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * g)), bswap);
      } else {
        // W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16], four at a time:
        // msg1 gives W[t-16] + s0(W[t-15]); alignr supplies W[t-7 .. t-4];
        // msg2 adds s1 of the two preceding words.
        const __m128i prev = w[(g - 1) & 3], prev2 = w[(g - 2) & 3];
        __m128i x = _mm_sha256msg1_epu32(wg, w[(g - 3) & 3]);
        x = _mm_add_epi32(x, _mm_alignr_epi8(prev, prev2, 4));
        wg = _mm_sha256msg2_epu32(x, prev);
      }
      __m128i msg = _mm_add_epi32(wg, _mm_loadu_si128(reinterpret_cast<const __m128i*>(kSha256K + 4 * g)));
      s1 = _mm_sha256rnds2_epu32(s1, s0, msg);
      msg = _mm_shuffle_epi32(msg, 0x0E);
      s0 = _mm_sha256rnds2_epu32(s0, s1, msg);
    }
    s0 = _mm_add_epi32(s0, s0_saved);
    s1 = _mm_add_epi32(s1, s1_saved);
  }

  const __m128i feba = _mm_shuffle_epi32(s0, 0x1B);
  const __m128i dchg = _mm_shuffle_epi32(s1, 0xB1);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state), _mm_blend_epi16(feba, dchg, 0xF0));     // ABCD
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4), _mm_alignr_epi8(dchg, feba, 8));  // EFGH
}

bool have_shani() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1") && __builtin_cpu_supports("ssse3");
}

}  // namespace zkgpu::crypto::detail

#else

namespace zkgpu::crypto::detail {
void sha256_blocks_shani(uint32_t*, const uint8_t*, size_t) {}
bool have_shani() { return false; }
}  // namespace zkgpu::crypto::detail

#endif
