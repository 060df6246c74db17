// `zkgpu sp1 verify-wrap` / `verify-compress-witness` on SP1's real artifacts: exit
// 0 and the JSON report when valid, 1 naming the check when rejected, 2 naming the
// field and offset when unreadable or malformed.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fixture_files.hpp"

namespace zkgpu::sp1::test {
namespace {

using nlohmann::json;

struct CliResult {
  int exit_code = -1;
  std::string out, err;
};

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class Sp1Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("zkgpu-sp1-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  CliResult zkgpu(const std::string& args) {
    const auto out = dir_ / "out", err = dir_ / "err";
    const std::string cmd = std::string(ZKGPU_CLI_PATH) + " " + args + " > " + out.string() + " 2> " + err.string();
    const int st = std::system(cmd.c_str());
    return {WIFEXITED(st) ? WEXITSTATUS(st) : -1, slurp(out), slurp(err)};
  }

  // A copy of `from` with bytes [at, at + with.size()) replaced, or cut at `at` when `with` is empty.
  std::string altered(const std::filesystem::path& from, size_t at, const std::string& with) {
    std::string bytes = slurp(from);
    if (with.empty()) bytes.resize(at);
    else bytes.replace(at, with.size(), with);
    const auto p = dir_ / ("altered-" + from.filename().string());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }

  std::filesystem::path dir_;
};

TEST_F(Sp1Cli, WrapFixtureVerifiesWithReport) {
  SP1_FIXTURE_OR_SKIP(vk, "proofs/wrap_vk.bin");
  const auto proof = fixture_path("proofs/wrapped_proof.bin");
  const auto r = zkgpu("sp1 verify-wrap " + vk.string() + " " + proof.string() + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["valid"], true);
  EXPECT_EQ(j["machine"], "wrap");
  EXPECT_EQ(j["chips"].size(), 9u);
  for (const auto& c : j["chips"]) EXPECT_GT(c["rows"].get<uint64_t>(), 0u) << c;
  EXPECT_EQ(j["public_values"].size(), 34u);
  EXPECT_EQ(j["public_values"]["vk_root"], j["vk_root"]["words"]);
  EXPECT_EQ(j["public_values"]["sp1_vk_digest"], j["program_vk_digest"]["words"]);
  EXPECT_TRUE(j["phases_ms"].contains("decode"));

  // The reported digests, given back as expectations, pass; another value is rejected.
  const std::string root = j["vk_root"]["bytes32"], program = j["program_vk_digest"]["bytes32"];
  const auto again = zkgpu("sp1 verify-wrap " + vk.string() + " " + proof.string() + " --vk-root " + root +
                           " --program-vk-digest " + program);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("valid: wrap proof"), std::string::npos) << again.out;
  const auto wrong = zkgpu("sp1 verify-wrap " + vk.string() + " " + proof.string() + " --vk-root " + program);
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("vk_root mismatch"), std::string::npos) << wrong.err;
}

TEST_F(Sp1Cli, CompressWitnessVerifiesWithReport) {
  SP1_FIXTURE_OR_SKIP(file, "proofs/shrink_input.bin");
  const auto r = zkgpu("sp1 verify-compress-witness " + file.string() + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["valid"], true);
  EXPECT_EQ(j["machine"], "compress");
  ASSERT_EQ(j["proofs"].size(), 1u);
  EXPECT_EQ(j["proofs"][0]["chips"].size(), 8u);
  EXPECT_EQ(j["proofs"][0]["public_values"]["vk_root"], j["vk_root"]["words"]);
}

TEST_F(Sp1Cli, AlteredPublicValueExitsOneNamingTheCheck) {
  SP1_FIXTURE_OR_SKIP(vk, "proofs/wrap_vk.bin");
  // Public value 40 (committed_value_digest) is the u32 at byte 8 + 4 * 40.
  const auto proof = altered(fixture_path("proofs/wrapped_proof.bin"), 8 + 4 * 40, std::string("\x07", 1));
  const auto r = zkgpu("sp1 verify-wrap " + vk.string() + " " + proof);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("zkgpu: rejected: "), std::string::npos) << r.err;
}

TEST_F(Sp1Cli, MalformedInputExitsTwoNamingFieldAndOffset) {
  SP1_FIXTURE_OR_SKIP(vk, "proofs/wrap_vk.bin");
  const auto proof = fixture_path("proofs/wrapped_proof.bin");
  // A public value not below p.
  const auto big = altered(proof, 8, std::string("\xff\xff\xff\xff", 4));
  auto r = zkgpu("sp1 verify-wrap " + vk.string() + " " + big + " --json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("proof.public_values[0] at byte 8: KoalaBear element"), std::string::npos) << r.err;
  EXPECT_EQ(json::parse(r.out)["valid"], false);
  // Truncated.
  r = zkgpu("sp1 verify-wrap " + vk.string() + " " + altered(proof, 5000, ""));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("zkgpu: malformed: proof."), std::string::npos) << r.err;
  // Arguments swapped, a missing file, the wrong kind of artifact.
  EXPECT_EQ(zkgpu("sp1 verify-wrap " + proof.string() + " " + vk.string()).exit_code, 2);
  EXPECT_EQ(zkgpu("sp1 verify-wrap " + vk.string() + " " + (dir_ / "absent.bin").string()).exit_code, 2);
  EXPECT_EQ(zkgpu("sp1 verify-compress-witness " + proof.string()).exit_code, 2);
}

TEST_F(Sp1Cli, BadDigestArgumentIsAUsageError) {
  SP1_FIXTURE_OR_SKIP(vk, "proofs/wrap_vk.bin");
  const auto r = zkgpu("sp1 verify-wrap " + vk.string() + " " + fixture_path("proofs/wrapped_proof.bin").string() +
                       " --vk-root 0x1234");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.exit_code, 1);
  EXPECT_NE(r.exit_code, 2);
  EXPECT_NE(r.err.find("bytes32"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace zkgpu::sp1::test
