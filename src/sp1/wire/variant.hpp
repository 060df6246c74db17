// SP1's two builds as far as its artifacts see them: the default build and the one
// with the `mprotect` feature (untrusted programs with a trap handler and protected
// memory regions). Under `mprotect` a verifying key's UntrustedConfig carries three
// more fields after `enable_untrusted_programs` (crates/hypercube/src/verifier/
// config.rs), which change its bytes, its transcript observation and its digest.
// Nothing else in a recursion-stage artifact differs.
#pragma once

#include <optional>
#include <string_view>

namespace zkgpu::sp1::wire {

enum class Sp1Variant { Default, Mprotect };

constexpr std::string_view variant_name(Sp1Variant v) {
  return v == Sp1Variant::Mprotect ? "mprotect" : "default";
}

// "default" or "mprotect" (the names of `--sp1-features`); empty otherwise.
constexpr std::optional<Sp1Variant> parse_variant(std::string_view name) {
  if (name == "default") return Sp1Variant::Default;
  if (name == "mprotect") return Sp1Variant::Mprotect;
  return std::nullopt;
}

}  // namespace zkgpu::sp1::wire
