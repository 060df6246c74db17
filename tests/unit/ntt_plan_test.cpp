// The device NTT's host planner (kernels/ntt/plan.hpp): pass splits, tile lines,
// LDE fusion and policy overrides. Plain C++: runs in the CPU build.
#include <gtest/gtest.h>

#include <numeric>

#include "kernels/ntt/plan.hpp"
#include "zkgpu/error.hpp"

using namespace zkgpu;
using namespace zkgpu::cuda;

namespace {

unsigned sum(const std::vector<unsigned>& ms) { return std::accumulate(ms.begin(), ms.end(), 0u); }

// An H100 / H200's opt-in shared memory per block (227 KiB).
constexpr size_t kHopperSmem = 232448;

}  // namespace

TEST(NttPlan, PassesCoverEveryLevelWithinTheTile) {
  for (unsigned lines : {8u, 32u})
    for (unsigned max_log = 1; max_log <= kMaxPassLogLimit; ++max_log)
      for (unsigned log_n = 0; log_n <= 30; ++log_n) {
        const NttPolicy policy{max_log, lines};
        const auto ms = plan_passes(log_n, lines, policy);
        const unsigned cap = std::min(max_log, max_tile_log(lines));
        ASSERT_FALSE(ms.empty());
        EXPECT_EQ(sum(ms), log_n) << "lines " << lines << " max " << max_log << " log_n " << log_n;
        // As few passes as the tile allows, sizes as equal as possible, larger first.
        EXPECT_EQ(ms.size(), std::max(1u, (log_n + cap - 1) / cap));
        for (size_t i = 0; i < ms.size(); ++i) {
          EXPECT_LE(ms[i], cap);
          EXPECT_LE(ms.front() - ms[i], 1u);
          if (i) {
            EXPECT_LE(ms[i], ms[i - 1]);
          }
        }
      }
}

TEST(NttPlan, DefaultPassSplits) {
  const NttPolicy d;
  EXPECT_EQ(d.max_pass_log, 11u);
  EXPECT_EQ(d.tile_lines, 0u);
  EXPECT_EQ(plan_passes(0, 8, d), (std::vector<unsigned>{0}));
  EXPECT_EQ(plan_passes(11, 8, d), (std::vector<unsigned>{11}));
  EXPECT_EQ(plan_passes(12, 8, d), (std::vector<unsigned>{6, 6}));
  EXPECT_EQ(plan_passes(20, 32, d), (std::vector<unsigned>{10, 10}));
  EXPECT_EQ(plan_passes(24, 32, d), (std::vector<unsigned>{8, 8, 8}));
  EXPECT_EQ(plan_passes(24, 8, d), (std::vector<unsigned>{8, 8, 8}));
  EXPECT_EQ(plan_passes(22, 8, d), (std::vector<unsigned>{11, 11}));
  EXPECT_EQ(plan_passes(24, 8, NttPolicy{12, 0}), (std::vector<unsigned>{12, 12}));
  EXPECT_EQ(plan_passes(25, 8, NttPolicy{12, 0}), (std::vector<unsigned>{9, 8, 8}));
  // 32-line tiles stop at 2^10 rows whatever the policy allows.
  EXPECT_EQ(plan_passes(24, 32, NttPolicy{12, 0}), (std::vector<unsigned>{8, 8, 8}));
}

TEST(NttPlan, LinesChosenByShape) {
  const NttPolicy d;
  EXPECT_EQ(tile_lines_for(20, 32, d), 32u);
  EXPECT_EQ(tile_lines_for(24, 64, d), 32u);
  EXPECT_EQ(tile_lines_for(19, 64, d), 8u);
  EXPECT_EQ(tile_lines_for(24, 31, d), 8u);
  EXPECT_EQ(tile_lines_for(24, 1, d), 8u);
  EXPECT_EQ(tile_lines_for(10, 1, d), 8u);
  // The override wins both ways.
  EXPECT_EQ(tile_lines_for(24, 64, NttPolicy{11, 8}), 8u);
  EXPECT_EQ(tile_lines_for(4, 1, NttPolicy{11, 32}), 32u);
  const TransformPlan t = plan_transform(24, 64, d);
  EXPECT_EQ(t.log_n, 24u);
  EXPECT_EQ(t.lines, 32u);
  EXPECT_EQ(t.ms, (std::vector<unsigned>{8, 8, 8}));
}

