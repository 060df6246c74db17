// SP1 v6.4's SyscallInstrs chips (crates/core/machine/src/syscall/instructions/):
// the ECALL instruction, SyscallInstrs (Supervisor mode) and SyscallInstrsUser
// (User mode: traps, signal return and page protection). x5 holds the syscall
// code (its bytes: the id, whether a precompile table receives the call, ...),
// x10 and x11 the arguments. A row sends the call to the syscall table when the code says so,
// writes x5 back (0 for ENTER_UNCONSTRAINED, any u16 limbs for HINT_LEN, else
// unchanged), checks COMMIT and COMMIT_DEFERRED_PROOFS against the shard's public
// values (the digest word x10 indexes, by a one-hot bitmap), and HALT's exit code
// and jump to HALT_PC; any other ECALL falls through to pc + 4, 256 clock ticks
// later than an ordinary instruction.
//
// User mode (UserModeSyscallInstrCols, lib.rs) adds: SIG_RETURN, whose next pc is
// read from memory at x10; a trap (a nonzero trap code from the syscall table:
// the call failed a page check), which hands over to the trap handler
// (TrapOperation) and jumps to its pc; and MPROTECT, allowed only when untrusted
// programs are enabled. Under `mprotect` these jumps join HALT's; its call
// carries the trap code, which must be 0 unless the call goes to the table. Its
// program lookup still has multiplicity is_real (no instruction fetch).
//
// Columns: CPUState 6 + RTypeReader 22 + next_pc 3 + is_halt + op_a_value 4 +
// a_low_bytes 4 + 5 IsZeroOperation 10 + index_bitmap 8 + the expected digest
// bytes 4 + 2 SP1FieldWordRangeChecker 2 + is_real = 65 (SP1's
// NUM_SYSCALL_INSTR_COLS_SUPERVISOR, rv64im_costs.json); User: + is_sig_return 2
// + next_pc_record 9 + TrapOperation 27 + is_not_trap 2 + is_page_protect 2 +
// trap_code + the trap context's addresses 9 = 117 (NUM_SYSCALL_INSTR_COLS_USER).
#pragma once

#include "sp1/air/riscv/is_zero.hpp"
#include "sp1/air/riscv/lt.hpp"
#include "sp1/air/riscv/trap.hpp"
#include "sp1/air/riscv/u16_to_u8.hpp"

