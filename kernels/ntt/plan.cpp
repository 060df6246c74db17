// Pass split, tile lines and LDE fusion of the device NTT; see plan.hpp.
#include "kernels/ntt/plan.hpp"

#include <algorithm>
#include <string>

#include "zkgpu/error.hpp"

namespace zkgpu::cuda {

void validate(const NttPolicy& policy) {
  if (policy.max_pass_log < 1 || policy.max_pass_log > kMaxPassLogLimit)
    throw Error(ErrorCode::invalid_argument,
                "ntt: max pass log must be 1.." + std::to_string(kMaxPassLogLimit) + ", got " +
                    std::to_string(policy.max_pass_log));
  if (policy.tile_lines != 0 && policy.tile_lines != 8 && policy.tile_lines != 32)
    throw Error(ErrorCode::invalid_argument,
                "ntt: tile lines must be 8 or 32, got " + std::to_string(policy.tile_lines));
}

// 32 lines pay off from 32 columns up and 2^20 rows (at 2^20 x 64 on an H100:
// two passes of 2^10-row 32-line tiles 0.75 ms, three of 32 lines 0.79 ms, two of
// 8 lines 0.97 ms); below that, tall 8-line tiles are faster.
unsigned tile_lines_for(unsigned log_n, uint64_t cols, const NttPolicy& policy) {
  if (policy.tile_lines) return policy.tile_lines;
  return cols >= 32 && log_n >= 20 ? 32 : 8;
}

std::vector<unsigned> plan_passes(unsigned log_n, unsigned lines, const NttPolicy& policy) {
  const unsigned max_m = std::min(policy.max_pass_log, max_tile_log(lines));
  const unsigned count = std::max(1u, (log_n + max_m - 1) / max_m);
  std::vector<unsigned> ms;
  for (unsigned i = 0; i < count; ++i) ms.push_back(log_n / count + (i < log_n % count ? 1 : 0));
  return ms;
}

TransformPlan plan_transform(unsigned log_n, uint64_t cols, const NttPolicy& policy) {
  validate(policy);
  const unsigned lines = tile_lines_for(log_n, cols, policy);
  return {log_n, lines, plan_passes(log_n, lines, policy)};
}

unsigned log2_ceil(uint64_t rows) {
  unsigned l = 0;
  while ((uint64_t(1) << l) < rows) ++l;
  return l;
}

size_t pass_smem_bytes(unsigned lines, unsigned m) { return (size_t(lines) << m) * 4 + (size_t(1) << m) * 12; }

size_t bridge_smem_bytes(unsigned lines, unsigned m, unsigned k) {
  const size_t me = size_t(1) << (m + k), mi = size_t(1) << m;
  return (me + mi) * lines * 4 + (me + mi) * 8 + me * 16;
}

LdePlan plan_lde(uint64_t rows, uint64_t cols, unsigned log_blowup, size_t max_block_smem, const NttPolicy& policy) {
  const unsigned log_n = log2_ceil(rows);
  TransformPlan eval = plan_transform(log_n + log_blowup, cols, policy);
  const std::vector<unsigned>& ms = eval.ms;
  const bool fused = ms.size() >= 2 && ms[0] >= log_blowup && cols % eval.lines == 0 &&
                     bridge_smem_bytes(eval.lines, ms[0] - log_blowup, log_blowup) <= max_block_smem;
  if (!fused) return {false, log_blowup, 0, plan_transform(log_n, cols, policy), std::move(eval)};
  // The evaluation's passes below its first (the bridge, ms[0] levels of which
  // log_blowup are trivial) cover log_n - (ms[0] - log_blowup) levels; the
  // interpolation's passes above the bridge cover as many, with the same sizes.
  const unsigned bridge_log = ms[0] - log_blowup;
  const std::vector<unsigned> rest(ms.begin() + 1, ms.end());
  return {true, log_blowup, bridge_log, {log_n, eval.lines, rest}, {eval.log_n, eval.lines, rest}};
}

}  // namespace zkgpu::cuda
