// The primitive-op bodies: every example of proto/ops-stark.md byte for byte
// (the request encodes to it, the daemon's handler answers it with the reply
// shown), and malformed bodies rejected with the documented codes.
#include <gtest/gtest.h>

#include "hex.hpp"
#include "pipeline_test_util.hpp"
#include "pipelines/stark_body.hpp"

namespace zkgpu {
namespace {

using namespace stark_body;
using test::error_of;
using test::unhex;

constexpr uint32_t kKb = 0x7f000001;
constexpr uint32_t kBb = 0x78000001;

// (r - 1) as 8 little-endian words.
std::vector<uint32_t> r_minus(uint32_t k) {
  std::vector<uint32_t> w(8);
  u256_to_words(bn254::U256{{0x43e1f593f0000001ull - k, 0x2833e84879b97091, 0xb85045b68181585d, 0x30644e72e131a029}},
                w.data());
  return w;
}
std::vector<uint32_t> fr_small(std::initializer_list<uint32_t> v) {
  std::vector<uint32_t> w;
  for (uint32_t x : v) {
    w.push_back(x);
    w.insert(w.end(), 7, 0);
  }
  return w;
}

struct Example {
  proto::Op op;
  std::vector<uint8_t> request;
  std::vector<uint8_t> reply;
};

void expect_handler_answers(const Example& e) {
  test::HandlerRunner runner;
  EXPECT_EQ(test::hex(runner.run(e.op, e.request)), test::hex(e.reply));
}

TEST(PipelineStarkBody, KoalaBearMulExample) {
  const Example e{proto::Op::field_arith, unhex(R"(
01 02 00 00
02 00 00 00
02 00 00 00  00 00 00 7f
03 00 00 00  02 00 00 00)"),
                  unhex(R"(
01 02 00 00
02 00 00 00
06 00 00 00  ff ff ff 7e)")};
  EXPECT_EQ(encode(ArithRequest{FieldId::koalabear, ArithOp::mul, 2, {2, kKb - 1}, {3, 2}}), e.request);
  EXPECT_EQ(encode(ArithReply{FieldId::koalabear, ArithOp::mul, 2, {6, kKb - 2}}), e.reply);
  expect_handler_answers(e);

  // The whole frame of the example (request id 1, no selector).
  const auto payload = proto::encode_request({proto::Op::field_arith, 1, 0, "", e.request});
  EXPECT_EQ(proto::frame(payload), unhex(R"(
30 00 00 00
5a 4b 47 50  01 00  01 01  01 00 00 00 00 00 00 00  00 00 00 00  00 00  00 00
01 02 00 00  02 00 00 00  02 00 00 00 00 00 00 7f  03 00 00 00 02 00 00 00)"));
}

TEST(PipelineStarkBody, Bn254InvExample) {
  const Example e{proto::Op::field_arith, unhex(R"(
03 03 00 00
01 00 00 00
02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00)"),
                  unhex(R"(
03 03 00 00
01 00 00 00
01 00 00 f8 c9 fa f0 a1 48 b8 dc 3c 24 f4 19 94 2e ac c0 40 db 22 28 dc 14 d0 98 70 39 27 32 18)")};
  EXPECT_EQ(encode(ArithRequest{FieldId::bn254, ArithOp::inv, 1, fr_small({2}), {}}), e.request);
  expect_handler_answers(e);
}

TEST(PipelineStarkBody, ExtMulExample) {
  const Example e{proto::Op::field_arith, unhex(R"(
01 04 00 00
01 00 00 00
01 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00
00 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00)"),
                  unhex(R"(
01 04 00 00
01 00 00 00
0c 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00)")};
  EXPECT_EQ(encode(ArithRequest{FieldId::koalabear, ArithOp::ext_mul, 1, {1, 2, 3, 4}, {0, 1, 0, 0}}), e.request);
  expect_handler_answers(e);
}

TEST(PipelineStarkBody, NttExamples) {
  const Example kb{proto::Op::ntt, unhex(R"(
01 00 00 00
02 00 00 00
02 00 00 00
01 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00)"),
                   unhex(R"(
01 00 00 00
02 00 00 00
02 00 00 00
04 00 00 00 06 00 00 00 ff ff ff 7e ff ff ff 7e)")};
  EXPECT_EQ(encode(MatrixBody{FieldId::koalabear, 0, 2, 2, {1, 2, 3, 4}}), kb.request);
  expect_handler_answers(kb);

  const Example bn{proto::Op::ntt, unhex(R"(
03 01 00 00
02 00 00 00
01 00 00 00
03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
00 00 00 f0 93 f5 e1 43 91 70 b9 79 48 e8 33 28 5d 58 81 81 b6 45 50 b8 29 a0 31 e1 72 4e 64 30)"),
                   unhex(R"(
03 01 00 00
02 00 00 00
01 00 00 00
01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00)")};
  std::vector<uint32_t> values = fr_small({3});
  const auto rm1 = r_minus(1);
  values.insert(values.end(), rm1.begin(), rm1.end());
  EXPECT_EQ(encode(MatrixBody{FieldId::bn254, 1, 2, 1, values}), bn.request);
  expect_handler_answers(bn);
}

TEST(PipelineStarkBody, LdeExample) {
  const Example e{proto::Op::lde, unhex(R"(
01 01 00 00
02 00 00 00
01 00 00 00
01 00 00 00 00 00 00 7f)"),
                  unhex(R"(
01 01 00 00
04 00 00 00
01 00 00 00
03 00 00 00 04 00 03 7c fe ff ff 7e fd ff fc 02)")};
  EXPECT_EQ(encode(MatrixBody{FieldId::koalabear, 1, 2, 1, {1, kKb - 1}}), e.request);
  EXPECT_EQ(encode(MatrixBody{FieldId::koalabear, 1, 4, 1, {3, 2080571396, kKb - 3, 50135037}}), e.reply);
  expect_handler_answers(e);
}

TEST(PipelineStarkBody, Poseidon2Examples) {
  // Plonky3/Plonky3 baby-bear/src/poseidon2.rs, test_default_babybear_poseidon2_width_16.
  const Example bb{proto::Op::poseidon2, unhex(R"(
02 00 00 00
10 00 00 00
01 00 00 00
4d 4d 56 35 e4 df b0 55 a5 cd 8f 47 d4 8c bb 64 42 60 3d 04 a7 c6 42 68 b7 cd 65 66 ff 0a 30 07
16 c2 2d 01 85 b6 86 02 a2 0c 30 6d 20 3e 34 2b ef 9c 34 0a 13 55 70 4d f0 79 88 0d a1 f0 51 6a)"),
                   unhex(R"(
02 00 00 00
10 00 00 00
01 00 00 00
35 03 c3 1e eb 04 62 05 a4 65 ac 41 a2 8e fd 62 59 13 80 15 b2 e4 a9 6a 3a 9d a0 6a c1 dc 93 21
8c 8f 0b 13 0f df cb 67 38 1d 66 62 fa 1a 4e 35 a0 67 d6 42 9e fb e5 64 e5 ea bd 3e 9a 94 1f 50)")};
  const std::vector<uint32_t> in = {894848333,  1437655012, 1200606629, 1690012884, 71131202,   1749206695,
                                    1717947831, 120589055,  19776022,   42382981,   1831865506, 724844064,
                                    171220207,  1299207443, 227047920,  1783754913};
  const std::vector<uint32_t> out = {516096821,  90309867,   1101817252, 1660784290, 360715097,  1789519026,
                                     1788910906, 563338433,  319524748,  1741414159, 1650859320, 894311162,
                                     1121347488, 1692793758, 1052633829, 1344246938};
  EXPECT_EQ(encode(StatesBody{FieldId::babybear, 16, 1, in}), bb.request);
  EXPECT_EQ(encode(StatesBody{FieldId::babybear, 16, 1, out}), bb.reply);
  expect_handler_answers(bb);

  // HorizenLabs/poseidon2 plain_implementations, poseidon2_tests_bn256::kats.
  const Example bn{proto::Op::poseidon2, unhex(R"(
03 00 00 00
03 00 00 00
01 00 00 00
00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00)"),
                   unhex(R"(
03 00 00 00
03 00 00 00
01 00 00 00
33 30 4a 4f 05 60 f7 47 f8 a4 8e a9 4d 33 34 81 32 0f 65 82 9a 92 b1 bc ee 55 ca da 24 1d b6 0b
70 35 d0 f8 7f fe de 92 49 65 ca 74 3f 5d a1 77 02 a3 26 4f 21 80 cc cb bf 43 d0 86 7c 6f 3b 30
c8 6e 76 cf 42 62 29 86 cc 27 44 99 45 b1 60 e6 52 7c ba c3 61 73 61 f8 ee 12 2b 54 94 51 d2 1e)")};
  EXPECT_EQ(encode(StatesBody{FieldId::bn254, 3, 1, fr_small({0, 1, 2})}), bn.request);
  expect_handler_answers(bn);
}

TEST(PipelineStarkBody, MerkleCommitExample) {
  const Example e{proto::Op::merkle_commit, unhex(R"(
01 00 00 00
02 00 00 00
02 00 00 00 01 00 00 00
02 00 00 00 02 00 00 00
01 00 00 00 02 00 00 00
03 00 00 00 04 00 00 00 05 00 00 00 06 00 00 00)"),
                  unhex(R"(
01 00 00 00
01 00 00 00
03 00 00 00
81 90 64 50 ba 19 e3 5a 67 86 00 23 e2 f9 e1 13 50 b1 f8 4a 35 0b 9e 7c 3f 14 3e 54 76 ef 80 50
ba 47 76 50 5c 31 1e 3c 0b 24 70 23 8d 90 f1 1a 8b c8 71 1c 4b ae aa 64 d1 99 a2 79 75 86 bf 36)")};
  EXPECT_EQ(encode(MerkleRequest{FieldId::koalabear, {{2, 1}, {2, 2}}, {1, 2, 3, 4, 5, 6}}), e.request);
  expect_handler_answers(e);
  const MerkleReply r = decode_merkle_reply(e.reply);
  EXPECT_EQ(r.log_height, 1u);
  EXPECT_EQ(r.width, 3u);
}

// ---- malformed bodies

std::vector<uint8_t> kb_mul_body() { return encode(ArithRequest{FieldId::koalabear, ArithOp::mul, 2, {1, 2}, {3, 4}}); }

TEST(PipelineStarkBody, RejectsBadHeads) {
  test::HandlerRunner run;
  auto code = [&](proto::Op op, std::vector<uint8_t> body, const std::string& needle) {
    return error_of([&] { run.run(op, body); }, needle);
  };
  EXPECT_EQ(code(proto::Op::field_arith, {}, "shorter than the 4-byte head"), ErrorCode::bad_request);
  EXPECT_EQ(code(proto::Op::field_arith, {1, 2, 0}, "shorter than the 4-byte head"), ErrorCode::bad_request);
  auto body = kb_mul_body();
  body[0] = 9;
  EXPECT_EQ(code(proto::Op::field_arith, body, "unknown field id 9"), ErrorCode::bad_request);
  body = kb_mul_body();
  body[1] = 5;
  EXPECT_EQ(code(proto::Op::field_arith, body, "unknown operation 5"), ErrorCode::bad_request);
  body = kb_mul_body();
  body[3] = 1;
  EXPECT_EQ(code(proto::Op::field_arith, body, "reserved"), ErrorCode::bad_request);
  EXPECT_EQ(code(proto::Op::ntt, {1, 2, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0}, "unknown direction 2"),
            ErrorCode::bad_request);
  EXPECT_EQ(code(proto::Op::ntt, {1, 0, 0, 0, 1, 0, 0, 0, 1, 0}, "before the cols field"), ErrorCode::bad_request);
  body = encode(StatesBody{FieldId::koalabear, 16, 0, {}});
  body[1] = 1;
  EXPECT_EQ(code(proto::Op::poseidon2, body, "variant byte is 1"), ErrorCode::bad_request);
}

TEST(PipelineStarkBody, RejectsTruncatedAndOverlongBodies) {
  test::HandlerRunner run;
  const std::vector<std::pair<proto::Op, std::vector<uint8_t>>> good = {
      {proto::Op::field_arith, kb_mul_body()},
      {proto::Op::ntt, encode(MatrixBody{FieldId::babybear, 0, 4, 1, {1, 2, 3, 4}})},
      {proto::Op::lde, encode(MatrixBody{FieldId::babybear, 1, 2, 2, {1, 2, 3, 4}})},
      {proto::Op::poseidon2, encode(StatesBody{FieldId::koalabear, 16, 1, std::vector<uint32_t>(16, 7)})},
      {proto::Op::merkle_commit, encode(MerkleRequest{FieldId::koalabear, {{2, 1}}, {1, 2}})},
  };
  for (const auto& [op, body] : good) {
    EXPECT_NO_THROW(run.run(op, body)) << proto::op_name(op);
    // Every proper prefix is rejected as a malformed body, as is one extra byte.
    for (size_t len = 0; len < body.size(); ++len) {
      const std::vector<uint8_t> cut(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(len));
      EXPECT_EQ(error_of([&] { run.run(op, cut); }), ErrorCode::bad_request) << proto::op_name(op) << " " << len;
      EXPECT_EQ(error_of([&] { run.estimate(op, cut); }), ErrorCode::bad_request) << proto::op_name(op) << " " << len;
    }
    auto longer = body;
    longer.push_back(0);
    EXPECT_EQ(error_of([&] { run.run(op, longer); }, "value bytes"), ErrorCode::bad_request) << proto::op_name(op);
  }
}

TEST(PipelineStarkBody, ShapeMismatchIsCheckedBeforeAllocating) {
  test::HandlerRunner run;
  // Shapes claiming 2^32 - 1 elements (or rows x cols near 2^64) over a few bytes.
  auto arith = unhex("01 02 00 00 ff ff ff ff 01 00 00 00");
  EXPECT_EQ(error_of([&] { run.run(proto::Op::field_arith, arith); }, "needs 34359738360 value bytes, the body has 4"),
            ErrorCode::bad_request);
  auto ntt = unhex("03 00 00 00 00 00 00 10 ff ff ff ff 01 00 00 00");
  EXPECT_EQ(error_of([&] { run.run(proto::Op::ntt, ntt); }, "the body has 4"), ErrorCode::bad_request);
  auto p2 = unhex("01 00 00 00 10 00 00 00 ff ff ff ff");
  EXPECT_EQ(error_of([&] { run.run(proto::Op::poseidon2, p2); }, "4294967295 states of width 16"),
            ErrorCode::bad_request);
  auto merkle = unhex("01 00 00 00 ff ff ff ff 02 00 00 00 01 00 00 00");
  EXPECT_EQ(error_of([&] { run.run(proto::Op::merkle_commit, merkle); }, "4294967295 matrices need"),
            ErrorCode::bad_request);
}

TEST(PipelineStarkBody, RejectsBadShapes) {
  test::HandlerRunner run;
  auto code = [&](proto::Op op, const std::vector<uint8_t>& body, const std::string& needle) {
    const ErrorCode c = error_of([&] { run.run(op, body); }, needle);
    EXPECT_EQ(error_of([&] { run.estimate(op, body); }, needle), c) << needle;
    return c;
  };
  const auto ia = ErrorCode::invalid_argument;
  EXPECT_EQ(code(proto::Op::ntt, encode(MatrixBody{FieldId::koalabear, 0, 3, 1, {1, 2, 3}}),
                 "row count 3 is not a power of two"),
            ia);
  EXPECT_EQ(code(proto::Op::ntt, encode(MatrixBody{FieldId::koalabear, 0, 0, 1, {}}), "row count 0"), ia);
  EXPECT_EQ(
      code(proto::Op::lde, encode(MatrixBody{FieldId::babybear, 1, 6, 1, std::vector<uint32_t>(6)}), "row count 6"),
      ia);
  // Beyond the two-adicity: the row count alone, with no values behind it.
  EXPECT_EQ(code(proto::Op::ntt, unhex("01 00 00 00 00 00 00 02 00 00 00 00"),
                 "2^25 rows exceed the two-adicity of koalabear (2^24)"),
            ia);
  EXPECT_EQ(code(proto::Op::ntt, unhex("03 00 00 00 00 00 00 20 00 00 00 00"),
                 "2^29 rows exceed the two-adicity of bn254 (2^28)"),
            ia);
  EXPECT_EQ(code(proto::Op::lde, unhex("02 05 00 00 00 00 00 01 00 00 00 00"), "2^24 rows with log_blowup 5 give 2^29"),
            ia);
  EXPECT_EQ(code(proto::Op::lde, encode(MatrixBody{FieldId::bn254, 1, 1, 1, std::vector<uint32_t>(8)}),
                 "koalabear and babybear only"),
            ia);
  EXPECT_EQ(code(proto::Op::poseidon2, encode(StatesBody{FieldId::koalabear, 24, 1, std::vector<uint32_t>(24)}),
                 "width 24 is not supported"),
            ia);
  EXPECT_EQ(
      code(proto::Op::poseidon2, encode(StatesBody{FieldId::babybear, 8, 1, std::vector<uint32_t>(8)}), "width 8"), ia);
  EXPECT_EQ(code(proto::Op::poseidon2, encode(StatesBody{FieldId::bn254, 16, 0, {}}),
                 "width 16 is not supported for bn254 (use 3)"),
            ia);
  EXPECT_EQ(code(proto::Op::field_arith, encode(ArithRequest{FieldId::babybear, ArithOp::ext_mul, 0, {}, {}}),
                 "koalabear only"),
            ia);
  EXPECT_EQ(
      code(proto::Op::field_arith, encode(ArithRequest{FieldId::bn254, ArithOp::ext_mul, 0, {}, {}}), "koalabear only"),
      ia);
  EXPECT_EQ(code(proto::Op::merkle_commit,
                 encode(MerkleRequest{FieldId::koalabear, {{4, 1}, {2, 1}}, std::vector<uint32_t>(6)}),
                 "matrix 1 has 2 rows, matrix 0 has 4"),
            ia);
  EXPECT_EQ(code(proto::Op::merkle_commit,
                 encode(MerkleRequest{FieldId::koalabear, {{3, 1}}, std::vector<uint32_t>(3)}), "height 3"),
            ia);
  EXPECT_EQ(code(proto::Op::merkle_commit, encode(MerkleRequest{FieldId::koalabear, {}, {}}), "no matrices"), ia);
  EXPECT_EQ(code(proto::Op::merkle_commit, encode(MerkleRequest{FieldId::koalabear, {{2, 0}}, {}}), "no columns"), ia);
  EXPECT_EQ(code(proto::Op::merkle_commit, encode(MerkleRequest{FieldId::bn254, {{2, 1}}, std::vector<uint32_t>(16)}),
                 "koalabear and babybear only"),
            ia);
}

TEST(PipelineStarkBody, RejectsValuesNotBelowPNamingTheirPosition) {
  test::HandlerRunner run;
  auto msg = [&](proto::Op op, const std::vector<uint8_t>& body, const std::string& needle) {
    EXPECT_EQ(error_of([&] { run.run(op, body); }, needle), ErrorCode::invalid_argument) << needle;
  };
  msg(proto::Op::field_arith, encode(ArithRequest{FieldId::koalabear, ArithOp::add, 3, {0, 1, kKb - 1}, {0, kKb, 0}}),
      "operand b element 1: 2130706433 is not below p = 2130706433 (koalabear)");
  msg(proto::Op::field_arith,
      encode(ArithRequest{
          FieldId::koalabear, ArithOp::ext_mul, 2, {0, 0, 0, 0, 0, 0, 0xffffffff, 0}, std::vector<uint32_t>(8)}),
      "operand a element 1 coefficient 2: 4294967295");
  msg(proto::Op::field_arith, encode(ArithRequest{FieldId::babybear, ArithOp::inv, 3, {1, 5, 0}, {}}),
      "inverse of zero at element 2");
  msg(proto::Op::field_arith, encode(ArithRequest{FieldId::bn254, ArithOp::inv, 2, fr_small({1, 0}), {}}),
      "inverse of zero at element 1");
  std::vector<uint32_t> two = fr_small({1});
  const auto r = r_minus(0);
  two.insert(two.end(), r.begin(), r.end());
  msg(proto::Op::field_arith, encode(ArithRequest{FieldId::bn254, ArithOp::mul, 2, fr_small({1, 2}), two}),
      "operand b element 1: 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001 is not below the bn254 "
      "scalar field modulus r");
  msg(proto::Op::ntt, encode(MatrixBody{FieldId::babybear, 0, 2, 3, {0, 1, 2, 3, kBb, 5}}),
      "value at row 1, column 1: 2013265921 is not below p = 2013265921 (babybear)");
  msg(proto::Op::lde, encode(MatrixBody{FieldId::koalabear, 2, 4, 1, {0, 1, 2, kKb}}), "value at row 3, column 0");
  std::vector<uint32_t> states(32, 1);
  states[16 + 4] = kKb;
  msg(proto::Op::poseidon2, encode(StatesBody{FieldId::koalabear, 16, 2, states}), "state 1 element 4: 2130706433");
  msg(proto::Op::merkle_commit,
      encode(MerkleRequest{FieldId::babybear, {{2, 1}, {2, 0}, {2, 3}}, {1, 2, 0, 0, 0, 0, kBb, 0}}),
      "matrix 2 row 1, column 1: 2013265921");
}

}  // namespace
}  // namespace zkgpu
