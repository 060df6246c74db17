#include "groth16/qap.hpp"

#include <algorithm>
#include <atomic>
#include <vector>

#include "common/parallel_ranges.hpp"

namespace zkgpu::groth16 {

using bn254::Fr;
using bn254::FrRaw;

namespace {

constexpr size_t kMinPerThread = 1 << 14;

}  // namespace

bool coefficients_sorted(const ProvingKey& key, unsigned threads) {
  const std::span<const Coefficient> coeffs = key.coefficients;
  std::atomic<bool> sorted{true};
  parallel_ranges(coeffs.size(), threads, kMinPerThread, [&](size_t b, size_t e) {
    for (size_t i = std::max<size_t>(b, 1); i < e; ++i)
      if (coeffs[i].constraint < coeffs[i - 1].constraint) {
        sorted = false;
        return;
      }
  });
  return sorted;
}

QapEvaluations evaluate_qap(const ProvingKey& key, std::span<const FrRaw> witness, unsigned threads, bool sorted) {
  const size_t n = key.domain_size;
  threads = std::max(1u, threads);
  QapEvaluations q{HostBuffer<Fr>(n), HostBuffer<Fr>(n), HostBuffer<Fr>(n)};

  // The witness in Montgomery form.
  HostBuffer<Fr> w(witness.size());
  parallel_ranges(w.size(), threads, kMinPerThread, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) w[i] = Fr::from_canonical(witness[i]);
  });

  // One pass: each thread zeroes the rows it owns, adds up their coefficients,
  // then forms C = A·B on them while they are still in its cache.
  Fr* const a = q.a.data();
  Fr* const b = q.b.data();
  Fr* const out[2] = {a, b};
  auto zero_rows = [&](size_t r0, size_t r1) {
    std::fill(a + r0, a + r1, Fr::zero());
    std::fill(b + r0, b + r1, Fr::zero());
  };
  auto finish_rows = [&](size_t r0, size_t r1) {
    for (size_t i = r0; i < r1; ++i) q.c[i] = a[i] * b[i];
  };
  const std::span<const Coefficient> coeffs = key.coefficients;
  const size_t parts = std::max<size_t>(1, std::min<size_t>(threads, coeffs.size() / kMinPerThread));
  if (sorted) {
    // Cut the coefficient list into `parts` pieces, moving each cut forward to
    // the next change of constraint; piece p owns the rows from its first
    // constraint up to the next piece's, so no row is written by two threads.
    std::vector<size_t> cut(parts + 1), row(parts + 1);
    cut[parts] = coeffs.size();
    row[parts] = n;
    for (size_t p = 1; p < parts; ++p) {
      size_t c = std::max(cut[p - 1], coeffs.size() * p / parts);
      while (c > 0 && c < coeffs.size() && coeffs[c].constraint == coeffs[c - 1].constraint) ++c;
      cut[p] = c;
      row[p] = c < coeffs.size() ? coeffs[c].constraint : n;
    }
    parallel_ranges(parts, unsigned(parts), 1, [&](size_t pb, size_t pe) {
      for (size_t p = pb; p < pe; ++p) {
        zero_rows(row[p], row[p + 1]);
        for (size_t i = cut[p]; i < cut[p + 1]; ++i) {
          const Coefficient& c = coeffs[i];
          out[c.matrix][c.constraint] += c.value * w[c.signal];
        }
        finish_rows(row[p], row[p + 1]);
      }
    });
  } else {
    // Each thread owns a range of rows and picks their entries from the whole list.
    parallel_ranges(n, unsigned(parts), 1, [&](size_t rb, size_t re) {
      zero_rows(rb, re);
      for (const Coefficient& c : coeffs)
        if (c.constraint >= rb && c.constraint < re) out[c.matrix][c.constraint] += c.value * w[c.signal];
      finish_rows(rb, re);
    });
  }
  return q;
}

HostBuffer<FrRaw> join_abc(std::span<const Fr> a, std::span<const Fr> b, std::span<const Fr> c, unsigned threads) {
  HostBuffer<FrRaw> out(a.size());
  parallel_ranges(a.size(), std::max(1u, threads), kMinPerThread, [&](size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; ++i) out[i] = (a[i] * b[i] - c[i]).to_canonical();
  });
  return out;
}

}  // namespace zkgpu::groth16
