// make_test_ptau: writes a prepared BN254 powers-of-tau file (snarkjs 0.7
// .ptau, what `snarkjs powersoftau prepare phase2` produces) for TESTS ONLY.
// tau, alpha and beta are derived from a seed given on the command line, so the
// toxic waste is public: never use such a file outside tests.
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

#include "test_ptau.hpp"

namespace {

constexpr const char* kUsage =
    "usage: make_test_ptau [--power N] [--seed TEXT] [--threads N] OUTPUT.ptau\n"
    "\n"
    "Writes a prepared BN254 powers-of-tau file in snarkjs 0.7's .ptau format\n"
    "(sections 1-7 and 12-15, as `snarkjs powersoftau prepare phase2` writes),\n"
    "ready for `snarkjs groth16 setup`.\n"
    "\n"
    "FOR TESTS ONLY: the toxic waste (tau, alpha, beta) is derived from the seed,\n"
    "so anyone who knows the seed can forge proofs for circuits set up with it.\n"
    "The file has no contribution records; `snarkjs powersoftau verify` rejects it.\n"
    "\n"
    "  --power N     2^N powers (1..27, default 16)\n"
    "  --seed TEXT   seed of the toxic waste (default \"zkgpud tests\")\n"
    "  --threads N   worker threads (default: all cores)\n";

bool parse_unsigned(std::string_view s, unsigned& out) {
  if (s.empty() || s.size() > 9) return false;
  unsigned v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + unsigned(c - '0');
  }
  out = v;
  return true;
}

int fail(const std::string& msg) {
  std::fprintf(stderr, "make_test_ptau: %s\n%s", msg.c_str(), kUsage);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  unsigned power = 16, threads = 0;
  std::string seed = "zkgpud tests", output;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (arg == "--power" || arg == "--threads") {
      const char* v = value();
      unsigned& target = arg == "--power" ? power : threads;
      if (v == nullptr || !parse_unsigned(v, target)) return fail(std::string(arg) + " needs a number");
    } else if (arg == "--seed") {
      const char* v = value();
      if (v == nullptr) return fail("--seed needs a value");
      seed = v;
    } else if (!arg.empty() && arg[0] == '-') {
      return fail("unknown option " + std::string(arg));
    } else if (output.empty()) {
      output = arg;
    } else {
      return fail("more than one output file given");
    }
  }
  if (output.empty()) return fail("no output file given");
  if (power < 1 || power > 27) return fail("--power must be 1..27");

  try {
    const auto start = std::chrono::steady_clock::now();
    zkgpu::test_ptau::write_ptau_file(output, power, zkgpu::test_ptau::toxic_waste_from_seed(seed), threads);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("make_test_ptau: wrote %s (power %u, TEST-ONLY toxic waste) in %.1f s\n", output.c_str(), power, s);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "make_test_ptau: %s\n", e.what());
    return 1;
  }
  return 0;
}
