#include "zkvm/syscall_codes.hpp"

#include <array>
#include <cstdio>
#include <utility>

namespace zkgpu::zkvm {
namespace {

// Every code SP1 v6.4 defines, with its name.
constexpr std::pair<uint32_t, std::string_view> kSyscalls[] = {
    {0x00000000, "HALT"},
    {0x00000002, "WRITE"},
    {0x00000003, "ENTER_UNCONSTRAINED"},
    {0x00000004, "EXIT_UNCONSTRAINED"},
    {0x00300105, "SHA_EXTEND"},
    {0x00010106, "SHA_COMPRESS"},
    {0x00010107, "ED_ADD"},
    {0x00000108, "ED_DECOMPRESS"},
    {0x00010109, "KECCAK_PERMUTE"},
    {0x0001010A, "SECP256K1_ADD"},
    {0x0000010B, "SECP256K1_DOUBLE"},
    {0x0000010C, "SECP256K1_DECOMPRESS"},
    {0x0001010E, "BN254_ADD"},
    {0x0000010F, "BN254_DOUBLE"},
    {0x00000010, "COMMIT"},
    {0x0000001A, "COMMIT_DEFERRED_PROOFS"},
    {0x0000001B, "VERIFY_SP1_PROOF"},
    {0x0000011C, "BLS12381_DECOMPRESS"},
    {0x000000F0, "HINT_LEN"},
    {0x000000F1, "HINT_READ"},
    {0x0001011D, "UINT256_MUL"},
    {0x0001012F, "U256XU2048_MUL"},
    {0x0001011E, "BLS12381_ADD"},
    {0x0000011F, "BLS12381_DOUBLE"},
    {0x00010120, "BLS12381_FP_ADD"},
    {0x00010121, "BLS12381_FP_SUB"},
    {0x00010122, "BLS12381_FP_MUL"},
    {0x00010123, "BLS12381_FP2_ADD"},
    {0x00010124, "BLS12381_FP2_SUB"},
    {0x00010125, "BLS12381_FP2_MUL"},
    {0x00010126, "BN254_FP_ADD"},
    {0x00010127, "BN254_FP_SUB"},
    {0x00010128, "BN254_FP_MUL"},
    {0x00010129, "BN254_FP2_ADD"},
    {0x0001012A, "BN254_FP2_SUB"},
    {0x0001012B, "BN254_FP2_MUL"},
    {0x0001012C, "SECP256R1_ADD"},
    {0x0000012D, "SECP256R1_DOUBLE"},
    {0x0000012E, "SECP256R1_DECOMPRESS"},
    {0x00010130, "UINT256_ADD_CARRY"},
    {0x00010131, "UINT256_MUL_CARRY"},
    {0x00000132, "MPROTECT"},
    {0x00000133, "POSEIDON2"},
    {0x00000134, "SIG_RETURN"},
    {0x00000035, "HINT_MPROTECT_FLUSH"},
    {0x00000040, "DUMP_ELF"},
    {0x00000041, "INSERT_PROFILER_SYMBOLS"},
    {0x00000042, "DELETE_PROFILER_SYMBOLS"},
};

}  // namespace

std::string_view syscall_name(uint32_t code) {
  for (const auto& [c, name] : kSyscalls)
    if (c == code) return name;
  return {};
}

std::string describe_syscall(uint32_t code) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "0x%08x", code);
  const std::string_view name = syscall_name(code);
  if (name.empty()) return std::string("unknown syscall ") + hex;
  return std::string(name) + " (" + hex + ")";
}

}  // namespace zkgpu::zkvm
