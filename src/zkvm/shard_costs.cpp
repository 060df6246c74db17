#include "zkvm/shard_costs.hpp"

#include <array>
#include <stdexcept>

#include "zkvm/syscall_codes.hpp"

namespace zkgpu::zkvm::shard_costs {
namespace {

// rv64im_costs.json (crates/core/executor/src/artifacts/).
constexpr std::array<uint64_t, size_t(Air::kCount)> kCosts = [] {
  std::array<uint64_t, size_t(Air::kCount)> c{};
  auto set = [&](Air a, uint64_t v) { c[size_t(a)] = v; };
  set(Air::Program, 17), set(Air::Byte, 13), set(Air::Range, 3);
  set(Air::Add, 33), set(Air::Addi, 30), set(Air::Addw, 36), set(Air::Sub, 33), set(Air::Subw, 32);
  set(Air::Bitwise, 51), set(Air::Lt, 44), set(Air::Mul, 82), set(Air::DivRem, 246);
  set(Air::ShiftLeft, 65), set(Air::ShiftRight, 69), set(Air::AluX0, 34), set(Air::LoadX0, 48);
  set(Air::LoadByte, 47), set(Air::LoadHalf, 44), set(Air::LoadWord, 44), set(Air::LoadDouble, 39);
  set(Air::StoreByte, 50), set(Air::StoreHalf, 45), set(Air::StoreWord, 44), set(Air::StoreDouble, 39);
  set(Air::Branch, 45), set(Air::UType, 31), set(Air::Jal, 31), set(Air::Jalr, 35), set(Air::SyscallInstrs, 65);
  set(Air::MemoryLocal, 20), set(Air::Global, 241), set(Air::MemoryBump, 15), set(Air::StateBump, 14);
  set(Air::SyscallCore, 10), set(Air::SyscallPrecompile, 10);
  set(Air::MemoryGlobalInit, 30), set(Air::MemoryGlobalFinalize, 30);
  set(Air::ShaExtend, 128), set(Air::ShaExtendControl, 18), set(Air::ShaCompress, 206);
  set(Air::ShaCompressControl, 53), set(Air::KeccakPermute, 2640), set(Air::KeccakPermuteControl, 634);
  set(Air::EdAddAssign, 1347), set(Air::EdDecompress, 1123);
  set(Air::Secp256k1AddAssign, 1599), set(Air::Secp256k1DoubleAssign, 1591);
  set(Air::Secp256r1AddAssign, 1599), set(Air::Secp256r1DoubleAssign, 1591);
  set(Air::Bn254AddAssign, 1599), set(Air::Bn254DoubleAssign, 1591);
  set(Air::Bls12381AddAssign, 2399), set(Air::Bls12381DoubleAssign, 2391);
  set(Air::Uint256MulMod, 371), set(Air::Uint256Ops, 477);
  set(Air::Bls12381FpOpAssign, 450), set(Air::Bls12381Fp2AddSubAssign, 880), set(Air::Bls12381Fp2MulAssign, 1639);
  set(Air::Bn254FpOpAssign, 306), set(Air::Bn254Fp2AddSubAssign, 592), set(Air::Bn254Fp2MulAssign, 1095);
  set(Air::Poseidon2, 348), set(Air::Mprotect, 40), set(Air::SigReturn, 660);
  set(Air::AddUser, 34), set(Air::AddiUser, 31), set(Air::AddwUser, 37), set(Air::SubUser, 34);
  set(Air::SubwUser, 33), set(Air::BitwiseUser, 52), set(Air::LtUser, 45), set(Air::MulUser, 83);
  set(Air::DivRemUser, 247), set(Air::ShiftLeftUser, 66), set(Air::ShiftRightUser, 70);
  set(Air::AluX0User, 68), set(Air::LoadX0User, 49);
  set(Air::LoadByteUser, 48), set(Air::LoadHalfUser, 45), set(Air::LoadWordUser, 45), set(Air::LoadDoubleUser, 40);
  set(Air::StoreByteUser, 51), set(Air::StoreHalfUser, 46), set(Air::StoreWordUser, 45);
  set(Air::StoreDoubleUser, 40), set(Air::BranchUser, 46), set(Air::UTypeUser, 32), set(Air::JalUser, 32);
  set(Air::JalrUser, 36), set(Air::SyscallInstrsUser, 117);
  set(Air::TrapMem, 84), set(Air::TrapExec, 54), set(Air::InstructionFetch, 36), set(Air::InstructionDecode, 61);
  set(Air::PageProt, 60), set(Air::PageProtLocal, 10), set(Air::PageProtGlobalInit, 25);
  set(Air::ShaExtendControlUser, 66), set(Air::ShaCompressControlUser, 125), set(Air::KeccakPermuteControlUser, 682);
  set(Air::EdAddAssignUser, 1395), set(Air::EdDecompressUser, 1171);
  set(Air::Secp256k1AddAssignUser, 1647), set(Air::Secp256k1DoubleAssignUser, 1615);
  set(Air::Secp256r1AddAssignUser, 1647), set(Air::Secp256r1DoubleAssignUser, 1615);
  set(Air::Bn254AddAssignUser, 1647), set(Air::Bn254DoubleAssignUser, 1615);
  set(Air::Bls12381AddAssignUser, 2447), set(Air::Bls12381DoubleAssignUser, 2415);
  set(Air::Uint256MulModUser, 419), set(Air::Uint256OpsUser, 597);
  set(Air::Bls12381FpOpAssignUser, 498), set(Air::Bls12381Fp2AddSubAssignUser, 928);
  set(Air::Bls12381Fp2MulAssignUser, 1687), set(Air::Bn254FpOpAssignUser, 354);
  set(Air::Bn254Fp2AddSubAssignUser, 640), set(Air::Bn254Fp2MulAssignUser, 1143), set(Air::Poseidon2User, 372);
  return c;
}();
static_assert([] {
  for (uint64_t v : kCosts)
    if (v == 0) return false;
  return true;
}(), "every modelled chip has a cost");

}  // namespace

uint64_t cost(Air a) { return kCosts.at(size_t(a)); }

uint64_t preprocessed_area(uint64_t program_len) {
  return (program_len + 31) / 32 * 32 * cost(Air::Program) + kByteNumRows * cost(Air::Byte) +
         kRangeNumRows * cost(Air::Range);
}

// SP1's transpiler (disassembler/rrs.rs) maps the immediate forms onto the
// register opcodes except ADDI (XORI -> XOR, SLLI -> SLL, ADDIW -> ADDW, ...).
Air instruction_air(Op op, unsigned rd) {
  if (op <= Op::sraiw && rd == 0) return Air::AluX0;
  if (op >= Op::lb && op <= Op::lwu && rd == 0) return Air::LoadX0;
  switch (op) {
    case Op::add: return Air::Add;
    case Op::addi: return Air::Addi;
    case Op::addw: case Op::addiw: return Air::Addw;
    case Op::sub: return Air::Sub;
    case Op::subw: return Air::Subw;
    case Op::xor_: case Op::or_: case Op::and_: case Op::xori: case Op::ori: case Op::andi: return Air::Bitwise;
    case Op::slt: case Op::sltu: case Op::slti: case Op::sltiu: return Air::Lt;
    case Op::mul: case Op::mulh: case Op::mulhsu: case Op::mulhu: case Op::mulw: return Air::Mul;
    case Op::div: case Op::divu: case Op::rem: case Op::remu:
    case Op::divw: case Op::divuw: case Op::remw: case Op::remuw: return Air::DivRem;
    case Op::sll: case Op::sllw: case Op::slli: case Op::slliw: return Air::ShiftLeft;
    case Op::srl: case Op::sra: case Op::srlw: case Op::sraw:
    case Op::srli: case Op::srai: case Op::srliw: case Op::sraiw: return Air::ShiftRight;
    case Op::lb: case Op::lbu: return Air::LoadByte;
    case Op::lh: case Op::lhu: return Air::LoadHalf;
    case Op::lw: case Op::lwu: return Air::LoadWord;
    case Op::ld: return Air::LoadDouble;
    case Op::sb: return Air::StoreByte;
    case Op::sh: return Air::StoreHalf;
    case Op::sw: return Air::StoreWord;
    case Op::sd: return Air::StoreDouble;
    case Op::beq: case Op::bne: case Op::blt: case Op::bge: case Op::bltu: case Op::bgeu: return Air::Branch;
    case Op::lui: case Op::auipc: return Air::UType;
    case Op::jal: return Air::Jal;
    case Op::jalr: return Air::Jalr;
    case Op::ecall: return Air::SyscallInstrs;
    default: break;
  }
  throw std::logic_error("shard costs: no chip for a non-executed instruction kind");
}

Air instruction_air_user(Op op, unsigned rd) {
  switch (instruction_air(op, rd)) {
    case Air::Add: return Air::AddUser;
    case Air::Addi: return Air::AddiUser;
    case Air::Addw: return Air::AddwUser;
    case Air::Sub: return Air::SubUser;
    case Air::Subw: return Air::SubwUser;
    case Air::Bitwise: return Air::BitwiseUser;
    case Air::Lt: return Air::LtUser;
    case Air::Mul: return Air::MulUser;
    case Air::DivRem: return Air::DivRemUser;
    case Air::ShiftLeft: return Air::ShiftLeftUser;
    case Air::ShiftRight: return Air::ShiftRightUser;
    case Air::AluX0: return Air::AluX0User;
    case Air::LoadX0: return Air::LoadX0User;
    case Air::LoadByte: return Air::LoadByteUser;
    case Air::LoadHalf: return Air::LoadHalfUser;
    case Air::LoadWord: return Air::LoadWordUser;
    case Air::LoadDouble: return Air::LoadDoubleUser;
    case Air::StoreByte: return Air::StoreByteUser;
    case Air::StoreHalf: return Air::StoreHalfUser;
    case Air::StoreWord: return Air::StoreWordUser;
    case Air::StoreDouble: return Air::StoreDoubleUser;
    case Air::Branch: return Air::BranchUser;
    case Air::UType: return Air::UTypeUser;
    case Air::Jal: return Air::JalUser;
    case Air::Jalr: return Air::JalrUser;
    case Air::SyscallInstrs: return Air::SyscallInstrsUser;
    default: break;
  }
  throw std::logic_error("shard costs: an instruction chip without a User chip");
}

std::optional<Air> syscall_air(uint32_t code) {
  switch (code) {
    case sys::SHA_EXTEND: return Air::ShaExtend;
    case sys::SHA_COMPRESS: return Air::ShaCompress;
    case 0x00010107: return Air::EdAddAssign;         // ED_ADD
    case 0x00000108: return Air::EdDecompress;        // ED_DECOMPRESS
    case sys::KECCAK_PERMUTE: return Air::KeccakPermute;
    case 0x0001010A: return Air::Secp256k1AddAssign;  // SECP256K1_ADD
    case 0x0000010B: return Air::Secp256k1DoubleAssign;
    case 0x0001010E: return Air::Bn254AddAssign;      // BN254_ADD
    case 0x0000010F: return Air::Bn254DoubleAssign;
    case 0x0001011D: return Air::Uint256MulMod;       // UINT256_MUL
    case 0x0001011E: return Air::Bls12381AddAssign;   // BLS12381_ADD
    case 0x0000011F: return Air::Bls12381DoubleAssign;
    case 0x00010120: case 0x00010121: case 0x00010122: return Air::Bls12381FpOpAssign;
    case 0x00010123: case 0x00010124: return Air::Bls12381Fp2AddSubAssign;
    case 0x00010125: return Air::Bls12381Fp2MulAssign;
    case 0x00010126: case 0x00010127: case 0x00010128: return Air::Bn254FpOpAssign;
    case 0x00010129: case 0x0001012A: return Air::Bn254Fp2AddSubAssign;
    case 0x0001012B: return Air::Bn254Fp2MulAssign;
    case 0x0001012C: return Air::Secp256r1AddAssign;  // SECP256R1_ADD
    case 0x0000012D: return Air::Secp256r1DoubleAssign;
    case 0x00010130: case 0x00010131: return Air::Uint256Ops;  // UINT256_{ADD,MUL}_CARRY
    case sys::MPROTECT: return Air::Mprotect;
    case sys::POSEIDON2: return Air::Poseidon2;
    case sys::SIG_RETURN: return Air::SigReturn;
    default: return std::nullopt;
  }
}

// SHA_EXTEND, SHA_COMPRESS, KECCAK_PERMUTE and MPROTECT keep their chips.
std::optional<Air> syscall_air_user(uint32_t code) {
  const std::optional<Air> a = syscall_air(code);
  if (!a) return std::nullopt;
  switch (*a) {
    case Air::EdAddAssign: return Air::EdAddAssignUser;
    case Air::EdDecompress: return Air::EdDecompressUser;
    case Air::Secp256k1AddAssign: return Air::Secp256k1AddAssignUser;
    case Air::Secp256k1DoubleAssign: return Air::Secp256k1DoubleAssignUser;
    case Air::Secp256r1AddAssign: return Air::Secp256r1AddAssignUser;
    case Air::Secp256r1DoubleAssign: return Air::Secp256r1DoubleAssignUser;
    case Air::Bn254AddAssign: return Air::Bn254AddAssignUser;
    case Air::Bn254DoubleAssign: return Air::Bn254DoubleAssignUser;
    case Air::Bls12381AddAssign: return Air::Bls12381AddAssignUser;
    case Air::Bls12381DoubleAssign: return Air::Bls12381DoubleAssignUser;
    case Air::Uint256MulMod: return Air::Uint256MulModUser;
    case Air::Uint256Ops: return Air::Uint256OpsUser;
    case Air::Bls12381FpOpAssign: return Air::Bls12381FpOpAssignUser;
    case Air::Bls12381Fp2AddSubAssign: return Air::Bls12381Fp2AddSubAssignUser;
    case Air::Bls12381Fp2MulAssign: return Air::Bls12381Fp2MulAssignUser;
    case Air::Bn254FpOpAssign: return Air::Bn254FpOpAssignUser;
    case Air::Bn254Fp2AddSubAssign: return Air::Bn254Fp2AddSubAssignUser;
    case Air::Bn254Fp2MulAssign: return Air::Bn254Fp2MulAssignUser;
    case Air::Poseidon2: return Air::Poseidon2User;
    default: return a;
  }
}

uint64_t syscall_touched_addresses(uint32_t code) {
  switch (code) {
    case sys::SHA_EXTEND: return 64;
    case sys::SHA_COMPRESS: return 72;
    case sys::KECCAK_PERMUTE: return 25;
    case 0x0001011E: case 0x00010123: case 0x00010124: case 0x00010125: return 24;  // BLS12381 add, fp2
    case 0x0000011C: case 0x0000011F: case 0x00010120: case 0x00010121: case 0x00010122: return 12;
    case 0x00010107: case 0x0001010A: case 0x0001012C: case 0x0001010E:
    case 0x00010129: case 0x0001012A: case 0x0001012B: return 16;
    case 0x00000108: case 0x0000010C: case 0x0000012E: case 0x0000010B: case 0x0000012D: case 0x0000010F:
    case 0x00010126: case 0x00010127: case 0x00010128: return 8;
    case 0x0001011D: return 12;
    case 0x00010130: case 0x00010131: return 20;
    case 0x0001012F: return 72;  // U256XU2048_MUL
    case sys::POSEIDON2: return 8;
    default: return 0;
  }
}

// Each slice of the call counted as spanning two pages.
uint64_t syscall_touched_pages(uint32_t code) {
  switch (code) {
    case sys::SHA_EXTEND: case sys::KECCAK_PERMUTE: return 2 * 2;
    case sys::SHA_COMPRESS: return 3 * 2;
    case sys::BLS12381_ADD: case sys::SECP256K1_ADD: case sys::SECP256R1_ADD: case sys::BN254_ADD:
    case sys::ED_ADD: case sys::ED_DECOMPRESS:
    case 0x0000011C: case 0x0000010C: case 0x0000012E:  // BLS12381, SECP256K1, SECP256R1 _DECOMPRESS
      return 2 * 2;
    case sys::BLS12381_DOUBLE: case sys::SECP256K1_DOUBLE: case sys::SECP256R1_DOUBLE: case sys::BN254_DOUBLE:
      return 2;
    case sys::BLS12381_FP2_ADD: case sys::BLS12381_FP2_SUB: case sys::BLS12381_FP2_MUL:
    case sys::BLS12381_FP_ADD: case sys::BLS12381_FP_SUB: case sys::BLS12381_FP_MUL:
    case sys::BN254_FP2_ADD: case sys::BN254_FP2_SUB: case sys::BN254_FP2_MUL:
    case sys::BN254_FP_ADD: case sys::BN254_FP_SUB: case sys::BN254_FP_MUL:
      return 2 * 2;
    case sys::UINT256_MUL: return 2 * 2;
    case sys::UINT256_ADD_CARRY: case sys::UINT256_MUL_CARRY: return 5 * 2;
    case 0x0001012F: return 4 * 2;  // U256XU2048_MUL
    case sys::MPROTECT: return 1;
    case sys::POSEIDON2: return 2;
    default: return 0;
  }
}

uint64_t rows_per_event(Air a) {
  switch (a) {
    case Air::ShaCompress: return 80;
    case Air::ShaExtend: return 48;
    case Air::KeccakPermute: return 24;
    default: return 1;
  }
}

std::optional<Air> control_air(Air a) {
  switch (a) {
    case Air::ShaCompress: return Air::ShaCompressControl;
    case Air::ShaExtend: return Air::ShaExtendControl;
    case Air::KeccakPermute: return Air::KeccakPermuteControl;
    default: return std::nullopt;
  }
}

std::optional<Air> control_air_user(Air a) {
  switch (a) {
    case Air::ShaCompress: return Air::ShaCompressControlUser;
    case Air::ShaExtend: return Air::ShaExtendControlUser;
    case Air::KeccakPermute: return Air::KeccakPermuteControlUser;
    default: return std::nullopt;
  }
}

bool retained_by_default(uint32_t code) {
  switch (code) {
    case 0x00010120: case 0x00010122: case 0x00010121:  // BLS12381_FP_{ADD,MUL,SUB}
    case 0x00010126: case 0x00010128: case 0x00010127:  // BN254_FP_{ADD,MUL,SUB}
    case sys::SHA_COMPRESS: case sys::SHA_EXTEND:
    case sys::POSEIDON2:
    case 0x00010130: case 0x00010131:                   // UINT256_{ADD,MUL}_CARRY
      return true;
    default: return false;
  }
}

}  // namespace zkgpu::zkvm::shard_costs
