// Trace values of the page operations (sp1/air/riscv/page_prot.hpp) as SP1 v6.4's
// populate() functions write them (operations/page.rs, memory/consistency/trace.rs):
//   PageOperation        an address's low 12 bits and the 4 above them
//   PageProtAccessCols   the page's permissions and the timestamp of their last access
//   PageProtOperation    both, for an access at `clk`
#pragma once

#include <stdexcept>
#include <string>

#include "sp1/air/riscv/page_prot.hpp"
#include "sp1/riscv/populate.hpp"
#include "zkvm/events.hpp"

namespace zkgpu::sp1::riscv {

inline void fill_page(Row row, const rv::PageOperation<size_t>& c, uint64_t addr) {
  put(row, c.addr_12_bits, addr & 0xFFF);
  put(row, c.addr_4_bits, (addr >> 12) & 0xF);
}

inline void fill_page_prot_access(Row row, const rv::PageProtAccessCols<size_t>& c, const zkvm::PageProtRecord& prev,
                                  uint64_t clk) {
  if (prev.timestamp >= clk)
    throw std::invalid_argument("page " + std::to_string(prev.page_idx) + " permissions accessed at " +
                                std::to_string(clk) + " after an access at " + std::to_string(prev.timestamp));
  put(row, c.prev_prot_bitmap, prev.page_prot);
  fill_memory_timestamp(row, c.access_timestamp, prev.timestamp, clk);
}

inline void fill_page_prot_operation(Row row, const rv::PageProtOperation<size_t>& c, uint64_t addr, uint64_t clk,
                                     const zkvm::PageProtRecord& prev) {
  fill_page(row, c.page_op, addr);
  fill_page_prot_access(row, c.page_prot_access, prev, clk);
}

}  // namespace zkgpu::sp1::riscv
