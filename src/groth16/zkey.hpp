#pragma once
// snarkjs Groth16 proving keys (.zkey, binfileutils container "zkey", version 1).
//
// Layout (snarkjs src/zkey_utils.js and binfileutils, read as facts): magic
// "zkey", u32 version 1, u32 section count, then sections {u32 type, u64 size,
// bytes}. Sections: 1 header (u32 protocol, 1 = Groth16), 2 Groth16 header
// (n8q, q, n8r, r, nVars, nPublic, domainSize, alpha1, beta1, beta2, gamma2,
// delta1, delta2), 3 IC, 4 coefficients (A and B matrix entries), 5 A, 6 B1,
// 7 B2, 8 C, 9 H, 10 contributions. Field elements and coordinates are stored in
// Montgomery form (R = 2^256), little-endian, which is also math/bn254's layout;
// section 4's coefficient values are stored times R^2 mod r (snarkjs
// zkey_new.js), which parse_zkey undoes.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "math/bn254/types.hpp"

namespace zkgpu::groth16 {

// One nonzero entry of the A or B matrix of the QAP: matrix[constraint][signal] = value.
struct Coefficient {
  uint32_t matrix = 0;      // 0 = A, 1 = B
  uint32_t constraint = 0;  // row, < domain_size
  uint32_t signal = 0;      // column, < n_vars
  bn254::Fr value;          // the coefficient (Montgomery form; the file stores it times R^2 mod r)
};

struct ProvingKey {
  uint32_t n_vars = 0;      // witness length, including the constant 1 at index 0
  uint32_t n_public = 0;    // public signals (outputs + public inputs)
  uint32_t domain_size = 0; // power of two
  uint32_t log_domain = 0;

  bn254::G1Affine alpha1, beta1, delta1;
  bn254::G2Affine beta2, gamma2, delta2;
  std::vector<bn254::G1Affine> ic;      // n_public + 1
  std::vector<Coefficient> coefficients;
  std::vector<bn254::G1Affine> a;       // n_vars
  std::vector<bn254::G1Affine> b1;      // n_vars
  std::vector<bn254::G2Affine> b2;      // n_vars
  std::vector<bn254::G1Affine> c;       // n_vars - n_public - 1 (private signals only)
  std::vector<bn254::G1Affine> h;       // domain_size

  std::array<uint8_t, 32> sha256{};     // of the whole file: the key's identity in the daemon
  uint64_t file_bytes = 0;

  uint64_t host_bytes() const noexcept;  // memory the parsed key holds
};

// Parses and validates a .zkey image. Errors (Error with a message naming the
// section and field): not a zkey / truncated / section sizes inconsistent ->
// bad_request; not Groth16, a curve other than BN254 (q or r differ), points off
// the curve, coefficient indices out of range -> invalid_argument.
ProvingKey parse_zkey(std::span<const uint8_t> file);
// Reads the file (Error(not_found / io) when it cannot) and parses it.
ProvingKey read_zkey(const std::string& path);

}  // namespace zkgpu::groth16