TEST(NttPlan, PolicyValidated) {
  EXPECT_NO_THROW(validate(NttPolicy{}));
  EXPECT_NO_THROW(validate(NttPolicy{1, 8}));
  EXPECT_NO_THROW(validate(NttPolicy{12, 32}));
  EXPECT_THROW(validate(NttPolicy{0, 0}), Error);
  EXPECT_THROW(validate(NttPolicy{13, 0}), Error);
  EXPECT_THROW(validate(NttPolicy{11, 16}), Error);
  EXPECT_THROW(validate(NttPolicy{11, 1}), Error);
  EXPECT_THROW(plan_transform(10, 1, NttPolicy{11, 16}), Error);
  EXPECT_THROW(plan_lde(1024, 8, 1, kHopperSmem, NttPolicy{0, 8}), Error);
}

TEST(NttPlan, Log2Ceil) {
  EXPECT_EQ(log2_ceil(0), 0u);
  EXPECT_EQ(log2_ceil(1), 0u);
  EXPECT_EQ(log2_ceil(2), 1u);
  EXPECT_EQ(log2_ceil(3), 2u);
  EXPECT_EQ(log2_ceil(uint64_t(1) << 24), 24u);
  EXPECT_EQ(log2_ceil((uint64_t(1) << 24) + 1), 25u);
}

TEST(NttPlan, SharedMemorySizes) {
  // Tile words + a (twiddle pair, row twiddle) per row.
  EXPECT_EQ(pass_smem_bytes(8, 12), size_t(8 * 4096 * 4 + 4096 * 12));
  EXPECT_EQ(pass_smem_bytes(32, 10), size_t(32 * 1024 * 4 + 1024 * 12));
  // Both tiles, both transforms' twiddle pairs, two pairs per evaluation row.
  EXPECT_EQ(bridge_smem_bytes(8, 3, 1), size_t((16 + 8) * 8 * 4 + (16 + 8) * 8 + 16 * 16));
}

// The shapes the benchmarks and the prover use (LDE to 2^24 rows, 64 columns).
TEST(NttPlan, LdeShapesOfKnownSizes) {
  const NttPolicy d;
  {  // 2^23 x 64, blowup 2: evaluation 2^24 in 32-line passes of 8, bridge of 7 + 1 levels.
    const LdePlan p = plan_lde(uint64_t(1) << 23, 64, 1, kHopperSmem, d);
    EXPECT_TRUE(p.fused);
    EXPECT_EQ(p.bridge_log, 7u);
    EXPECT_EQ(p.interp.log_n, 23u);
    EXPECT_EQ(p.eval.log_n, 24u);
    EXPECT_EQ(p.interp.lines, 32u);
    EXPECT_EQ(p.eval.lines, 32u);
    EXPECT_EQ(p.interp.ms, (std::vector<unsigned>{8, 8}));
    EXPECT_EQ(p.eval.ms, (std::vector<unsigned>{8, 8}));
  }
  {  // 2^22 x 64, blowup 4.
    const LdePlan p = plan_lde(uint64_t(1) << 22, 64, 2, kHopperSmem, d);
    EXPECT_TRUE(p.fused);
    EXPECT_EQ(p.bridge_log, 6u);
    EXPECT_EQ(p.interp.ms, (std::vector<unsigned>{8, 8}));
  }
  {  // One column: 8 lines do not divide it, so two whole transforms.
    const LdePlan p = plan_lde(uint64_t(1) << 20, 1, 1, kHopperSmem, d);
    EXPECT_FALSE(p.fused);
    EXPECT_EQ(p.interp.log_n, 20u);
    EXPECT_EQ(p.interp.lines, 8u);
    EXPECT_EQ(p.interp.ms, (std::vector<unsigned>{10, 10}));
    EXPECT_EQ(p.eval.log_n, 21u);
    EXPECT_EQ(p.eval.ms, (std::vector<unsigned>{11, 10}));
  }
  {  // A single evaluation pass leaves nothing to fuse.
    const LdePlan p = plan_lde(1024, 8, 1, kHopperSmem, d);
    EXPECT_FALSE(p.fused);
    EXPECT_EQ(p.eval.ms, (std::vector<unsigned>{11}));
    EXPECT_EQ(p.interp.ms, (std::vector<unsigned>{10}));
  }
  {  // Blowup larger than the first pass: no bridge.
    const LdePlan p = plan_lde(4, 8, 3, kHopperSmem, NttPolicy{2, 8});
    EXPECT_FALSE(p.fused);
  }
  {  // Rows not a power of two round up.
    const LdePlan p = plan_lde(3000, 8, 2, kHopperSmem, d);
    EXPECT_EQ(p.interp.log_n, 12u);
    EXPECT_EQ(p.eval.log_n, 14u);
    EXPECT_TRUE(p.fused);
  }
}

