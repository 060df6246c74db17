#include "groth16/wtns.hpp"

#include <cstring>
#include <string_view>

#include "common/parallel_ranges.hpp"
#include "groth16/binfile.hpp"
#include "groth16/file_layout.hpp"
#include "groth16/host_threads.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::groth16 {

using bn254::FrParams;
using bn254::FrRaw;

namespace {

constexpr uint32_t kN8 = 32;
constexpr uint32_t kMaxVersion = 2;  // snarkjs reads wtns versions up to 2

}  // namespace

Witness parse_wtns(std::span<const uint8_t> file) {
  const BinFile bin(file, "wtns", kMaxVersion, "wtns");

  SectionReader header(bin.unique(1), "wtns section 1 (header)");
  const uint32_t n8 = header.u32("n8");
  if (n8 != kN8)
    throw Error(ErrorCode::bad_request,
                "wtns file: field elements of " + std::to_string(n8) + " bytes; BN254 witnesses use 32");
  const FrRaw prime = load_u256(header.bytes(kN8, "prime").data());
  const uint32_t n_witness = header.u32("nWitness");
  header.expect_end();
  if (prime != FrParams::modulus())
    throw Error(ErrorCode::invalid_argument,
                "wtns file: the witness is over a prime other than BN254's scalar field r");
  if (n_witness == 0) throw Error(ErrorCode::invalid_argument, "wtns file: the witness is empty");

  const auto values = bin.unique(2);
  if (values.size() != uint64_t(n_witness) * kN8)
    throw Error(ErrorCode::bad_request, "wtns section 2 (values): " + std::to_string(values.size()) +
                                            " bytes, expected " + std::to_string(n_witness) + " x 32");

  Witness w;
  w.values.resize(n_witness);
  std::memcpy(w.values.data(), values.data(), values.size());
  parallel_ranges(w.values.size(), host_threads(), 1 << 16,
                             [&](size_t b, size_t e) {
                               for (size_t i = b; i < e; ++i)
                                 if (!bn254::Fr::is_canonical(w.values[i]))
                                   throw Error(ErrorCode::invalid_argument,
                                               "wtns file: value " + std::to_string(i) + " is not below r");
                             });
  if (w.values[0] != FrRaw{{1, 0, 0, 0}})
    throw Error(ErrorCode::invalid_argument, "wtns file: value 0 (the constant signal) is not 1");
  return w;
}

Witness read_wtns(const std::string& path) { return parse_wtns(read_whole_file(path, "wtns")); }

std::vector<uint8_t> write_wtns(const Witness& w) {
  std::vector<uint8_t> out;
  const size_t body = w.values.size() * kN8;
  out.reserve(12 + 12 + 4 + kN8 + 4 + 12 + body);
  auto u32 = [&](uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(uint8_t(v >> (8 * i)));
  };
  auto u64 = [&](uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(uint8_t(v >> (8 * i)));
  };
  for (char ch : std::string_view("wtns")) out.push_back(uint8_t(ch));
  u32(2);  // version
  u32(2);  // sections
  u32(1);
  u64(4 + kN8 + 4);
  u32(kN8);
  const size_t at = out.size();
  out.resize(at + kN8);
  store_u256(out.data() + at, FrParams::modulus());
  u32(uint32_t(w.values.size()));
  u32(2);
  u64(body);
  const size_t vat = out.size();
  out.resize(vat + body);
  for (size_t i = 0; i < w.values.size(); ++i) store_u256(out.data() + vat + kN8 * i, w.values[i]);
  return out;
}

}  // namespace zkgpu::groth16
