// The jagged sumcheck's kernels: its dense trace, then the product sumcheck's rounds
// (grid-stride loops, block sums in shared memory). A round's loop takes four
// consecutive values of each table per thread: two pairs of this round, which bound
// are one pair of the next, so a binding sums the next round as it writes. The
// first pass sums two rounds, the second binds both.
#include "kernels/common/cuda_error.hpp"
#include "kernels/sp1/block_sum.cuh"
#include "kernels/sp1/jagged_kernels.hpp"
#include "sp1/prover/sumcheck_terms.hpp"

namespace zkgpu::cuda::sp1 {

namespace terms = zkgpu::sp1::prover::terms;

namespace {

__device__ Ef times(Fe x, const Ef& y) { return y.scale(x); }
__device__ Ef times(const Ef& x, const Ef& y) { return x * y; }

__global__ void canonical_to_field_kernel(const uint32_t* in, uint64_t n, Fe* out) {
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < n; i += uint64_t(gridDim.x) * blockDim.x)
    out[i] = Fe::from_canonical(in[i]);
}

// The message's 32 x 32 tiles through shared memory, so that both the reads (along
// its rows) and the writes (down its columns, the dense order) are coalesced.
constexpr uint32_t kTile = 32, kTileRows = 8;

__global__ void dense_from_stacked_kernel(const uint32_t* m, uint64_t height, uint32_t width, Fe* dense) {
  __shared__ uint32_t tile[kTile][kTile + 1];  // +1: the column reads hit distinct banks
  const uint64_t i0 = blockIdx.x * uint64_t(kTile);
  const uint32_t k0 = blockIdx.y * kTile;
  for (uint32_t y = threadIdx.y; y < kTile; y += kTileRows)
    if (i0 + y < height && k0 + threadIdx.x < width) tile[y][threadIdx.x] = m[(i0 + y) * width + k0 + threadIdx.x];
  __syncthreads();
  for (uint32_t y = threadIdx.y; y < kTile; y += kTileRows)
    if (k0 + y < width && i0 + threadIdx.x < height)
      dense[(k0 + y) * height + i0 + threadIdx.x] = Fe::from_canonical(tile[threadIdx.x][y]);
}

// One thread per table value, in the table's order (coalesced reads; the writes
// go down one stacked column for consecutive rows).
__global__ void stack_table_kernel(const Fe* table, uint64_t rows, uint32_t cols, uint64_t base, unsigned log_stack,
                                   uint32_t width, uint32_t* message) {
  const uint64_t total = rows * cols, mask = (uint64_t(1) << log_stack) - 1;
  for (uint64_t o = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; o < total; o += uint64_t(gridDim.x) * blockDim.x) {
    const uint64_t r = o / cols, c = o % cols;
    const uint64_t p = base + c * rows + r;
    message[(p & mask) * width + (p >> log_stack)] = table[o].to_canonical();
  }
}

// One 16-byte access per extension value (Ef alone is 4-byte aligned; every table
// here starts at an allocation and is indexed by whole values).
__device__ Ef load(const Ef* p) {
  const uint4 v = *reinterpret_cast<const uint4*>(p);
  return Ef{{Fe::from_raw(v.x), Fe::from_raw(v.y), Fe::from_raw(v.z), Fe::from_raw(v.w)}};
}
__device__ void store(Ef* p, const Ef& e) {
  *reinterpret_cast<uint4*>(p) = make_uint4(e.c[0].v, e.c[1].v, e.c[2].v, e.c[3].v);
}

// J at p .. p + 3: one search for p's column, then a step past each column that
// ends (empty ones included) on the way.
__device__ void jagged_values(const JaggedEq& j, uint64_t p, Ef (&b)[4]) {
  const uint64_t end = j.prefix[j.columns];
  uint32_t c = 0, hi = j.columns;  // prefix[c] <= p < prefix[hi] while p < end
  while (hi - c > 1) {
    const uint32_t mid = c + (hi - c) / 2;
    if (j.prefix[mid] <= p) c = mid; else hi = mid;
  }
  for (uint32_t k = 0; k < 4; ++k) {
    const uint64_t q = p + k;
    if (q >= end) {
      b[k] = Ef::zero();
      continue;
    }
    while (j.prefix[c + 1] <= q) ++c;
    b[k] = j.col_eq[c] * load(j.row_eq + (q - j.prefix[c]));
  }
}

// The tables' values p .. p + 3 (p a multiple of 4), zero past n: only n == 2 has
// fewer than four.
struct DenseJagged {  // the first round: a the dense trace, b = J
  using A = Fe;
  const Fe* dense;
  JaggedEq j;
  uint64_t n;
  __device__ void load4(uint64_t p, Fe (&a)[4], Ef (&b)[4]) const {
    if (p + 4 <= n) {
      const uint4 v = *reinterpret_cast<const uint4*>(dense + p);
      a[0] = Fe::from_raw(v.x), a[1] = Fe::from_raw(v.y), a[2] = Fe::from_raw(v.z), a[3] = Fe::from_raw(v.w);
    } else {
      for (uint32_t k = 0; k < 4; ++k) a[k] = p + k < n ? dense[p + k] : Fe::zero();
    }
    jagged_values(j, p, b);  // zero from n on: the columns end within it
  }
};

struct Tables {  // after the first binding
  using A = Ef;
  const Ef* a;
  const Ef* b;
  uint64_t n;
  __device__ void load4(uint64_t p, Ef (&x)[4], Ef (&y)[4]) const {
    for (uint32_t k = 0; k < 4; ++k) {
      x[k] = p + k < n ? load(a + p + k) : Ef::zero();
      y[k] = p + k < n ? load(b + p + k) : Ef::zero();
    }
  }
};

// [a0 b0, a1 b1, da db] of one pair: three products where the round polynomial's
// coefficients a0 db + da b0 would take a fourth (it is a1 b1 - a0 b0 - da db).
template <class A>
__device__ void add_pair(A x0, A x1, const Ef& y0, const Ef& y1, Ef (&acc)[3]) {
  acc[0] = acc[0] + times(x0, y0);
  acc[1] = acc[1] + times(x1, y1);
  acc[2] = acc[2] + times(x1 - x0, y1 - y0);
}

// The first two rounds in one pass. On a quad (X picks the pair, Y the value in
// it) a and b are bilinear, p(X, Y) and q(X, Y); the sums of the coefficients of
// X^j Y^k (j, k <= 2) of p q give both rounds (jagged_two_rounds says how).
__global__ void two_rounds_kernel(DenseJagged src, Ef* partials) {
  Ef acc[9];
  for (Ef& e : acc) e = Ef::zero();
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; 4 * i < src.n;
       i += uint64_t(gridDim.x) * blockDim.x) {
    Fe a[4];
    Ef b[4];
    src.load4(4 * i, a, b);
    const Fe p[2][2] = {{a[0], a[1] - a[0]}, {a[2] - a[0], a[3] - a[2] - a[1] + a[0]}};
    const Ef q[2][2] = {{b[0], b[1] - b[0]}, {b[2] - b[0], b[3] - b[2] - b[1] + b[0]}};
    for (uint32_t x = 0; x < 2; ++x)
      for (uint32_t y = 0; y < 2; ++y)
        for (uint32_t u = 0; u < 2; ++u)
          for (uint32_t v = 0; v < 2; ++v) acc[3 * (x + u) + y + v] = acc[3 * (x + u) + y + v] + times(p[x][y], q[u][v]);
  }
  block_sum<9>(acc, partials + 9 * blockIdx.x);
}

