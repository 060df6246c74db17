// `zkgpu primitive`'s JSON layer: decimal strings, the JSON shapes of every op
// (with clear errors naming the JSON path), and whole JSON round trips through
// the in-process handler checked against independent computations.
#include <gtest/gtest.h>

#include <random>

#include "cli/primitive_json.hpp"
#include "cli/primitive_run.hpp"
#include "field31_naive.hpp"
#include "math/field31/params.hpp"
#include "pipeline_test_util.hpp"

namespace zkgpu::cli::primitive {
namespace {

using json = Json;
using stark_body::FieldId;
using test::error_of;

const std::string kR = "21888242871839275222246405745257275088548364400416034343698204186575808495617";
const std::string k2to256 = "115792089237316195423570985008687907853269984665640564039457584007913129639936";

json run_json(const std::string& op, FieldId f, const json& in) {
  const EncodedRequest req = encode_request(op, f, in);
  return decode_reply(op, run_local(req.op, req.body, "cpu"));
}

TEST(PipelinePrimitiveJson, DecimalRoundTrips) {
  EXPECT_EQ(to_decimal(bn254::U256{{0, 0, 0, 0}}), "0");
  EXPECT_EQ(to_decimal(bn254::U256{{1, 0, 0, 0}}), "1");
  EXPECT_EQ(to_decimal(bn254::U256{{0, 1, 0, 0}}), "18446744073709551616");
  const bn254::U256 r = parse_decimal(kR, "r");
  EXPECT_EQ(r, (bn254::U256{{0x43e1f593f0000001, 0x2833e84879b97091, 0xb85045b68181585d, 0x30644e72e131a029}}));
  EXPECT_EQ(to_decimal(r), kR);
  const bn254::U256 max{{~0ull, ~0ull, ~0ull, ~0ull}};
  EXPECT_EQ(parse_decimal(to_decimal(max), "max"), max);
  EXPECT_EQ(to_decimal(max).size(), 78u);
  EXPECT_EQ(parse_decimal("000012", "x"), (bn254::U256{{12, 0, 0, 0}}));
  EXPECT_EQ(error_of([&] { parse_decimal(k2to256, "x"); }, "does not fit in 256 bits"), ErrorCode::invalid_argument);
  EXPECT_EQ(error_of([&] { parse_decimal("1" + std::string(78, '0'), "x"); }, "at most 78 digits"),
            ErrorCode::bad_request);
  for (const char* bad : {"", "-1", "+1", "1.0", "0x10", " 1", "12a"})
    EXPECT_EQ(error_of([&] { parse_decimal(bad, "v"); }, "is not a decimal integer"), ErrorCode::bad_request) << bad;
}

TEST(PipelinePrimitiveJson, LdeColumnsBecomeRowMajorAndBack) {
  const auto req =
      encode_request("lde", FieldId::babybear, json::parse(R"({"columns":[[1,2],[3,4],[5,6]],"log_blowup":0})"));
  EXPECT_EQ(req.op, proto::Op::lde);
  const auto m = stark_body::decode_lde(req.body);
  EXPECT_EQ(m.rows, 2u);
  EXPECT_EQ(m.cols, 3u);
  EXPECT_EQ(m.values, (std::vector<uint32_t>{1, 3, 5, 2, 4, 6}));
  // Blowup 0 on the subgroup itself (shift g): still the input columns' shape.
  const json out = run_json("lde", FieldId::babybear, json::parse(R"({"columns":[[7,7],[0,0]],"log_blowup":0})"));
  EXPECT_EQ(out, json::parse(R"({"out":[[7,7],[0,0]]})"));
}

TEST(PipelinePrimitiveJson, ShapeErrorsNameTheJsonPath) {
  auto code = [](const std::string& op, FieldId f, const std::string& text, const std::string& needle) {
    return error_of([&] { encode_request(op, f, json::parse(text)); }, needle);
  };
  const auto br = ErrorCode::bad_request;
  EXPECT_EQ(code("mul", FieldId::koalabear, R"([1])", "must be a JSON object"), br);
  EXPECT_EQ(code("mul", FieldId::koalabear, R"({"a":[1]})", "missing key \"b\" (expected a, b)"), br);
  EXPECT_EQ(code("inv", FieldId::koalabear, R"({"a":[1],"b":[1]})", "unexpected key \"b\" (expected a)"), br);
  EXPECT_EQ(code("mul", FieldId::koalabear, R"({"a":1,"b":[1]})", "\"a\" must be an array, got number"), br);
  EXPECT_EQ(
      code("mul", FieldId::koalabear, R"({"a":[1,2.5],"b":[1,1]})", "\"a\"[1] must be a non-negative integer, got 2.5"),
      br);
  EXPECT_EQ(code("mul", FieldId::koalabear, R"({"a":["1"],"b":[1]})",
                 "\"a\"[0] must be a non-negative integer, got a string"),
            br);
  EXPECT_EQ(code("mul", FieldId::koalabear, R"({"a":[1],"b":[4294967296]})",
                 "\"b\"[0]: 4294967296 is not below p = 2130706433"),
            ErrorCode::invalid_argument);
  EXPECT_EQ(code("mul", FieldId::koalabear, R"({"a":[1,2],"b":[1]})", "\"a\" has 2 elements, \"b\" has 1"), br);
  EXPECT_EQ(
      code("ext-mul", FieldId::koalabear, R"({"a":[[1,2,3]],"b":[[1,2,3,4]]})", "\"a\"[0] has 3 entries, expected 4"),
      br);
  EXPECT_EQ(code("ext-mul", FieldId::babybear, R"({"a":[],"b":[]})", "koalabear only"), ErrorCode::invalid_argument);
  EXPECT_EQ(code("mul", FieldId::bn254, R"({"a":[true],"b":["1"]})", "\"a\"[0] must be a decimal string"), br);
  EXPECT_EQ(code("mul", FieldId::bn254, R"({"a":["1x"],"b":["1"]})", "\"a\"[0]: \"1x\" is not a decimal integer"), br);
  EXPECT_EQ(code("lde", FieldId::koalabear, R"({"columns":[[1]],"log_blowup":-1})",
                 "\"log_blowup\" must be an integer from 0 to 255"),
            br);
  EXPECT_EQ(code("lde", FieldId::koalabear, R"({"columns":[],"log_blowup":1})", "\"columns\" is empty"), br);
  EXPECT_EQ(
      code("poseidon2", FieldId::koalabear, R"({"states":[[1],[1,2]]})", "\"states\"[1] has 2 entries, expected 1"),
      br);
  EXPECT_EQ(code("merkle-commit", FieldId::koalabear, R"({"matrices":[]})", "\"matrices\" is empty"), br);
  EXPECT_EQ(code("merkle-commit", FieldId::koalabear, R"({"matrices":[[[1,2],[3]]]})",
                 "\"matrices\"[0][1] has 1 entries, expected 2"),
            br);
  EXPECT_EQ(code("ntt", FieldId::koalabear, R"({"values":[1],"extra":0})", "unexpected key \"extra\""), br);
  // Values in range of u32 but >= p are left to the op's decoder, which names them.
  EXPECT_EQ(error_of([&] { run_json("ntt", FieldId::babybear, json::parse(R"({"values":[1,2013265921]})")); },
                     "ntt: value at row 1, column 0: 2013265921 is not below p = 2013265921 (babybear)"),
            ErrorCode::invalid_argument);
  EXPECT_EQ(error_of([&] { run_json("inv", FieldId::bn254, json::parse(R"({"a":[")" + kR + R"("]})")); },
                     "operand a element 0"),
            ErrorCode::invalid_argument);
}

TEST(PipelinePrimitiveJson, NttAndInttMatchNaiveDft) {
  std::mt19937_64 rng(21);
  const uint64_t p = f31::KoalaBearParams::kP;
  const auto v = test31::random_values(16, uint32_t(p), rng);
  const json out = run_json("ntt", FieldId::koalabear, json{{"values", v}});
  const std::vector<uint64_t> col(v.begin(), v.end());
  const auto want = test31::naive_dft(col, f31::KoalaBearParams::two_adic_generator(4), p);
  EXPECT_EQ(out["out"].get<std::vector<uint64_t>>(), want);
  EXPECT_EQ(run_json("intt", FieldId::koalabear, json{{"values", out["out"]}})["out"].get<std::vector<uint32_t>>(),
            std::vector<uint32_t>(v.begin(), v.end()));
  // bn254: [1, 2] -> [3, r - 1] and back.
  const json fr = run_json("ntt", FieldId::bn254, json::parse(R"({"values":["1",2]})"));
  const std::string r_minus_1 = "21888242871839275222246405745257275088548364400416034343698204186575808495616";
  EXPECT_EQ(fr, (json{{"out", {"3", r_minus_1}}}));
  EXPECT_EQ(run_json("intt", FieldId::bn254, json{{"values", fr["out"]}}), (json{{"out", {"1", "2"}}}));
}

TEST(PipelinePrimitiveJson, LdeMatchesDirectPolynomialEvaluation) {
  // f(x) = 5 + 7x + 11x^2 + 13x^3 over BabyBear, given on H of order 4, evaluated
  // on g * H' with |H'| = 16 and g = 31.
  const uint64_t p = f31::BabyBearParams::kP;
  auto f = [&](uint64_t x) { return (5 + 7 * x + 11 * test31::powmod(x, 2, p) + 13 * test31::powmod(x, 3, p)) % p; };
  const uint64_t w4 = f31::BabyBearParams::two_adic_generator(2), w16 = f31::BabyBearParams::two_adic_generator(4);
  json col = json::array();
  for (int i = 0; i < 4; ++i) col.push_back(f(test31::powmod(w4, i, p)));
  const json out = run_json("lde", FieldId::babybear, json{{"columns", {col}}, {"log_blowup", 2}});
  ASSERT_EQ(out["out"].size(), 1u);
  ASSERT_EQ(out["out"][0].size(), 16u);
  for (int i = 0; i < 16; ++i) EXPECT_EQ(out["out"][0][i].get<uint64_t>(), f(31 * test31::powmod(w16, i, p) % p)) << i;
}

TEST(PipelinePrimitiveJson, Poseidon2KnownAnswersAndArith) {
  // Plonky3/Plonky3 baby-bear/src/poseidon2.rs, test_default_babybear_poseidon2_width_16.
  const json in = json::parse(R"({"states":[[894848333,1437655012,1200606629,1690012884,71131202,1749206695,
      1717947831,120589055,19776022,42382981,1831865506,724844064,171220207,1299207443,227047920,1783754913]]})");
  EXPECT_EQ(run_json("poseidon2", FieldId::babybear, in), json::parse(R"({"out":[[516096821,90309867,1101817252,
      1660784290,360715097,1789519026,1788910906,563338433,319524748,1741414159,1650859320,894311162,1121347488,
      1692793758,1052633829,1344246938]]})"));
  EXPECT_EQ(run_json("poseidon2", FieldId::koalabear, json::parse(R"({"states":[]})")), json::parse(R"({"out":[]})"));
  EXPECT_EQ(run_json("sub", FieldId::koalabear, json::parse(R"({"a":[0,5],"b":[1,7]})")),
            json::parse(R"({"out":[2130706432,2130706431]})"));
  EXPECT_EQ(run_json("mul", FieldId::bn254, json::parse(R"({"a":["3"],"b":["7"]})")), json::parse(R"({"out":["21"]})"));
  const json m =
      run_json("merkle-commit", FieldId::koalabear, json::parse(R"({"matrices":[[[1],[2]],[[3,4],[5,6]]]})"));
  EXPECT_EQ(m["root"],
            json::parse("[1348767873,1524832698,587236967,333576674,1257812304,2090732341,1413354559,1350627190]"));
  EXPECT_EQ(m["commitment"].size(), 8u);
}

TEST(PipelinePrimitiveJson, LocalRunRefusesJobsLargerThanMemory) {
  // 1 row x 32768 columns blown up 2^24 times: an estimate of about 4 TiB.
  json cols = json::array();
  for (int c = 0; c < 32768; ++c) cols.push_back(json::array({c}));
  EXPECT_EQ(error_of(
                [&] {
                  run_json("lde", FieldId::koalabear, json{{"columns", cols}, {"log_blowup", 24}});
                },
                "cannot run there even alone"),
            ErrorCode::out_of_memory);
  EXPECT_EQ(error_of([&] { run_local(proto::Op::ntt, {}, "gpu"); }, "unknown backend 'gpu'"),
            ErrorCode::invalid_argument);
}

}  // namespace
}  // namespace zkgpu::cli::primitive
