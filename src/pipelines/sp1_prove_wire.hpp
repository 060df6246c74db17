#pragma once
// Request and result bodies of the sp1_prove_recursion op (proto/ops-sp1.md is the
// normative text, with example bytes that the tests assert).
//
//   request: machine u8 (0 compress, 1 wrap) | program_kind u8 (1 text, 2 random) |
//            options u8 (bit 0: no self-verify) | reserved u8 (0) |
//            text:   program_len u64 | the program (recursion text format)
//            random: seed u64 | log_rows u32
//   result:  machine u8 | key_source u8 (0 setup, 1 resident) | self_verified u8 |
//            reserved u8 (0) | program_digest [32] | vk_len u64 | vk |
//            proof_len u64 | proof | chip_count u32 | chip_count x (name str32 |
//            rows u64) | stage_count u32 | stage_count x (name str32 | nanoseconds u64)
// (str32 = u32 length, then UTF-8 bytes.)
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace zkgpu::sp1_prove_wire {

using Sha256 = std::array<uint8_t, 32>;

enum class Machine : uint8_t { compress = 0, wrap = 1 };
enum class ProgramKind : uint8_t { text = 1, random = 2 };

inline constexpr uint8_t kOptionNoSelfVerify = 1u << 0;
inline constexpr uint8_t kKnownOptions = kOptionNoSelfVerify;
// Random programs: about 2^log_rows instructions, log_rows in 1..kMaxLogRows.
inline constexpr uint32_t kMaxLogRows = 20;

struct ProveRequest {
  Machine machine = Machine::compress;
  ProgramKind program_kind = ProgramKind::text;
  bool no_self_verify = false;            // the client asks the daemon not to self-verify
  std::span<const uint8_t> program_text;  // text: a view into the body when decoded
  uint64_t seed = 0;                      // random
  uint32_t log_rows = 0;                  // random
};

// How the proving key of a proof was obtained.
enum class KeySource : uint8_t {
  setup = 0,     // the preprocessed traces were committed for this request
  resident = 1,  // the key was resident on the device: no setup
};

struct ChipRows {
  std::string name;
  uint64_t rows = 0;
};

struct StageTiming {
  std::string stage;
  uint64_t nanoseconds = 0;
};

struct ProveResult {
  Machine machine = Machine::compress;
  KeySource key_source = KeySource::setup;
  bool self_verified = false;
  Sha256 program_digest{};
  std::vector<uint8_t> vk;     // SP1's bincode MachineVerifyingKey
  std::vector<uint8_t> proof;  // SP1's bincode ShardProof
  std::vector<ChipRows> chips;  // in name order
  std::vector<StageTiming> stages;
};

// Decoders throw Error(bad_request) for a body that does not decode and
// Error(invalid_argument) for a log_rows outside 1..kMaxLogRows; the request
// encoder throws the same for a request the decoder would refuse.
std::vector<uint8_t> encode_request(const ProveRequest& r);
ProveRequest decode_request(std::span<const uint8_t> body);
std::vector<uint8_t> encode_result(const ProveResult& r);
ProveResult decode_result(std::span<const uint8_t> body);

const char* machine_name(Machine m) noexcept;     // "compress", "wrap"
const char* key_source_name(KeySource s) noexcept;  // "setup", "resident"

}  // namespace zkgpu::sp1_prove_wire
