// Dispatch of the device NTT and coset LDE: plans (plan.hpp) turned into
// launches of the pass and bridge kernels; see ntt.hpp for the design.
#include "kernels/ntt/ntt.hpp"

#include <algorithm>
#include <vector>

#include "kernels/common/cuda_error.hpp"
#include "kernels/ntt/pass_kernel.cuh"
#include "kernels/ntt/bridge_kernel.cuh"
#include "math/field31/field31.hpp"
#include "math/field31/with_field.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::cuda {

namespace {

using ntt_detail::BridgeParams;
using ntt_detail::PassParams;
using ntt_detail::ScaleMode;

// Instantiates the kernel for every tile height 2^0 .. max_tile_log(LINES) and
// launches the one the pass needs. The tallest tiles fill most of shared memory
// (one block per SM), so they run with twice the threads to keep warps busy.
template <class F, int LINES, int MLOG>
void launch_tile(const PassParams& p, unsigned blocks, cudaStream_t stream) {
  if (p.m != MLOG) {
    if constexpr (MLOG < int(max_tile_log(LINES))) launch_tile<F, LINES, MLOG + 1>(p, blocks, stream);
    return;
  }
  constexpr int threads = (LINES << MLOG) >= 32768 ? 512 : 256;
  auto kernel = ntt_detail::ntt_pass_kernel<F, LINES, threads, MLOG>;
  const size_t smem = pass_smem_bytes(LINES, MLOG);
  // Per device and cheap; set on every launch so any current device is covered.
  check(cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, int(smem)),
        "cudaFuncSetAttribute(ntt)");
  kernel<<<blocks, threads, smem, stream>>>(p);
  check_launch("ntt_pass_kernel");
}

template <class F, int LINES>
void launch_pass(const PassParams& p, cudaStream_t stream) {
  uint64_t blocks;
  if (p.group == 0)
    blocks = (p.hi_count * p.q_len + LINES - 1) / LINES;
  else
    blocks = (p.hi_count + p.group - 1) / p.group;
  if (blocks > 0x7fffffffULL) throw Error(ErrorCode::invalid_argument, "ntt: matrix too large for one launch");
  launch_tile<F, LINES, 0>(p, unsigned(blocks), stream);
}

template <class F, int LINES, int MLOG>
void launch_bridge(const BridgeParams& p, unsigned m, cudaStream_t stream) {
  if (m != MLOG) {
    if constexpr (MLOG < int(max_tile_log(LINES))) launch_bridge<F, LINES, MLOG + 1>(p, m, stream);
    return;
  }
  constexpr int threads = (LINES << MLOG) >= 16384 ? 512 : 256;
  const uint64_t blocks = (p.cols << (p.log_n - MLOG)) / LINES;
  if (blocks > 0x7fffffffULL) throw Error(ErrorCode::invalid_argument, "lde: matrix too large for one launch");
  auto kernel = ntt_detail::lde_bridge_kernel<F, LINES, threads, MLOG>;
  const size_t smem = bridge_smem_bytes(LINES, MLOG, p.k);
  check(cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, int(smem)),
        "cudaFuncSetAttribute(lde bridge)");
  kernel<<<unsigned(blocks), threads, smem, stream>>>(p);
  check_launch("lde_bridge_kernel");
}

// What the last pass of a transform multiplies its output rows by.
struct LastPassScaling {
  ScaleMode mode = ScaleMode::none;
  uint32_t scale = 0;                // ScaleMode::scale: the factor (Montgomery form)
  NttTwiddleCache::Coset coset = {};  // ScaleMode::coset: the g^j / n table
};

// A run of consecutive passes of one transform of 2^log_n rows x cols, in
// place on `data`. With `finish`, the run's last pass is the transform's last:
// it writes into `out` with the scaling. Rows at or beyond valid_rows are zero
// (read by a pass that starts at the top).
struct PassRun {
  NttTwiddleCache::Roots roots;
  uint32_t* data;
  uint32_t* out;
  unsigned log_n;
  uint64_t cols;
  unsigned lines;
  uint64_t valid_rows;
  bool finish;
  LastPassScaling scaling;
};

// Runs passes of the given sizes (top first), starting below level s_hi.
template <class F>
void run_passes(const PassRun& run, const std::vector<unsigned>& ms, unsigned s_hi, cudaStream_t stream) {
  for (size_t i = 0; i < ms.size(); ++i) {
    PassParams p{};
    p.m = ms[i];
    p.s_lo = s_hi - p.m;
    p.log_n = run.log_n;
    p.last = run.finish && i + 1 == ms.size();
    p.in = run.data;
    p.out = p.last ? run.out : run.data;
    p.cols = run.cols;
    p.q_len = (uint64_t(1) << p.s_lo) * run.cols;
    p.hi_count = uint64_t(1) << (run.log_n - s_hi);
    p.valid_rows = s_hi == run.log_n ? run.valid_rows : ~uint64_t(0);
    p.group = p.q_len >= run.lines ? 0 : unsigned(std::min<uint64_t>(run.lines / p.q_len, p.hi_count));
    p.roots = run.roots;
    p.scale_mode = p.last ? run.scaling.mode : ScaleMode::none;
    p.scale = run.scaling.scale;
    p.coset = run.scaling.coset;
    if (run.lines == 8)
      launch_pass<F, 8>(p, stream);
    else
      launch_pass<F, 32>(p, stream);
    s_hi = p.s_lo;
  }
}