TEST(NttPlan, LdeFusionInvariants) {
  for (unsigned lines : {0u, 8u, 32u})
    for (unsigned max_log : {2u, 4u, 11u, 12u})
      for (unsigned log_n = 0; log_n <= 24; ++log_n)
        for (unsigned k = 0; k <= 3; ++k)
          for (uint64_t cols : {1u, 8u, 32u, 64u}) {
            const NttPolicy policy{max_log, lines};
            const LdePlan p = plan_lde(uint64_t(1) << log_n, cols, k, kHopperSmem, policy);
            EXPECT_EQ(p.interp.log_n, log_n);
            EXPECT_EQ(p.eval.log_n, log_n + k);
            EXPECT_EQ(p.log_blowup, k);
            if (!p.fused) {
              // Two whole transforms, each planned on its own.
              EXPECT_EQ(p.interp.ms, plan_transform(log_n, cols, policy).ms);
              EXPECT_EQ(p.eval.ms, plan_transform(log_n + k, cols, policy).ms);
              continue;
            }
            // Interpolation above the bridge + the bridge's bridge_log levels = log_n;
            // the bridge's bridge_log + k levels + the evaluation below it = log_n + k.
            EXPECT_EQ(sum(p.interp.ms) + p.bridge_log, log_n);
            EXPECT_EQ(p.bridge_log + k + sum(p.eval.ms), log_n + k);
            EXPECT_EQ(p.interp.ms, p.eval.ms);
            EXPECT_EQ(p.interp.lines, p.eval.lines);
            EXPECT_EQ(cols % p.eval.lines, 0u);
            if (lines) {
              EXPECT_EQ(p.eval.lines, lines);
            }
            EXPECT_LE(bridge_smem_bytes(p.eval.lines, p.bridge_log, k), kHopperSmem);
            // The bridge plus the evaluation's passes below it are the evaluation's own plan.
            std::vector<unsigned> whole{p.bridge_log + k};
            whole.insert(whole.end(), p.eval.ms.begin(), p.eval.ms.end());
            EXPECT_EQ(whole, plan_transform(log_n + k, cols, policy).ms);
          }
}

TEST(NttPlan, LdeFusionNeedsTheSharedMemory) {
  const uint64_t rows = uint64_t(1) << 23;
  const size_t need = bridge_smem_bytes(32, 7, 1);
  EXPECT_TRUE(plan_lde(rows, 64, 1, need, {}).fused);
  EXPECT_FALSE(plan_lde(rows, 64, 1, need - 1, {}).fused);
}
