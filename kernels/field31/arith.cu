// Grid-stride element-wise kernels over canonical values (converted to and from
// Montgomery form per element, so results match the CPU reference exactly).
#include "kernels/common/cuda_error.hpp"
#include "kernels/field31/arith.hpp"
#include "math/field31/field31.hpp"

namespace zkgpu::cuda {

namespace {

template <class F>
__global__ void arith_kernel(ArithOp op, const uint32_t* __restrict__ a, const uint32_t* __restrict__ b,
                             uint32_t* __restrict__ out, uint64_t n) {
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < n; i += uint64_t(gridDim.x) * blockDim.x) {
    const F x = F::from_canonical(a[i]);
    F r;
    switch (op) {
      case ArithOp::add: r = x + F::from_canonical(b[i]); break;
      case ArithOp::sub: r = x - F::from_canonical(b[i]); break;
      case ArithOp::mul: r = x * F::from_canonical(b[i]); break;
      default: r = x.inverse(); break;
    }
    out[i] = r.to_canonical();
  }
}

__global__ void ext_mul_kernel(const uint32_t* __restrict__ a, const uint32_t* __restrict__ b,
                               uint32_t* __restrict__ out, uint64_t n_ext) {
  using F = f31::KoalaBear;
  using E = f31::KoalaBearExt4;
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < n_ext;
       i += uint64_t(gridDim.x) * blockDim.x) {
    const uint4 va = reinterpret_cast<const uint4*>(a)[i], vb = reinterpret_cast<const uint4*>(b)[i];
    const E x{{F::from_canonical(va.x), F::from_canonical(va.y), F::from_canonical(va.z), F::from_canonical(va.w)}};
    const E y{{F::from_canonical(vb.x), F::from_canonical(vb.y), F::from_canonical(vb.z), F::from_canonical(vb.w)}};
    const E r = x * y;
    reinterpret_cast<uint4*>(out)[i] =
        make_uint4(r.c[0].to_canonical(), r.c[1].to_canonical(), r.c[2].to_canonical(), r.c[3].to_canonical());
  }
}

unsigned grid_for(uint64_t n) {
  const uint64_t blocks = (n + 255) / 256;
  return unsigned(blocks < 65536 ? (blocks ? blocks : 1) : 65536);
}

}  // namespace

void arith_device(Field31 f, ArithOp op, const uint32_t* a, const uint32_t* b, uint32_t* out, uint64_t count,
                  cudaStream_t stream) {
  if (count == 0) return;
  if (op == ArithOp::ext_mul) {
    ext_mul_kernel<<<grid_for(count / 4), 256, 0, stream>>>(a, b, out, count / 4);
  } else if (f == Field31::koalabear) {
    arith_kernel<f31::KoalaBear><<<grid_for(count), 256, 0, stream>>>(op, a, b, out, count);
  } else {
    arith_kernel<f31::BabyBear><<<grid_for(count), 256, 0, stream>>>(op, a, b, out, count);
  }
  check_launch("arith_kernel");
}

}  // namespace zkgpu::cuda
