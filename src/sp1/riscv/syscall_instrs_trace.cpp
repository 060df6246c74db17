#include "sp1/riscv/syscall_instrs_trace.hpp"

#include <stdexcept>
#include <string>

#include "sp1/air/riscv/syscall_instrs.hpp"
#include "sp1/riscv/trap_populate.hpp"

namespace zkgpu::sp1::riscv {

namespace {

template <rv::TrustMode M>
using Chip = rv::SyscallInstrsChip<M, rv::Features::Default>;
constexpr auto kCols = Chip<rv::TrustMode::Supervisor>::kMain;
constexpr auto kUserCols = Chip<rv::TrustMode::User>::kUserMain.user;

void fill_ecall(Row row, const zkvm::SyscallEvent& e) {
  const auto& c = kCols;
  put(row, c.is_real, 1);
  fill_cpu_state(row, c.state, e.clk, e.pc);
  fill_reader(row, c.adapter, e);  // op_a is x5: op_a_0 stays 0
  put_word(row, c.op_a_value, e.ra.value);
  fill_low_bytes(row, c.a_low_bytes, e.ra.prev_value);
  const uint32_t id = e.ra.prev_value & 0xFF;
  const Felt id_felt = Felt::from_canonical(id);
  const bool halt = id == rv::kHaltId, commit = id == rv::kCommitId, cdp = id == rv::kCommitDeferredProofsId;
  put(row, c.is_halt, halt);
  const uint64_t pc = halt ? rv::kHaltPc : e.pc;
  put(row, c.next_pc[0], (pc & 0xFFFF) + (halt ? 0 : 4));
  put(row, c.next_pc[1], halt ? 0 : (pc >> 16) & 0xFFFF);
  put(row, c.next_pc[2], halt ? 0 : (pc >> 32) & 0xFFFF);
  fill_is_zero(row, c.is_enter_unconstrained, id_felt - Felt::from_canonical(rv::kEnterUnconstrainedId));
  fill_is_zero(row, c.is_hint_len, id_felt - Felt::from_canonical(rv::kHintLenId));
  fill_is_zero(row, c.is_halt_check, id_felt - Felt::from_canonical(rv::kHaltId));
  fill_is_zero(row, c.is_commit, id_felt - Felt::from_canonical(rv::kCommitId));
  fill_is_zero(row, c.is_commit_deferred_proofs, id_felt - Felt::from_canonical(rv::kCommitDeferredProofsId));
  if (commit || cdp) {
    if (e.rb.value >= 8)
      throw std::invalid_argument("ECALL at clk " + std::to_string(e.clk) + ": digest word index " +
                                  std::to_string(e.rb.value) + " is not below 8");
    put(row, c.index_bitmap[e.rb.value], 1);
  }
  if (commit)
    for (size_t i = 0; i < 4; ++i) put(row, c.expected_public_values_digest[i], (e.rc.value >> (8 * i)) & 0xFF);
  if (halt) fill_field_word_range(row, c.op_b_range_check, e.rb.value);
  if (cdp) fill_field_word_range(row, c.op_c_range_check, e.rc.value);
}

// UserModeSyscallInstrCols: SIG_RETURN's and a trap's next pc replace the one
// written above.
void fill_user_ecall(Row row, const zkvm::SyscallEvent& e, const RiscvTraceOptions& options) {
  const auto& u = kUserCols;
  const Felt id = Felt::from_canonical(e.ra.prev_value & 0xFF);
  fill_is_zero(row, u.is_sig_return, id - Felt::from_canonical(rv::kSigReturnId));
  fill_is_zero(row, u.is_page_protect, id - Felt::from_canonical(rv::kMprotectId));
  fill_trap_addresses(row, u.addresses, options);
  if (e.sig_return_pc_record) {
    fill_memory_access(row, u.next_pc_record, *e.sig_return_pc_record);
    put_limbs(row, kCols.next_pc, e.sig_return_pc_record->value);
  }
  const uint64_t trap_code = syscall_trap_code(e);
  if (e.trap_result) {
    fill_trap_operation(row, u.trap_operation, *e.trap_result);
    put(row, u.trap_code, trap_code);
    put_limbs(row, kCols.next_pc, e.trap_result->handler_record.value);
  }
  fill_is_zero(row, u.is_not_trap, Felt::from_canonical(uint32_t(trap_code)));
}

}  // namespace

RiscvChipTrace syscall_instrs_trace(std::span<const zkvm::SyscallEvent> ecalls, const RiscvTraceOptions& options) {
  if (options.mode == rv::TrustMode::User)
    return detail::event_chip_trace<Chip<rv::TrustMode::User>>(ecalls, options,
                                                               [&](Row row, const zkvm::SyscallEvent& e) {
                                                                 fill_ecall(row, e);
                                                                 fill_user_ecall(row, e, options);
                                                               });
  return detail::event_chip_trace<Chip<rv::TrustMode::Supervisor>>(ecalls, options, fill_ecall);
}

}  // namespace zkgpu::sp1::riscv
