// The precompile table, sorted by code, and its lookup.
#include <algorithm>
#include <array>
#include <vector>

#include "zkvm/precompiles/guest_io.hpp"
#include "zkvm/precompiles/handlers.hpp"

namespace zkgpu::zkvm::precompiles {
namespace {

// SP1 v6 still assigns these codes, but both of its executors reject them
// (crates/core/executor/src/minimal/precompiles/weierstrass/decompress.rs and
// uint256x2048.rs panic, vm/syscall.rs marks them unreachable) and no AIR proves
// them, so a guest that reaches one fails here as it fails under SP1.
template <const std::string_view& Name>
void not_in_sp1_v6(GuestMemory&, const SyscallArgs&) {
  fail(Name, "SP1 v6 no longer executes this precompile");
}
constexpr std::string_view kSecp256k1Decompress = "SECP256K1_DECOMPRESS";
constexpr std::string_view kBls12381Decompress = "BLS12381_DECOMPRESS";
constexpr std::string_view kU256xU2048Mul = "U256XU2048_MUL";
constexpr std::string_view kSecp256r1Decompress = "SECP256R1_DECOMPRESS";

// Codes: SP1 v6 crates/core/executor/src/syscall_code.rs.
constexpr std::array kOwnPrecompiles{
    Precompile{0x00'00'01'0C, kSecp256k1Decompress, not_in_sp1_v6<kSecp256k1Decompress>},
    Precompile{0x00'00'01'1C, kBls12381Decompress, not_in_sp1_v6<kBls12381Decompress>},
    Precompile{0x00'01'01'1D, "UINT256_MUL", uint256_mul},
    Precompile{0x00'01'01'2F, kU256xU2048Mul, not_in_sp1_v6<kU256xU2048Mul>},
    Precompile{0x00'00'01'2E, kSecp256r1Decompress, not_in_sp1_v6<kSecp256r1Decompress>},
    Precompile{0x00'01'01'30, "UINT256_ADD_CARRY", uint256_add_carry},
    Precompile{0x00'01'01'31, "UINT256_MUL_CARRY", uint256_mul_carry},
};

std::vector<Precompile> build_table() {
  std::vector<Precompile> all(kOwnPrecompiles.begin(), kOwnPrecompiles.end());
  for (auto family : {field_precompiles(), weierstrass_precompiles(), edwards_precompiles()})
    all.insert(all.end(), family.begin(), family.end());
  std::sort(all.begin(), all.end(),
            [](const Precompile& a, const Precompile& b) { return a.code < b.code; });
  return all;
}

}  // namespace

std::span<const Precompile> table() {
  static const std::vector<Precompile> all = build_table();
  return all;
}

const Precompile* find(uint32_t code) {
  const auto all = table();
  const auto it = std::lower_bound(all.begin(), all.end(), code,
                                   [](const Precompile& p, uint32_t c) { return p.code < c; });
  return it != all.end() && it->code == code ? &*it : nullptr;
}

}  // namespace zkgpu::zkvm::precompiles
