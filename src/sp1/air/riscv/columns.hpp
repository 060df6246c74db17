// The column groups the RISC-V chips share, in SP1's field order (each a
// #[repr(C)] struct in SP1; here a Cols<T> template for col_map, chips/columns.hpp):
//   CPUState                adapter/state.rs
//   RegisterAccessCols      memory/consistency/columns.rs (with RegisterAccessTimestamp)
//   RTypeReader             adapter/register/r_type.rs
//   ITypeReader             adapter/register/i_type.rs
//   ALUTypeReader           adapter/register/alu_type.rs
// and the trust mode: SP1 builds each instruction chip twice, for SupervisorMode
// (trusted code only; its mode columns are empty) and UserMode (code may come from
// memory: one more column, UserModeReaderCols::is_trusted, crates/core/machine/src/
// lib.rs). Every ALU chip's layout ends with those mode columns, so a User chip is
// its Supervisor layout plus `is_trusted` as the last column.
#pragma once

#include <array>
#include <cstddef>

#include "sp1/air/chips/columns.hpp"
#include "sp1/air/riscv/word.hpp"

namespace zkgpu::sp1::air::riscv {

// SP1's SupervisorMode / UserMode (TrustMode::IS_TRUSTED).
enum class TrustMode { Supervisor, User };

// SP1's two builds: default and the `mprotect` feature, whose chips assert the
// public value is_untrusted_programs_enabled and whose User chips may hold rows.
enum class Features { Default, Mprotect };

// The clock as 24 + 8 + 16 bits (clk_high = clk >> 24) and pc as three u16 limbs.
template <class T>
struct CPUState {
  T clk_high;
  T clk_16_24;
  T clk_0_16;
  std::array<T, 3> pc;
};

template <class T>
struct RegisterAccessTimestamp {
  T prev_low;
  T diff_low_limb;
};

template <class T>
struct RegisterAccessCols {
  Word<T> prev_value;
  RegisterAccessTimestamp<T> access_timestamp;
};

template <class T>
struct RTypeReader {
  T op_a;
  RegisterAccessCols<T> op_a_memory;
  T op_a_0;
  T op_b;
  RegisterAccessCols<T> op_b_memory;
  T op_c;
  RegisterAccessCols<T> op_c_memory;
};

template <class T>
struct ITypeReader {
  T op_a;
  RegisterAccessCols<T> op_a_memory;
  T op_a_0;
  T op_b;
  RegisterAccessCols<T> op_b_memory;
  Word<T> op_c_imm;
};

template <class T>
struct ALUTypeReader {
  T op_a;
  RegisterAccessCols<T> op_a_memory;
  T op_a_0;
  T op_b;
  RegisterAccessCols<T> op_b_memory;
  Word<T> op_c;
  RegisterAccessCols<T> op_c_memory;
  T imm_c;
};

// A chip's column count in trust mode M: its Supervisor layout plus
// UserModeReaderCols (one column) in User mode.
template <class Layout>
constexpr size_t width_in(TrustMode m) {
  return num_cols<Layout> + (m == TrustMode::User ? 1 : 0);
}

}  // namespace zkgpu::sp1::air::riscv
