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
#include "sp1/prover_cuda/device_shard.hpp"

namespace zkgpu::bench::sp1k {

namespace {

using sp1::prover::StackedMessage;
using cuda::DeviceBuffer;
using cuda::sp1::Ef;
using cuda::sp1::Fe;
using sp1::prover::gpu::device_eq;
using sp1::prover::gpu::upload;

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

// Bytes of the first two rounds' sums (the dense trace and J's row factor read per
// value), of the pass binding both (that, and the n / 4 bound values of each table
// written) and of a later binding (tables of n extension values read, n / 2
// written); every binding also sums the next round.
double two_rounds_bytes(uint64_t n) { return double(n) * (4 + 16); }
double bind_two_bytes(uint64_t n) { return two_rounds_bytes(n) + double(n / 4) * 32; }
double bind_bytes(uint64_t n) { return double(n) * 32 + double(n / 2) * 32; }

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
  // The dense trace read and written, J's factors written.
  const double tables_bytes = double(len) * 8 + double(uint64_t(1) << kMaxLogColumn) * 16 + double(prefix.size()) * 24;

  {  // The first pass's kernel alone, on the same shape (the trace's values do not matter).
    DeviceBuffer<Fe> dense(len, env.stream);
    fill_koalabear(dense, 1);
    const DeviceBuffer<uint64_t> d_prefix = upload<uint64_t>(prefix, env.stream);
    const DeviceBuffer<Ef> col_eq = device_eq(z_col, prefix.size() - 1, env.stream);
    const DeviceBuffer<Ef> row_eq = device_eq(z_row, uint64_t(1) << kMaxLogColumn, env.stream);
    const cuda::sp1::JaggedEq j{d_prefix.data(), uint32_t(prefix.size() - 1), col_eq.data(), row_eq.data()};
    DeviceBuffer<Ef> partials(9 * cuda::sp1::kMaxBlocks, env.stream);
    const double ms = median_ms(env.stream, env.reps, [&] {
      cuda::sp1::jagged_two_rounds(dense.data(), j, len, partials.data(), env.stream);
    });
    out.cases.push_back({"first_two_rounds_kernel", shape, {"jagged_two_rounds"}, two_rounds_bytes(len), ms});
  }
  {  // The first round's polynomial; the second's follows on the host.
    const auto oracle = open();
    const double ms = median_ms(env.stream, env.reps, [&] { (void)oracle->round_poly(); });
    out.cases.push_back({"first_two_rounds_poly", shape,
                         {"jagged_two_rounds", "reduce_partials", "9 values to the host"}, two_rounds_bytes(len), ms});
  }
  {
    std::unique_ptr<sp1::multilinear::ProductSumcheckOracle> oracle;
    const double ms = median_ms_fresh(
        env.stream, env.reps, [&] {
          oracle.reset();
          oracle = open();
        },
        [&] {
          for (unsigned r = 0; r < 2; ++r) {
            (void)oracle->round_poly();
            oracle->bind_last(alphas[r]);
          }
        });
    out.cases.push_back({"first_two_rounds_with_binds", shape,
                         {"jagged_two_rounds", "reduce_partials", "jagged_bind_two_round"},
                         two_rounds_bytes(len) + bind_two_bytes(len), ms});
  }
  {
    const double ms = median_ms(env.stream, env.reps, [&] { (void)open(); });
    out.cases.push_back({"tables", shape, {"memset (the tail)", "dense_from_stacked", "eq_table x2"},
                         tables_bytes, ms});
  }
  {
    double bytes = tables_bytes + two_rounds_bytes(len) + bind_two_bytes(len);
    for (unsigned r = 2; r < log_m; ++r) bytes += bind_bytes(len >> r);
    const double ms = median_ms(env.stream, env.reps, [&] {
      const auto oracle = open();
      for (unsigned r = 0; r < log_m; ++r) {
        (void)oracle->round_poly();
        oracle->bind_last(alphas[r]);
      }
      (void)oracle->values();
    }, 1);
    out.cases.push_back({"whole_sumcheck", shape,
                         {"tables", "jagged_two_rounds", "jagged_bind_two_round",
                          std::to_string(log_m - 2) + " x product_bind_round", std::to_string(log_m - 1) +
                          " x (reduce_partials, download)", "values"},
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