// The first two variables bound in one pass: values 8i .. 8i + 7 bound twice are
// values 2i, 2i + 1 of the next tables (n / 4 of them), one pair of the next round.
__global__ void bind_two_round_kernel(DenseJagged src, Ef alpha0, Ef alpha1, Ef* a_out, Ef* b_out, Ef* partials) {
  Ef acc[3] = {Ef::zero(), Ef::zero(), Ef::zero()};
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; 8 * i < src.n;
       i += uint64_t(gridDim.x) * blockDim.x) {
    Ef x[2], y[2];
    for (uint32_t t = 0; t < 2; ++t) {
      Fe a[4];
      Ef b[4];
      src.load4(8 * i + 4 * t, a, b);
      x[t] = terms::fold_pair(terms::fold_pair(a[0], a[1], alpha0), terms::fold_pair(a[2], a[3], alpha0), alpha1);
      y[t] = terms::fold_pair(terms::fold_pair(b[0], b[1], alpha0), terms::fold_pair(b[2], b[3], alpha0), alpha1);
    }
    store(a_out + 2 * i, x[0]);
    store(b_out + 2 * i, y[0]);
    if (src.n > 4) {
      store(a_out + 2 * i + 1, x[1]);
      store(b_out + 2 * i + 1, y[1]);
    }
    add_pair(x[0], x[1], y[0], y[1], acc);
  }
  block_sum<3>(acc, partials + 3 * blockIdx.x);
}

