// The challenger each configuration's transcript runs on, and the one operation whose
// argument type differs between them: observing a commitment.
#pragma once

#include "sp1/transcript/duplex_challenger.hpp"
#include "sp1/transcript/multi_field_challenger.hpp"
#include "sp1/wire/config.hpp"

namespace zkgpu::sp1::verifier {

template <class C>
struct TranscriptFor;

template <>
struct TranscriptFor<wire::InnerConfig> {
  using Challenger = transcript::DuplexChallenger;
  static void observe(Challenger& ch, const wire::InnerDigest& d) { ch.observe_digest(d); }
};

template <>
struct TranscriptFor<wire::OuterConfig> {
  using Challenger = transcript::MultiFieldChallenger;
  static void observe(Challenger& ch, const wire::OuterDigest& d) { ch.observe_digest(d[0]); }
};

}  // namespace zkgpu::sp1::verifier
