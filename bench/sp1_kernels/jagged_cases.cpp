// The jagged PCS's sumcheck (sp1/prover_cuda/cuda_jagged_sumcheck) at dense sizes
// 2^log_m: the stacked message is resident (as the commitment leaves it), 2^21 rows
// high (the core machine's stacking height), its columns cut into a random jagged
// shape of columns up to 2^20 rows that fills the dense trace.
#include <algorithm>
#include <memory>
#include <random>
#include <string>

#include "backends/cuda/resident_matrix_cuda.hpp"
#include "bench/sp1_kernels/device_fill.hpp"
#include "bench/sp1_kernels/family.hpp"
#include "bench/sp1_kernels/host_random.hpp"
#include "kernels/sp1/jagged_kernels.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/prover_cuda/cuda_jagged_sumcheck.hpp"

namespace zkgpu::bench::sp1k {

namespace {

using sp1::prover::StackedMessage;
using cuda::DeviceBuffer;
using cuda::sp1::Ef;
using cuda::sp1::Fe;

constexpr unsigned kLogStack = 21;     // core_params(): log_stacking_height
constexpr unsigned kRowVars = 22;      // core_params(): max_log_row_count (z_row's size)
constexpr unsigned kMaxLogColumn = 20; // the tallest column of the bench's shapes

// Columns of random heights in [1, 2^max_log] end to end, the last cut so they fill `len`.
std::vector<uint64_t> jagged_prefix(uint64_t len, unsigned max_log, std::mt19937_64& rng) {
  std::vector<uint64_t> prefix{0};
  while (prefix.back() < len) prefix.push_back(std::min(len, prefix.back() + 1 + rng() % (uint64_t(1) << max_log)));
  return prefix;
}

std::vector<EF> column_point(size_t columns, std::mt19937_64& rng) {
  return random_exts(sp1::multilinear::log2_ceil(columns), rng);
}

// Bytes of one round and its binding on tables of n values (a: a_bytes each).
double round_bytes(uint64_t n, double a_bytes) { return double(n) * (a_bytes + 16); }
double bind_bytes(uint64_t n, double a_bytes) { return double(n) * (a_bytes + 16) + double(n / 2) * 32; }

// Every round's polynomial and the final values on the host's and the device's
// tables, binding both at the same random challenges (0 and 1 among them); the
// device reads the message resident, as in the timed cases.
bool check(const Env& env, nlohmann::json& shape) {
  std::mt19937_64 rng(21);
  const unsigned lsh = 10, log_m = 12;
  const size_t height = size_t(1) << lsh, width = 4;
  const std::vector<uint32_t> values = random_canonicals(height * width, rng);
  std::vector<uint64_t> prefix = jagged_prefix((uint64_t(1) << log_m) - 100, 9, rng);
  const uint64_t empty_at = prefix[2];
  prefix.insert(prefix.begin() + 3, empty_at);  // an empty column
  const std::vector<EF> z_row = random_exts(9, rng), z_col = column_point(prefix.size() - 1, rng);
  const std::unique_ptr<ResidentMatrix> resident =
      env.ops.upload(Field31::koalabear, ConstMatrixView{values.data(), height, width});
  const StackedMessage host_rounds[] = {{values, height, width}};
  const StackedMessage device_rounds[] = {{{}, height, width, resident.get()}};
  const auto host = sp1::prover::host_jagged_sumcheck(host_rounds, prefix, z_row, z_col, log_m, 2);
  const auto device =
      sp1::prover::gpu::open_jagged_sumcheck(device_rounds, prefix, z_row, z_col, log_m, env.stream);
  shape = {{"dense_log_size", log_m}, {"stacked", "2^10 x 4"}, {"columns", prefix.size() - 1}};
  bool same = true;
  for (unsigned r = 0; r < log_m; ++r) {
    same = same && device->round_poly() == host->round_poly();
    const EF alpha = r == 0 ? EF::one() : r == 1 ? EF::zero() : random_ext(rng);
    host->bind_last(alpha);
    device->bind_last(alpha);
  }
  return same && device->values() == host->values();
}

void time_size(const Env& env, unsigned log_m, Family& out) {
  std::mt19937_64 rng(100 + log_m);
  const uint64_t len = uint64_t(1) << log_m;
  const unsigned log_height = std::min(log_m, kLogStack);
  const size_t height = size_t(1) << log_height, width = size_t(len >> log_height);
  CudaResidentMatrix message(&env.ops, Field31::koalabear, height, width, env.stream);
  fill_koalabear(message.values, 1000 + log_m);
  const StackedMessage rounds[] = {{{}, height, width, &message}};
  const std::vector<uint64_t> prefix = jagged_prefix(len, kMaxLogColumn, rng);
  const std::vector<EF> z_row = random_exts(kRowVars, rng), z_col = column_point(prefix.size() - 1, rng);
  const std::vector<EF> alphas = random_exts(log_m, rng);
  const nlohmann::json shape = {{"dense_log_size", log_m},
                                {"stacked", "2^" + std::to_string(log_height) + " x " + std::to_string(width)},
                                {"columns", prefix.size() - 1},
                                {"z_row_vars", kRowVars}};
  auto open = [&] {
    return sp1::prover::gpu::open_jagged_sumcheck(rounds, prefix, z_row, z_col, log_m, env.stream);
  };
  const double tables_bytes = double(len) * (4 + 8 + 16) + double(uint64_t(1) << kRowVars) * 32;

  {  // The first round's kernel alone, on tables of the same types (values do not matter).
    DeviceBuffer<Fe> a(len, env.stream);
    DeviceBuffer<Ef> b(len, env.stream), partials(3 * cuda::sp1::kMaxBlocks, env.stream);
    fill_koalabear(a, 1);
    fill_koalabear(b, 2);
    const double ms = median_ms(env.stream, env.reps, [&] {
      cuda::sp1::product_round<Fe>(a.data(), b.data(), len / 2, partials.data(), env.stream);
    });
    out.cases.push_back({"first_round_kernel", shape, {"product_round<Fe>"}, round_bytes(len, 4), ms});
  }
  {
    const auto oracle = open();
    const double ms = median_ms(env.stream, env.reps, [&] { (void)oracle->round_poly(); });
    out.cases.push_back({"first_round_poly", shape, {"product_round<Fe>", "reduce_partials", "3 values to the host"},
                         round_bytes(len, 4), ms});
  }
  {
    std::unique_ptr<sp1::multilinear::ProductSumcheckOracle> oracle;
    const double ms = median_ms_fresh(
        env.stream, env.reps, [&] {
          oracle.reset();
          oracle = open();
        },
        [&] {
          (void)oracle->round_poly();
          oracle->bind_last(alphas[0]);
        });
    out.cases.push_back({"first_round_with_bind", shape,
                         {"product_round<Fe>", "reduce_partials", "product_bind<Fe>", "product_bind<Ef>"},
                         round_bytes(len, 4) + bind_bytes(len, 4), ms});
  }
  {
    const double ms = median_ms(env.stream, env.reps, [&] { (void)open(); });
    out.cases.push_back({"tables", shape, {"memset", "dense_from_stacked", "eq_table x2", "jagged_table"},
                         tables_bytes, ms});
  }
  {
    double bytes = tables_bytes;
    for (unsigned r = 0; r < log_m; ++r) {
      const double a_bytes = r == 0 ? 4 : 16;  // the dense trace is base field until its first binding
      bytes += round_bytes(len >> r, a_bytes) + bind_bytes(len >> r, a_bytes);
    }
    const double ms = median_ms(env.stream, env.reps, [&] {
      const auto oracle = open();
      for (unsigned r = 0; r < log_m; ++r) {
        (void)oracle->round_poly();
        oracle->bind_last(alphas[r]);
      }
      (void)oracle->values();
    }, 1);
    out.cases.push_back({"whole_sumcheck", shape,
                         {"tables", std::to_string(log_m) + " x (round poly, reduce_partials, download, binds)",
                          "values"},
                         bytes, ms});
  }
}

}  // namespace

Family jagged_family(const Env& env, const std::vector<unsigned>& log_sizes) {
  Family f{"jagged_sumcheck", false, {}, {}};
  f.check = check(env, f.check_shape);
  for (unsigned log_m : log_sizes) time_size(env, log_m, f);
  return f;
}

}  // namespace zkgpu::bench::sp1k
