// The SHA-256 precompile chips' traces (sp1/air/riscv/sha_extend.hpp,
// sha_compress.hpp) from a shard's SHA_EXTEND and SHA_COMPRESS calls
// (zkvm::PrecompileEvent, in the shard's order), as SP1 v6.4's generate_trace_into
// writes them (crates/core/machine/src/syscall/precompiles/sha256/*/trace.rs and
// controller.rs):
//   ShaExtend           48 rows a call (rounds 16..63); zero padding rows
//   ShaExtendControl    one row a call; zero padding rows
//   ShaCompress         80 rows a call (initialize, 64 rounds, finalize); padding
//                       rows carry the octet flags, the index and the round
//                       constant as a call's rows 0, 1, ... would
//   ShaCompressControl  one row a call; zero padding rows
// A call's memory accesses are the executor's, in SP1's order (zkvm/syscalls.cpp):
// SHA_EXTEND, per round, reads of w[i-15], w[i-2], w[i-16], w[i-7] and the write of
// w[i]; SHA_COMPRESS the reads of h[0..8] and w[0..64], then the writes of h[0..8].
// A control chip of the other trust mode than the program's has no rows. A User
// control row also has the call's page checks (slice_page_prot_populate.hpp:
// SHA_EXTEND's w[0..16) read at clk and w[16..64) read and written at clk + 1;
// SHA_COMPRESS's h read at clk, w read at clk + 1, h written at clk + 2). A call
// that trapped on them made no accesses: ShaCompressControlUser's row keeps its
// states zero, ShaExtend's 48 rows of it are zero, ShaCompress's 80 rows carry
// their positions only (as padding rows).
#pragma once

#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

RiscvChipTrace sha_extend_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});
RiscvChipTrace sha_extend_control_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});
RiscvChipTrace sha_compress_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});
RiscvChipTrace sha_compress_control_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
