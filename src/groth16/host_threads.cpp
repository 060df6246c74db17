#include "groth16/host_threads.hpp"

#include "common/cpu_pool.hpp"

namespace zkgpu::groth16 {

unsigned host_threads() { return cpu_count(); }

}  // namespace zkgpu::groth16
