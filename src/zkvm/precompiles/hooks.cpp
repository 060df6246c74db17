// The hook table and its lookup.
#include <array>

#include "zkvm/precompiles/hook_fns.hpp"

namespace zkgpu::zkvm::precompiles {
namespace {

// File descriptors: SP1 v6 crates/primitives/src/consts.rs, module fd: each is its
// listed value plus LOWEST_ALLOWED_FD (10), so FD_ECRECOVER_HOOK = 5 + 10.
constexpr std::array kHooks{
    Hook{15, "FD_ECRECOVER_HOOK", hook_ecrecover},
    Hook{16, "FD_EDDECOMPRESS", hook_ed_decompress},
    Hook{17, "FD_RSA_MUL_MOD", hook_rsa_mul_mod},
    Hook{18, "FD_BLS12_381_SQRT", hook_bls12_381_sqrt},
    Hook{19, "FD_BLS12_381_INVERSE", hook_bls12_381_inverse},
    Hook{20, "FD_FP_SQRT", hook_fp_sqrt},
    Hook{21, "FD_FP_INV", hook_fp_inverse},
};

}  // namespace

std::span<const Hook> hooks() { return kHooks; }

const Hook* find_hook(uint32_t fd) {
  for (const Hook& h : kHooks)
    if (h.fd == fd) return &h;
  return nullptr;
}

}  // namespace zkgpu::zkvm::precompiles