namespace zkgpu::sp1::air::riscv {

// SP1's SyscallCode::syscall_id (the code's low byte) of the calls this chip
// treats apart (crates/core/executor/src/syscalls/code.rs).
inline constexpr uint32_t kHaltId = 0x00, kEnterUnconstrainedId = 0x03, kCommitId = 0x10,
                          kCommitDeferredProofsId = 0x1A, kMprotectId = 0x32, kSigReturnId = 0x34, kHintLenId = 0xF0;
inline constexpr uint32_t kHaltPc = 1;  // executor lib.rs HALT_PC
inline constexpr uint32_t kEcallClkInc = kClkInc + 256;

// Word::reduce: the limbs' value in the field, sum limb_i 2^(16 i) mod p.
template <class B>
E<B> reduce_word(B& b, const Word<E<B>>& w) {
  const uint64_t p = f31::KoalaBear::kP;
  E<B> acc = w[0];
  for (size_t i = 1; i < 4; ++i) acc = acc + b.constant(uint32_t((uint64_t(1) << (16 * i)) % p)) * w[i];
  return acc;
}

template <class T>
struct SyscallInstrCols {
  CPUState<T> state;
  RTypeReader<T> adapter;
  std::array<T, 3> next_pc;
  T is_halt;
  Word<T> op_a_value;
  U16toU8Operation<T> a_low_bytes;
  IsZeroOperation<T> is_enter_unconstrained;
  IsZeroOperation<T> is_hint_len;
  IsZeroOperation<T> is_halt_check;
  IsZeroOperation<T> is_commit;
  IsZeroOperation<T> is_commit_deferred_proofs;
  std::array<T, 8> index_bitmap;
  std::array<T, 4> expected_public_values_digest;
  FieldWordRangeChecker<T> op_b_range_check;
  FieldWordRangeChecker<T> op_c_range_check;
  T is_real;
};

// User mode's columns, after is_real (SP1's UserModeSyscallInstrCols, lib.rs).
template <class T>
struct UserModeSyscallInstrCols {
  IsZeroOperation<T> is_sig_return;
  MemoryAccessCols<T> next_pc_record;
  TrapOperation<T> trap_operation;
  IsZeroOperation<T> is_not_trap;
  IsZeroOperation<T> is_page_protect;
  T trap_code;
  std::array<std::array<T, 3>, 3> addresses;
};

template <class T>
struct SyscallInstrUserCols {
  SyscallInstrCols<T> base;
  UserModeSyscallInstrCols<T> user;
};

template <TrustMode M, Features F>
struct SyscallInstrsChip {
  static constexpr const char* kName = chip_name<M>("SyscallInstrs", "SyscallInstrsUser");
  static constexpr TrustMode kMode = M;
  static constexpr Features kFeatures = F;
  static constexpr auto kUserMain = col_map<SyscallInstrUserCols<size_t>>();
  static constexpr auto kMain = kUserMain.base;  // the same offsets in either mode
  static constexpr size_t kWidth =
      M == TrustMode::User ? num_cols<SyscallInstrUserCols<size_t>> : num_cols<SyscallInstrCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;

  // What User mode adds between the reader and the flag: SIG_RETURN's and a
  // trap's next pc, whether either jumps, MPROTECT's check. Returns (is_sig_return,
  // is_trap, trap_code).
  template <class B>
  static std::array<E<B>, 3> eval_user(B& b, const E<B>& syscall_id, const std::array<E<B>, 3>& next_pc) {
    const auto& c = kMain;
    const auto& u = kUserMain.user;
    const E<B> is_real = b.main(c.is_real);
    const E<B> clk_high = b.main(c.state.clk_high), clk = clk_low(b, c.state);
    if constexpr (F == Features::Default) b.assert_zero(is_real);

    // eval_sig_return: the next pc is the word at x10.
    eval_is_zero(b, syscall_id - b.constant(kSigReturnId), u.is_sig_return, is_real);
    const E<B> is_sig_return = b.main(u.is_sig_return.result);
    assert_bool(b, is_sig_return);
    b.assert_zero(not_cond(b, is_real) * is_sig_return);
    const Word<E<B>> arg_b = main_word(b, c.adapter.op_b_memory.prev_value);
    eval_memory_read(b, clk_high, clk, {arg_b[0], arg_b[1], arg_b[2]}, u.next_pc_record, is_sig_return);
    const Word<E<B>> stored_pc = main_word(b, u.next_pc_record.prev_value);
    for (size_t i = 0; i < 3; ++i) b.assert_zero(is_sig_return * (next_pc[i] - stored_pc[i]));
    b.assert_zero(is_sig_return * stored_pc[3]);

    // eval_trap: a nonzero trap code hands over to the trap handler.
    const E<B> trap_code = b.main(u.trap_code);
    eval_is_zero(b, trap_code, u.is_not_trap, is_real);
    const E<B> is_not_trap = b.main(u.is_not_trap.result);
    assert_bool(b, is_not_trap);
    b.assert_zero(not_cond(b, is_real) * is_not_trap);
    const E<B> is_trap = is_real - is_not_trap;
    assert_bool(b, is_trap);
    const std::array<E<B>, 3> handler_pc = eval_trap_operation<B, F>(b, u.trap_operation, clk_high, clk, trap_code,
                                                                     pc_of(b, c.state), u.addresses, is_trap);
    for (size_t i = 0; i < 3; ++i) b.assert_zero(is_trap * (next_pc[i] - handler_pc[i]));

    assert_bool(b, b.main(c.is_halt) + is_sig_return + is_trap);
    // eval_page_protect.
    eval_is_zero(b, syscall_id - b.constant(kMprotectId), u.is_page_protect, is_real);
    b.assert_zero(b.main(u.is_page_protect.result) * (b.public_value(kIsUntrustedProgramsEnabled) - b.constant(1)));
    return {is_sig_return, is_trap, trap_code};
  }

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const E<B> one = b.constant(1), zero = b.constant(0);
    const E<B> is_real = b.main(c.is_real), is_halt = b.main(c.is_halt);
    const Word<E<B>> prev_a = main_word(b, c.adapter.op_a_memory.prev_value);
    const Word<E<B>> arg_b = main_word(b, c.adapter.op_b_memory.prev_value);
    const Word<E<B>> arg_c = main_word(b, c.adapter.op_c_memory.prev_value);
    const Word<E<B>> op_a_value = main_word(b, c.op_a_value);
    const std::array<E<B>, 3> pc = pc_of(b, c.state);
    const std::array<E<B>, 3> next_pc{b.main(c.next_pc[0]), b.main(c.next_pc[1]), b.main(c.next_pc[2])};

