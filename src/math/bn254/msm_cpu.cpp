#include "math/bn254/msm_cpu.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "common/parallel_ranges.hpp"
#include "math/bn254/msm_digits.hpp"

namespace zkgpu::bn254_cpu {

using namespace bn254;

unsigned msm_cpu_window_bits(size_t n) {
  // ~ln(n) + 2 balances n additions per window against 2^c bucket-reduction adds.
  const double c = std::floor(std::log(double(std::max<size_t>(n, 1)))) + 2;
  return unsigned(std::clamp(c, 3.0, 16.0));
}

namespace {

// Sum over one window of the points in [begin, end): bucket accumulation then
// the running-sum reduction sum_b b * bucket[b].
template <class F>
Xyzz<F> window_sum(std::span<const Affine<F>> bases, std::span<const FrRaw> scalars, unsigned c, unsigned w,
                   size_t begin, size_t end) {
  const size_t nb = size_t(1) << (c - 1);  // buckets 1 .. 2^(c-1), stored at [0, nb)
  std::vector<Xyzz<F>> buckets(nb, Xyzz<F>::infinity());
  for (size_t i = begin; i < end; ++i) {
    const int32_t d = msm_signed_digit(scalars[i], c, w);
    if (d == 0) continue;
    auto& b = buckets[size_t(d > 0 ? d : -d) - 1];
    b = b.add_mixed(d > 0 ? bases[i] : -bases[i]);
  }
  Xyzz<F> running = Xyzz<F>::infinity(), sum = Xyzz<F>::infinity();
  for (size_t b = nb; b-- > 0;) {
    running += buckets[b];
    sum += running;
  }
  return sum;
}

}  // namespace

template <class F>
Jacobian<F> msm_pippenger(std::span<const Affine<F>> bases, std::span<const FrRaw> scalars, unsigned threads,
                          unsigned c) {
  const size_t n = std::min(bases.size(), scalars.size());
  if (n == 0) return Jacobian<F>::infinity();
  if (c == 0) c = msm_cpu_window_bits(n);
  const unsigned windows = msm_window_count(c);
  threads = std::max(1u, threads);
  // Tasks = windows x chunks of points, enough to keep every thread busy.
  const size_t chunks = std::clamp<size_t>((threads + windows - 1) / windows, 1, std::max<size_t>(1, n / 256));
  const size_t tasks = size_t(windows) * chunks;
  std::vector<Xyzz<F>> partial(tasks, Xyzz<F>::infinity());
  parallel_ranges(tasks, threads, 1, [&](size_t tb, size_t te) {
    for (size_t t = tb; t < te; ++t) {
      const unsigned w = unsigned(t / chunks);
      const size_t k = t % chunks;
      partial[t] = window_sum<F>(bases, scalars, c, w, n * k / chunks, n * (k + 1) / chunks);
    }
  });
  // Horner over windows, highest first: acc = acc * 2^c + window_sum.
  Jacobian<F> acc = Jacobian<F>::infinity();
  for (unsigned w = windows; w-- > 0;) {
    for (unsigned i = 0; i < c; ++i) acc = acc.dbl();
    Xyzz<F> ws = Xyzz<F>::infinity();
    for (size_t k = 0; k < chunks; ++k) ws += partial[size_t(w) * chunks + k];
    acc += ws.to_jacobian();
  }
  return acc;
}

template <class F>
Jacobian<F> msm_naive(std::span<const Affine<F>> bases, std::span<const FrRaw> scalars) {
  Jacobian<F> acc = Jacobian<F>::infinity();
  const size_t n = std::min(bases.size(), scalars.size());
  for (size_t i = 0; i < n; ++i) acc += scalar_mul(Jacobian<F>::from_affine(bases[i]), scalars[i]);
  return acc;
}

template Jacobian<Fq> msm_pippenger<Fq>(std::span<const Affine<Fq>>, std::span<const FrRaw>, unsigned, unsigned);
template Jacobian<Fq2> msm_pippenger<Fq2>(std::span<const Affine<Fq2>>, std::span<const FrRaw>, unsigned, unsigned);
template Jacobian<Fq> msm_naive<Fq>(std::span<const Affine<Fq>>, std::span<const FrRaw>);
template Jacobian<Fq2> msm_naive<Fq2>(std::span<const Affine<Fq2>>, std::span<const FrRaw>);

}  // namespace zkgpu::bn254_cpu
