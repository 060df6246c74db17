// Merkle tensor commitment throughput on device-resident row-major matrices:
// leaf hashing and tree building timed separately (CUDA events, median of N
// runs), input bytes/s, permutations/s against the 32-bit integer multiply bound,
// and the host->device transfer of the input measured apart. Then the chained case
// of a STARK trace commitment through the backend (CudaStarkOps): trace -> coset
// LDE -> Merkle commit -> one opening, once with host memory between the steps
// and once with resident matrices (one upload, nothing else crosses PCIe but the
// root and the opening). Prints one JSON document.
#include <cuda_runtime_api.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <vector>

#include "backends/cuda/stark_ops_cuda.hpp"
#include "bench/fill_random.cuh"
#include "bench/harness.hpp"
#include "bench/poseidon2_mul_bound.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/merkle/merkle_kernels.hpp"
#include "math/poseidon2/poseidon2_31.hpp"

using namespace zkgpu;

using bench::fill_random;

namespace {

// Host wall time of fn (which returns with its results on the host), median of reps.
template <class Fn>
double median_wall_ms(int reps, Fn&& fn) {
  std::vector<double> t;
  fn();  // warm-up: twiddle tables, pool
  for (int i = 0; i < reps; ++i) {
    const auto a = std::chrono::steady_clock::now();
    fn();
    t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

// rows x cols KoalaBear trace, LDE by 2^log_blowup, commit, open row 1.
nlohmann::json chained_case(cudaStream_t stream, unsigned log_rows, size_t cols, unsigned log_blowup, int reps) {
  const size_t rows = size_t(1) << log_rows, big = rows << log_blowup;
  const uint32_t p = f31::KoalaBear::kP;
  uint32_t *trace = nullptr, *ext = nullptr;  // pinned, as the transfers of the daemon's best case
  cuda::check(cudaMallocHost(reinterpret_cast<void**>(&trace), rows * cols * 4), "cudaMallocHost");
  cuda::check(cudaMallocHost(reinterpret_cast<void**>(&ext), big * cols * 4), "cudaMallocHost");
  for (size_t i = 0; i < rows * cols; ++i) trace[i] = uint32_t((i * 2654435761u) % p);
  CudaStarkOps gpu(stream);
  const Field31 f = Field31::koalabear;
  Digest31 root_host{}, root_resident{};
  const double host_ms = median_wall_ms(reps, [&] {
    gpu.lde(f, ConstMatrixView{trace, rows, cols}, log_blowup, MatrixView{ext, big, cols});
    const ConstMatrixView views[] = {{ext, big, cols}};
    const auto tree = gpu.merkle_commit(f, views);
    root_host = tree->root();
    (void)tree->open(1);
  });
  const double resident_ms = median_wall_ms(reps, [&] {
    const auto in = gpu.upload(f, ConstMatrixView{trace, rows, cols});
    const auto lde = gpu.lde(*in, log_blowup);
    const ResidentMatrix* m[] = {lde.get()};
    const auto tree = gpu.merkle_commit(m);
    root_resident = tree->root();
    (void)tree->open(1);
  });
  cudaFreeHost(trace);
  cudaFreeHost(ext);
  return {{"field", "koalabear"},
          {"log_rows", log_rows},
          {"cols", cols},
          {"log_blowup", log_blowup},
          {"host_round_trips_ms", host_ms},
          {"resident_ms", resident_ms},
          {"same_root", root_host == root_resident},
          {"note", "wall time, median; both include the trace upload; host_round_trips also downloads the LDE "
                   "and uploads it again for the commitment"}};
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 5;
  bool quick = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--reps") && i + 1 < argc) reps = std::atoi(argv[++i]);
    if (!std::strcmp(argv[i], "--quick")) quick = true;
  }
  try {
    const auto lim = bench::device_limits();
    cudaStream_t stream;
    cuda::check(cudaStreamCreate(&stream), "stream");
    size_t free_b = 0, total_b = 0;
    cuda::check(cudaMemGetInfo(&free_b, &total_b), "meminfo");
    const auto bound = bench::Poseidon2MulBound::compute(lim, stream);
    const uint32_t p = poseidon2::KoalaBear16::F::kP;

    // Host->device bandwidth for the inputs, measured once on a pinned 1 GiB buffer.
    const uint64_t probe_bytes = uint64_t(1) << 30;
    double h2d_bytes_per_s = 0;
    {
      cuda::DeviceBuffer<uint8_t> d(probe_bytes, stream);
      void* host = nullptr;
      cuda::check(cudaMallocHost(&host, probe_bytes), "cudaMallocHost");
      const double ms = bench::median_ms(stream, 3, [&] {
        cuda::check(cudaMemcpyAsync(d.data(), host, probe_bytes, cudaMemcpyHostToDevice, stream), "h2d");
      }, 1);
      cudaFreeHost(host);
      h2d_bytes_per_s = double(probe_bytes) / (ms * 1e-3);
    }

    nlohmann::json results = nlohmann::json::array();
    const std::vector<unsigned> logs = quick ? std::vector<unsigned>{20} : std::vector<unsigned>{20, 22, 24};
    const std::vector<uint64_t> widths = quick ? std::vector<uint64_t>{8, 64} : std::vector<uint64_t>{8, 16, 64, 256};
    for (unsigned log_n : logs) {
      for (uint64_t w : widths) {
        const uint64_t n = uint64_t(1) << log_n;
        const uint64_t in_bytes = n * w * 4, tree_bytes = (2 * n - 1) * 32;
        if (double(in_bytes + tree_bytes) > 0.85 * double(free_b)) {
          results.push_back({{"rows", n}, {"cols", w}, {"skipped", "does not fit in device memory"}});
          continue;
        }
        cuda::DeviceBuffer<uint32_t> rows(n * w, stream), nodes(8 * (2 * n - 1), stream);
        fill_random<<<1024, 256, 0, stream>>>(rows.data(), n * w, p, log_n * 1000 + w);
        cuda::check_launch("fill");
        const double leaves_ms = bench::median_ms(stream, reps, [&] {
          cuda::merkle_hash_leaves(Field31::koalabear, rows.data(), n, w, nodes.data(), stream);
        });
        const double tree_ms = bench::median_ms(stream, reps, [&] {
          cuda::merkle_build_levels(Field31::koalabear, nodes.data(), n, stream);
        });
        const double total_ms = leaves_ms + tree_ms;
        const double perms = double(n) * double((w + 7) / 8) + double(n - 1);
        const double h2d_ms = double(in_bytes) / h2d_bytes_per_s * 1e3;
        results.push_back({{"rows", n},
                           {"log_rows", log_n},
                           {"cols", w},
                           {"input_bytes", in_bytes},
                           {"leaves_ms", leaves_ms},
                           {"tree_ms", tree_ms},
                           {"kernel_ms", total_ms},
                           {"input_gb_per_s", double(in_bytes) / (total_ms * 1e-3) / 1e9},
                           {"permutations", perms},
                           {"perms_per_s", perms / (total_ms * 1e-3)},
                           {"fraction_of_mul_bound", perms / (total_ms * 1e-3) / bound.perms_per_s},
                           {"fraction_of_nominal_bound", perms / (total_ms * 1e-3) / bound.nominal_perms_per_s},
                           {"h2d_ms", h2d_ms},
                           {"end_to_end_input_gb_per_s", double(in_bytes) / ((total_ms + h2d_ms) * 1e-3) / 1e9}});
      }
    }

    nlohmann::json chained = nlohmann::json::array();
    for (auto [log_rows, cols] : quick ? std::vector<std::pair<unsigned, size_t>>{{16, 16}}
                                       : std::vector<std::pair<unsigned, size_t>>{{20, 64}, {22, 64}})
      chained.push_back(chained_case(stream, log_rows, cols, 2, reps));

    nlohmann::json doc = {
        {"benchmark", "merkle_commit"},
        {"limits", bench::limits_json(lim)},
        {"instance", "koalabear16_sp1 (PaddingFreeSponge 16/8/8 leaves, TruncatedPermutation nodes)"},
        {"bound", bound.json()},
        {"permutations_note", "rows * ceil(cols / 8) leaf permutations + (rows - 1) compressions"},
        {"h2d_gb_per_s", h2d_bytes_per_s / 1e9},
        {"h2d_note", "pinned host memory, measured on a 1 GiB copy; h2d_ms = input_bytes / that rate"},
        {"sp1_reference_perms_per_s", 3.0e9},
        {"reps", reps},
        {"results", results},
        {"chained_trace_commitment", chained}};
    std::cout << doc.dump(2) << std::endl;
    cudaStreamDestroy(stream);
    return 0;
  } catch (const std::exception& e) {
    std::cout << nlohmann::json{{"benchmark", "merkle_commit"}, {"error", e.what()}}.dump(2) << std::endl;
    return 1;
  }
}
