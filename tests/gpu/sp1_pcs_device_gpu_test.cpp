// The PCS opening's device (sp1/prover_cuda/cuda_pcs_device) against the host:
// - BaseFold's folding: on the same committed rounds (random values with 0, 1 and
//   p - 1 mixed in, heights 2 to 2^14, one and two rounds), every round's message,
//   tree commitment and first value are equal;
// - the jagged sumcheck: on random jagged shapes (empty, one-row and full columns,
//   padding past the last), every round polynomial and the final values are equal;
// - the stacked columns' evaluations equal each column's multilinear at the point;
// - the stacked message built on the device is the host's, and the opening's
//   tables read it there as they read the host's;
// - a shard proved with every device seam has the CPU's bytes.
// Skips without a CUDA device.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "backends/cpu/stark_ops_cpu.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/multilinear/sumcheck_prover_product.hpp"
#include "sp1/prover/pcs_device.hpp"
#include "sp1/prover/recursion_shard.hpp"
#include "sp1/prover_cuda/cuda_pcs_device.hpp"
#include "sp1/prover_cuda/cuda_sumchecks.hpp"
#include "sp1/recursion/random_program.hpp"
#include "sp1/verifier/shard_verifier.hpp"
#include "sp1/wire/encode.hpp"
#include "tests/gpu/gpu_test_util.hpp"
#include "tests/gpu/stark_gpu_fixture.hpp"