// Every pass of one transform: in place on `data`, the last one into `out`.
template <class F>
void run_transform(const TransformPlan& plan, const NttTwiddleCache::Roots& roots, uint32_t* data, uint32_t* out,
                   uint64_t cols, uint64_t valid_rows, const LastPassScaling& scaling, cudaStream_t stream) {
  run_passes<F>({roots, data, out, plan.log_n, cols, plan.lines, valid_rows, true, scaling}, plan.ms, plan.log_n,
                stream);
}

// Opt-in shared memory per block of the current device.
size_t max_block_smem() {
  int dev = 0, bytes = 0;
  check(cudaGetDevice(&dev), "cudaGetDevice");
  check(cudaDeviceGetAttribute(&bytes, cudaDevAttrMaxSharedMemoryPerBlockOptin, dev), "cudaDeviceGetAttribute");
  return size_t(bytes);
}

}  // namespace

void ntt_device(NttTwiddleCache& cache, Field31 f, NttDirection dir, uint32_t* data, uint32_t* out, uint64_t rows,
                uint64_t cols, cudaStream_t stream, const NttPolicy& policy) {
  validate(policy);
  if (rows == 0 || cols == 0) return;
  const TransformPlan plan = plan_transform(log2_ceil(rows), cols, policy);
  const bool inverse = dir == NttDirection::inverse;
  f31::with_field(f, [&](auto field) {
    using F = decltype(field);
    const uint32_t n_inv = F::from_canonical(uint32_t(rows)).inverse().v;
    const LastPassScaling scaling{inverse ? ScaleMode::scale : ScaleMode::none, n_inv, {}};
    run_transform<F>(plan, cache.roots(f, plan.log_n, inverse, stream), data, out, cols, rows, scaling, stream);
  });
}

void evaluate_padded_device(NttTwiddleCache& cache, Field31 f, uint32_t* data, uint64_t rows, uint64_t cols,
                            unsigned log_blowup, uint32_t* out, cudaStream_t stream, const NttPolicy& policy) {
  validate(policy);
  if (rows == 0 || cols == 0) return;
  const unsigned log_big = log2_ceil(rows) + log_blowup;
  const TransformPlan plan = plan_transform(log_big, cols, policy);
  f31::with_field(f, [&](auto field) {
    using F = decltype(field);
    // As the LDE's evaluation step: the first pass reads only the valid rows.
    run_transform<F>(plan, cache.roots(f, log_big, false, stream), data, out, cols, rows, {}, stream);
  });
}

LdePlan lde_plan(uint64_t rows, uint64_t cols, unsigned log_blowup, const NttPolicy& policy) {
  return plan_lde(rows, cols, log_blowup, max_block_smem(), policy);
}

void lde_device(NttTwiddleCache& cache, Field31 f, uint32_t* in, uint64_t rows, uint64_t cols, unsigned log_blowup,
                uint32_t* scratch, uint32_t* out, cudaStream_t stream, const NttPolicy& policy) {
  validate(policy);
  if (rows == 0 || cols == 0) return;
  const LdePlan plan = lde_plan(rows, cols, log_blowup, policy);
  const unsigned log_n = plan.interp.log_n, log_big = plan.eval.log_n;
  f31::with_field(f, [&](auto field) {
    using F = decltype(field);
    const auto coset = cache.coset(f, log_n, stream);
    if (plan.fused) {
      const BridgeParams p{in, scratch, cols, log_n, log_blowup, cache.roots(f, log_n, true, stream),
                           cache.roots(f, log_big, false, stream), coset};
      run_passes<F>({p.inv, in, in, log_n, cols, plan.interp.lines, rows, false, {}}, plan.interp.ms, log_n, stream);
      if (plan.interp.lines == 8)
        launch_bridge<F, 8, 0>(p, plan.bridge_log, stream);
      else
        launch_bridge<F, 32, 0>(p, plan.bridge_log, stream);
      // Below the bridge: the evaluation's first pass covered bridge_log + log_blowup levels.
      run_passes<F>({p.fwd, scratch, out, log_big, cols, plan.eval.lines, ~uint64_t(0), true, {}}, plan.eval.ms,
                    log_n - plan.bridge_log, stream);
      return;
    }
    // Interpolate: coefficients c_j * g^j / n land in the first `rows` rows of scratch.
    run_transform<F>(plan.interp, cache.roots(f, log_n, true, stream), in, scratch, cols, rows,
                     {ScaleMode::coset, 0, coset}, stream);
    // Evaluate the zero-padded, shifted coefficients on the big subgroup.
    run_transform<F>(plan.eval, cache.roots(f, log_big, false, stream), scratch, out, cols, rows, {}, stream);
  });
}

}  // namespace zkgpu::cuda
