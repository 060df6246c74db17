// SP1 v6.4's Branch chip (crates/core/machine/src/control_flow/branch/{columns,
// air}.rs): BEQ, BNE, BLT, BGE, BLTU, BGEU through the ITypeReader (op_a = rs1
// and op_b = rs2 read, op_a kept; op_c the offset), in both trust modes
// ("Branch" / "BranchUser") and for both builds. One LtOperationSigned compares
// rs1 with rs2 (signed for BLT/BGE); equality is its "no differing limb". A taken
// branch's next pc is pc + offset, another's pc + 4, both checked by carry
// chains over the pc's three limbs and a fourth zero limb.
//
// Columns: CPUState 6 + ITypeReader 19 + next_pc 3 + six opcode flags +
// is_branching 1 + LtOperationSigned 10 = 45 (SP1's NUM_BRANCH_COLS_SUPERVISOR;
// User adds one).
#pragma once

#include "sp1/air/riscv/alu_chip.hpp"
#include "sp1/air/riscv/lt.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct BranchCols {
  CPUState<T> state;
  ITypeReader<T> adapter;
  std::array<T, 3> next_pc;
  T is_beq;
  T is_bne;
  T is_blt;
  T is_bge;
  T is_bltu;
  T is_bgeu;
  T is_branching;
  LtOperationSigned<T> compare_operation;
};

inline constexpr std::array<Opcode, 6> kBranchOpcodes{Opcode::BEQ, Opcode::BNE,  Opcode::BLT,
                                                      Opcode::BGE, Opcode::BLTU, Opcode::BGEU};

// The carry chain of next_pc = pc + addend over four limbs (pc's and next_pc's
// fourth limb 0): each carry a bit where `when`.
template <class B>
void eval_next_pc_carries(B& b, const CPUState<size_t>& s, const std::array<size_t, 3>& next_pc,
                          const Word<E<B>>& addend, const E<B>& when) {
  const E<B> inv = b.constant(inverse_of(1u << 16));
  E<B> carry = b.constant(0);
  for (size_t i = 0; i < 4; ++i) {
    const E<B> pc = i < 3 ? b.main(s.pc[i]) : b.constant(0);
    const E<B> next = i < 3 ? b.main(next_pc[i]) : b.constant(0);
    carry = (carry + pc + addend[i] - next) * inv;
    assert_bool_when(b, when, carry);
  }
}

template <TrustMode M, Features F>
struct BranchChip : AluChipBase<BranchCols, M, F> {
  static constexpr const char* kName = chip_name<M>("Branch", "BranchUser");
  using Base = AluChipBase<BranchCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const std::array<E<B>, 6> flags{b.main(c.is_beq), b.main(c.is_bne),  b.main(c.is_blt),
                                    b.main(c.is_bge), b.main(c.is_bltu), b.main(c.is_bgeu)};
    for (const auto& f : flags) assert_bool(b, f);
    const E<B> is_real = flags[0] + flags[1] + flags[2] + flags[3] + flags[4] + flags[5];
    assert_bool(b, is_real);

    std::array<uint32_t, 6> opcode{}, type{}, base{}, funct3{}, funct7{};
    for (size_t k = 0; k < 6; ++k) {
      const OpcodeFields f = control_fields(kBranchOpcodes[k]);
      opcode[k] = uint32_t(kBranchOpcodes[k]);
      type[k] = uint32_t(f.type);
      base[k] = f.base;
      funct3[k] = f.funct3;
      funct7[k] = f.funct7;
    }
    const E<B> op = select_by_flags(b, flags, opcode);
    // SP1 writes funct3, funct7, base_opcode, instr_type; the fetch sends them as
    // [instr_type, base_opcode, funct3, funct7].
    const E<B> f3 = select_by_flags(b, flags, funct3), f7 = select_by_flags(b, flags, funct7);
    const std::array<E<B>, 4> consts{select_by_flags(b, flags, type), select_by_flags(b, flags, base), f3, f7};

    const std::array<E<B>, 3> next_pc{b.main(c.next_pc[0]), b.main(c.next_pc[1]), b.main(c.next_pc[2])};
    eval_cpu_state(b, c.state, next_pc, b.constant(kClkInc), is_real);

    const E<B> is_trusted =
        eval_trust(b, M, F, Base::kIsTrusted, c.state, instruction_of(b, c.adapter, op), consts, is_real);
    const Word<E<B>> rs1 = main_word(b, c.adapter.op_a_memory.prev_value);
    const Word<E<B>> rs2 = main_word(b, c.adapter.op_b_memory.prev_value);
    eval_reader(b, b.main(c.state.clk_high), clk_low(b, c.state), pc_of(b, c.state), op, rs1, c.adapter, is_real,
                is_trusted);

    eval_lt_signed(b, rs1, rs2, c.compare_operation, flags[2] + flags[3], is_real);

    const auto& lt = c.compare_operation.result;
    const E<B> is_eq = b.constant(1) - (b.main(lt.u16_flags[0]) + b.main(lt.u16_flags[1]) + b.main(lt.u16_flags[2]) +
                                        b.main(lt.u16_flags[3]));
    const E<B> is_less_than = b.main(lt.u16_compare_operation.bit);
    E<B> branching = b.constant(0);
    branching = branching + flags[0] * is_eq;
    branching = branching + flags[1] * (b.constant(1) - is_eq);
    branching = branching + (flags[3] + flags[5]) * (b.constant(1) - is_less_than);
    branching = branching + (flags[2] + flags[4]) * is_less_than;
    const E<B> is_branching = b.main(c.is_branching);
    assert_bool(b, is_branching);
    b.assert_zero(is_real * (is_branching - branching));

    // Taken: next_pc = pc + offset; not taken: next_pc = pc + 4.
    eval_next_pc_carries(b, c.state, c.next_pc, main_word(b, c.adapter.op_c_imm), is_branching);
    eval_next_pc_carries(b, c.state, c.next_pc,
                         {b.constant(kPcInc), b.constant(0), b.constant(0), b.constant(0)}, is_real - is_branching);

    // next_pc is 4-aligned below 2^16 in its low limb, its other limbs u16.
    send_byte(b, ByteOpcode::Range, next_pc[0] * b.constant(inverse_of(4)), b.constant(14), b.constant(0), is_real);
    range_check_u16(b, std::array<E<B>, 2>{next_pc[1], next_pc[2]}, is_real);
  }
};

}  // namespace zkgpu::sp1::air::riscv
