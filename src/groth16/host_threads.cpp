#include "groth16/host_threads.hpp"

#include <sched.h>

#include <algorithm>
#include <thread>

namespace zkgpu::groth16 {

unsigned host_threads() {
  // The affinity mask rather than hardware_concurrency(): a process confined
  // to some CPUs must not start a thread for every CPU of the host.
  cpu_set_t set;
  if (::sched_getaffinity(0, sizeof(set), &set) == 0) return unsigned(std::max(1, CPU_COUNT(&set)));
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace zkgpu::groth16
