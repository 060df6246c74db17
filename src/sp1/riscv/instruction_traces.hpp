// The InstructionFetch and InstructionDecode chips' traces
// (sp1/air/riscv/instruction_{fetch,decode}.hpp; SP1's generate_trace_into of
// program/instruction_{fetch,decode}.rs) from a shard's untrusted fetches and
// their distinct decoded words: one row each in order, then zero padding rows up
// to SP1's height. Neither chip has a trust mode; both have rows only in a program
// with untrusted code (they assert it on every row).
#pragma once

#include <span>

#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/events.hpp"

namespace zkgpu::sp1::riscv {

// Throws std::invalid_argument for an instruction that is not the word's
// decoding, a fetch whose read is not at its clk or is out of time order, a pc
// outside [2^16, 2^48), or fetches in a program without untrusted code.
RiscvChipTrace instruction_fetch_trace(std::span<const zkvm::InstructionFetchEvent> events,
                                       const RiscvTraceOptions& options = {});

// Throws std::invalid_argument for an instruction that is not the word's decoding
// or decodings in a program without untrusted code.
RiscvChipTrace instruction_decode_trace(std::span<const zkvm::InstructionDecodeEvent> events,
                                        const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
