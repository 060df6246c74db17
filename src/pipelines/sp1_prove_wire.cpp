#include "pipelines/sp1_prove_wire.hpp"

#include <algorithm>

#include "common/bytes.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::sp1_prove_wire {
namespace {

constexpr const char* kOp = "sp1_prove_recursion";
// The smallest encoded chip or stage: an empty name (4 bytes) and a u64.
constexpr size_t kMinEntryBytes = 12;

[[noreturn]] void bad_request(const std::string& what) { throw Error(ErrorCode::bad_request, std::string(kOp) + ": " + what); }

Machine check_machine(uint8_t m) {
  if (m > static_cast<uint8_t>(Machine::wrap))
    bad_request("machine " + std::to_string(m) + " is neither 0 (compress) nor 1 (wrap)");
  return static_cast<Machine>(m);
}

void check_log_rows(uint32_t log_rows) {
  if (log_rows < 1 || log_rows > kMaxLogRows)
    throw Error(ErrorCode::invalid_argument, std::string(kOp) + ": log_rows " + std::to_string(log_rows) +
                                                 " is outside 1.." + std::to_string(kMaxLogRows));
}

template <class Entry, class Read>
std::vector<Entry> read_entries(ByteReader& rd, const char* what, Read read) {
  const uint32_t n = rd.u32();
  if (n > rd.remaining() / kMinEntryBytes)
    bad_request(std::string("result: ") + std::to_string(n) + " " + what + " cannot fit in " +
                std::to_string(rd.remaining()) + " bytes");
  std::vector<Entry> out;
  out.reserve(n);
  for (uint32_t i = 0; i < n; ++i) out.push_back(read());
  return out;
}

std::vector<uint8_t> read_blob(ByteReader& rd) {
  const uint64_t n = rd.u64();
  if (n > rd.remaining()) bad_request("result: a length of " + std::to_string(n) + " exceeds the body");
  const auto b = rd.bytes(n);
  return {b.begin(), b.end()};
}

}  // namespace

std::vector<uint8_t> encode_request(const ProveRequest& r) {
  ByteWriter w;
  w.u8(static_cast<uint8_t>(check_machine(static_cast<uint8_t>(r.machine))));
  w.u8(static_cast<uint8_t>(r.program_kind));
  w.u8(r.no_self_verify ? kOptionNoSelfVerify : 0);
  w.u8(0);
  switch (r.program_kind) {
    case ProgramKind::text:
      w.u64(r.program_text.size());
      w.bytes(r.program_text);
      break;
    case ProgramKind::random:
      check_log_rows(r.log_rows);
      w.u64(r.seed);
      w.u32(r.log_rows);
      break;
    default:
      bad_request("program_kind " + std::to_string(static_cast<int>(r.program_kind)) +
                  " is neither 1 (text) nor 2 (random)");
  }
  return w.take();
}

ProveRequest decode_request(std::span<const uint8_t> body) {
  ByteReader rd(body);
  ProveRequest r;
  r.machine = check_machine(rd.u8());
  const uint8_t kind = rd.u8();
  if (kind != static_cast<uint8_t>(ProgramKind::text) && kind != static_cast<uint8_t>(ProgramKind::random))
    bad_request("program_kind " + std::to_string(kind) + " is neither 1 (text) nor 2 (random)");
  r.program_kind = static_cast<ProgramKind>(kind);
  const uint8_t options = rd.u8();
  if (options & ~kKnownOptions) bad_request("unknown option bits " + std::to_string(options & ~kKnownOptions));
  r.no_self_verify = options & kOptionNoSelfVerify;
  if (const uint8_t reserved = rd.u8(); reserved != 0)
    bad_request("reserved byte is " + std::to_string(reserved) + ", must be 0");
  if (r.program_kind == ProgramKind::text) {
    const uint64_t len = rd.u64();
    if (len != rd.remaining())
      bad_request("program_len is " + std::to_string(len) + " but " + std::to_string(rd.remaining()) +
                  " bytes follow it");
    r.program_text = rd.rest();
  } else {
    r.seed = rd.u64();
    r.log_rows = rd.u32();
    rd.expect_done(kOp);
    check_log_rows(r.log_rows);
  }
  return r;
}

std::vector<uint8_t> encode_result(const ProveResult& r) {
  ByteWriter w;
  w.u8(static_cast<uint8_t>(r.machine));
  w.u8(static_cast<uint8_t>(r.key_source));
  w.u8(r.self_verified ? 1 : 0);
  w.u8(0);
  w.bytes(r.program_digest);
  w.u64(r.vk.size());
  w.bytes(r.vk);
  w.u64(r.proof.size());
  w.bytes(r.proof);
  w.u32(static_cast<uint32_t>(r.chips.size()));
  for (const auto& c : r.chips) {
    w.str32(c.name);
    w.u64(c.rows);
  }
  w.u32(static_cast<uint32_t>(r.stages.size()));
  for (const auto& s : r.stages) {
    w.str32(s.stage);
    w.u64(s.nanoseconds);
  }
  return w.take();
}

ProveResult decode_result(std::span<const uint8_t> body) {
  ByteReader rd(body);
  ProveResult r;
  r.machine = check_machine(rd.u8());
  const uint8_t source = rd.u8();
  if (source > static_cast<uint8_t>(KeySource::resident))
    bad_request("result: key_source " + std::to_string(source) + " is unknown");
  r.key_source = static_cast<KeySource>(source);
  const uint8_t verified = rd.u8();
  if (verified > 1) bad_request("result: self_verified is " + std::to_string(verified));
  r.self_verified = verified == 1;
  if (rd.u8() != 0) bad_request("result: reserved byte is not 0");
  const auto digest = rd.bytes(r.program_digest.size());
  std::copy(digest.begin(), digest.end(), r.program_digest.begin());
  r.vk = read_blob(rd);
  r.proof = read_blob(rd);
  r.chips = read_entries<ChipRows>(rd, "chips", [&] {
    ChipRows c;
    c.name = rd.str32();
    c.rows = rd.u64();
    return c;
  });
  r.stages = read_entries<StageTiming>(rd, "stages", [&] {
    StageTiming s;
    s.stage = rd.str32();
    s.nanoseconds = rd.u64();
    return s;
  });
  rd.expect_done("sp1_prove_recursion result");
  return r;
}

const char* machine_name(Machine m) noexcept { return m == Machine::wrap ? "wrap" : "compress"; }

const char* key_source_name(KeySource s) noexcept { return s == KeySource::resident ? "resident" : "setup"; }

}  // namespace zkgpu::sp1_prove_wire
