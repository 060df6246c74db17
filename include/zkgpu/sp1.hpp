#pragma once
// SP1's sp1-gpu-server bincode envelope (bincode 1.x default encoding; the wire
// format is described in proto/sp1-envelope.md). Only what zkgpud needs: decode a
// Request far enough to answer it, encode the Response variants it sends, plus
// the small encoders/decoders tests and clients need to speak the envelope.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace zkgpu::sp1 {

enum class RequestKind : uint32_t { setup = 0, prove_with_mode = 1, destroy = 2 };

// SP1's ProofMode, a serde enum encoded as its u32 variant index.
enum class ProofMode : uint32_t { unspecified = 0, core = 1, compressed = 2, plonk = 3, groth16 = 4 };

struct Request {
  RequestKind kind{};
  std::array<uint8_t, 32> key{};          // Destroy / ProveWithMode only
  ProofMode proof_mode = ProofMode::unspecified;  // ProveWithMode only
  uint64_t elf_bytes = 0;                 // Setup only: size of the ELF
  std::span<const uint8_t> elf;           // Setup only: the ELF (a view into the decoded payload)
  uint64_t stdin_buffers = 0;             // ProveWithMode only: SP1Stdin.buffer entries
  uint64_t stdin_bytes = 0;               // ProveWithMode only: their total size
};

// Decodes a whole SP1 Request payload (no length prefix). Throws
// Error(bad_request) on a bad variant index, a proof mode over 4, truncation, or
// trailing bytes where the shape is fully known. Opaque SP1 types (Setup's
// RISC-V machine, ProveWithMode's recursion proofs when there are any) are
// accepted as the remainder of the payload.
Request decode_request(std::span<const uint8_t> payload);

// Response variants zkgpud sends (payloads, no length prefix).
std::vector<uint8_t> encode_ok();
// Response::Setup { id: [u8; 32], vk: SP1VerifyingKey }: the id's 32 bytes, then the
// vk's own bincode (`vk`, as sp1/wire encodes a MachineVerifyingKey).
std::vector<uint8_t> encode_setup_response(const std::array<uint8_t, 32>& id, std::span<const uint8_t> vk);
std::vector<uint8_t> encode_prover_error(const std::string& message);
std::vector<uint8_t> encode_internal_error(const std::string& message);

// Request encoders for clients and tests. `stdin_buffer` is SP1Stdin.buffer;
// ptr is 0 and there are no recursion proofs.
std::vector<uint8_t> encode_destroy(const std::array<uint8_t, 32>& key);
std::vector<uint8_t> encode_prove_with_mode(ProofMode mode, const std::array<uint8_t, 32>& key,
                                            const std::vector<std::vector<uint8_t>>& stdin_buffer,
                                            const std::array<uint32_t, 4>& proof_nonce);
std::vector<uint8_t> encode_setup(std::span<const uint8_t> elf, std::span<const uint8_t> machine);

// Response variants as a client sees them. Setup (1) and Proof (2) carry opaque
// SP1 types and are reported with their payload left undecoded.
enum class ResponseKind : uint32_t {
  ok = 0,
  setup = 1,
  proof = 2,
  prover_error = 3,
  internal_error = 4,
  connection_closed = 5,
};

struct Response {
  ResponseKind kind{};
  std::string message;             // prover_error / internal_error
  std::vector<uint8_t> opaque;     // setup / proof: the bytes after the variant index
};

// Throws Error(bad_request) on a bad variant index, truncation or trailing bytes.
Response decode_response(std::span<const uint8_t> payload);

}  // namespace zkgpu::sp1
