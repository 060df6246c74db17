// A round polynomial from its values: the provers evaluate G's partial sums at the
// integers t = 0..d and the round polynomial is eq's linear factor times their
// interpolant, by coefficients, constant term first (slop's UnivariatePolynomial, as
// the proof carries it).
#pragma once

#include <span>
#include <vector>

#include "sp1/transcript/fields.hpp"

namespace zkgpu::sp1::prover {

// The coefficients of the polynomial of degree < values.size() through
// (t, values[t]) for t = 0, 1, ... (Lagrange interpolation on small integers).
std::vector<EF> interpolate_at_integers(std::span<const EF> values);

// (a + b t) * p(t), coefficients in and out.
std::vector<EF> times_linear(std::span<const EF> p, const EF& a, const EF& b);

}  // namespace zkgpu::sp1::prover
