// A builder whose values are polynomial degrees in the columns: running a chip on it
// gives each constraint's degree (SP1's get_max_constraint_degree, which must not
// exceed MAX_CONSTRAINT_DEGREE = 3 for the zerocheck's round polynomials to have
// the degree the verifier expects), and each interaction's, which must be affine.
#pragma once

#include <algorithm>
#include <span>
#include <vector>

#include "sp1/air/builder.hpp"

namespace zkgpu::sp1::air {

// An upper bound on a polynomial's degree (a sum of degree-d terms may cancel).
struct Degree {
  int d = 0;
  friend Degree operator+(Degree a, Degree b) { return {std::max(a.d, b.d)}; }
  friend Degree operator-(Degree a, Degree b) { return {std::max(a.d, b.d)}; }
  friend Degree operator*(Degree a, Degree b) { return {a.d + b.d}; }
  Degree operator-() const { return *this; }
};

struct ChipDegrees {
  std::vector<int> constraints;
  int max_interaction = 0;  // over every interaction's values and multiplicity
};

class DegreeBuilder {
 public:
  using Expr = Degree;
  Degree main(size_t) const { return {1}; }
  Degree preprocessed(size_t) const { return {1}; }
  Degree public_value(size_t) const { return {0}; }
  Degree constant(uint32_t) const { return {0}; }
  void assert_zero(Degree x) { out_.constraints.push_back(x.d); }
  void interact(Direction, InteractionKind, std::span<const Degree> values, Degree mult) {
    out_.max_interaction = std::max(out_.max_interaction, mult.d);
    for (Degree v : values) out_.max_interaction = std::max(out_.max_interaction, v.d);
  }
  ChipDegrees take() { return std::move(out_); }

 private:
  ChipDegrees out_;
};

template <class Chip>
ChipDegrees degrees(const Chip& chip) {
  DegreeBuilder b;
  chip.eval(b);
  return b.take();
}

}  // namespace zkgpu::sp1::air
