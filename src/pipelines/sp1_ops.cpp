#include "pipelines/sp1_ops.hpp"

#include <algorithm>
#include <thread>

#include "backends/backend.hpp"
#include "math/sha256/sha256.hpp"
#include "pipelines/sp1_key_cache.hpp"
#include "sp1/setup/program_setup.hpp"
#include "sp1/wire/encode.hpp"
#include "zkgpu/error.hpp"
#include "zkgpu/version.hpp"
#include "zkvm/program.hpp"

namespace zkgpu {
namespace {

// SP1's server: id = sha256(elf); a cached program is answered at once, otherwise
// the setup runs (on this host's CPU) and its vk is cached. The vk is SP1's default
// build's (the daemon serves SP1's default feature set). A bad ELF, or one SP1's
// transpiler refuses, is an InternalError naming the problem, as SP1's server answers.
std::vector<uint8_t> run_setup(const std::stop_token& cancel, std::span<const uint8_t> payload) {
  const sp1::Request req = sp1::decode_request(payload);
  const Sp1KeyCache::Id id = crypto::sha256(req.elf);
  if (auto vk = sp1_key_cache().find(id)) return sp1::encode_setup_response(id, *vk);

  zkvm::Program program;
  try {
    program = zkvm::load_elf(req.elf);
  } catch (const zkvm::ElfError& e) {
    throw Error(ErrorCode::internal, std::string("Setup: ") + e.what());
  }
  if (cancel.stop_requested()) throw Error(ErrorCode::cancelled, "Setup cancelled");
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  const auto backend = make_cpu_backend(threads);
  std::vector<uint8_t> vk;
  try {
    const auto s = sp1::setup::setup_program(program, sp1::wire::Sp1Variant::Default, {backend->stark(), threads});
    vk = sp1::wire::encode_vk(s.pk.vk);
  } catch (const zkvm::TranspileError& e) {
    throw Error(ErrorCode::internal, std::string("Setup: ") + e.what());
  } catch (const zkvm::ElfError& e) {  // a memory image too large to commit
    throw Error(ErrorCode::internal, std::string("Setup: ") + e.what());
  }
  sp1_key_cache().insert(id, vk);
  return sp1::encode_setup_response(id, vk);
}

}  // namespace

std::string sp1_unavailable_message() {
  return std::string("RISC-V proving is not available in zkgpud ") + kVersion +
         ": this version does not implement SP1 ProveWithMode";
}

OpHandler sp1_handler(sp1::RequestKind kind) {
  OpHandler h;
  h.estimate_bytes = [](std::span<const uint8_t>) -> uint64_t { return 0; };
  switch (kind) {
    case sp1::RequestKind::destroy:
      // Forgets the program's key (an unknown key is not an error, as in SP1's server).
      h.estimate_bytes = nullptr;
      h.run_on_host = [](const std::stop_token&, const ProgressFn&, std::span<const uint8_t> payload) {
        sp1_key_cache().erase(sp1::decode_request(payload).key);
        return sp1::encode_ok();
      };
      break;
    case sp1::RequestKind::setup:
      // Host work only, off the device's queue.
      h.estimate_bytes = nullptr;
      h.run_on_host = [](const std::stop_token& cancel, const ProgressFn&, std::span<const uint8_t> payload) {
        return run_setup(cancel, payload);
      };
      break;
    case sp1::RequestKind::prove_with_mode:
      h.run = [](JobContext&, std::span<const uint8_t>) -> std::vector<uint8_t> {
        throw Error(ErrorCode::internal, sp1_unavailable_message());
      };
      break;
  }
  return h;
}

}  // namespace zkgpu
