// The KeccakPermute and KeccakPermuteControl chips' traces (sp1/air/riscv/
// keccak_permute.hpp, keccak_control.hpp; SP1's keccak256/trace.rs and
// controller.rs) from a shard's KECCAK_PERMUTE calls, in the order the shard
// holds them:
//  - KeccakPermute: 24 rows per call, row k the permutation's round k (Plonky3's
//    KeccakCols as its trace generation fills them: `preimage` the call's input
//    on every row, `export` 0), then padding rows up to SP1's height: row r the
//    round r mod 24 of the permutation of the zero state, is_real 0 (SP1's dummy
//    rows: every constraint holds without is_real).
//  - KeccakPermuteControl: one row per call, then zero rows. The User chip has no
//    rows unless the program enables untrusted code; its rows also have the
//    call's page checks (slice_page_prot_populate.hpp: the state read at clk,
//    written at clk + 1).
// A call that trapped on its page checks made no accesses: its control row keeps
// the accesses and the final state zero, its 24 KeccakPermute rows are the
// padding rows' (SP1's). Either chip's trace is the same in both builds.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

// One permutation's 24 rows (KeccakPermute's layout, its KeccakCols and the call's
// columns when `call` is given) written from `rows`, row k at rows + k * width.
void fill_keccak_rounds(std::span<air::Felt> rows, const std::array<uint64_t, 25>& input,
                        const zkvm::SyscallEvent* call);

// Throws std::invalid_argument for a call whose memory records are not the 25
// reads and 25 writes of its state (none for a trapped call).
RiscvChipTrace keccak_permute_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});
RiscvChipTrace keccak_control_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
