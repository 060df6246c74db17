// What running a program leaves for trace generation: one list of events per chip,
// in program order (SP1 crates/recursion/executor/src/record.rs ExecutionRecord and
// the event types of lib.rs).
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "sp1/recursion/instruction.hpp"

namespace zkgpu::sp1::recursion {

struct BaseAluEvent {
  Felt out, in1, in2;
};

struct ExtAluEvent {
  Block out, in1, in2;
};

struct Poseidon2Event {
  std::array<Felt, kPermutationWidth> input, output;
};

struct Poseidon2LinearLayerEvent {
  std::array<Block, 4> input, output;
};

struct Poseidon2SBoxEvent {
  Block input, output;
};

struct SelectEvent {
  Felt bit, out1, out2, in1, in2;
};

struct PrefixSumChecksEvent {
  Felt x1;
  Block x2;
  Felt zero;
  Block one;
  Block acc, new_acc;
  Felt field_acc, new_field_acc;
};

using PublicValues = std::array<Felt, kNumPublicValues>;

struct ExecutionRecord {
  std::vector<BaseAluEvent> base_alu;
  std::vector<ExtAluEvent> ext_alu;
  size_t mem_const_count = 0;   // Mem instructions, reads and writes
  std::vector<Block> mem_var;   // every hinted value, in order
  std::vector<Block> ext_felt;  // the extension element of each conversion
  std::vector<Poseidon2Event> poseidon2;
  std::vector<Poseidon2LinearLayerEvent> poseidon2_linear_layer;
  std::vector<Poseidon2SBoxEvent> poseidon2_sbox;
  std::vector<SelectEvent> select;
  std::vector<PrefixSumChecksEvent> prefix_sum_checks;
  std::vector<PublicValues> commit_public_values;
  PublicValues public_values = zero_public_values();  // the committed ones, or zero

  static PublicValues zero_public_values() {
    PublicValues pv;
    pv.fill(Felt::zero());
    return pv;
  }
};

}  // namespace zkgpu::sp1::recursion
