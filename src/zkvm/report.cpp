#include "zkvm/report.hpp"

#include <nlohmann/json.hpp>

#include <span>

namespace zkgpu::zkvm {
namespace {

std::string hex(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  s.reserve(2 * bytes.size());
  for (uint8_t b : bytes) {
    s.push_back(kDigits[b >> 4]);
    s.push_back(kDigits[b & 15]);
  }
  return s;
}

}  // namespace

nlohmann::json Report::to_json(bool with_timing) const {
  nlohmann::json j;
  j["status"] = halted ? "halted" : "failed";
  if (halted) j["exit_code"] = exit_code;
  if (!error.empty()) j["error"] = error;
  j["instructions"] = instructions;
  j["cycles"] = instructions;
  j["unconstrained_instructions"] = unconstrained_instructions;
  j["clk"] = clk;
  j["syscalls"] = syscalls;
  j["public_values"] = hex(public_values);
  j["public_values_sha256"] = hex(public_values_sha256);
  j["committed_digest"] = committed_digest;
  j["deferred_proofs_digest"] = deferred_proofs_digest;
  j["stdout"] = guest_stdout;
  j["stderr"] = guest_stderr;
  if (with_timing) {
    j["wall_s"] = wall_s;
    j["mhz"] = mhz;
  }
  return j;
}

}  // namespace zkgpu::zkvm
