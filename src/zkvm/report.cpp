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

// Guest output as SP1 prints it (String::from_utf8_lossy): each byte that does
// not start a valid UTF-8 sequence becomes U+FFFD, so the JSON stays valid.
std::string utf8_lossy(const std::string& in) {
  std::string out;
  out.reserve(in.size());
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    bool ok = len > 0 && i + len <= n;
    for (size_t k = 1; ok && k < len; ++k) ok = (p[i + k] & 0xc0) == 0x80;
    if (ok && len > 1) {  // reject overlong forms, surrogates and code points above U+10FFFF
      uint32_t cp = c & (0x7f >> len);
      for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (p[i + k] & 0x3f);
      static constexpr uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
      ok = cp >= kMin[len] && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
    }
    if (ok) {
      out.append(in, i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
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
  j["stdout"] = utf8_lossy(guest_stdout);
  j["stderr"] = utf8_lossy(guest_stderr);
  if (with_timing) {
    j["wall_s"] = wall_s;
    j["mhz"] = mhz;
  }
  return j;
}

}  // namespace zkgpu::zkvm
