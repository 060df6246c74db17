#include "groth16/zkey.hpp"

#include <bit>
#include <cstring>
#include <future>

#include "common/parallel_ranges.hpp"
#include "groth16/binfile.hpp"
#include "groth16/file_layout.hpp"
#include "groth16/host_threads.hpp"
#include "math/sha256/sha256.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::groth16 {

using namespace bn254;

namespace {

constexpr uint32_t kN8 = 32;
// snarkjs's groth16 prover opens zkeys with binfileutils' maxVersion 2; it writes version 1.
constexpr uint32_t kMaxVersion = 2;
constexpr uint32_t kGroth16 = 1, kPlonk = 2, kFflonk = 10;  // snarkjs src/zkey_constants.js
constexpr size_t kCoefficientBytes = 12 + kN8;               // matrix, constraint, signal, value
constexpr size_t kMinPerThread = 1 << 14;

[[noreturn]] void bad(const std::string& msg) { throw Error(ErrorCode::bad_request, "zkey file: " + msg); }
[[noreturn]] void invalid(const std::string& msg) { throw Error(ErrorCode::invalid_argument, "zkey file: " + msg); }

bool coordinates_canonical(const G1Affine& p) {
  return Fq::is_canonical(p.x.montgomery()) && Fq::is_canonical(p.y.montgomery());
}
bool coordinates_canonical(const G2Affine& p) {
  return Fq::is_canonical(p.x.c0.montgomery()) && Fq::is_canonical(p.x.c1.montgomery()) &&
         Fq::is_canonical(p.y.c0.montgomery()) && Fq::is_canonical(p.y.c1.montgomery());
}

// Null when the point is valid, else why not.
template <class P>
const char* point_problem(const P& p) {
  if (!coordinates_canonical(p)) return "a coordinate is not below p";
  if (!p.is_on_curve()) return "the point is not on the curve";
  return nullptr;
}

// An array of points from a section of exactly count points (count from the
// header, so the allocation is bounded by the section, which lies in the file).
template <class P>
std::vector<P> load_points(std::span<const uint8_t> section, uint64_t count, const std::string& what) {
  if (section.size() != count * sizeof(P))
    bad(what + ": " + std::to_string(section.size()) + " bytes, expected " + std::to_string(count) + " points of " +
        std::to_string(sizeof(P)) + " bytes");
  std::vector<P> out(static_cast<size_t>(count));
  parallel_ranges(out.size(), host_threads(), kMinPerThread, [&](size_t b, size_t e) {
    std::memcpy(static_cast<void*>(out.data() + b), section.data() + b * sizeof(P), (e - b) * sizeof(P));
    for (size_t i = b; i < e; ++i)
      if (const char* why = point_problem(out[i])) invalid(what + " point " + std::to_string(i) + ": " + why);
  });
  return out;
}

template <class P>
P read_point(SectionReader& r, const char* name) {
  P p;
  std::memcpy(static_cast<void*>(&p), r.bytes(sizeof(P), name).data(), sizeof(P));
  if (const char* why = point_problem(p)) invalid(std::string("zkey header ") + name + ": " + why);
  return p;
}

void check_subgroup(const G2Affine& p, const char* name) {
  if (!in_prime_subgroup(p)) invalid(std::string("zkey header ") + name + ": the point is not in the order-r subgroup");
}

void parse_header(const BinFile& bin, ProvingKey& key) {
  SectionReader s1(bin.unique(1), "zkey section 1 (header)");
  const uint32_t protocol = s1.u32("protocol");
  s1.expect_end();
  if (protocol != kGroth16) {
    const char* name = protocol == kPlonk ? " (PLONK)" : protocol == kFflonk ? " (FFLONK)" : "";
    invalid("protocol " + std::to_string(protocol) + name + " is not Groth16 (1)");
  }

  SectionReader s2(bin.unique(2), "zkey section 2 (Groth16 header)");
  const uint32_t n8q = s2.u32("n8q");
  const U256 q = n8q == kN8 ? load_u256(s2.bytes(kN8, "q").data()) : U256{};
  if (n8q != kN8 || q != FqParams::modulus())
    invalid("the curve is not BN254 (its base field prime q " +
            std::string(n8q != kN8 ? "has " + std::to_string(n8q) + " bytes" : "differs") + ")");
  const uint32_t n8r = s2.u32("n8r");
  const U256 r = n8r == kN8 ? load_u256(s2.bytes(kN8, "r").data()) : U256{};
  if (n8r != kN8 || r != FrParams::modulus())
    invalid("the curve is not BN254 (its scalar field prime r " +
            std::string(n8r != kN8 ? "has " + std::to_string(n8r) + " bytes" : "differs") + ")");
  key.n_vars = s2.u32("nVars");
  key.n_public = s2.u32("nPublic");
  key.domain_size = s2.u32("domainSize");
  key.alpha1 = read_point<G1Affine>(s2, "alpha1");
  key.beta1 = read_point<G1Affine>(s2, "beta1");
  key.beta2 = read_point<G2Affine>(s2, "beta2");
  key.gamma2 = read_point<G2Affine>(s2, "gamma2");
  key.delta1 = read_point<G1Affine>(s2, "delta1");
  key.delta2 = read_point<G2Affine>(s2, "delta2");
  s2.expect_end();

  if (key.n_vars == 0) invalid("nVars is 0 (the constant signal is always there)");
  if (key.n_public >= key.n_vars)
    invalid("nPublic " + std::to_string(key.n_public) + " leaves no room in nVars " + std::to_string(key.n_vars));
  if (!std::has_single_bit(key.domain_size) || key.domain_size > (1u << FrParams::two_adicity))
    invalid("domainSize " + std::to_string(key.domain_size) + " is not a power of two in 1 .. 2^28");
  key.log_domain = unsigned(std::countr_zero(key.domain_size));
  check_subgroup(key.beta2, "beta2");
  check_subgroup(key.gamma2, "gamma2");
  check_subgroup(key.delta2, "delta2");
}

// Section 4 stores each coefficient c as c * R^2 mod r (snarkjs zkey_new.js
// writeCoef: Fr.mul(n, R2r) written with toRprLE), so that snarkjs's prover can
// multiply it by a canonical witness value with one Montgomery product. Here
// the value is brought to plain Montgomery form (c * R): one Montgomery product
// by the integer 1.
std::vector<Coefficient> parse_coefficients(std::span<const uint8_t> section, const ProvingKey& key) {
  const std::string what = "zkey section 4 (coefficients)";
  if (section.size() < 4) bad(what + ": truncated (" + std::to_string(section.size()) + " bytes)");
  uint32_t count;
  std::memcpy(&count, section.data(), 4);
  if (section.size() - 4 != uint64_t(count) * kCoefficientBytes)
    bad(what + ": " + std::to_string(section.size()) + " bytes do not hold the " + std::to_string(count) +
        " declared coefficients of " + std::to_string(kCoefficientBytes) + " bytes");
  std::vector<Coefficient> out(count);
  const Fr one_raw = Fr::from_montgomery(U256{{1, 0, 0, 0}});
  parallel_ranges(out.size(), host_threads(), kMinPerThread, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i) {
      const uint8_t* p = section.data() + 4 + i * kCoefficientBytes;
      Coefficient& c = out[i];
      std::memcpy(&c.matrix, p, 4);
      std::memcpy(&c.constraint, p + 4, 4);
      std::memcpy(&c.signal, p + 8, 4);
      const U256 stored = load_u256(p + 12);
      auto at = [&] { return what + " entry " + std::to_string(i); };
      if (c.matrix > 1) invalid(at() + ": matrix " + std::to_string(c.matrix) + " is neither A (0) nor B (1)");
      if (c.constraint >= key.domain_size)
        invalid(at() + ": constraint " + std::to_string(c.constraint) + " is not below domainSize " +
                std::to_string(key.domain_size));
      if (c.signal >= key.n_vars)
        invalid(at() + ": signal " + std::to_string(c.signal) + " is not below nVars " + std::to_string(key.n_vars));
      if (!Fr::is_canonical(stored)) invalid(at() + ": the value is not below r");
      c.value = Fr::mont_mul(Fr::from_montgomery(stored), one_raw);
    }
  });
  return out;
}

}  // namespace

