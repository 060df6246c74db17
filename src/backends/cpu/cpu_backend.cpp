// The CPU backend: the reference implementation every other backend is compared
// against. It composes the per-family CPU implementations.
#include <sys/sysinfo.h>

#include <thread>

#include "backends/backend.hpp"
#include "backends/cpu/bn254_ops_cpu.hpp"
#include "backends/cpu/stark_ops_cpu.hpp"

namespace zkgpu {
namespace {

class CpuBackend final : public Backend {
 public:
  explicit CpuBackend(unsigned threads)
      : threads_(threads ? threads : std::max(1u, std::thread::hardware_concurrency())),
        stark_(threads_),
        bn254_(threads_) {}

  BackendKind kind() const noexcept override { return BackendKind::cpu; }
  std::string describe() const override { return "cpu (" + std::to_string(threads_) + " threads)"; }
  MemoryInfo memory() const override {
    struct sysinfo si {};
    sysinfo(&si);
    return {uint64_t(si.freeram + si.bufferram) * si.mem_unit, uint64_t(si.totalram) * si.mem_unit};
  }
  StarkOps& stark() override { return stark_; }
  Bn254Ops& bn254() override { return bn254_; }

 private:
  unsigned threads_;
  CpuStarkOps stark_;
  CpuBn254Ops bn254_;
};

}  // namespace

std::unique_ptr<Backend> make_cpu_backend(unsigned threads) { return std::make_unique<CpuBackend>(threads); }

}  // namespace zkgpu
