#pragma once
// How many threads the Groth16 host work (file parsing, QAP evaluation,
// checks) starts.

namespace zkgpu::groth16 {

// The CPUs this process may run on (its affinity mask), at least 1.
unsigned host_threads();

}  // namespace zkgpu::groth16
