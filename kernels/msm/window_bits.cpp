// The MSM's window size, on its own so that retuning it does not recompile the kernels.
#include <algorithm>
#include <bit>
#include <cstdint>

#include "kernels/msm/msm.hpp"

namespace zkgpu::cuda::msm {

// Measured on an H200 (bench/msm_bench --sweep-max 24, G1, window sizes c0 - 2 ..
// c0 + 2 at 2^16 .. 2^24): the fastest windows leave 64 to 128 points per
// bucket up to 2^20, then about 256: at 2^22 and 2^24 larger windows cost more
// in the bucket reduction (2^(c-1) buckets per window, each added twice) than
// they save in point additions (n per window).
unsigned window_bits(size_t n) {
  const unsigned lg = unsigned(std::bit_width(std::max<size_t>(n, 1) - 1));  // ceil(log2 n)
  unsigned c;
  if (lg <= 12) c = lg > 4 ? lg - 4 : 4;
  else if (lg <= 16) c = lg - 6;
  else if (lg <= 20) c = lg - 5;
  else if (lg <= 22) c = 15;
  else c = lg - 7;
  return std::clamp(c, 4u, 18u);
}

}  // namespace zkgpu::cuda::msm
