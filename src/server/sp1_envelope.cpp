#include "server/sp1_envelope.hpp"

#include "zkgpu/error.hpp"
#include "zkgpu/sp1.hpp"
#include "zkgpu/version.hpp"

namespace zkgpu {

std::string sp1_unavailable_message() {
  return std::string("RISC-V proving is not available in zkgpud ") + kVersion +
         ": this version does not implement SP1 Setup or ProveWithMode";
}

Sp1Answer answer_sp1(std::span<const uint8_t> payload) {
  Sp1Answer a;
  sp1::Request req;
  try {
    req = sp1::decode_request(payload);
  } catch (const Error& e) {
    const std::string message = std::string("malformed SP1 request: ") + e.what();
    a.payload = sp1::encode_internal_error(message);
    a.close_after = true;
    a.what = "malformed";
    a.result = "internal_error: " + message;
    return a;
  }
  switch (req.kind) {
    case sp1::RequestKind::destroy:
      // No proving keys are cached (Setup is not available), so there is nothing to remove.
      a.payload = sp1::encode_ok();
      a.what = "destroy";
      a.result = "ok";
      return a;
    case sp1::RequestKind::setup:
      if (std::string problem = sp1_setup_elf_problem(req.elf); !problem.empty()) {
        a.payload = sp1::encode_internal_error(problem);
        a.what = "setup";
        a.result = "internal_error: " + problem;
        return a;
      }
      [[fallthrough]];
    case sp1::RequestKind::prove_with_mode:
      a.payload = sp1::encode_internal_error(sp1_unavailable_message());
      a.what = req.kind == sp1::RequestKind::setup ? "setup" : "prove_with_mode";
      a.result = "internal_error: RISC-V proving not available";
      return a;
  }
  a.payload = sp1::encode_internal_error("malformed SP1 request: unknown variant");
  a.close_after = true;
  a.what = "malformed";
  a.result = "internal_error";
  return a;
}

}  // namespace zkgpu
