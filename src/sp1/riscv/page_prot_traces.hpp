// The page-protection chips' traces (sp1/air/riscv/page_prot_chip.hpp,
// page_prot_local.hpp, page_prot_global.hpp, mprotect.hpp; SP1's
// generate_trace_into of PageProtChip, PageProtLocalChip, PageProtGlobalChip and
// MProtectChip) from a shard's page-permission records (zkvm/events.hpp). These
// chips have rows only when the program enables untrusted code (SP1's num_rows);
// padding rows are zero.
//
//   PageProt                 the loads' and stores' page checks in SP1's order of
//                            its event lists (LoadByte, StoreByte, LoadWord,
//                            StoreWord, LoadDouble, StoreDouble, LoadHalf,
//                            StoreHalf, LoadX0), then the untrusted fetches', four
//                            a row
//   PageProtLocal            the precompile calls' local page records, then the
//                            shard's own, one a row
//   PageProtGlobalInit/Final the shard's initialized / finalized pages by index,
//                            each with its index in the chain and the page before
//   Mprotect                 one row per MPROTECT call
#pragma once

#include "sp1/air/riscv/memory_global.hpp"
#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

// Throws std::invalid_argument when a load or store lacks its page record
// (memory_page_prot not aligned with memory), and for records out of time order.
RiscvChipTrace page_prot_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});

// The chips below throw std::invalid_argument for records in a program without
// untrusted code (SP1 asserts there are none).
RiscvChipTrace page_prot_local_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});

// Also throws for a page index of 2^36 or more, and for indices that do not increase.
RiscvChipTrace page_prot_global_trace(rv::MemoryGlobalKind kind, const zkvm::ShardRecord& shard,
                                      const RiscvTraceOptions& options = {});

// Also throws for a call without exactly one local page record, and for a record
// out of time order.
RiscvChipTrace mprotect_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
