// SP1 v6's syscall codes (crates/core/executor/src/syscall_code.rs) and file
// descriptors (crates/primitives/src/consts.rs, module fd). The guest puts the
// code in t0 (x5) and the arguments in a0, a1 (x10, x11); the result goes to t0.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace zkgpu::zkvm {

namespace sys {
inline constexpr uint32_t HALT = 0x00'00'00'00;
inline constexpr uint32_t WRITE = 0x00'00'00'02;
inline constexpr uint32_t ENTER_UNCONSTRAINED = 0x00'00'00'03;
inline constexpr uint32_t EXIT_UNCONSTRAINED = 0x00'00'00'04;
inline constexpr uint32_t SHA_EXTEND = 0x00'30'01'05;
inline constexpr uint32_t SHA_COMPRESS = 0x00'01'01'06;
inline constexpr uint32_t KECCAK_PERMUTE = 0x00'01'01'09;
inline constexpr uint32_t ED_ADD = 0x00'01'01'07;
inline constexpr uint32_t ED_DECOMPRESS = 0x00'00'01'08;
inline constexpr uint32_t SECP256K1_ADD = 0x00'01'01'0A;
inline constexpr uint32_t SECP256K1_DOUBLE = 0x00'00'01'0B;
inline constexpr uint32_t BN254_ADD = 0x00'01'01'0E;
inline constexpr uint32_t BN254_DOUBLE = 0x00'00'01'0F;
inline constexpr uint32_t COMMIT = 0x00'00'00'10;
inline constexpr uint32_t COMMIT_DEFERRED_PROOFS = 0x00'00'00'1A;
inline constexpr uint32_t VERIFY_SP1_PROOF = 0x00'00'00'1B;
inline constexpr uint32_t UINT256_MUL = 0x00'01'01'1D;
inline constexpr uint32_t BLS12381_ADD = 0x00'01'01'1E;
inline constexpr uint32_t BLS12381_DOUBLE = 0x00'00'01'1F;
inline constexpr uint32_t BLS12381_FP_ADD = 0x00'01'01'20;
inline constexpr uint32_t BLS12381_FP_SUB = 0x00'01'01'21;
inline constexpr uint32_t BLS12381_FP_MUL = 0x00'01'01'22;
inline constexpr uint32_t BLS12381_FP2_ADD = 0x00'01'01'23;
inline constexpr uint32_t BLS12381_FP2_SUB = 0x00'01'01'24;
inline constexpr uint32_t BLS12381_FP2_MUL = 0x00'01'01'25;
inline constexpr uint32_t BN254_FP_ADD = 0x00'01'01'26;
inline constexpr uint32_t BN254_FP_SUB = 0x00'01'01'27;
inline constexpr uint32_t BN254_FP_MUL = 0x00'01'01'28;
inline constexpr uint32_t BN254_FP2_ADD = 0x00'01'01'29;
inline constexpr uint32_t BN254_FP2_SUB = 0x00'01'01'2A;
inline constexpr uint32_t BN254_FP2_MUL = 0x00'01'01'2B;
inline constexpr uint32_t SECP256R1_ADD = 0x00'01'01'2C;
inline constexpr uint32_t SECP256R1_DOUBLE = 0x00'00'01'2D;
inline constexpr uint32_t HINT_LEN = 0x00'00'00'F0;
inline constexpr uint32_t HINT_READ = 0x00'00'00'F1;
inline constexpr uint32_t UINT256_ADD_CARRY = 0x00'01'01'30;
inline constexpr uint32_t UINT256_MUL_CARRY = 0x00'01'01'31;
inline constexpr uint32_t MPROTECT = 0x00'00'01'32;
inline constexpr uint32_t POSEIDON2 = 0x00'00'01'33;
inline constexpr uint32_t SIG_RETURN = 0x00'00'01'34;
inline constexpr uint32_t HINT_MPROTECT_FLUSH = 0x00'00'00'35;
inline constexpr uint32_t DUMP_ELF = 0x00'00'00'40;
inline constexpr uint32_t INSERT_PROFILER_SYMBOLS = 0x00'00'00'41;
inline constexpr uint32_t DELETE_PROFILER_SYMBOLS = 0x00'00'00'42;
}  // namespace sys

namespace fd {
inline constexpr uint32_t STDOUT = 1;
inline constexpr uint32_t STDERR = 2;
inline constexpr uint32_t PUBLIC_VALUES = 13;
inline constexpr uint32_t HINT = 14;
inline constexpr uint32_t FIRST_HOOK = 15;  // ECRECOVER_HOOK
inline constexpr uint32_t LAST_HOOK = 21;   // FP_INV
}  // namespace fd

// SP1's name for a syscall code ("" when SP1 defines no such code).
std::string_view syscall_name(uint32_t code);
// "SHA_EXTEND (0x00300105)" or "unknown syscall 0x00001234".
std::string describe_syscall(uint32_t code);

}  // namespace zkgpu::zkvm
