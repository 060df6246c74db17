#include "bench/sp1_kernels/device_fill.hpp"

#include "bench/fill_random.cuh"
#include "math/field31/field31.hpp"

namespace zkgpu::bench::sp1k {

void fill_koalabear_words(uint32_t* words, uint64_t count, uint64_t seed, cudaStream_t stream) {
  if (count == 0) return;
  fill_random<<<2048, 256, 0, stream>>>(words, count, f31::KoalaBear::kP, seed);
  cuda::check_launch("fill_random");
}

}  // namespace zkgpu::bench::sp1k
