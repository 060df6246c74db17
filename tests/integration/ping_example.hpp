#pragma once
// proto/protocol-v1.md's PING example (request id 1, body "hi") and its reply,
// and the check that a daemon still answers a fresh client with them.
#include <gtest/gtest.h>

#include <string>

#include "raw_conn.hpp"

namespace zkgpu::test {

inline const Bytes kPingRequest = unhex("1a000000 5a4b4750 0100 0100 0100000000000000 00000000 0000 0000 6869");
inline const Bytes kPingReply = unhex("16000000 5a4b4750 0100 0100 0100000000000000 0000 0000 6869");

inline void expect_serving(const std::string& socket) {
  RawConn c(socket);
  c.send(kPingRequest);
  EXPECT_EQ(c.read_wire_frame(), kPingReply);
}

}  // namespace zkgpu::test
