// SP1 v6.4's Mprotect chip (crates/core/machine/src/syscall/precompiles/mprotect/
// air.rs): one row per MPROTECT call (addr, prot), from the syscall table. The
// address must be page-aligned and, under `mprotect`, inside the untrusted memory
// region of the public values ([untrusted_memory[0], untrusted_memory[1]); the
// default build leaves those columns unconstrained and its rows empty); prot is
// rebuilt from its read, write and execute bits and written as the page's new
// permissions in the PageProtAccess argument at the call's clock.
//
// Columns: clk_high, clk_low, addr 3, addr_4_bits, addr_12_bits, prot, its 3 bits,
// is_real, PageProtAccessCols 6, untrusted_memory 2 x 3, 2 LtOperationUnsigned 16
// = 40 (rv64im_costs.json). Constraints: is_real a bit, the untrusted flag 1; the
// region's bounds equal the public values' 6 (`mprotect`) or is_real zero
// (default); 2 comparisons 15 and their results; the address split, its low 12
// bits zero, prot's bits 3 and prot; the write's is_real and timestamp 4 = 50 / 45.
#pragma once

#include "sp1/air/riscv/lt.hpp"
#include "sp1/air/riscv/page_prot.hpp"
#include "sp1/air/riscv/precompile_operations.hpp"
#include "sp1/air/riscv/public_values.hpp"
#include "sp1/air/riscv/syscall_instrs.hpp"  // kMprotectId

namespace zkgpu::sp1::air::riscv {

template <class T>
struct MProtectCols {
  T clk_high;
  T clk_low;
  std::array<T, 3> addr;
  T addr_4_bits;
  T addr_12_bits;
  T prot;
  T prot_read;
  T prot_write;
  T prot_exec;
  T is_real;
  PageProtAccessCols<T> page_prot_access;
  std::array<std::array<T, 3>, 2> untrusted_memory;
  std::array<LtOperationUnsigned<T>, 2> addr_range_check;
};

template <Features F>
struct MprotectChip {
  static constexpr const char* kName = "Mprotect";
  static constexpr auto kMain = col_map<MProtectCols<size_t>>();
  static constexpr size_t kWidth = num_cols<MProtectCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const E<B> is_real = b.main(c.is_real), zero = b.constant(0), one = b.constant(1);
    const std::array<E<B>, 3> addr = main_addr(b, c.addr);
    assert_bool(b, is_real);
    b.assert_zero(b.public_value(kIsUntrustedProgramsEnabled) - one);
    if constexpr (F == Features::Mprotect) {
      for (size_t i = 0; i < 2; ++i)
        for (size_t k = 0; k < 3; ++k)
          b.assert_zero(is_real *
                        (b.public_value(kTrapHandler.untrusted_memory[i][k]) - b.main(c.untrusted_memory[i][k])));
    } else {
      b.assert_zero(is_real);
    }
    // untrusted_memory[0] <= addr < untrusted_memory[1].
    const Word<E<B>> addr_word{addr[0], addr[1], addr[2], zero};
    for (size_t i = 0; i < 2; ++i) {
      const std::array<E<B>, 3> bound = main_addr(b, c.untrusted_memory[i]);
      const LtOperationUnsigned<size_t>& lt = c.addr_range_check[i];
      eval_lt_unsigned(b, addr_word, Word<E<B>>{bound[0], bound[1], bound[2], zero}, lt, is_real);
      const E<B> less = b.main(lt.u16_compare_operation.bit);
      b.assert_zero(is_real * (i == 0 ? less : less - one));
    }
    const E<B> bits4 = b.main(c.addr_4_bits), bits12 = b.main(c.addr_12_bits);
    b.assert_zero(is_real * (addr[0] - (bits12 + bits4 * b.constant(1u << 12))));
    send_byte(b, ByteOpcode::Range, bits4, b.constant(4), zero, is_real);
    send_byte(b, ByteOpcode::Range, bits12, b.constant(12), zero, is_real);
    b.assert_zero(is_real * bits12);
    const E<B> read = b.main(c.prot_read), write = b.main(c.prot_write), exec = b.main(c.prot_exec);
    assert_bool(b, read);
    assert_bool(b, write);
    assert_bool(b, exec);
    const E<B> prot = b.main(c.prot);
    const E<B> expected_prot = read * b.constant(kProtRead) + write * b.constant(kProtWrite) + exec * b.constant(kProtExec);
    b.assert_zero(is_real * (prot - expected_prot));
    const E<B> clk_high = b.main(c.clk_high), clk_low = b.main(c.clk_low);
    receive_syscall(b, F, clk_high, clk_low, kMprotectId, zero, addr, {prot, zero, zero}, is_real);
    eval_page_prot_write(b, clk_high, clk_low, {bits4, addr[1], addr[2]}, c.page_prot_access, expected_prot, is_real);
  }
};

}  // namespace zkgpu::sp1::air::riscv
