// libFuzzer target for the wire codecs. Feeds one payload (what follows a frame's
// length prefix) to every decoder. Decoders may only throw zkgpu::Error; anything
// else (another exception, a sanitizer report, an over-large allocation) is a bug.
// Whatever decodes must re-encode to exactly the input: every accepted encoding
// is canonical.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "zkgpu/protocol.hpp"
#include "zkgpu/sp1.hpp"

namespace {

using namespace zkgpu;

void require(bool ok) {
  if (!ok) std::abort();
}

bool same(const std::vector<uint8_t>& a, std::span<const uint8_t> b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

void native_request(std::span<const uint8_t> in) {
  proto::Request partial;
  try {
    const proto::Request r = proto::decode_request(in, &partial);
    require(same(proto::encode_request(r), in));
  } catch (const Error& e) {
    // The partial header must be usable for an error reply.
    proto::error_reply(partial.op, partial.request_id, e.code(), e.what());
  }
}

void native_reply(std::span<const uint8_t> in) {
  try {
    const proto::Reply r = proto::decode_reply(in);
    require(same(proto::encode_reply(r), in));
  } catch (const Error&) {
  }
  try {
    const proto::Progress p = proto::decode_progress(in);
    require(same(proto::encode_progress(p), in));
  } catch (const Error&) {
  }
  try {
    const proto::ErrorBody e = proto::decode_error(in);
    require(same(proto::encode_error(e), in));
  } catch (const Error&) {
  }
}

void sp1_request(std::span<const uint8_t> in) {
  try {
    const sp1::Request r = sp1::decode_request(in);
    if (r.kind == sp1::RequestKind::destroy) require(same(sp1::encode_destroy(r.key), in));
  } catch (const Error&) {
  }
  try {
    const sp1::Response r = sp1::decode_response(in);
    if (r.kind == sp1::ResponseKind::ok) require(same(sp1::encode_ok(), in));
    if (r.kind == sp1::ResponseKind::internal_error)
      require(same(sp1::encode_internal_error(r.message), in));
    if (r.kind == sp1::ResponseKind::prover_error)
      require(same(sp1::encode_prover_error(r.message), in));
  } catch (const Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> in(data, size);
  (void)proto::classify(in);
  native_request(in);
  native_reply(in);
  sp1_request(in);
  return 0;
}
