#pragma once
// A prepared BN254 powers-of-tau file in snarkjs 0.7's .ptau format, computed
// directly from KNOWN toxic waste (tau, alpha, beta). FOR TESTS ONLY: anyone who
// knows the seed can forge proofs for every circuit set up from the file.
//
// Format facts (snarkjs 0.7 powersoftau_new.js, powersoftau_preparephase2.js,
// powersoftau_utils.js, zkey_new.js; @iden3/binfileutils):
//   "ptau" | u32 version 1 | u32 section count, then sections {u32 type, u64 size, data}.
//   1 header: u32 n8 = 32 | q (32 bytes LE) | u32 power | u32 ceremony power
//   2 tau^i G1, i < 2^(power+1) - 1     3 tau^i G2, i < 2^power
//   4 alpha tau^i G1, i < 2^power       5 beta tau^i G1, i < 2^power
//   6 beta G2                            7 contributions: u32 count (0 here)
//   12..15 the inverse FFTs of 2..5 over every domain 2^p, p = 0..power, one
//   after the other (the 2^p block starts at point 2^p - 1); section 12 has one
//   more block, p = power + 1, whose input is section 2 with a zero appended.
// Points are affine, each coordinate in Montgomery form, little-endian (x, then
// y; an Fq2 as c0 then c1); infinity is all zeros.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "math/bn254/types.hpp"

namespace zkgpu::test_ptau {

struct ToxicWaste {
  bn254::Fr tau, alpha, beta;
};

// Deterministic, non-zero tau/alpha/beta from a seed string (SHA-256 based).
ToxicWaste toxic_waste_from_seed(std::string_view seed);

// The inverse FFT over the 2^log_n domain of snarkjs (root_of_unity(log_n)) of
// (tau^0, ..., tau^(n-1)), i.e. the Lagrange basis values L_i(tau), computed in
// closed form: L_i(tau) = (tau^n - 1) / n * w^i / (tau - w^i). With
// zero_last_power the input's last entry tau^(n-1) is replaced by 0 (section 12's
// extra block), which subtracts w^i tau^(n-1) / n from each value.
// Throws zkgpu::Error(invalid_argument) when tau lies in the domain.
std::vector<bn254::Fr> lagrange_evaluations(const bn254::Fr& tau, unsigned log_n, bool zero_last_power = false);

// (start, start*x, start*x^2, ...), count values.
std::vector<bn254::Fr> geometric(const bn254::Fr& start, const bn254::Fr& x, std::size_t count);

// scalars[i] * generator for G1 / G2, affine, computed with a fixed-base window
// table over `threads` threads (0 = hardware concurrency).
std::vector<bn254::G1Affine> g1_times(const std::vector<bn254::Fr>& scalars, unsigned threads);
std::vector<bn254::G2Affine> g2_times(const std::vector<bn254::Fr>& scalars, unsigned threads);

// The whole file as bytes (power 1..27). Throws zkgpu::Error on bad arguments.
std::vector<uint8_t> build_ptau(unsigned power, const ToxicWaste& waste, unsigned threads);

// build_ptau written to `path` (via a temporary file renamed into place).
void write_ptau_file(const std::string& path, unsigned power, const ToxicWaste& waste, unsigned threads);

}  // namespace zkgpu::test_ptau