uint64_t ProvingKey::host_bytes() const noexcept {
  return sizeof(*this) + ic.size() * sizeof(G1Affine) + coefficients.size() * sizeof(Coefficient) +
         (a.size() + b1.size() + c.size() + h.size()) * sizeof(G1Affine) + b2.size() * sizeof(G2Affine);
}

ProvingKey parse_zkey(std::span<const uint8_t> file) {
  // The hash of a large key takes a while: compute it next to the parsing.
  auto digest = std::async(std::launch::async, [file] { return crypto::sha256(file); });

  const BinFile bin(file, "zkey", kMaxVersion, "zkey");
  ProvingKey key;
  parse_header(bin, key);
  const uint64_t n_vars = key.n_vars, n_public = key.n_public;
  key.ic = load_points<G1Affine>(bin.unique(3), n_public + 1, "zkey section 3 (IC)");
  key.coefficients = parse_coefficients(bin.unique(4), key);
  key.a = load_points<G1Affine>(bin.unique(5), n_vars, "zkey section 5 (A)");
  key.b1 = load_points<G1Affine>(bin.unique(6), n_vars, "zkey section 6 (B1)");
  key.b2 = load_points<G2Affine>(bin.unique(7), n_vars, "zkey section 7 (B2)");
  key.c = load_points<G1Affine>(bin.unique(8), n_vars - n_public - 1, "zkey section 8 (C)");
  key.h = load_points<G1Affine>(bin.unique(9), key.domain_size, "zkey section 9 (H)");

  key.sha256 = digest.get();
  key.file_bytes = file.size();
  return key;
}

ProvingKey read_zkey(const std::string& path) { return parse_zkey(read_whole_file(path, "zkey")); }

}  // namespace zkgpu::groth16
