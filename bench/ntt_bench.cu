// NTT and coset LDE throughput on device-resident row-major matrices. Prints one
// JSON document. Kernel time (CUDA events, median of N runs) is reported apart
// from host<->device transfer time (pinned host memory, measured separately).
//
// Bandwidth is reported two ways:
//   min_bytes_fraction_of_peak: (input read once + output written once) / time
//     / peak DRAM bandwidth -- the figure that compares across implementations;
//   pass_traffic_fraction_of_peak: the bytes the passes of this design actually
//     move (each pass reads and writes the whole matrix) / time / peak.
#include <cuda_runtime_api.h>

#include <cstring>
#include <string>
#include <vector>

#include "bench/fill_random.cuh"
#include "bench/harness.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/ntt/ntt.hpp"
#include "math/field31/field31.hpp"

using namespace zkgpu;

namespace {

using bench::fill_random;

uint32_t prime(Field31 f) { return f == Field31::koalabear ? f31::KoalaBear::kP : f31::BabyBear::kP; }
const char* name(Field31 f) { return f == Field31::koalabear ? "koalabear" : "babybear"; }


struct Case {
  Field31 field;
  unsigned log_n;
  uint64_t cols;
  int log_blowup;  // -1 = plain forward NTT
};

// KoalaBear up to its two-adicity 2^24 (LDE: output rows), BabyBear above.
std::vector<Case> bench_cases(bool quick) {
  std::vector<Case> cases;
  const std::vector<uint64_t> col_list = quick ? std::vector<uint64_t>{1, 64} : std::vector<uint64_t>{1, 16, 64, 256};
  for (unsigned log_n = 20; log_n <= 24; ++log_n)
    for (uint64_t c : col_list) cases.push_back({Field31::koalabear, log_n, c, -1});
  for (unsigned log_n : {25u, 26u})
    for (uint64_t c : col_list) cases.push_back({Field31::babybear, log_n, c, -1});
  for (int lb : {1, 2})
    for (unsigned log_n = 20; log_n + lb <= 24; ++log_n)
      for (uint64_t c : col_list) cases.push_back({Field31::koalabear, log_n, c, lb});
  for (int lb : {1, 2})
    for (unsigned log_n : {23u, 24u})
      for (uint64_t c : col_list) cases.push_back({Field31::babybear, log_n, c, lb});
  return cases;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  unsigned max_m = 0;  // 0 = the library default
  unsigned lines = 0;  // 0 = chosen by shape
  int only_log = -1, only_cols = 0;  // --case LOG_ROWS COLS: that forward NTT alone (for profilers)
  int only_blowup = -1;              // --blowup K with --case: that LDE (2^LOG_ROWS rows in) instead
  int reps = 7;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick")) quick = true;
    if (!std::strcmp(argv[i], "--max-pass-log") && i + 1 < argc) max_m = unsigned(std::atoi(argv[++i]));
    if (!std::strcmp(argv[i], "--tile-lines") && i + 1 < argc) lines = unsigned(std::atoi(argv[++i]));
    if (!std::strcmp(argv[i], "--case") && i + 2 < argc) {
      only_log = std::atoi(argv[++i]);
      only_cols = std::atoi(argv[++i]);
    }
    if (!std::strcmp(argv[i], "--blowup") && i + 1 < argc) only_blowup = std::atoi(argv[++i]);
    if (!std::strcmp(argv[i], "--reps") && i + 1 < argc) reps = std::atoi(argv[++i]);
  }
  try {
    const cuda::NttPolicy policy{max_m ? max_m : cuda::kDefaultMaxPassLog, lines};
    cuda::validate(policy);
    const auto lim = bench::device_limits();
    cudaStream_t stream;
    cuda::check(cudaStreamCreate(&stream), "stream");
    cuda::NttTwiddleCache cache;
    size_t free_b = 0, total_b = 0;
    cuda::check(cudaMemGetInfo(&free_b, &total_b), "meminfo");
    const uint64_t budget = uint64_t(double(free_b) * 0.85);

    const std::vector<Case> cases = only_log >= 0
                                        ? std::vector<Case>{{Field31::koalabear, unsigned(only_log), uint64_t(only_cols), only_blowup}}
                                        : bench_cases(quick);

    // Pinned staging for the transfer measurement (up to 4 GiB: larger cases report no transfer time).
    const uint64_t pinned_bytes = uint64_t(4) << 30;
    void* pinned = nullptr;
    cuda::check(cudaMallocHost(&pinned, pinned_bytes), "cudaMallocHost");

    // One case: kernel time (median), both bandwidth figures, and the pinned
    // transfers of its input and output. Null when it does not fit.
    auto run_case = [&](const Case& c, const cuda::NttPolicy& run_policy, bool transfers) -> nlohmann::json {
      const uint64_t n = uint64_t(1) << c.log_n;
      const bool lde = c.log_blowup >= 0;
      const uint64_t big = lde ? n << c.log_blowup : n;
      const uint64_t in_elems = n * c.cols, out_elems = big * c.cols;
      const uint64_t dev_bytes = lde ? (in_elems + 2 * out_elems) * 4 : 2 * in_elems * 4;
      if (dev_bytes > budget) return nullptr;
      cuda::DeviceBuffer<uint32_t> a(in_elems, stream), b(lde ? out_elems : in_elems, stream),
          s(lde ? out_elems : 0, stream);
      fill_random<<<2048, 256, 0, stream>>>(a.data(), in_elems, prime(c.field), c.log_n * 1000 + c.cols);
      cuda::check_launch("fill_random");
      const double ms = bench::median_ms(stream, reps, [&] {
        if (lde)
          cuda::lde_device(cache, c.field, a.data(), n, c.cols, unsigned(c.log_blowup), s.data(), b.data(), stream,
                           run_policy);
        else
          cuda::ntt_device(cache, c.field, NttDirection::forward, a.data(), b.data(), n, c.cols, stream, run_policy);
      });
      const double min_bytes = double(in_elems + out_elems) * 4;
      double traffic;
      unsigned passes, tile_lines;
      bool fused = false;
      if (lde) {
        const cuda::LdePlan plan = cuda::lde_plan(n, c.cols, unsigned(c.log_blowup), run_policy);
        const unsigned interp_passes = unsigned(plan.interp.ms.size()), eval_passes = unsigned(plan.eval.ms.size());
        fused = plan.fused;
        tile_lines = plan.eval.lines;
        if (plan.fused) {
          // Passes over the input, the bridge (reads the input, writes the output),
          // passes over the output.
          passes = interp_passes + 1 + eval_passes;
          traffic = (2.0 * interp_passes * in_elems + in_elems + out_elems + 2.0 * eval_passes * out_elems) * 4;
        } else {
          // Interpolation: passes over the input, its last writing the coefficients;
          // evaluation: its first pass reads only the n nonzero rows, the rest read
          // and write the whole output.
          passes = interp_passes + eval_passes;
          traffic = (2.0 * interp_passes * in_elems + in_elems + out_elems + 2.0 * (eval_passes - 1) * out_elems) * 4;
        }
      } else {
        const cuda::TransformPlan plan = cuda::plan_transform(c.log_n, c.cols, run_policy);
        passes = unsigned(plan.ms.size());
        tile_lines = plan.lines;
        traffic = 2.0 * passes * in_elems * 4;
      }
      nlohmann::json r = {{"op", lde ? "lde" : "ntt"},
                          {"field", name(c.field)},
                          {"log_rows", c.log_n},
                          {"cols", c.cols},
                          {"tile_lines", tile_lines},
                          {"max_pass_log", run_policy.max_pass_log},
                          {"passes", passes},
                          {"kernel_ms", ms},
                          {"min_bytes", min_bytes},
                          {"min_bytes_gb_per_s", min_bytes / ms / 1e6},
                          {"min_bytes_fraction_of_peak", min_bytes / (ms * 1e-3) / lim.peak_dram_bytes_per_s},
                          {"pass_traffic_bytes", traffic},
                          {"pass_traffic_gb_per_s", traffic / ms / 1e6},
                          {"pass_traffic_fraction_of_peak", traffic / (ms * 1e-3) / lim.peak_dram_bytes_per_s}};
      if (lde) {
        r["log_blowup"] = c.log_blowup;
        r["lde_fused"] = fused;
      }
      if (transfers && out_elems * 4 <= pinned_bytes && in_elems * 4 <= pinned_bytes) {
        const double h2d = bench::median_ms(stream, 3, [&] {
          cuda::check(cudaMemcpyAsync(a.data(), pinned, in_elems * 4, cudaMemcpyHostToDevice, stream), "h2d");
        }, 0);
        const double d2h = bench::median_ms(stream, 3, [&] {
          cuda::check(cudaMemcpyAsync(pinned, b.data(), out_elems * 4, cudaMemcpyDeviceToHost, stream), "d2h");
        }, 0);
        r["h2d_ms_pinned"] = h2d;
        r["d2h_ms_pinned"] = d2h;
        r["end_to_end_ms"] = h2d + ms + d2h;
      }
      std::cerr << r.dump() << "\n";
      return r;
    };

    nlohmann::json results = nlohmann::json::array();
    for (const auto& c : cases) {
      nlohmann::json r = run_case(c, policy, true);
      if (!r.is_null()) results.push_back(r);
    }
    // Tile sweep at the target shapes (2^24 x 64 NTT; LDE to 2^24 rows).
    nlohmann::json tuning = nlohmann::json::array();
    const std::pair<unsigned, unsigned> tiles[] = {{8, 11}, {8, 12}, {32, 10}};  // (lines, max pass log)
    for (const auto& [l, m] : tiles) {
      if (only_log >= 0) break;
      for (const Case& c : {Case{Field31::koalabear, 24, 64, -1}, Case{Field31::koalabear, 23, 64, 1},
                            Case{Field31::koalabear, 22, 64, 2}}) {
        nlohmann::json r = run_case(c, cuda::NttPolicy{m, l}, false);
        if (!r.is_null()) tuning.push_back(r);
      }
    }
    cudaFreeHost(pinned);
    nlohmann::json doc = bench::limits_json(lim);
    doc["benchmark"] = "ntt_lde_31bit";
    doc["max_pass_log"] = policy.max_pass_log;
    doc["tile_lines"] = lines ? nlohmann::json(lines) : nlohmann::json("auto: 32 for >= 32 columns and >= 2^20 rows, else 8");
    doc["reps"] = reps;
    doc["twiddle_cache_bytes"] = cache.bytes();
    doc["bandwidth_note"] =
        "min_bytes = input read once + output written once; pass_traffic = bytes the passes move "
        "(read + write of the matrix per pass; a fused LDE's bridge kernel reads the input and writes the output once); "
        "peak = 2 x memory clock x bus width";
    doc["results"] = results;
    doc["pass_size_sweep"] = tuning;
    std::cout << doc.dump(2) << std::endl;
  } catch (const std::exception& e) {
    std::cout << nlohmann::json{{"error", e.what()}}.dump() << std::endl;
    return 1;
  }
  return 0;
}
