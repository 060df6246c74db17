#include "sp1/stage/pinned.hpp"

#include <array>
#include <string_view>

#include "sp1/errors.hpp"

namespace zkgpu::sp1::stage {

namespace {

// The files' bytes in hex (crates/prover/wrap_vk.bin, wrap_vk_mprotect.bin at v6.4.0).
constexpr std::string_view kWrapVkDefaultHex =
    "00000000000000000000000013424101303762058048500924876801806909026769850776538701587c6b780647365a"
    "7905e86d312f6d77b1150a3083ae33700a4bc9602000000000000000021e594ab6b657c57929e2955038da6ea754298a"
    "254c0d8d96c67d50d371a30500000000";
constexpr std::string_view kWrapVkMprotectHex =
    "00000000000000000000000013424101303762058048500924876801806909026769850776538701587c6b780647365a"
    "7905e86d312f6d77b1150a3083ae33700a4bc9602000000000000000ff1bcdd46d25d71274409a0535819db457e8a458"
    "7a4246a619b15292ca66ed13000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000";

template <size_t N>
constexpr std::array<uint8_t, N> from_hex(std::string_view hex) {
  std::array<uint8_t, N> out{};
  const auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  for (size_t i = 0; i < N; ++i) out[i] = uint8_t(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  return out;
}

constexpr auto kWrapVkDefault = from_hex<kWrapVkDefaultHex.size() / 2>(kWrapVkDefaultHex);
constexpr auto kWrapVkMprotect = from_hex<kWrapVkMprotectHex.size() / 2>(kWrapVkMprotectHex);
static_assert(kWrapVkDefault.size() == 112 && kWrapVkMprotect.size() == 176);

// verifier_vks.bin: root (8 little-endian u32 words), vk_verification = true, num_keys.
constexpr uint32_t kVkRootWords[8] = {0x17c28774, 0x6625d35b, 0x1801ca19, 0x50814b09,
                                      0x4602dfd6, 0x7919b4a1, 0x2e6481a0, 0x57f25352};

}  // namespace

std::span<const uint8_t> sp1_wrap_vk_bytes(Sp1Variant variant) {
  if (variant == Sp1Variant::Mprotect) return kWrapVkMprotect;
  return kWrapVkDefault;
}

InnerDigest sp1_vk_root() {
  InnerDigest d;
  for (size_t i = 0; i < d.size(); ++i) d[i] = wire::F::from_canonical(kVkRootWords[i]);
  return d;
}

InnerDigest expected_vk_root(Sp1Variant variant, const std::optional<InnerDigest>& override_root) {
  if (override_root) return *override_root;
  if (variant == Sp1Variant::Mprotect) {
    throw Rejected("vk root: SP1 v6.4 pins no recursion vk root for the mprotect build; give the expected root");
  }
  return sp1_vk_root();
}

}  // namespace zkgpu::sp1::stage
