// SP1 bincode envelope. bincode 1.x default: little-endian fixed-width integers,
// lengths and counts as u64, enums as a u32 variant index followed by fields.
#include "zkgpu/sp1.hpp"

#include <algorithm>
#include <string>

#include "common/bytes.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::sp1 {
namespace {

constexpr uint32_t kMaxProofMode = static_cast<uint32_t>(ProofMode::groth16);

// A bincode Vec<u8> / String: u64 length, then the bytes.
std::span<const uint8_t> read_vec_u8(ByteReader& r, const char* what) {
  const uint64_t n = r.u64();
  if (n > r.remaining())
    throw Error(ErrorCode::bad_request, std::string(what) + " claims " +
                                            std::to_string(n) + " bytes, " +
                                            std::to_string(r.remaining()) + " left");
  return r.bytes(static_cast<size_t>(n));
}

void write_vec_u8(ByteWriter& w, std::span<const uint8_t> b) {
  w.u64(b.size());
  w.bytes(b);
}

std::array<uint8_t, 32> read_key(ByteReader& r) {
  std::array<uint8_t, 32> key{};
  const auto b = r.bytes(32);
  std::copy(b.begin(), b.end(), key.begin());
  return key;
}

void decode_setup(ByteReader& r, Request& req) {
  req.elf = read_vec_u8(r, "ELF");
  req.elf_bytes = req.elf.size();
  // SerializableRiscvMachine is opaque to us: whatever follows is accepted.
  r.rest();
}

void decode_prove_with_mode(ByteReader& r, Request& req) {
  const uint32_t mode = r.u32();
  if (mode > kMaxProofMode)
    throw Error(ErrorCode::bad_request,
                "proof mode " + std::to_string(mode) + " is not one of 0..4");
  req.proof_mode = static_cast<ProofMode>(mode);
  req.key = read_key(r);
  // SP1Stdin { buffer: Vec<Vec<u8>>, ptr: usize, proofs: Vec<(proof, vk)> }
  const uint64_t buffers = r.u64();
  if (buffers > r.remaining() / 8)  // every entry has at least its u64 length
    throw Error(ErrorCode::bad_request, "stdin claims " + std::to_string(buffers) +
                                            " buffers, " + std::to_string(r.remaining()) +
                                            " bytes left");
  req.stdin_buffers = buffers;
  for (uint64_t i = 0; i < buffers; ++i) req.stdin_bytes += read_vec_u8(r, "stdin buffer").size();
  r.u64();  // ptr
  const uint64_t proofs = r.u64();
  if (proofs == 0) {
    r.bytes(16);  // proof_nonce: [u32; 4]
    r.expect_done("ProveWithMode");
  } else {
    // Recursion proofs and the nonce after them are opaque SP1 types.
    r.rest();
  }
}

void write_string(ByteWriter& w, uint32_t variant, const std::string& message) {
  w.u32(variant);
  w.u64(message.size());
  w.bytes(message);
}

}  // namespace

Request decode_request(std::span<const uint8_t> payload) {
  ByteReader r(payload);
  if (payload.size() < 4)
    throw Error(ErrorCode::bad_request, std::to_string(payload.size()) +
                                            " bytes, too short for a variant index");
  const uint32_t variant = r.u32();
  Request req;
  switch (variant) {
    case static_cast<uint32_t>(RequestKind::setup):
      req.kind = RequestKind::setup;
      decode_setup(r, req);
      break;
    case static_cast<uint32_t>(RequestKind::prove_with_mode):
      req.kind = RequestKind::prove_with_mode;
      decode_prove_with_mode(r, req);
      break;
    case static_cast<uint32_t>(RequestKind::destroy):
      req.kind = RequestKind::destroy;
      req.key = read_key(r);
      r.expect_done("Destroy");
      break;
    default:
      throw Error(ErrorCode::bad_request, "variant index " + std::to_string(variant) +
                                              " is not Setup (0), ProveWithMode (1) or Destroy (2)");
  }
  return req;
}

std::vector<uint8_t> encode_ok() {
  ByteWriter w;
  w.u32(static_cast<uint32_t>(ResponseKind::ok));
  return w.take();
}

std::vector<uint8_t> encode_setup_response(const std::array<uint8_t, 32>& id, std::span<const uint8_t> vk) {
  ByteWriter w;
  w.u32(static_cast<uint32_t>(ResponseKind::setup));
  w.bytes(id);
  w.bytes(vk);
  return w.take();
}

std::vector<uint8_t> encode_prover_error(const std::string& message) {
  ByteWriter w;
  write_string(w, static_cast<uint32_t>(ResponseKind::prover_error), message);
  return w.take();
}

std::vector<uint8_t> encode_internal_error(const std::string& message) {
  ByteWriter w;
  write_string(w, static_cast<uint32_t>(ResponseKind::internal_error), message);
  return w.take();
}

std::vector<uint8_t> encode_destroy(const std::array<uint8_t, 32>& key) {
  ByteWriter w;
  w.u32(static_cast<uint32_t>(RequestKind::destroy));
  w.bytes(key);
  return w.take();
}

std::vector<uint8_t> encode_prove_with_mode(ProofMode mode, const std::array<uint8_t, 32>& key,
                                            const std::vector<std::vector<uint8_t>>& stdin_buffer,
                                            const std::array<uint32_t, 4>& proof_nonce) {
  ByteWriter w;
  w.u32(static_cast<uint32_t>(RequestKind::prove_with_mode));
  w.u32(static_cast<uint32_t>(mode));
  w.bytes(key);
  w.u64(stdin_buffer.size());
  for (const auto& b : stdin_buffer) write_vec_u8(w, b);
  w.u64(0);  // ptr
  w.u64(0);  // proofs: none
  w.u32s(proof_nonce);
  return w.take();
}

std::vector<uint8_t> encode_setup(std::span<const uint8_t> elf, std::span<const uint8_t> machine) {
  ByteWriter w;
  w.u32(static_cast<uint32_t>(RequestKind::setup));
  write_vec_u8(w, elf);
  w.bytes(machine);
  return w.take();
}

Response decode_response(std::span<const uint8_t> payload) {
  ByteReader r(payload);
  if (payload.size() < 4)
    throw Error(ErrorCode::bad_request, "SP1 response: " + std::to_string(payload.size()) +
                                            " bytes, too short for a variant index");
  const uint32_t variant = r.u32();
  Response resp;
  switch (variant) {
    case static_cast<uint32_t>(ResponseKind::ok):
    case static_cast<uint32_t>(ResponseKind::connection_closed):
      resp.kind = static_cast<ResponseKind>(variant);
      r.expect_done("SP1 response");
      break;
    case static_cast<uint32_t>(ResponseKind::setup):
    case static_cast<uint32_t>(ResponseKind::proof): {
      resp.kind = static_cast<ResponseKind>(variant);
      const auto rest = r.rest();
      resp.opaque.assign(rest.begin(), rest.end());
      break;
    }
    case static_cast<uint32_t>(ResponseKind::prover_error):
    case static_cast<uint32_t>(ResponseKind::internal_error): {
      resp.kind = static_cast<ResponseKind>(variant);
      const auto msg = read_vec_u8(r, "SP1 response: message");
      resp.message.assign(msg.begin(), msg.end());
      r.expect_done("SP1 response");
      break;
    }
    default:
      throw Error(ErrorCode::bad_request,
                  "SP1 response: variant index " + std::to_string(variant) + " is not 0..5");
  }
  return resp;
}

}  // namespace zkgpu::sp1
