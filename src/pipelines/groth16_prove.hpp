#pragma once
// The groth16_prove op: finds the proving key (resident, or read from its
// file and uploaded), parses the witness from the body, proves on the job's
// backend, verifies the proof unless --no-self-verify, and replies with
// snarkjs's proof.json and public.json and the time of every stage.
// Body formats: pipelines/groth16_wire.hpp and proto/ops-groth16.md.
#include <cstdint>
#include <span>
#include <vector>

#include "pipelines/pipeline.hpp"

namespace zkgpu {

// Progress stages in order; "verify" only when self-verification is on.
inline constexpr const char* kGroth16Stages[] = {"load",   "witness", "h",     "msm-a", "msm-b1",
                                                 "msm-b2", "msm-c",   "msm-h", "verify"};

// Peak memory of a proof beyond its resident key, estimated from the witness
// size (scalars, A/B/C evaluations and H over a domain of about the same size).
uint64_t estimate_groth16_prove(std::span<const uint8_t> body);
// Needs ctx.resources (the device's key cache).
std::vector<uint8_t> run_groth16_prove(JobContext& ctx, std::span<const uint8_t> body);

OpHandler groth16_prove_handler();

}  // namespace zkgpu
