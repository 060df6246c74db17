// SP1's septic curve, on which global interactions are summed: y^2 = x^3 + 45x +
// 41z^3 over the extension F_p[z] / (z^7 - 3z - 5) of KoalaBear (crates/hypercube/
// src/{septic_extension.rs, septic_curve.rs}), and the map from a global
// interaction's message to a curve point (GlobalInteractionOperation::get_digest,
// crates/core/machine/src/operations/global_interaction.rs; SepticCurve::lift_x).
// Host code: the trace generator and the setup compute with it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "sp1/air/evaluator.hpp"

namespace zkgpu::sp1::air::septic {

using Element = std::array<Felt, 7>;  // coefficients of 1, z, ..., z^6

Element add(const Element& a, const Element& b);
Element sub(const Element& a, const Element& b);
Element neg(const Element& a);
Element mul(const Element& a, const Element& b);
Element mul(const Element& a, Felt c);
Element square(const Element& a);
bool is_zero(const Element& a);
// Throws std::domain_error for zero.
Element inverse(const Element& a);
// A square root, nullopt when `a` is not a square (which root is unspecified:
// callers fix the sign, as lift_x does).
std::optional<Element> sqrt(const Element& a);

// y's top coefficient classifies a point (septic_extension.rs): a receive has it
// in [1, 63 * 2^24], a send in [p - 63 * 2^24, p - 1]; anything else (0 and the
// middle) is an exception no lifted point may have.
bool is_receive(const Element& y);
bool is_send(const Element& y);
bool is_exception(const Element& y);

struct Point {
  Element x, y;
  bool operator==(const Point&) const = default;
};

// x^3 + 45x + 41z^3.
Element curve_formula(const Element& x);

// SepticDigest::zero(), CURVE_CUMULATIVE_SUM_START (septic_digest.rs): where a
// shard's cumulative sum of global interactions starts.
Point digest_zero();
// CURVE_WITNESS_DUMMY_POINT (septic_curve.rs): what a padding row of the Global
// chip adds.
Point witness_dummy();
// SepticCurve::add_incomplete: the chord through p and q (no exceptional cases);
// std::domain_error when their x are equal.
Point add_incomplete(const Point& p, const Point& q);
bool on_curve(const Point& p);
Point negate(const Point& p);

// The complete group law on points or the point at infinity (nullopt), as
// SepticCurveComplete's Add: distinct x by the chord, equal points by the tangent,
// opposite points to infinity.
using MaybePoint = std::optional<Point>;
MaybePoint add(const MaybePoint& p, const MaybePoint& q);

// SepticCurve::lift_x: for offset = 0, 1, ..., 255 the message, its last element
// plus offset * 2^16, padded with eight zeros, goes through Poseidon2-KB16; the
// first 7 output elements are x. The first x whose curve_formula has a root that is
// not an exception gives the point, its y chosen in the receive range. Also returns
// the offset and the permutation's input and output (the Global chip's columns).
struct Lift {
  Point point;
  uint8_t offset = 0;
  std::array<Felt, 16> input{}, output{};
};
// Throws std::runtime_error when no offset works (SP1 panics).
Lift lift_x(const std::array<Felt, 8>& message);

// GlobalInteractionOperation::get_digest: the message's first word gains
// kind << 24, the lift is negated for a send.
Point global_interaction_point(const std::array<uint32_t, 8>& message, bool is_receive, uint8_t kind);

}  // namespace zkgpu::sp1::air::septic
