// `zkgpu primitive` against a real zkgpud: for every op and field the same JSON
// gives the same stdout through the daemon and with --local (the handler run
// in-process), and rejected input gives the same message on stderr both ways.
#include <sys/wait.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "daemon_process.hpp"

namespace zkgpu::test {
namespace {

// The zkgpu executable: ZKGPU_CLI_PATH (set by CMake), or the environment variable
// ZKGPU_CLI when set (for running the built test elsewhere).
std::string zkgpu_cli_path() {
  if (const char* p = std::getenv("ZKGPU_CLI"); p && *p) return p;
  return ZKGPU_CLI_PATH;
}

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class PrimitiveCli : public ::testing::Test {
 protected:
  // Runs `zkgpu primitive <op> --field <field> <where>` with `json` on stdin.
  CliResult cli(const std::string& op, const std::string& field, const std::string& json, const std::string& where) {
    const TempDir& dir = daemon_.dir();
    const std::string in = dir.file("in.json"), out = dir.file("out.json"), err = dir.file("err.txt");
    std::ofstream(in) << json;
    const std::string cmd = zkgpu_cli_path() + " primitive " + op + " --field " + field + " " + where + " < " + in +
                            " > " + out + " 2> " + err;
    const int st = std::system(cmd.c_str());
    return {WIFEXITED(st) ? WEXITSTATUS(st) : -1, read_file(out), read_file(err)};
  }

  // The same request through the daemon and locally; returns the daemon's result.
  CliResult both(const std::string& op, const std::string& field, const std::string& json) {
    const CliResult d = cli(op, field, json, "--socket " + daemon_.socket());
    const CliResult l = cli(op, field, json, "--local --backend " + test_backend());
    EXPECT_EQ(d.exit_code, l.exit_code) << op << " " << field << " " << json << "\n" << d.err << l.err;
    EXPECT_EQ(d.out, l.out) << op << " " << field << " " << json;
    EXPECT_EQ(d.err, l.err) << op << " " << field << " " << json;
    return d;
  }

  RunningDaemon daemon_;  // one per test; its log is printed when the test fails
};

TEST_F(PrimitiveCli, KnownAnswersAgreeBothWays) {
  EXPECT_EQ(both("mul", "koalabear", R"({"a":[2,2130706432],"b":[3,2]})").out, "{\"out\":[6,2130706431]}\n");
  EXPECT_EQ(both("ext-mul", "koalabear", R"({"a":[[1,2,3,4]],"b":[[0,1,0,0]]})").out, "{\"out\":[[12,1,2,3]]}\n");
  EXPECT_EQ(both("ntt", "koalabear", R"({"values":[1,3]})").out, "{\"out\":[4,2130706431]}\n");
  EXPECT_EQ(both("lde", "koalabear", R"({"columns":[[1,2130706432]],"log_blowup":1})").out,
            "{\"out\":[[3,2080571396,2130706430,50135037]]}\n");
  EXPECT_EQ(both("inv", "bn254", R"({"a":["2"]})").out,
            "{\"out\":[\"10944121435919637611123202872628637544274182200208017171849102093287904247809\"]}\n");
  // HorizenLabs/poseidon2 plain_implementations, poseidon2_tests_bn256::kats.
  EXPECT_EQ(both("poseidon2", "bn254", R"({"states":[["0","1","2"]]})").out,
            "{\"out\":[[\"5297208644449048816064511434384511824916970985131888684874823260532015509555\","
            "\"21816030159894113985964609355246484851575571273661473159848781012394295965040\","
            "\"13940986381491601233448981668101586453321811870310341844570924906201623195336\"]]}\n");
}

TEST_F(PrimitiveCli, EveryOpAgreesBothWays) {
  for (const std::string f : {"koalabear", "babybear"}) {
    const std::string p1 = f == "koalabear" ? "2130706432" : "2013265920";  // p - 1
    const std::string a = "[0,1," + p1 + ",123456789,5,6,7,8]", b = "[" + p1 + ",2,3,987654321,1,0,9,10]";
    for (const std::string op : {"add", "sub", "mul"})
      EXPECT_EQ(both(op, f, R"({"a":)" + a + R"(,"b":)" + b + "}").exit_code, 0);
    EXPECT_EQ(both("inv", f, R"({"a":[1,2,)" + p1 + "]}").exit_code, 0);
    EXPECT_EQ(both("ntt", f, R"({"values":)" + a + "}").exit_code, 0);
    EXPECT_EQ(both("intt", f, R"({"values":)" + b + "}").exit_code, 0);
    EXPECT_EQ(both("lde", f, R"({"columns":[)" + a + "," + b + R"(],"log_blowup":2})").exit_code, 0);
    std::string state = "[";
    for (int i = 0; i < 16; ++i) state += std::to_string(i * 1000003) + (i < 15 ? "," : "]");
    EXPECT_EQ(both("poseidon2", f, R"({"states":[)" + state + "," + state + "]}").exit_code, 0);
    EXPECT_EQ(
        both("merkle-commit", f, R"({"matrices":[[[1,2],[3,4],[5,6],[7,8]],[[9],[10],[11],[)" + p1 + "]]]}").exit_code,
        0);
  }
  EXPECT_EQ(both("ext-mul", "koalabear", R"({"a":[[1,2,3,4],[2130706432,0,0,7]],"b":[[5,6,7,8],[9,9,9,9]]})").exit_code,
            0);
  const std::string r1 = "21888242871839275222246405745257275088548364400416034343698204186575808495616";  // r - 1
  for (const std::string op : {"add", "sub", "mul"})
    EXPECT_EQ(both(op, "bn254", R"({"a":["1",")" + r1 + R"(","77"],"b":[")" + r1 + R"(","2","5"]})").exit_code, 0);
  EXPECT_EQ(both("inv", "bn254", R"({"a":["3",")" + r1 + R"("]})").exit_code, 0);
  EXPECT_EQ(both("ntt", "bn254", R"({"values":["1","2","3",")" + r1 + R"("]})").exit_code, 0);
  EXPECT_EQ(both("intt", "bn254", R"({"values":["1","2","3",")" + r1 + R"("]})").exit_code, 0);
  EXPECT_EQ(both("poseidon2", "bn254", R"({"states":[["1","2","3"],["0","0",")" + r1 + R"("]]})").exit_code, 0);
}

TEST_F(PrimitiveCli, RejectionsAgreeBothWays) {
  auto rejected = [&](const std::string& op, const std::string& f, const std::string& json, const std::string& needle) {
    const CliResult r = both(op, f, json);
    EXPECT_EQ(r.exit_code, 1) << json;
    EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
  };
  rejected("mul", "koalabear", R"({"a":[1,2130706433],"b":[1,1]})",
           "operand a element 1: 2130706433 is not below p = 2130706433 (koalabear)");
  rejected("inv", "babybear", R"({"a":[4,0]})", "inverse of zero at element 1");
  rejected("ntt", "babybear", R"({"values":[1,2,3]})", "row count 3 is not a power of two");
  rejected("lde", "bn254", R"({"columns":[["1"]],"log_blowup":1})", "koalabear and babybear only");
  rejected("poseidon2", "koalabear", R"({"states":[[1,2,3]]})", "width 3 is not supported for koalabear");
  rejected("merkle-commit", "koalabear", R"({"matrices":[[[1],[2]],[[3]]]})", "matrix 1 has 1 rows, matrix 0 has 2");
  rejected("mul", "bn254",
           R"({"a":["21888242871839275222246405745257275088548364400416034343698204186575808495617"],"b":["1"]})",
           "is not below the bn254 scalar field modulus r");
  // Malformed JSON and shapes never reach the daemon; the CLI names the problem.
  rejected("add", "koalabear", R"({"a":[1],"b":[1,2]})", "\"a\" has 1 elements, \"b\" has 2");
  rejected("add", "koalabear", R"({"a":[1],"c":[1]})", "missing key \"b\"");
  rejected("add", "koalabear", R"({"a":[-1],"b":[1]})", "\"a\"[0] must be a non-negative integer");
  rejected("lde", "koalabear", R"({"columns":[[1,2],[3]],"log_blowup":1})", "\"columns\"[1] has 1 entries, expected 2");
  rejected("ntt", "koalabear", R"([1,2])", "the input must be a JSON object");
  rejected("ntt", "koalabear", R"({"values":[1,2)", "stdin is not one valid JSON value");
}

// An LDE whose output (1 row x 32768 columns blown up 2^24 times, about 4 TiB with
// the scratch buffers) exceeds any device: a clear out_of_memory from the
// scheduler, and the daemon keeps serving.
TEST_F(PrimitiveCli, JobLargerThanTheDeviceIsRefusedAndTheDaemonKeepsServing) {
  std::string cols = "[";
  for (int c = 0; c < 32768; ++c) cols += (c ? ",[" : "[") + std::to_string(c) + "]";
  cols += "]";
  const std::string json = R"({"columns":)" + cols + R"(,"log_blowup":24})";
  const CliResult d = cli("lde", "koalabear", json, "--socket " + daemon_.socket());
  EXPECT_EQ(d.exit_code, 1);
  EXPECT_NE(d.err.find("out_of_memory: the job needs"), std::string::npos) << d.err;
  const CliResult l = cli("lde", "koalabear", json, "--local --backend " + test_backend());
  EXPECT_EQ(l.exit_code, 1);
  EXPECT_NE(l.err.find("out_of_memory: the job needs"), std::string::npos) << l.err;
  EXPECT_EQ(both("mul", "koalabear", R"({"a":[2],"b":[3]})").out, "{\"out\":[6]}\n");
}

}  // namespace
}  // namespace zkgpu::test
