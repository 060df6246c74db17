// The layout of a recursion proof's 187 public values (SP1's RecursionPublicValues,
// a #[repr(C)] struct of field elements read in declaration order): each field's
// name, offset and length. Compress, shrink and wrap proofs all carry it; the wrap
// stage reads it as RootPublicValues (the same layout, a different digest).
// Source: succinctlabs/sp1 v6.4.0 crates/recursion/executor/src/public_values.rs.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace zkgpu::sp1::wire {

struct PublicValuesField {
  std::string_view name;
  size_t offset;
  size_t length;
};

namespace detail {

struct PvSpec {
  std::string_view name;
  size_t length;
};

inline constexpr PvSpec kRecursionPvSpec[] = {
    {"prev_committed_value_digest", 32},
    {"committed_value_digest", 32},  // 8 words of 4 bytes
    {"prev_deferred_proofs_digest", 8},
    {"deferred_proofs_digest", 8},
    {"prev_deferred_proof", 1},
    {"deferred_proof", 1},
    {"pc_start", 3},
    {"next_pc", 3},
    {"initial_timestamp", 4},
    {"last_timestamp", 4},
    {"previous_init_addr", 3},
    {"last_init_addr", 3},
    {"previous_finalize_addr", 3},
    {"last_finalize_addr", 3},
    {"previous_init_page_idx", 3},
    {"last_init_page_idx", 3},
    {"previous_finalize_page_idx", 3},
    {"last_finalize_page_idx", 3},
    {"start_reconstruct_deferred_digest", 8},
    {"end_reconstruct_deferred_digest", 8},
    {"sp1_vk_digest", 8},
    {"vk_root", 8},
    {"global_cumulative_sum", 14},  // septic curve point: x[7], y[7]
    {"contains_first_shard", 1},
    {"num_included_shard", 1},
    {"is_complete", 1},
    {"prev_exit_code", 1},
    {"exit_code", 1},
    {"prev_commit_syscall", 1},
    {"commit_syscall", 1},
    {"prev_commit_deferred_syscall", 1},
    {"commit_deferred_syscall", 1},
    {"digest", 8},  // hash of the fields before it (or, at the root, of a chosen few)
    {"proof_nonce", 4},
};

constexpr auto make_recursion_pv_layout() {
  std::array<PublicValuesField, std::size(kRecursionPvSpec)> out{};
  size_t offset = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = {kRecursionPvSpec[i].name, offset, kRecursionPvSpec[i].length};
    offset += kRecursionPvSpec[i].length;
  }
  return out;
}

}  // namespace detail

inline constexpr auto kRecursionPublicValues = detail::make_recursion_pv_layout();

// SP1's PROOF_MAX_NUM_PVS: every recursion proof carries exactly this many.
inline constexpr size_t kRecursionPublicValuesCount =
    kRecursionPublicValues.back().offset + kRecursionPublicValues.back().length;
static_assert(kRecursionPublicValuesCount == 187);

// Looked up at compile time: a misspelt name does not compile.
consteval PublicValuesField recursion_pv_field(std::string_view name) {
  for (const auto& f : kRecursionPublicValues) {
    if (f.name == name) return f;
  }
  throw "no such recursion public value";
}

}  // namespace zkgpu::sp1::wire
