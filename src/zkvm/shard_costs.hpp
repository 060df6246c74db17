// SP1 v6.4's trace-area model for cutting shards: the chips an execution adds
// rows to, their cost per row (the trace columns SP1 counts per row), and the
// thresholds. Supervisor mode only (no untrusted programs).
//
// Sources: crates/core/executor/src/artifacts/rv64im_costs.json (costs),
// vm/shapes.rs (opcode -> chip, padding and cycle allowances), opts.rs
// (thresholds), splicing.rs (HALT allowance), lib.rs (Byte / Range heights),
// air.rs (rows per precompile event, control chips), syscall_code.rs (which
// syscalls have a chip, words and pages each touches), retain.rs (events kept in
// the execution shard).
#pragma once

#include <cstdint>
#include <optional>

#include "zkvm/instruction.hpp"

namespace zkgpu::zkvm::shard_costs {

// The chips of SP1's RiscvAirId that the model uses.
enum class Air : uint8_t {
  Program, Byte, Range,
  Add, Addi, Addw, Sub, Subw, Bitwise, Lt, Mul, DivRem, ShiftLeft, ShiftRight,
  AluX0, LoadX0,
  LoadByte, LoadHalf, LoadWord, LoadDouble, StoreByte, StoreHalf, StoreWord, StoreDouble,
  Branch, UType, Jal, Jalr, SyscallInstrs,
  MemoryLocal, Global, MemoryBump, StateBump, SyscallCore, SyscallPrecompile,
  MemoryGlobalInit, MemoryGlobalFinalize,
  ShaExtend, ShaExtendControl, ShaCompress, ShaCompressControl, KeccakPermute, KeccakPermuteControl,
  EdAddAssign, EdDecompress, Secp256k1AddAssign, Secp256k1DoubleAssign, Secp256r1AddAssign,
  Secp256r1DoubleAssign, Bn254AddAssign, Bn254DoubleAssign, Bls12381AddAssign, Bls12381DoubleAssign,
  Uint256MulMod, Uint256Ops, Bls12381FpOpAssign, Bls12381Fp2AddSubAssign, Bls12381Fp2MulAssign,
  Bn254FpOpAssign, Bn254Fp2AddSubAssign, Bn254Fp2MulAssign, Poseidon2, Mprotect, SigReturn,
  // User mode.
  AddUser, AddiUser, AddwUser, SubUser, SubwUser, BitwiseUser, LtUser, MulUser, DivRemUser, ShiftLeftUser,
  ShiftRightUser, AluX0User, LoadX0User,
  LoadByteUser, LoadHalfUser, LoadWordUser, LoadDoubleUser, StoreByteUser, StoreHalfUser, StoreWordUser,
  StoreDoubleUser, BranchUser, UTypeUser, JalUser, JalrUser, SyscallInstrsUser,
  TrapMem, TrapExec, InstructionFetch, InstructionDecode, PageProt, PageProtLocal, PageProtGlobalInit,
  ShaExtendControlUser, ShaCompressControlUser, KeccakPermuteControlUser,
  EdAddAssignUser, EdDecompressUser, Secp256k1AddAssignUser, Secp256k1DoubleAssignUser, Secp256r1AddAssignUser,
  Secp256r1DoubleAssignUser, Bn254AddAssignUser, Bn254DoubleAssignUser, Bls12381AddAssignUser,
  Bls12381DoubleAssignUser, Uint256MulModUser, Uint256OpsUser, Bls12381FpOpAssignUser,
  Bls12381Fp2AddSubAssignUser, Bls12381Fp2MulAssignUser, Bn254FpOpAssignUser, Bn254Fp2AddSubAssignUser,
  Bn254Fp2MulAssignUser, Poseidon2User,
  kCount
};

// Trace area per row (rv64im_costs.json).
uint64_t cost(Air a);

// Thresholds and allowances (opts.rs, vm/shapes.rs, lib.rs).
inline constexpr uint64_t kElementThreshold = (uint64_t(1) << 28) + (uint64_t(1) << 27);
inline constexpr uint64_t kHeightThreshold = uint64_t(1) << 22;
inline constexpr uint64_t kMaximumPaddingArea = uint64_t(1) << 18;
inline constexpr uint64_t kMaximumCycleArea = uint64_t(1) << 18;
inline constexpr uint64_t kHaltArea = uint64_t(1) << 18;
inline constexpr uint64_t kHaltHeight = uint64_t(1) << 10;
inline constexpr uint64_t kByteNumRows = uint64_t(1) << 16;
inline constexpr uint64_t kRangeNumRows = uint64_t(1) << 17;
// PageProt packs this many page-permission checks into a row
// (NUM_PAGE_PROT_ENTRIES_PER_ROW_EXEC, events/memory.rs).
inline constexpr uint64_t kPageProtEntriesPerRow = 4;

// The area of the preprocessed chips every shard carries (ShapeChecker::new,
// SplitOpts::new): Program padded to a multiple of 32 rows, Byte and Range.
uint64_t preprocessed_area(uint64_t program_len);

// The chip an executed instruction adds a row to (riscv_air_id_from_opcode):
// ALU instructions writing x0 go to AluX0, loads into x0 to LoadX0. `rd` is the
// ISA destination (0 for x0).
Air instruction_air(Op op, unsigned rd);
// User mode (riscv_air_id_from_opcode_user): the User chip of the same kind.
Air instruction_air_user(Op op, unsigned rd);

// Syscalls (syscall_code.rs): should_send is the code's second byte; the chip
// of a precompile (as_air_id, none for the rest; as_air_id_user in user mode);
// words and pages it touches at most (touched_addresses, touched_pages); rows
// per event and the control chip (air.rs control_air_id, without and with page
// protection).
inline bool should_send(uint32_t code) { return ((code >> 8) & 0xff) != 0; }
std::optional<Air> syscall_air(uint32_t code);
std::optional<Air> syscall_air_user(uint32_t code);
uint64_t syscall_touched_addresses(uint32_t code);
uint64_t syscall_touched_pages(uint32_t code);
uint64_t rows_per_event(Air a);
std::optional<Air> control_air(Air a);
std::optional<Air> control_air_user(Air a);
// Whether SP1's default SP1CoreOpts keep the syscall's events in the execution
// shard (retained presets Bls12381Field, Bn254Field, Sha256, Poseidon2, U256Ops)
// instead of deferring them to precompile shards.
bool retained_by_default(uint32_t code);
// A syscall that makes a precompile event: sent and with a chip.
inline bool is_precompile(uint32_t code) { return should_send(code) && syscall_air(code).has_value(); }

// SP1's trunc_32 (utils.rs): the largest multiple of 32 not above n.
inline uint64_t trunc_32(uint64_t n) { return n / 32 * 32; }

}  // namespace zkgpu::zkvm::shard_costs
