// Batched Poseidon2 throughput (permutations/s) on device-resident states, against
// the chip's 32-bit integer multiply bound. Prints one JSON document. Kernel time
// (CUDA events, median of N runs) is reported apart from host<->device transfers
// (pinned host memory, measured separately).
#include <cuda_runtime_api.h>

#include <cstring>
#include <vector>

#include "bench/fill_random.cuh"
#include "bench/harness.hpp"
#include "bench/poseidon2_mul_bound.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/poseidon2/poseidon2_kernels.hpp"
#include "math/poseidon2/poseidon2_31.hpp"

using namespace zkgpu;

namespace {

using bench::fill_random;

// Random Montgomery-form BN254 Fr elements: any 4 limbs with the top limb below
// 2^60 are < r, so they are valid Montgomery words.
__global__ void fill_random_fr(uint64_t* out, uint64_t n_limbs, uint64_t seed) {
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < n_limbs; i += uint64_t(gridDim.x) * blockDim.x) {
    uint64_t x = (i + seed) * 0x9e3779b97f4a7c15ull;
    x ^= x >> 31;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 29;
    out[i] = (i % 4 == 3) ? (x >> 4) : x;
  }
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 7;
  unsigned max_log = 26;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--reps") && i + 1 < argc) reps = std::atoi(argv[++i]);
    if (!std::strcmp(argv[i], "--max-log") && i + 1 < argc) max_log = unsigned(std::atoi(argv[++i]));
  }
  try {
    const auto lim = bench::device_limits();
    cudaStream_t stream;
    cuda::check(cudaStreamCreate(&stream), "stream");
    const auto bound = bench::Poseidon2MulBound::compute(lim, stream);

    nlohmann::json results = nlohmann::json::array();
    for (unsigned log_n = 20; log_n <= max_log; ++log_n) {
      const uint64_t n = uint64_t(1) << log_n;
      cuda::DeviceBuffer<uint32_t> states(16 * n, stream);
      fill_random<<<1024, 256, 0, stream>>>(states.data(), 16 * n, poseidon2::KoalaBear16::F::kP, log_n);
      cuda::check_launch("fill");
      const double ms = bench::median_ms(stream, reps, [&] {
        cuda::poseidon2_31_permute(Field31::koalabear, states.data(), n, stream);
      });
      const double perms = double(n) / (ms * 1e-3);
      nlohmann::json r = {{"instance", "koalabear16_sp1"},
                          {"states", n},
                          {"log_states", log_n},
                          {"kernel_ms", ms},
                          {"perms_per_s", perms},
                          {"fraction_of_mul_bound", perms / bound.perms_per_s},
                          {"fraction_of_nominal_bound", perms / bound.nominal_perms_per_s}};
      // Transfers of the same states (canonical u32, 64 bytes per state), pinned host memory.
      if (log_n <= 24) {
        uint32_t* host = nullptr;
        cuda::check(cudaMallocHost(reinterpret_cast<void**>(&host), states.bytes()), "cudaMallocHost");
        const double h2d = bench::median_ms(stream, 3, [&] {
          cuda::check(cudaMemcpyAsync(states.data(), host, states.bytes(), cudaMemcpyHostToDevice, stream), "h2d");
        }, 1);
        const double d2h = bench::median_ms(stream, 3, [&] {
          cuda::check(cudaMemcpyAsync(host, states.data(), states.bytes(), cudaMemcpyDeviceToHost, stream), "d2h");
        }, 1);
        cudaFreeHost(host);
        r["h2d_ms"] = h2d;
        r["d2h_ms"] = d2h;
        r["end_to_end_perms_per_s"] = double(n) / ((ms + h2d + d2h) * 1e-3);
      }
      results.push_back(r);
    }

    // The other instances at one size, for reference.
    nlohmann::json others = nlohmann::json::array();
    {
      const uint64_t n = uint64_t(1) << 22;
      cuda::DeviceBuffer<uint32_t> states(16 * n, stream);
      fill_random<<<1024, 256, 0, stream>>>(states.data(), 16 * n, poseidon2::BabyBear16::F::kP, 7);
      const double ms = bench::median_ms(stream, reps, [&] {
        cuda::poseidon2_31_permute(Field31::babybear, states.data(), n, stream);
      });
      others.push_back({{"instance", "babybear16_plonky3"}, {"states", n}, {"kernel_ms", ms},
                        {"perms_per_s", double(n) / (ms * 1e-3)}});
    }
    {
      const uint64_t n = uint64_t(1) << 20;
      cuda::DeviceBuffer<uint64_t> states(12 * n, stream);
      fill_random_fr<<<1024, 256, 0, stream>>>(states.data(), 12 * n, 9);
      const double ms = bench::median_ms(stream, reps, [&] { cuda::poseidon2_bn254x3_permute(states.data(), n, stream); });
      others.push_back({{"instance", "bn254x3"}, {"states", n}, {"kernel_ms", ms},
                        {"perms_per_s", double(n) / (ms * 1e-3)}});
    }

    nlohmann::json doc = {
        {"benchmark", "poseidon2"},
        {"limits", bench::limits_json(lim)},
        {"bound", bound.json()},
        {"sp1_reference_perms_per_s", 3.0e9},
        {"sp1_reference_note", "SP1 GPU prover Poseidon2-KB16 in its Merkle kernels on an H100 (project reference notes)"},
        {"reps", reps},
        {"results", results},
        {"other_instances", others}};
    std::cout << doc.dump(2) << std::endl;
    cudaStreamDestroy(stream);
    return 0;
  } catch (const std::exception& e) {
    std::cout << nlohmann::json{{"benchmark", "poseidon2"}, {"error", e.what()}}.dump(2) << std::endl;
    return 1;
  }
}
