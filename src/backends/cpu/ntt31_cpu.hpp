#pragma once
// The reference radix-2 NTT over row-major strips of Montgomery-form elements:
// an explicit bit-reversal of the rows, then iterative Cooley-Tukey (DIT)
// butterflies applied to whole rows, so every column is transformed at once.
// Natural order in, natural order out.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace zkgpu::f31cpu {

// Swaps row i with row bitrev(i) in an n x w row-major strip (n a power of two).
template <class F>
void bit_reverse_rows(F* data, size_t n, size_t w) {
  unsigned log_n = 0;
  while ((size_t(1) << log_n) < n) ++log_n;
  for (size_t i = 0; i < n; ++i) {
    size_t r = 0;
    for (unsigned b = 0; b < log_n; ++b) r |= ((i >> b) & 1) << (log_n - 1 - b);
    if (i < r)
      for (size_t c = 0; c < w; ++c) std::swap(data[i * w + c], data[r * w + c]);
  }
}

// DIT butterflies on bit-reversed rows with root `omega` of order n: afterwards
// row k holds sum_j x_j omega^(jk) for the original (natural-order) rows x_j.
template <class F>
void dit_butterflies(F* data, size_t n, size_t w, F omega) {
  // powers[k] = omega^k for k < n/2; the stage with half-size h uses stride n/(2h).
  std::vector<F> powers(n / 2 ? n / 2 : 1);
  powers[0] = F::one();
  for (size_t k = 1; k < n / 2; ++k) powers[k] = powers[k - 1] * omega;
  for (size_t h = 1; h < n; h *= 2) {
    const size_t stride = n / (2 * h);
    for (size_t start = 0; start < n; start += 2 * h) {
      for (size_t j = 0; j < h; ++j) {
        const F t = powers[j * stride];
        F* lo = data + (start + j) * w;
        F* hi = data + (start + j + h) * w;
        for (size_t c = 0; c < w; ++c) {
          const F u = lo[c], v = hi[c] * t;
          lo[c] = u + v;
          hi[c] = u - v;
        }
      }
    }
  }
}

// Forward (root omega_n) or inverse (root omega_n^-1, then scaled by 1/n) NTT of
// an n x w strip, n = 2^log_n.
template <class F>
void ntt_strip(F* data, size_t n, size_t w, unsigned log_n, bool inverse) {
  bit_reverse_rows(data, n, w);
  const F omega = F::two_adic_generator(log_n);
  dit_butterflies(data, n, w, inverse ? omega.inverse() : omega);
  if (inverse) {
    const F n_inv = F::from_canonical(uint32_t(n)).inverse();
    for (size_t i = 0; i < n * w; ++i) data[i] *= n_inv;
  }
}

// Copies columns [c0, c1) of a row-major canonical matrix into a Montgomery strip.
template <class F>
std::vector<F> load_strip(const uint32_t* m, size_t rows, size_t cols, size_t c0, size_t c1) {
  const size_t w = c1 - c0;
  std::vector<F> s(rows * w);
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < w; ++c) s[r * w + c] = F::from_canonical(m[r * cols + c0 + c]);
  return s;
}

template <class F>
void store_strip(const std::vector<F>& s, uint32_t* m, size_t rows, size_t cols, size_t c0, size_t c1) {
  const size_t w = c1 - c0;
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < w; ++c) m[r * cols + c0 + c] = s[r * w + c].to_canonical();
}

}  // namespace zkgpu::f31cpu
