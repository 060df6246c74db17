#include "groth16/qap.hpp"

#include <algorithm>
#include <atomic>

#include "backends/cpu/bn254_parallel.hpp"

namespace zkgpu::groth16 {

using bn254::Fr;
using bn254::FrRaw;

namespace {

constexpr size_t kMinPerThread = 1 << 14;

bool sorted_by_constraint(std::span<const Coefficient> coeffs, unsigned threads) {
  std::atomic<bool> sorted{true};
  bn254_cpu::parallel_ranges(coeffs.size(), threads, kMinPerThread, [&](size_t b, size_t e) {
    for (size_t i = std::max<size_t>(b, 1); i < e; ++i)
      if (coeffs[i].constraint < coeffs[i - 1].constraint) {
        sorted = false;
        return;
      }
  });
  return sorted;
}

}  // namespace

QapEvaluations evaluate_qap(const ProvingKey& key, std::span<const FrRaw> witness, unsigned threads) {
  const size_t n = key.domain_size;
  threads = std::max(1u, threads);
  QapEvaluations q{std::vector<Fr>(n, Fr::zero()), std::vector<Fr>(n, Fr::zero()), {}};

  std::vector<Fr> w(witness.size());
  bn254_cpu::parallel_ranges(w.size(), threads, kMinPerThread, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) w[i] = Fr::from_canonical(witness[i]);
  });

  const std::span<const Coefficient> coeffs = key.coefficients;
  Fr* const out[2] = {q.a.data(), q.b.data()};
  const size_t parts = std::max<size_t>(1, std::min<size_t>(threads, coeffs.size() / kMinPerThread));
  if (sorted_by_constraint(coeffs, threads)) {
    // Cut the coefficient list into `parts` pieces, moving each cut forward to
    // the next change of constraint, so that no row is written by two threads.
    std::vector<size_t> cut(parts + 1);
    cut[parts] = coeffs.size();
    for (size_t p = 1; p < parts; ++p) {
      size_t c = std::max(cut[p - 1], coeffs.size() * p / parts);
      while (c > 0 && c < coeffs.size() && coeffs[c].constraint == coeffs[c - 1].constraint) ++c;
      cut[p] = c;
    }
    bn254_cpu::parallel_ranges(parts, unsigned(parts), 1, [&](size_t pb, size_t pe) {
      for (size_t p = pb; p < pe; ++p)
        for (size_t i = cut[p]; i < cut[p + 1]; ++i) {
          const Coefficient& c = coeffs[i];
          Fr& acc = out[c.matrix][c.constraint];
          acc += c.value * w[c.signal];
        }
    });
  } else {
    // Each thread owns a range of constraints and picks its entries from the whole list.
    bn254_cpu::parallel_ranges(n, unsigned(parts), 1, [&](size_t rb, size_t re) {
      for (const Coefficient& c : coeffs)
        if (c.constraint >= rb && c.constraint < re) out[c.matrix][c.constraint] += c.value * w[c.signal];
    });
  }

  q.c.resize(n);
  bn254_cpu::parallel_ranges(n, threads, kMinPerThread, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) q.c[i] = q.a[i] * q.b[i];
  });
  return q;
}

std::vector<FrRaw> join_abc(std::span<const Fr> a, std::span<const Fr> b, std::span<const Fr> c, unsigned threads) {
  std::vector<FrRaw> out(a.size());
  bn254_cpu::parallel_ranges(a.size(), std::max(1u, threads), kMinPerThread, [&](size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; ++i) out[i] = (a[i] * b[i] - c[i]).to_canonical();
  });
  return out;
}

}  // namespace zkgpu::groth16