namespace zkgpu::sp1::prover {
namespace {

using wire::InnerConfig;
using Committed = BasefoldCommitted<InnerConfig>;

constexpr unsigned kLogBlowup = 1;

EF random_ext(std::mt19937_64& rng) {
  const std::vector<uint32_t> v = gpu_test::random_values(4, F::kP, rng);
  EF e;
  for (int k = 0; k < 4; ++k) e.c[k] = F::from_canonical(v[k]);
  return e;
}

std::vector<EF> random_exts(size_t n, std::mt19937_64& rng) {
  std::vector<EF> out(n);
  for (EF& e : out) e = random_ext(rng);
  return out;
}

class Sp1PcsDeviceGpu : public gpu_test::StarkGpuTest {
 protected:
  // Folds the same rounds with both folders, comparing as it goes.
  void expect_same_folds(unsigned log_height, std::span<const size_t> widths, uint64_t seed) {
    std::mt19937_64 rng(seed);
    const PcsProverContext ctx{*gpu_, 2};
    std::vector<Committed> rounds;
    size_t columns = 0;
    for (size_t w : widths) {
      const size_t height = size_t(1) << log_height;
      rounds.push_back(basefold_commit<InnerConfig>(ctx, kLogBlowup, gpu_test::random_values(height * w, F::kP, rng),
                                                    height, w));
      columns += w;
    }
    std::vector<const Committed*> views;
    for (const Committed& r : rounds) views.push_back(&r);
    const std::vector<EF> coeffs = random_exts(columns, rng);
    const std::vector<EF> point = random_exts(log_height, rng);

    const auto host = host_fri_folder<InnerConfig>(ctx, views, coeffs, kLogBlowup);
    const auto device = make_cuda_pcs_device(*gpu_)->fri_folder(views, coeffs, kLogBlowup);
    const std::string what = "2^" + std::to_string(log_height) + " rows, " + std::to_string(widths.size()) + " rounds";
    ASSERT_EQ(device->first_value(), host->first_value()) << what << ": batched codeword";
    std::vector<CommittedTensor<InnerConfig>> host_trees, device_trees;
    host_trees.reserve(log_height);
    device_trees.reserve(log_height);
    for (unsigned j = 0; j < log_height; ++j) {
      const std::span<const EF> rest = std::span<const EF>(point).first(log_height - 1 - j);
      ASSERT_EQ(device->message(rest), host->message(rest)) << what << ", round " << j;
      host_trees.push_back(host->commit());
      device_trees.push_back(device->commit());
      ASSERT_EQ(device_trees.back().commitment(), host_trees.back().commitment()) << what << ", round " << j;
      const EF beta = j == 0 ? EF::zero() : j == 1 ? EF::one() : random_ext(rng);
      host->fold(beta);
      device->fold(beta);
      ASSERT_EQ(device->first_value(), host->first_value()) << what << ", after fold " << j;
    }
    // The committed pairs open to the same rows.
    const std::vector<size_t> rows = {0, host_trees.front().height() - 1};
    EXPECT_EQ(device_trees.front().open(rows).values.values, host_trees.front().open(rows).values.values) << what;
  }
};

TEST_F(Sp1PcsDeviceGpu, FoldsLikeTheHostFolder) {
  const std::vector<size_t> one = {3}, two = {5, 17};
  for (unsigned log_height : {1u, 2u, 7u, 14u}) {
    expect_same_folds(log_height, one, 100 + log_height);
    expect_same_folds(log_height, two, 200 + log_height);
  }
}

// Random columns of heights 0, 1, up to 2^max_log_rows, stacked at 2^lsh.
void expect_same_jagged_sumcheck(StarkOps& gpu, unsigned lsh, size_t columns, unsigned max_log_rows, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<uint64_t> prefix{0};
  for (size_t c = 0; c < columns; ++c) {
    const uint64_t kind = rng() % 4;
    const uint64_t rows = kind == 0 ? 0 : kind == 1 ? 1 : kind == 2 ? (uint64_t(1) << max_log_rows) : rng() % (uint64_t(1) << max_log_rows);
    prefix.push_back(prefix.back() + rows);
  }
  const uint64_t height = uint64_t(1) << lsh;
  const size_t width = std::max<size_t>(1, (prefix.back() + height - 1) / height);
  const std::vector<uint32_t> values = gpu_test::random_values(height * width, F::kP, rng);
  const StackedMessage rounds[] = {{values, height, width}};
  size_t log_m = 0;
  while ((uint64_t(1) << log_m) < std::max<uint64_t>(2, height * width)) ++log_m;
  const std::vector<EF> z_row = random_exts(max_log_rows, rng);
  std::vector<EF> z_col = random_exts(0, rng);
  while ((size_t(1) << z_col.size()) < columns) z_col.push_back(random_ext(rng));

  const auto host = host_jagged_sumcheck(rounds, prefix, z_row, z_col, log_m, 2);
  const auto device = make_cuda_pcs_device(gpu)->jagged_sumcheck(rounds, prefix, z_row, z_col, log_m);
  const std::string what = std::to_string(columns) + " columns at 2^" + std::to_string(lsh);
  for (size_t r = 0; r < log_m; ++r) {
    ASSERT_EQ(device->round_poly(), host->round_poly()) << what << ", round " << r;
    const EF alpha = r == 0 ? EF::one() : r == 1 ? EF::zero() : random_ext(rng);
    host->bind_last(alpha);
    device->bind_last(alpha);
  }
  EXPECT_EQ(device->values(), host->values()) << what;
}

TEST_F(Sp1PcsDeviceGpu, JaggedSumcheckLikeTheHost) {
  expect_same_jagged_sumcheck(*gpu_, 1, 1, 1, 1);
  expect_same_jagged_sumcheck(*gpu_, 4, 5, 3, 2);
  expect_same_jagged_sumcheck(*gpu_, 10, 37, 9, 3);
  expect_same_jagged_sumcheck(*gpu_, 16, 300, 14, 4);
}

TEST_F(Sp1PcsDeviceGpu, StackedEvaluationsAreTheColumnsAtThePoint) {
  std::mt19937_64 rng(11);
  for (const auto& [log_height, width] : std::vector<std::pair<unsigned, size_t>>{{0, 1}, {1, 3}, {6, 300}, {12, 17}}) {
    const size_t height = size_t(1) << log_height;
    const std::vector<uint32_t> values = gpu_test::random_values(height * width, F::kP, rng);
    const std::vector<EF> point = random_exts(log_height, rng);
    const std::vector<EF> got = make_cuda_pcs_device(*gpu_)->stacked_evaluations({values, height, width}, point);
    ASSERT_EQ(got.size(), width);
    for (size_t k = 0; k < width; ++k) {
      std::vector<EF> column(height);
      for (size_t i = 0; i < height; ++i) column[i] = ext(F::from_canonical(values[i * width + k]));
      ASSERT_EQ(got[k], multilinear::mle_eval<EF>(column, point)) << "2^" << log_height << " rows, column " << k;
    }
  }
}

// Random tables (0, 1 and many rows; widths 1 to 40; values with 0, 1 and p - 1)
// stacked on the device are the host's message; the opening's tables read the
// resident message as they read the host one.
TEST_F(Sp1PcsDeviceGpu, StackedMessageIsTheHostsAndServesTheOpening) {
  std::mt19937_64 rng(31);
  const auto device = make_cuda_pcs_device(*gpu_);
  for (const unsigned lsh : {0u, 3u, 10u}) {
    std::vector<std::vector<F>> values;
    std::vector<TraceTable> tables;
    uint64_t area = 0;
    for (const size_t rows : {size_t(0), size_t(1), size_t(5), size_t(1) << lsh, size_t(700)}) {
      const size_t cols = 1 + rng() % 40;
      const std::vector<uint32_t> raw = gpu_test::random_values(rows * cols, F::kP, rng);
      std::vector<F>& v = values.emplace_back();
      const uint32_t edges[] = {0, 1, F::kP - 1};
      for (size_t i = 0; i < raw.size(); ++i) v.push_back(F::from_canonical(i % 7 == 0 ? edges[i % 3] : raw[i]));
      tables.push_back({rows, cols, v});
      area += rows * cols;
    }
    const size_t height = size_t(1) << lsh, width = size_t((area + height - 1) / height) + 1;
    const std::vector<uint32_t> want = host_stacked_message(tables, lsh, width, 2);
    const std::unique_ptr<ResidentMatrix> message = device->stacked_message(tables, lsh, width);
    std::vector<uint32_t> got(height * width);
    gpu_->download(*message, MatrixView{got.data(), height, width});
    ASSERT_EQ(got, want) << "stacked at 2^" << lsh;

    const std::vector<EF> point = random_exts(lsh, rng);
    EXPECT_EQ(device->stacked_evaluations({{}, height, width, message.get()}, point),
              device->stacked_evaluations({want, height, width}, point));
    std::vector<uint64_t> prefix{0};
    for (const TraceTable& t : tables)
      for (size_t c = 0; c < t.cols; ++c) prefix.push_back(prefix.back() + t.rows);
    size_t log_m = 1;
    while ((uint64_t(1) << log_m) < height * width) ++log_m;
    const std::vector<EF> z_row = random_exts(10, rng);
    std::vector<EF> z_col;
    while ((size_t(1) << z_col.size()) < prefix.size() - 1) z_col.push_back(random_ext(rng));
    const StackedMessage resident[] = {{{}, height, width, message.get()}};
    const StackedMessage host[] = {{want, height, width}};
    const auto a = device->jagged_sumcheck(resident, prefix, z_row, z_col, log_m);
    const auto b = host_jagged_sumcheck(host, prefix, z_row, z_col, log_m, 2);
    EXPECT_EQ(a->round_poly(), b->round_poly()) << "stacked at 2^" << lsh;
  }
}

TEST_F(Sp1PcsDeviceGpu, RefusesHostCodewords) {
  CpuStarkOps cpu(2);
  const PcsProverContext ctx{cpu, 2};
  std::mt19937_64 rng(7);
  const Committed round = basefold_commit<InnerConfig>(ctx, kLogBlowup, gpu_test::random_values(16, F::kP, rng), 8, 2);
  const Committed* views[] = {&round};
  const std::vector<EF> coeffs = random_exts(2, rng);
  EXPECT_THROW(make_cuda_pcs_device(*gpu_)->fri_folder(views, coeffs, kLogBlowup), std::invalid_argument);
  EXPECT_THROW(make_cuda_pcs_device(cpu), std::invalid_argument);
}

// prove_shard with LogUp-GKR, the zerocheck and the folding on the device.
TEST_F(Sp1PcsDeviceGpu, ShardProofWithEveryDeviceSeamHasTheCpuBytes) {
  const auto shard = recursion_shard(recursion::random_program(9, size_t(1) << 12, air::MachineKind::Compress),
                                     air::MachineKind::Compress);
  const pcs::JaggedParams params = verifier::stage_params<InnerConfig>();
  const std::vector<ChipTrace> chips = shard.chips();
  const auto prove = [&](const PcsProverContext& ctx, const SumcheckBackend* sumchecks) {
    const auto pk = setup_shard<InnerConfig>(ctx, params, chips, recursion_program_constants());
    const auto proof = prove_shard<InnerConfig>(ctx, params, pk, chips, shard.public_values, nullptr, sumchecks);
    verifier::verify_shard(pk.vk, proof, shard.machine);
    return wire::encode_shard_proof(proof);
  };
  CpuStarkOps cpu(2);
  const auto want = prove(PcsProverContext{cpu, 2}, nullptr);
  const auto device = make_cuda_pcs_device(*gpu_);
  const auto sumchecks = make_cuda_sumcheck_backend();
  EXPECT_EQ(prove(PcsProverContext{*gpu_, 2, nullptr, device.get()}, sumchecks.get()), want);
}

}  // namespace
}  // namespace zkgpu::sp1::prover
