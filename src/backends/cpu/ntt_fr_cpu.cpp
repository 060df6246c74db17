#include "backends/cpu/ntt_fr_cpu.hpp"

#include <bit>
#include <utility>
#include <vector>

#include "common/parallel_ranges.hpp"

namespace zkgpu::bn254_cpu {

using namespace bn254;

namespace {

constexpr size_t kMinPerThread = 1 << 12;

// values[i] *= g^i (start from g^begin per range, then step by g).
void scale_by_powers(std::span<Fr> values, const Fr& g, unsigned threads) {
  parallel_ranges(values.size(), threads, kMinPerThread, [&](size_t b, size_t e) {
    Fr x = g.pow(uint64_t(b));
    for (size_t i = b; i < e; ++i) {
      values[i] *= x;
      x *= g;
    }
  });
}

uint64_t reverse_bits(uint64_t x, unsigned bits) {
  uint64_t r = 0;
  for (unsigned i = 0; i < bits; ++i, x >>= 1) r = (r << 1) | (x & 1);
  return r;
}

void bit_reverse(std::span<Fr> values, unsigned log_n, unsigned threads) {
  parallel_ranges(values.size(), threads, kMinPerThread, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) {
      const size_t j = size_t(reverse_bits(i, log_n));
      if (i < j) std::swap(values[i], values[j]);  // each pair swapped once, by the range holding i
    }
  });
}

}  // namespace

void ntt_fr(std::span<Fr> values, bool inverse, bool coset, unsigned threads) {
  const size_t n = values.size();
  if (n <= 1) {
    // Size 1: the transform is the identity, the coset scaling is by g^0 = 1.
    return;
  }
  const unsigned log_n = unsigned(std::countr_zero(n));
  if (coset && !inverse) scale_by_powers(values, coset_shift(log_n), threads);

  Fr w = root_of_unity(log_n);
  if (inverse) w = w.inverse();
  // twiddles[j] = w^j, j < n/2; the stage of half-size m uses stride n / (2m).
  std::vector<Fr> twiddles(n / 2);
  parallel_ranges(n / 2, threads, kMinPerThread, [&](size_t b, size_t e) {
    Fr x = w.pow(uint64_t(b));
    for (size_t j = b; j < e; ++j) {
      twiddles[j] = x;
      x *= w;
    }
  });

  bit_reverse(values, log_n, threads);
  for (size_t m = 1; m < n; m <<= 1) {
    const size_t stride = n / (2 * m);
    parallel_ranges(n / 2, threads, kMinPerThread, [&](size_t b, size_t e) {
      for (size_t k = b; k < e; ++k) {
        const size_t j = k & (m - 1);
        const size_t i0 = ((k - j) << 1) + j;
        const Fr t = values[i0 + m] * twiddles[j * stride];
        values[i0 + m] = values[i0] - t;
        values[i0] += t;
      }
    });
  }

  if (inverse) {
    const Fr n_inv = Fr::from_u64(n).inverse();
    if (coset) {
      const Fr gi = coset_shift(log_n).inverse();
      parallel_ranges(n, threads, kMinPerThread, [&](size_t b, size_t e) {
        Fr x = gi.pow(uint64_t(b)) * n_inv;
        for (size_t i = b; i < e; ++i) {
          values[i] *= x;
          x *= gi;
        }
      });
    } else {
      parallel_ranges(n, threads, kMinPerThread, [&](size_t b, size_t e) {
        for (size_t i = b; i < e; ++i) values[i] *= n_inv;
      });
    }
  }
}

std::vector<Fr> dft_fr_naive(std::span<const Fr> coeffs, bool coset) {
  const size_t n = coeffs.size();
  std::vector<Fr> out(n, Fr::zero());
  if (n == 0) return out;
  const unsigned log_n = unsigned(std::countr_zero(n));
  const Fr w = root_of_unity(log_n);
  const Fr g = coset ? coset_shift(log_n) : Fr::one();
  Fr xk = g;  // evaluation point g w^k
  for (size_t k = 0; k < n; ++k) {
    Fr acc = Fr::zero(), xp = Fr::one();
    for (size_t j = 0; j < n; ++j) {
      acc += coeffs[j] * xp;
      xp *= xk;
    }
    out[k] = acc;
    xk *= w;
  }
  return out;
}

}  // namespace zkgpu::bn254_cpu
