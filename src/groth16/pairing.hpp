#pragma once
// The BN254 optimal ate pairing on the host: the Fq6 / Fq12 towers over the
// Fq2 of math/bn254, the Miller loop and the final exponentiation.
//
// Tower (the one EIP-197 implementations and ffjavascript use):
//   Fq6  = Fq2[v] / (v^3 - xi),  xi = 9 + u
//   Fq12 = Fq6[w] / (w^2 - v)
// G2 lives on the D-twist y^2 = x^3 + 3/xi; it is mapped into E(Fq12) by
// (x, y) -> (x w^2, y w^3).
#include <span>
#include <utility>

#include "math/bn254/types.hpp"

namespace zkgpu::groth16 {

using bn254::Fq;
using bn254::Fq2;

struct Fq6 {
  Fq2 c0, c1, c2;

  static Fq6 zero() { return {Fq2::zero(), Fq2::zero(), Fq2::zero()}; }
  static Fq6 one() { return {Fq2::one(), Fq2::zero(), Fq2::zero()}; }
  bool is_zero() const { return c0.is_zero() && c1.is_zero() && c2.is_zero(); }
  friend bool operator==(const Fq6& a, const Fq6& b) { return a.c0 == b.c0 && a.c1 == b.c1 && a.c2 == b.c2; }

  friend Fq6 operator+(const Fq6& a, const Fq6& b) { return {a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2}; }
  friend Fq6 operator-(const Fq6& a, const Fq6& b) { return {a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2}; }
  Fq6 operator-() const { return {-c0, -c1, -c2}; }
  friend Fq6 operator*(const Fq6& a, const Fq6& b);
  Fq6 mul_by_v() const;  // this * v
  Fq6 inverse() const;   // the inverse of 0 is 0
};

struct Fq12 {
  Fq6 c0, c1;

  static Fq12 one() { return {Fq6::one(), Fq6::zero()}; }
  bool is_one() const { return c0 == Fq6::one() && c1.is_zero(); }
  friend bool operator==(const Fq12& a, const Fq12& b) { return a.c0 == b.c0 && a.c1 == b.c1; }
  friend bool operator!=(const Fq12& a, const Fq12& b) { return !(a == b); }

  friend Fq12 operator*(const Fq12& a, const Fq12& b);
  Fq12 sqr() const;
  // The p^6-power Frobenius: c0 - c1 w.
  Fq12 conjugate() const { return {c0, -c1}; }
  Fq12 inverse() const;
  // this^e, e given as little-endian 64-bit limbs.
  Fq12 pow(std::span<const uint64_t> e) const;
};

Fq2 mul_by_xi(const Fq2& a);  // a * (9 + u)

// f_{6x+2,Q}(P) times the two Frobenius lines (no final exponentiation).
// Either point at infinity gives 1.
Fq12 miller_loop(const bn254::G1Affine& p, const bn254::G2Affine& q);
// f^((p^12 - 1) / r).
Fq12 final_exponentiation(const Fq12& f);
// e(P, Q) = final_exponentiation(miller_loop(P, Q)).
Fq12 pairing(const bn254::G1Affine& p, const bn254::G2Affine& q);
// The p-power Frobenius of Fq12.
Fq12 frobenius(const Fq12& a);
// f^((p^12 - 1) / r * 2x(6x^2 + 3x + 1)) (x the BN parameter) by the addition
// chain of Fuentes-Castaneda, Knapp and Rodriguez-Henriquez, as wasmcurves'
// bn128 final exponentiation (which snarkjs uses) computes it; several times
// faster than final_exponentiation. The extra factor is prime to r, so "== 1"
// checks agree with final_exponentiation.
Fq12 final_exponentiation_fkr(const Fq12& f);
// The value snarkjs gives for e(P, Q), as in verification_key.json's
// vk_alphabeta_12: final_exponentiation_fkr(miller_loop(P, Q)).
Fq12 snarkjs_pairing(const bn254::G1Affine& p, const bn254::G2Affine& q);
// True when prod e(P_i, Q_i) == 1, with one final exponentiation.
bool pairing_product_is_one(std::span<const std::pair<bn254::G1Affine, bn254::G2Affine>> pairs);

// (p^6 + 1) / r as 20 little-endian limbs: the exponent applied after the
// easy part f^(p^6 - 1). Exposed so the tests can check it times r.
std::span<const uint64_t> final_exponent_hard();

}  // namespace zkgpu::groth16
