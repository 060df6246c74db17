// The memory accesses of one instruction, in the order it performs them: reads,
// then writes. A read counts toward the multiplicity of the value read (the chip
// that executes the instruction receives it once); a ghost read looks at memory
// without an interaction (hint inputs, the public values outside the digest, print),
// as SP1's compiler marks them (crates/recursion/compiler/src/circuit/compiler.rs:
// read vs read_ghost). A write hands over the multiplicity field it fills.
// PrefixSumChecks reads every acc but the last after writing it (row i + 1 receives
// what row i sends).
#pragma once

#include "sp1/recursion/instruction.hpp"

namespace zkgpu::sp1::recursion {

// V has read(Addr), ghost(Addr), write(Addr, Felt& mult).
template <class Ins, class V>
void visit_accesses(Ins& ins, V&& v) {
  visit_instruction(ins, [&](auto& i) {
    using T = std::decay_t<decltype(i)>;
    if constexpr (std::is_same_v<T, BaseAluInstr> || std::is_same_v<T, ExtAluInstr>) {
      v.read(i.in1);
      v.read(i.in2);
      v.write(i.out, i.mult);
    } else if constexpr (std::is_same_v<T, MemInstr>) {
      if (i.kind == MemAccess::Read)
        v.read(i.addr);
      else
        v.write(i.addr, i.mult);
    } else if constexpr (std::is_same_v<T, Poseidon2Instr>) {
      for (Addr a : i.input) v.read(a);
      for (size_t k = 0; k < i.output.size(); ++k) v.write(i.output[k], i.mults[k]);
    } else if constexpr (std::is_same_v<T, Poseidon2LinearLayerInstr>) {
      for (Addr a : i.input) v.read(a);
      for (size_t k = 0; k < i.output.size(); ++k) v.write(i.output[k], i.mults[k]);
    } else if constexpr (std::is_same_v<T, Poseidon2SBoxInstr>) {
      v.read(i.input);
      v.write(i.output, i.mult);
    } else if constexpr (std::is_same_v<T, ExtFeltInstr>) {
      if (i.ext2felt) {
        v.read(i.addrs[0]);
        for (size_t k = 1; k < 5; ++k) v.write(i.addrs[k], i.mults[k]);
      } else {
        for (size_t k = 1; k < 5; ++k) v.read(i.addrs[k]);
        v.write(i.addrs[0], i.mults[0]);
      }
    } else if constexpr (std::is_same_v<T, SelectInstr>) {
      v.read(i.bit);
      v.read(i.in1);
      v.read(i.in2);
      v.write(i.out1, i.mult1);
      v.write(i.out2, i.mult2);
    } else if constexpr (std::is_same_v<T, HintBitsInstr> || std::is_same_v<T, HintExt2FeltsInstr>) {
      v.ghost(i.input);
      for (auto& o : i.outputs) v.write(o.addr, o.mult);
    } else if constexpr (std::is_same_v<T, HintAddCurveInstr>) {
      for (const auto* in : {&i.in1_x, &i.in1_y, &i.in2_x, &i.in2_y})
        for (Addr a : *in) v.ghost(a);
      for (auto& o : i.out_x) v.write(o.addr, o.mult);
      for (auto& o : i.out_y) v.write(o.addr, o.mult);
    } else if constexpr (std::is_same_v<T, PrefixSumChecksInstr>) {
      v.read(i.zero);
      v.read(i.one);
      for (Addr a : i.x1) v.read(a);
      for (Addr a : i.x2) v.read(a);
      for (size_t k = 0; k < i.accs.size(); ++k) {
        v.write(i.accs[k], i.acc_mults[k]);
        v.write(i.field_accs[k], i.field_acc_mults[k]);
      }
      for (size_t k = 0; k + 1 < i.accs.size(); ++k) {
        v.read(i.accs[k]);
        v.read(i.field_accs[k]);
      }
    } else if constexpr (std::is_same_v<T, PrintInstr>) {
      v.ghost(i.addr);
    } else if constexpr (std::is_same_v<T, CommitPublicValuesInstr>) {
      for (size_t k = 0; k < kNumPublicValues; ++k) {
        if (k >= kPvDigestOffset && k < kPvDigestOffset + kPvDigestSize)
          v.read(i.pv_addrs[k]);
        else
          v.ghost(i.pv_addrs[k]);
      }
    } else if constexpr (std::is_same_v<T, HintInstr>) {
      for (auto& o : i.outputs) v.write(o.addr, o.mult);
    } else {
      static_assert(sizeof(T) == 0, "every instruction lists its accesses");
    }
  });
}

}  // namespace zkgpu::sp1::recursion
