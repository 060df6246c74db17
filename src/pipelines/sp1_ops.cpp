#include "pipelines/sp1_ops.hpp"

#include "zkgpu/error.hpp"
#include "zkgpu/version.hpp"
#include "zkvm/program.hpp"

namespace zkgpu {

std::string sp1_unavailable_message() {
  return std::string("RISC-V proving is not available in zkgpud ") + kVersion +
         ": this version does not implement SP1 Setup or ProveWithMode";
}

OpHandler sp1_handler(sp1::RequestKind kind) {
  OpHandler h;
  h.estimate_bytes = [](std::span<const uint8_t>) -> uint64_t { return 0; };
  switch (kind) {
    case sp1::RequestKind::destroy:
      // No proving keys are cached (Setup is not available), so there is nothing to remove.
      h.run = [](JobContext&, std::span<const uint8_t>) { return sp1::encode_ok(); };
      break;
    case sp1::RequestKind::setup:
      // The program is loaded with the executor's ELF rules, so a bad ELF is refused
      // at Setup, naming the problem, as SP1's server refuses it. Host work only (its
      // cost is bounded by the ELF's size: src/zkvm/README.md), off the device's queue.
      h.estimate_bytes = nullptr;
      h.run_on_host = [](const std::stop_token&, const ProgressFn&,
                         std::span<const uint8_t> payload) -> std::vector<uint8_t> {
        try {
          zkvm::load_elf(sp1::decode_request(payload).elf);
        } catch (const zkvm::ElfError& e) {
          throw Error(ErrorCode::internal, std::string("Setup: ") + e.what());
        }
        throw Error(ErrorCode::internal, sp1_unavailable_message());
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
