// sp1_execute (op 0x0301, proto/ops-sp1.md): run an SP1 v6 guest program on the
// CPU and reply with the execution report as JSON. A guest that fails is a
// successful op whose report says "failed"; a bad ELF or bad stdin is an error.
#include <cstring>
#include <string>

#include <nlohmann/json.hpp>

#include "pipelines/pipeline.hpp"
#include "sp1/errors.hpp"
#include "zkgpu/error.hpp"
#include "zkvm/executor.hpp"
#include "zkvm/stdin.hpp"

namespace zkgpu {
namespace {

// Body: u64 max_cycles (0: none), u64 elf_len, the ELF, then a bincode SP1Stdin.
struct ExecuteBody {
  uint64_t max_cycles = 0;
  std::span<const uint8_t> elf;
  std::span<const uint8_t> stdin_bytes;
};

ExecuteBody decode_body(std::span<const uint8_t> body) {
  if (body.size() < 16) throw Error(ErrorCode::bad_request, "sp1_execute: body shorter than its 16-byte header");
  ExecuteBody b;
  uint64_t elf_len;
  std::memcpy(&b.max_cycles, body.data(), 8);
  std::memcpy(&elf_len, body.data() + 8, 8);
  if (elf_len > body.size() - 16)
    throw Error(ErrorCode::bad_request, "sp1_execute: ELF length " + std::to_string(elf_len) + " exceeds the body");
  b.elf = body.subspan(16, elf_len);
  b.stdin_bytes = body.subspan(16 + elf_len);
  return b;
}

std::vector<uint8_t> run(const std::stop_token& cancel, const ProgressFn&, std::span<const uint8_t> body) {
  const ExecuteBody b = decode_body(body);
  zkvm::Program program;
  std::vector<std::vector<uint8_t>> input;
  try {
    program = zkvm::load_elf(b.elf);
    input = zkvm::parse_sp1_stdin(b.stdin_bytes);
  } catch (const zkvm::ElfError& e) {
    throw Error(ErrorCode::invalid_argument, std::string("sp1_execute: ") + e.what());
  } catch (const sp1::ParseError& e) {
    throw Error(ErrorCode::bad_request, std::string("sp1_execute: SP1Stdin: ") + e.what());
  }
  zkvm::ExecOptions options;
  options.max_cycles = b.max_cycles;
  options.stop = cancel;
  try {
    const std::string json = zkvm::execute(program, std::move(input), options).to_json().dump();
    return std::vector<uint8_t>(json.begin(), json.end());
  } catch (const zkvm::ExecutionCancelled& e) {
    throw Error(ErrorCode::cancelled, "sp1_execute: job cancelled after " + std::to_string(e.instructions()) +
                                          " guest instructions");
  }
}

}  // namespace

// Execution runs on the CPU pool (a host-only job): it needs no device and leaves
// the device's queue to other jobs.
OpHandler sp1_execute_handler() {
  OpHandler h;
  h.run_on_host = run;
  return h;
}

}  // namespace zkgpu
