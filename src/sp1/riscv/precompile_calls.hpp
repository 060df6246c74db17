// What the precompile chips' trace generators share: a shard's calls of one
// syscall, in the shard's order, each checked to carry the number of memory
// accesses the chip reads from it.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "zkvm/shard.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {

inline std::vector<const zkvm::PrecompileEvent*> precompile_calls(const zkvm::ShardRecord& shard, uint32_t code,
                                                                  size_t accesses) {
  std::vector<const zkvm::PrecompileEvent*> out;
  for (const zkvm::PrecompileEvent& p : shard.precompiles) {
    if (p.syscall.code != code) continue;
    if (p.memory.size() != accesses)
      throw std::invalid_argument(std::string(zkvm::syscall_name(code)) + " call at clk " +
                                  std::to_string(p.syscall.clk) + " has " + std::to_string(p.memory.size()) +
                                  " memory accesses, not " + std::to_string(accesses));
    out.push_back(&p);
  }
  return out;
}

}  // namespace zkgpu::sp1::riscv
