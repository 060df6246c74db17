#include "sp1/riscv/public_values.hpp"

#include "sp1/air/riscv/public_values.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using air::Felt;

Felt f(uint64_t x) { return Felt::from_canonical(uint32_t(x)); }

void put_limbs(std::vector<Felt>& out, const std::array<size_t, 3>& at, uint64_t addr) {
  for (size_t i = 0; i < 3; ++i) out[at[i]] = f((addr >> (16 * i)) & 0xFFFF);
}

// split_page_idx (sp1_primitives::consts): bits 0..3, 4..19, 20..35.
void put_page(std::vector<Felt>& out, const std::array<size_t, 3>& at, uint64_t page) {
  out[at[0]] = f(page & 0xF);
  out[at[1]] = f((page >> 4) & 0xFFFF);
  out[at[2]] = f((page >> 20) & 0xFFFF);
}

void put_timestamp(std::vector<Felt>& out, const std::array<size_t, 4>& at, uint64_t t) {
  out[at[0]] = f((t >> 32) & 0xFFFF);
  out[at[1]] = f((t >> 24) & 0xFF);
  out[at[2]] = f((t >> 16) & 0xFF);
  out[at[3]] = f(t & 0xFFFF);
}

}  // namespace

TrapHandlerValues trap_handler_values(const zkvm::Program& program) {
  TrapHandlerValues t;
  if (program.trap_context) {
    t.enabled = true;
    t.trap_context = {*program.trap_context, *program.trap_context + 8, *program.trap_context + 16};
  }
  if (program.untrusted_memory)
    t.untrusted_memory = {program.untrusted_memory->first, program.untrusted_memory->second};
  return t;
}

std::vector<Felt> public_values_felts(const zkvm::PublicValues& pv, air::riscv::Features features,
                                      const TrapHandlerValues& trap) {
  const auto& p = air::riscv::kPublicValues;
  std::vector<Felt> out(kProofMaxNumPvs, Felt::zero());
  for (size_t w = 0; w < 8; ++w)
    for (size_t k = 0; k < 4; ++k) {
      out[p.prev_committed_value_digest[w][k]] = f((pv.prev_committed_value_digest[w] >> (8 * k)) & 0xFF);
      out[p.committed_value_digest[w][k]] = f((pv.committed_value_digest[w] >> (8 * k)) & 0xFF);
    }
  for (size_t i = 0; i < 8; ++i) {
    out[p.prev_deferred_proofs_digest[i]] = f(pv.prev_deferred_proofs_digest[i]);
    out[p.deferred_proofs_digest[i]] = f(pv.deferred_proofs_digest[i]);
  }
  put_limbs(out, p.pc_start, pv.pc_start);
  put_limbs(out, p.next_pc, pv.next_pc);
  out[p.prev_exit_code] = f(pv.prev_exit_code);
  out[p.exit_code] = f(pv.exit_code);
  out[p.is_execution_shard] = f(pv.is_execution_shard);
  put_limbs(out, p.previous_init_addr, pv.previous_init_addr);
  put_limbs(out, p.last_init_addr, pv.last_init_addr);
  put_limbs(out, p.previous_finalize_addr, pv.previous_finalize_addr);
  put_limbs(out, p.last_finalize_addr, pv.last_finalize_addr);
  put_page(out, p.previous_init_page_idx, pv.previous_init_page_idx);
  put_page(out, p.last_init_page_idx, pv.last_init_page_idx);
  put_page(out, p.previous_finalize_page_idx, pv.previous_finalize_page_idx);
  put_page(out, p.last_finalize_page_idx, pv.last_finalize_page_idx);
  put_timestamp(out, p.initial_timestamp, pv.initial_timestamp);
  put_timestamp(out, p.last_timestamp, pv.last_timestamp);
  out[p.is_timestamp_high_eq] = f(pv.is_timestamp_high_eq);
  out[p.inv_timestamp_high] = f(pv.inv_timestamp_high);
  out[p.is_timestamp_low_eq] = f(pv.is_timestamp_low_eq);
  out[p.inv_timestamp_low] = f(pv.inv_timestamp_low);
  out[p.global_init_count] = f(pv.global_init_count);
  out[p.global_finalize_count] = f(pv.global_finalize_count);
  out[p.global_page_prot_init_count] = f(pv.global_page_prot_init_count);
  out[p.global_page_prot_finalize_count] = f(pv.global_page_prot_finalize_count);
  out[p.global_count] = f(pv.global_count);
  for (size_t i = 0; i < 7; ++i) {
    out[p.global_cumulative_sum_x[i]] = f(pv.global_cumulative_sum[i]);
    out[p.global_cumulative_sum_y[i]] = f(pv.global_cumulative_sum[7 + i]);
  }
  out[p.prev_commit_syscall] = f(pv.prev_commit_syscall);
  out[p.commit_syscall] = f(pv.commit_syscall);
  out[p.prev_commit_deferred_syscall] = f(pv.prev_commit_deferred_syscall);
  out[p.commit_deferred_syscall] = f(pv.commit_deferred_syscall);
  out[p.initial_timestamp_inv] = f(pv.initial_timestamp_inv);
  out[p.last_timestamp_inv] = f(pv.last_timestamp_inv);
  out[p.is_first_execution_shard] = f(pv.is_first_execution_shard);
  out[p.is_untrusted_programs_enabled] = f(pv.is_untrusted_programs_enabled);
  for (size_t i = 0; i < 4; ++i) {
    out[air::riscv::public_value_index(p.proof_nonce[i], features)] = f(pv.proof_nonce[i]);
    out[air::riscv::public_value_index(p.empty[i], features)] = f(pv.empty[i]);
  }
  if (features == air::riscv::Features::Mprotect) {
    const auto& t = air::riscv::kTrapHandler;
    out[t.enable_trap_handler] = f(trap.enabled);
    for (size_t k = 0; k < 3; ++k) put_limbs(out, t.trap_context[k], trap.trap_context[k]);
    for (size_t k = 0; k < 2; ++k) put_limbs(out, t.untrusted_memory[k], trap.untrusted_memory[k]);
  }
  return out;
}

}  // namespace zkgpu::sp1::riscv