// Values 4i .. 4i + 3 bound are values 2i, 2i + 1 of the next tables, one pair of
// the next round.
template <class Src>
__global__ void bind_round_kernel(Src src, Ef alpha, Ef* a_out, Ef* b_out, Ef* partials) {
  Ef acc[3] = {Ef::zero(), Ef::zero(), Ef::zero()};
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; 4 * i < src.n;
       i += uint64_t(gridDim.x) * blockDim.x) {
    typename Src::A a[4];
    Ef b[4];
    src.load4(4 * i, a, b);
    const Ef a0 = terms::fold_pair(a[0], a[1], alpha), a1 = terms::fold_pair(a[2], a[3], alpha);
    const Ef b0 = terms::fold_pair(b[0], b[1], alpha), b1 = terms::fold_pair(b[2], b[3], alpha);
    store(a_out + 2 * i, a0);
    store(b_out + 2 * i, b0);
    if (src.n > 2) {
      store(a_out + 2 * i + 1, a1);
      store(b_out + 2 * i + 1, b1);
    }
    add_pair(a0, a1, b0, b1, acc);
  }
  block_sum<3>(acc, partials + 3 * blockIdx.x);
}

template <class A>
__global__ void product_bind_kernel(const A* v, uint64_t half, Ef alpha, Ef* out) {
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < half; i += uint64_t(gridDim.x) * blockDim.x)
    out[i] = terms::fold_pair(v[2 * i], v[2 * i + 1], alpha);
}

template <class Src>
uint32_t launch_bind_round(const Src& src, const Ef& alpha, Ef* a_out, Ef* b_out, Ef* partials,
                           cudaStream_t stream) {
  const uint32_t blocks = blocks_for((src.n + 3) / 4);
  bind_round_kernel<Src><<<blocks, kThreads, 0, stream>>>(src, alpha, a_out, b_out, partials);
  check_launch("jagged bind_round");
  return blocks;
}

}  // namespace

void canonical_to_field(const uint32_t* in, uint64_t n, Fe* out, cudaStream_t stream) {
  if (n == 0) return;
  canonical_to_field_kernel<<<blocks_to_cover(n), kThreads, 0, stream>>>(in, n, out);
  check_launch("canonical_to_field");
}

void dense_from_stacked(const uint32_t* m, uint64_t height, uint32_t width, Fe* dense, cudaStream_t stream) {
  if (height == 0 || width == 0) return;
  const dim3 grid(uint32_t((height + kTile - 1) / kTile), (width + kTile - 1) / kTile);
  dense_from_stacked_kernel<<<grid, dim3(kTile, kTileRows), 0, stream>>>(m, height, width, dense);
  check_launch("dense_from_stacked");
}

void stack_table(const Fe* table, uint64_t rows, uint32_t cols, uint64_t base, unsigned log_stack, uint32_t width,
                 uint32_t* message, cudaStream_t stream) {
  if (rows == 0 || cols == 0) return;
  stack_table_kernel<<<blocks_to_cover(rows * cols), kThreads, 0, stream>>>(table, rows, cols, base, log_stack, width,
                                                                          message);
  check_launch("stack_table");
}

uint32_t jagged_two_rounds(const Fe* dense, const JaggedEq& j, uint64_t n, Ef* partials, cudaStream_t stream) {
  const uint32_t blocks = blocks_for((n + 3) / 4);
  two_rounds_kernel<<<blocks, kThreads, 0, stream>>>(DenseJagged{dense, j, n}, partials);
  check_launch("jagged_two_rounds");
  return blocks;
}

uint32_t jagged_bind_round(const Fe* dense, const JaggedEq& j, uint64_t n, const Ef& alpha, Ef* a_out, Ef* b_out,
                           Ef* partials, cudaStream_t stream) {
  return launch_bind_round(DenseJagged{dense, j, n}, alpha, a_out, b_out, partials, stream);
}

uint32_t jagged_bind_two_round(const Fe* dense, const JaggedEq& j, uint64_t n, const Ef& alpha0, const Ef& alpha1,
                               Ef* a_out, Ef* b_out, Ef* partials, cudaStream_t stream) {
  const uint32_t blocks = blocks_for((n + 7) / 8);
  bind_two_round_kernel<<<blocks, kThreads, 0, stream>>>(DenseJagged{dense, j, n}, alpha0, alpha1, a_out, b_out,
                                                         partials);
  check_launch("jagged_bind_two_round");
  return blocks;
}

uint32_t product_bind_round(const Ef* a, const Ef* b, uint64_t n, const Ef& alpha, Ef* a_out, Ef* b_out,
                            Ef* partials, cudaStream_t stream) {
  return launch_bind_round(Tables{a, b, n}, alpha, a_out, b_out, partials, stream);
}

template <class A>
void product_bind(const A* v, uint64_t half, const Ef& alpha, Ef* out, cudaStream_t stream) {
  if (half == 0) return;
  product_bind_kernel<A><<<blocks_to_cover(half), kThreads, 0, stream>>>(v, half, alpha, out);
  check_launch("product_bind");
}

template void product_bind<Fe>(const Fe*, uint64_t, const Ef&, Ef*, cudaStream_t);

}  // namespace zkgpu::cuda::sp1