    const std::array<E<B>, 8> a = word_bytes_checked(b, prev_a, c.a_low_bytes, is_real);
    const E<B>& syscall_id = a[0];
    const E<B>& send_to_table = a[1];
    assert_bool(b, is_real);
    const auto is_id = [&](const IsZeroOperation<size_t>& cols, uint32_t id) {
      eval_is_zero(b, syscall_id - b.constant(id), cols, is_real);
      return b.main(cols.result);
    };
    b.assert_zero(is_halt - is_id(c.is_halt_check, kHaltId) * is_real);

    const E<B> clk_high = b.main(c.state.clk_high), clk = clk_low(b, c.state);
    eval_cpu_state(b, c.state, next_pc, b.constant(kEcallClkInc), is_real);
    eval_reader(b, clk_high, clk, pc, b.constant(uint32_t(Opcode::ECALL)), op_a_value, c.adapter, is_real, is_real);
    b.assert_zero(is_real * b.main(c.adapter.op_a_0));
    E<B> jump = is_halt, trap_code = zero;
    if constexpr (M == TrustMode::User) {
      const auto [is_sig_return, is_trap, code] = eval_user(b, syscall_id, next_pc);
      if constexpr (F == Features::Mprotect) jump = is_halt + is_sig_return + is_trap;
      trap_code = code;
    }
    eval_untrusted_flag(b, M, F);

    // Anything but a jump (HALT; under `mprotect` also SIG_RETURN and a trap)
    // falls through to pc + 4.
    const E<B> falls_through = is_real * (one - jump);
    b.assert_zero(falls_through * (next_pc[0] - (pc[0] + b.constant(4))));
    b.assert_zero(falls_through * (next_pc[1] - pc[1]));
    b.assert_zero(falls_through * (next_pc[2] - pc[2]));

    // The call itself (eval_ecall).
    const E<B> not_real = is_real - one;  // when_not(is_real)
    const E<B> is_cdp = b.main(c.is_commit_deferred_proofs.result);
    b.assert_zero(not_real * send_to_table);
    b.assert_zero(not_real * is_halt);
    b.assert_zero(not_real * is_cdp);
    b.assert_zero(send_to_table * arg_b[3]);
    b.assert_zero(send_to_table * arg_c[3]);
    assert_bool(b, send_to_table);
    if constexpr (M == TrustMode::User) b.assert_zero(not_cond(b, send_to_table) * trap_code);
    std::vector<E<B>> call{clk_high, clk, syscall_id};
    if (F == Features::Mprotect) call.push_back(trap_code);
    for (size_t i = 0; i < 3; ++i) call.push_back(arg_b[i]);
    for (size_t i = 0; i < 3; ++i) call.push_back(arg_c[i]);
    interact_values(b, Direction::Send, InteractionKind::Syscall, call, send_to_table);
    eval_field_word_range(b, arg_b, c.op_b_range_check, is_halt);
    eval_field_word_range(b, arg_c, c.op_c_range_check, is_cdp);
    const E<B> is_enter = is_id(c.is_enter_unconstrained, kEnterUnconstrainedId);
    const E<B> is_hint_len = is_id(c.is_hint_len, kHintLenId);
    assert_word_eq_when(b, is_real * is_enter, op_a_value, zero_word(b));
    assert_word_eq_when(b, is_real * (is_enter + is_hint_len - one), op_a_value, prev_a);
    range_check_u16(b, op_a_value, is_real);

