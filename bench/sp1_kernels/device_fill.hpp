#pragma once
// Random field elements made on the device (bench/fill_random.cuh), so the large
// inputs never cross the bus: every 32-bit word below the KoalaBear prime, which is
// a field element in Montgomery form (Fe) and, four at a time, an extension
// element (Ef) as much as a canonical value of a stacked message.
#include <cuda_runtime_api.h>

#include <cstdint>

#include "kernels/common/device_buffer.hpp"

namespace zkgpu::bench::sp1k {

void fill_koalabear_words(uint32_t* words, uint64_t count, uint64_t seed, cudaStream_t stream);

template <class T>
void fill_koalabear(const cuda::DeviceBuffer<T>& buffer, uint64_t seed) {
  static_assert(sizeof(T) % sizeof(uint32_t) == 0, "field elements are whole 32-bit words");
  fill_koalabear_words(reinterpret_cast<uint32_t*>(buffer.data()), buffer.bytes() / sizeof(uint32_t), seed,
                       buffer.stream());
}

}  // namespace zkgpu::bench::sp1k
