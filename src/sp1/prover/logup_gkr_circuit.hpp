// The LogUp-GKR circuit (SP1 crates/hypercube/src/logup_gkr/cpu.rs): a binary tree
// of fractions whose leaves are every interaction on every row of the shard and
// whose root layer is the circuit output the proof carries.
//
// The leaf layer is indexed (interaction, row): the interactions of the chips in
// name order, each chip's sends then receives; rows 0..2^max_log_row_count. A real
// row holds multiplicity / fingerprint (the multiplicity negated for a receive); a
// row at or above the chip's height holds 0 / 1, which is what the verifier's last
// layer assumes (logup_gkr.cpp: real minus padding-row fraction times geq).
// Each layer up pairs the rows 2j, 2j + 1 (the row index's least significant bit,
// the layer point's last coordinate): n = n0 d1 + n1 d0, d = d0 d1. A 0/1 pair
// stays 0/1, so every layer stores per interaction only its rows below the
// padding: ceil(height / 2^k) of them on the layer k levels above the leaves.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "sp1/prover/chip_traces.hpp"

namespace zkgpu::sp1::prover {

// One interaction's fractions on one layer; rows at or above num.size() are 0 / 1.
struct FractionColumn {
  std::vector<EF> num, den;
};

struct GkrLayer {
  size_t row_vars = 0;                 // the layer has 2^row_vars rows per interaction
  std::vector<FractionColumn> columns;  // one per interaction (not padded to a power of two)
};

struct GkrCircuit {
  size_t num_interactions = 0;
  size_t interaction_vars = 0;  // ceil(log2(num_interactions))
  // layers[0] has one row variable (the output's); layers.back() has
  // max_log_row_count (the leaves).
  std::vector<GkrLayer> layers;
};

// betas = partial_lagrange(beta seed), at least as many as the widest interaction's
// arity (values + kind).
GkrCircuit build_gkr_circuit(std::span<const ChipTrace> chips, size_t max_log_row_count,
                             std::span<const F> public_values, const EF& alpha, std::span<const EF> betas,
                             unsigned threads = 1);

// One layer up (what build_gkr_circuit does per layer): parent row j of column k
// is the fraction sum of child rows 2j and 2j + 1 (a missing 2j + 1 is 0 / 1).
GkrLayer parent_layer(const GkrLayer& child, unsigned threads = 1);

// The circuit output: layers[0] densely, 2^(interaction_vars + 1) fractions indexed
// (interaction, row bit), the interactions beyond the real ones 0 / 1.
void circuit_output(const GkrCircuit& circuit, std::vector<EF>& numerator, std::vector<EF>& denominator);

}  // namespace zkgpu::sp1::prover
