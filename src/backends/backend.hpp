#pragma once
// The backend interface: what a job pipeline may ask of a device. Two
// implementations: cpu/ (the reference, always built) and cuda/ (one instance per
// GPU). They must give bit-identical results; tests/gpu compares them.
//
// A Backend is used by one worker thread at a time (the scheduler owns one
// worker per device), so implementations need no internal locking.
#include <cstdint>
#include <memory>
#include <string>

#include "backends/bn254_ops.hpp"
#include "backends/stark_ops.hpp"
#include "device/backend_kind.hpp"

namespace zkgpu {

struct MemoryInfo {
  uint64_t free_bytes = 0;
  uint64_t total_bytes = 0;
  // Held by this process's allocator caches (counted as used in free_bytes);
  // trim_caches() gives it back.
  uint64_t reclaimable_bytes = 0;
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual BackendKind kind() const noexcept = 0;
  // Short description for logs, e.g. "cuda:0 NVIDIA H100 80GB HBM3".
  virtual std::string describe() const = 0;
  // Memory a job may use now (device memory for CUDA, host memory for CPU).
  virtual MemoryInfo memory() const = 0;
  // Returns the memory the backend's allocator keeps cached between calls (the
  // CUDA stream-ordered pool) to the device. Called between jobs only.
  virtual void trim_caches() {}
  // Called by the worker after a job failed with a device error: a CUDA backend
  // that hit a sticky error resets its context so the next job can run.
  virtual void recover() {}

  virtual StarkOps& stark() = 0;  // 31-bit fields: arithmetic, NTT, LDE, Poseidon2, Merkle
  virtual Bn254Ops& bn254() = 0;  // BN254: Fr arithmetic, MSM, Fr NTT
};

// The CPU backend; `threads` = 0 uses every hardware thread.
std::unique_ptr<Backend> make_cpu_backend(unsigned threads = 0);

}  // namespace zkgpu
