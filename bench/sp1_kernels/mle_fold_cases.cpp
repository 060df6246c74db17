// The prover's first binding of base-field multilinears to an extension challenge
// (fix_last_variable: v[2i] + c (v[2i + 1] - v[2i]) into the degree-4 extension):
// the jagged sumcheck's dense trace, one flat table (product_bind<Fe>), and the
// zerocheck's traces, row-major columns (zerocheck_fold<Fe>, which also folds the
// chip's geq column).
#include <random>

#include "bench/sp1_kernels/device_fill.hpp"
#include "bench/sp1_kernels/family.hpp"
#include "bench/sp1_kernels/host_random.hpp"
#include "kernels/sp1/jagged_kernels.hpp"
#include "sp1/multilinear/sumcheck_prover_product.hpp"
#include "sp1/prover/sumcheck_rows.hpp"
#include "sp1/prover_cuda/device_shard.hpp"

namespace zkgpu::bench::sp1k {

namespace {

using sp1::prover::gpu::DeviceBuffer;
using sp1::prover::gpu::download;
using sp1::prover::gpu::Ef;
using sp1::prover::gpu::Fe;
using sp1::prover::gpu::upload;

constexpr uint32_t kTraceWidth = 32;  // the row-major case's columns

std::vector<F> random_base(size_t n, std::mt19937_64& rng) {
  std::vector<F> v(n);
  for (F& x : v) x = F::from_canonical(random_canonical(rng));
  return v;
}

// product_bind<Fe> against the host product sumcheck's binding; zerocheck_fold<Fe>
// (odd rows, a preprocessed part, no geq yet) against its row code run on the host.
bool check(const Env& env, nlohmann::json& shape) {
  std::mt19937_64 rng(71);
  cudaStream_t s = env.stream;
  const EF c = random_ext(rng);
  const size_t n = size_t(1) << 12;
  const std::vector<F> flat = random_base(n, rng);
  const DeviceBuffer<Fe> d_flat = upload<Fe>(flat, s);
  DeviceBuffer<Ef> d_bound(n / 2, s);
  cuda::sp1::product_bind<Fe>(d_flat.data(), n / 2, c, d_bound.data(), s);
  bool same = download(d_bound, n / 2) == sp1::multilinear::product_detail::bind_last<F>(flat, c, 1);

  const uint64_t rows = 259;
  const uint32_t w = 5, pw = 2;
  const uint64_t pairs = (rows + 1) / 2;
  const std::vector<F> main = random_base(rows * w, rng), prep = random_base(rows * pw, rng);
  std::vector<EF> want_main(pairs * w), want_prep(pairs * pw), want_geq(pairs);
  for (uint64_t i = 0; i < pairs * (w + pw + 1); ++i)
    sp1::prover::rows::zerocheck_fold_at<F>(main.data(), prep.data(), nullptr, rows, w, pw, c, want_main.data(),
                                            want_prep.data(), want_geq.data(), i);
  const DeviceBuffer<Fe> d_main = upload<Fe>(main, s), d_prep = upload<Fe>(prep, s);
  DeviceBuffer<Ef> o_main(pairs * w, s), o_prep(pairs * pw, s), o_geq(pairs, s);
  cuda::sp1::zerocheck_fold<Fe>(d_main.data(), d_prep.data(), nullptr, rows, w, pw, c, o_main.data(), o_prep.data(),
                                o_geq.data(), s);
  same = same && download(o_main, pairs * w) == want_main && download(o_prep, pairs * pw) == want_prep &&
         download(o_geq, pairs) == want_geq;
  shape = {{"flat_entries", n}, {"trace", "259 rows x (5 main + 2 preprocessed)"}};
  return same;
}

}  // namespace

Family mle_fold_family(const Env& env, const std::vector<unsigned>& log_sizes) {
  Family f{"mle_fold", false, {}, {}};
  f.check = check(env, f.check_shape);
  cudaStream_t s = env.stream;
  std::mt19937_64 rng(81);
  const EF c = random_ext(rng);
  for (unsigned log_n : log_sizes) {
    const uint64_t n = uint64_t(1) << log_n;
    DeviceBuffer<Fe> in(n, s);
    fill_koalabear(in, 900 + log_n);
    DeviceBuffer<Ef> out(n / 2, s);
    {
      const double ms =
          median_ms(s, env.reps, [&] { cuda::sp1::product_bind<Fe>(in.data(), n / 2, c, out.data(), s); });
      f.cases.push_back({"flat_table", {{"entries", n}, {"columns", 1}, {"log_entries", log_n}},
                         {"product_bind<Fe>"}, 4.0 * double(n) + 8.0 * double(n), ms});
    }
    {
      const uint64_t rows = n / kTraceWidth;
      DeviceBuffer<Ef> geq(rows / 2, s);
      const double ms = median_ms(s, env.reps, [&] {
        cuda::sp1::zerocheck_fold<Fe>(in.data(), nullptr, nullptr, rows, kTraceWidth, 0, c, out.data(), nullptr,
                                      geq.data(), s);
      });
      f.cases.push_back({"row_major_trace",
                         {{"entries", n}, {"rows", rows}, {"columns", kTraceWidth}, {"log_entries", log_n}},
                         {"zerocheck_fold<Fe>"}, 4.0 * double(n) + 8.0 * double(n) + 8.0 * double(rows), ms});
    }
  }
  return f;
}

}  // namespace zkgpu::bench::sp1k