    // COMMIT / COMMIT_DEFERRED_PROOFS (eval_commit).
    const E<B> is_commit = is_id(c.is_commit, kCommitId);
    is_id(c.is_commit_deferred_proofs, kCommitDeferredProofsId);
    b.assert_zero(is_commit * (b.public_value(kCommitSyscall) - one));
    b.assert_zero(is_cdp * (b.public_value(kCommitDeferredSyscall) - one));
    std::array<E<B>, 8> bits;
    E<B> bitmap_sum = zero;
    for (size_t k = 0; k < 8; ++k) {
      bits[k] = b.main(c.index_bitmap[k]);
      assert_bool_when(b, is_real, bits[k]);
      bitmap_sum = bitmap_sum + bits[k];
    }
    const E<B> is_either = is_commit + is_cdp;
    b.assert_zero(is_real * is_either * (bitmap_sum - one));
    b.assert_zero(is_real * (one - is_either) * bitmap_sum);
    for (size_t k = 0; k < 8; ++k) b.assert_zero(is_real * bits[k] * (arg_b[0] - b.constant(uint32_t(k))));
    b.assert_zero(is_real * is_either * (arg_b[1] + arg_b[2] + arg_b[3]));
    // index_array: sum over k of bit_k * digest word k's byte i.
    std::array<E<B>, 4> expected;
    for (size_t i = 0; i < 4; ++i) {
      expected[i] = bits[0] * b.public_value(kCommittedValueDigest + i);
      for (size_t k = 1; k < 8; ++k) expected[i] = expected[i] + bits[k] * b.public_value(kCommittedValueDigest + 4 * k + i);
    }
    assert_bool(b, is_commit);
    std::array<E<B>, 4> digest_cols;
    for (size_t i = 0; i < 4; ++i) {
      digest_cols[i] = b.main(c.expected_public_values_digest[i]);
      b.assert_zero(is_commit * (expected[i] - digest_cols[i]));
    }
    range_check_u8(b, digest_cols, is_commit);
    const Word<E<B>> expected_word{expected[0] + expected[1] * b.constant(1u << 8),
                                   expected[2] + expected[3] * b.constant(1u << 8), zero, zero};
    assert_word_eq_when(b, is_real * is_commit, expected_word, arg_c);
    E<B> expected_deferred = bits[0] * b.public_value(kDeferredProofsDigest);
    for (size_t k = 1; k < 8; ++k) expected_deferred = expected_deferred + bits[k] * b.public_value(kDeferredProofsDigest + k);
    b.assert_zero(is_real * is_cdp * (expected_deferred - reduce_word(b, arg_c)));

    // HALT (eval_halt_unimpl): to HALT_PC with x10 as the exit code.
    b.assert_zero(is_halt * (next_pc[0] - b.constant(kHaltPc)));
    b.assert_zero(is_halt * next_pc[1]);
    b.assert_zero(is_halt * next_pc[2]);
    b.assert_zero(is_halt * (reduce_word(b, arg_b) - b.public_value(kExitCode)));
  }
};

}  // namespace zkgpu::sp1::air::riscv
