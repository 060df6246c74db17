// The derived operations SP1 builds on a challenger's three primitives
// (observe one base element, sample one base element, observe a digest): extension
// elements, slices with or without a length prefix, points, bits, and the grinding
// check. Facts from succinctlabs/sp1 slop/crates/challenger/src/lib.rs
// (VariableLengthChallenger) and Plonky3's FieldChallenger / GrindingChallenger as
// SP1 pins them:
//   observe_ext       the four coefficients, c0 first;
//   sample_ext        four samples, the first one becoming c0;
//   sample_bits(b)    the canonical value of one sample, masked to its low b bits;
//   check_witness     observe the witness, then sample_bits(b) must be zero.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sp1/transcript/fields.hpp"

namespace zkgpu::sp1::transcript {

template <class Derived>
class ChallengerOps {
 public:
  void observe_ext(const EF& x) {
    for (const F& c : x.c) self().observe(c);
  }
  // observe_constant_length_slice / _extension_slice: the elements only.
  void observe_slice(std::span<const F> xs) {
    for (F x : xs) self().observe(x);
  }
  void observe_ext_slice(std::span<const EF> xs) {
    for (const EF& x : xs) observe_ext(x);
  }
  // observe_variable_length_*: the length as a field element first.
  void observe_variable_length_slice(std::span<const F> xs) {
    observe_length(xs.size());
    observe_slice(xs);
  }
  void observe_variable_length_ext_slice(std::span<const EF> xs) {
    observe_length(xs.size());
    observe_ext_slice(xs);
  }
  // A usize observed as F::from_canonical_usize (callers keep it below p).
  void observe_length(uint64_t n) { self().observe(F::from_canonical(uint32_t(n))); }

  EF sample_ext() {
    EF r;
    for (F& c : r.c) c = self().sample();
    return r;
  }
  std::vector<EF> sample_point(size_t dimension) {
    std::vector<EF> p(dimension);
    for (EF& x : p) x = sample_ext();
    return p;
  }
  // bits < 31 (SP1 asks for at most the field's two-adicity plus nothing).
  uint32_t sample_bits(unsigned bits) { return self().sample().to_canonical() & ((uint32_t(1) << bits) - 1); }
  bool check_witness(unsigned bits, F witness) {
    self().observe(witness);
    return sample_bits(bits) == 0;
  }

 private:
  Derived& self() { return static_cast<Derived&>(*this); }
};

}  // namespace zkgpu::sp1::transcript
