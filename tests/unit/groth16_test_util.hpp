#pragma once
// Access to the Groth16 test circuits that scripts/build-test-circuits.sh
// builds with circom2 + snarkjs into tests/circuits/build/<name>/. The
// directory comes from the ZKGPU_TEST_CIRCUITS_DIR compile definition; the
// environment variable of the same name overrides it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "zkgpu/error.hpp"

namespace zkgpu::groth16_test {

// Every circuit the build script produces.
inline const std::vector<std::string>& circuit_names() {
  static const std::vector<std::string> names = {"multiplier", "public_inputs", "poseidon_chain"};
  return names;
}

inline std::filesystem::path circuits_dir() {
  if (const char* env = std::getenv("ZKGPU_TEST_CIRCUITS_DIR")) return env;
  return ZKGPU_TEST_CIRCUITS_DIR;
}

inline std::string circuit_file(const std::string& circuit, const std::string& file) {
  return (circuits_dir() / circuit / file).string();
}

// A fatal test failure, with the fix, when a circuit's build outputs are missing.
inline void require_circuit(const std::string& circuit) {
  for (const char* f : {"circuit.zkey", "witness.wtns", "verification_key.json", "proof_snarkjs.json",
                        "public_snarkjs.json"})
    ASSERT_TRUE(std::filesystem::exists(circuits_dir() / circuit / f))
        << "test circuit file " << (circuits_dir() / circuit / f)
        << " is missing: run scripts/build-test-circuits.sh first (the README's test command does)";
}

// Tests over every circuit: the parameter is the circuit's name.
class CircuitTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { require_circuit(GetParam()); }
  std::string file(const std::string& f) const { return circuit_file(GetParam(), f); }
};

inline std::vector<uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs fn, which must throw zkgpu::Error with `code`; returns its message.
template <class Fn>
std::string expect_error(ErrorCode code, Fn&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no error thrown";
  return {};
}

}  // namespace zkgpu::groth16_test
