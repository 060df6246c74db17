// A job larger than the device's whole memory is refused with a clear
// out_of_memory reply before anything is allocated, and the device serves the
// next request. Uses an LDE (proto/ops-stark.md) whose output alone is hundreds
// of GiB while its request body is 16 KiB.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "daemon_process.hpp"
#include "raw_conn.hpp"
#include "zkgpu/protocol.hpp"

namespace zkgpu::test {
namespace {

// lde body: head [field 1 koalabear, variant = log_blowup, reserved 0] | rows |
// cols | rows * cols values (row-major).
Bytes lde_body(uint8_t log_blowup, uint32_t rows, uint32_t cols) {
  Bytes b{1, log_blowup, 0, 0};
  put_u32(b, rows);
  put_u32(b, cols);
  for (uint32_t i = 0; i < rows * cols; ++i) put_u32(b, i + 1);
  return b;
}

proto::Reply call(RawConn& c, const proto::Request& req) {
  c.send_frame(proto::encode_request(req));
  auto payload = c.read_frame(std::chrono::seconds(30));
  if (!payload) throw std::runtime_error("connection closed instead of a reply");
  return proto::decode_reply(*payload);
}

TEST(Admission, JobLargerThanTheDeviceIsRefusedAndTheNextIsServed) {
  RunningDaemon d;
  RawConn c(d.socket());

  // 4096 columns of one row, blown up 2^24 times: 4096 * 2^24 * 4 B = 256 GiB
  // of output alone, more than any single device or host here holds.
  const auto t0 = std::chrono::steady_clock::now();
  const proto::Reply big = call(c, proto::Request{proto::Op::lde, 1, 0, "", lde_body(24, 1, 4096)});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(big.kind, proto::ReplyKind::error);
  const proto::ErrorBody e = proto::decode_error(big.body);
  EXPECT_EQ(e.code, ErrorCode::out_of_memory) << e.message;
  // The message names what the job needs and what the device has.
  EXPECT_NE(e.message.find("GiB"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find(test_backend() == "cpu" ? "cpu" : "cuda:0"), std::string::npos) << e.message;
  EXPECT_LT(seconds, 5.0) << "refusing took " << seconds << " s";

  // Same connection, same device: a small LDE runs (4 rows, 1 column, blowup 2).
  const proto::Reply small = call(c, proto::Request{proto::Op::lde, 2, 0, "", lde_body(1, 4, 1)});
  ASSERT_EQ(small.kind, proto::ReplyKind::result)
      << (small.kind == proto::ReplyKind::error ? proto::decode_error(small.body).message : "");
  EXPECT_EQ(small.body.size(), 4u + 8u + 8u * 4u);  // head, rows, cols, 8 values
  Bytes shape(small.body.begin(), small.body.begin() + 12);
  EXPECT_EQ(shape, unhex("01010000 08000000 01000000"));
}

}  // namespace
}  // namespace zkgpu::test
