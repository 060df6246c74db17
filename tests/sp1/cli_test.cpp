// `zkgpu sp1 verify-wrap` / `verify-compress-witness` on SP1's real artifacts: exit
// 0 and the JSON report when valid, 1 naming the check when rejected, 2 naming the
// field and offset when unreadable or malformed.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fixture_digests.hpp"
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

// SP1's fixture under the root and program it was made for (fixture_digests.hpp).
const std::string kFixtureBinding =
    std::string(" --vk-root ") + kWrapFixtureVkRoot + " --program-vk-digest " + kWrapFixtureProgram;

TEST_F(Sp1Cli, WrapFixtureVerifiesWithReport) {
  SP1_FIXTURE(vk, "proofs/wrap_vk.bin");
  const auto proof = fixture_path("proofs/wrapped_proof.bin");
  const auto r = zkgpu("sp1 verify-wrap " + vk.string() + " " + proof.string() + kFixtureBinding + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["valid"], true);
  EXPECT_EQ(j["machine"], "wrap");
  EXPECT_EQ(j["variant"], "default");
  EXPECT_EQ(j["untrusted_config"], json({{"enable_untrusted_programs", 0}}));
  EXPECT_EQ(j["wrap_vk"], "sp1");
  EXPECT_EQ(j["program"], "bound");
  EXPECT_EQ(j["chips"].size(), 9u);
  for (const auto& c : j["chips"]) EXPECT_GT(c["rows"].get<uint64_t>(), 0u) << c;
  EXPECT_EQ(j["public_values"].size(), 34u);
  EXPECT_EQ(j["vk_root"]["bytes32"], kWrapFixtureVkRoot);
  EXPECT_EQ(j["vk_root"]["source"], "--vk-root");
  EXPECT_EQ(j["program_vk_digest"]["bytes32"], kWrapFixtureProgram);
  EXPECT_TRUE(j["phases_ms"].contains("decode"));
}

TEST_F(Sp1Cli, WrapChecksSp1sPinnedRootAndNeedsAProgramBinding) {
  SP1_FIXTURE(vk, "proofs/wrap_vk.bin");
  const std::string args = "sp1 verify-wrap " + vk.string() + " " + fixture_path("proofs/wrapped_proof.bin").string();
  // SP1's fixture was made under another vk set than the one SP1 pins.
  const auto pinned = zkgpu(args + " --any-program");
  EXPECT_EQ(pinned.exit_code, 1);
  EXPECT_NE(pinned.err.find("zkgpu: rejected: public values: vk_root mismatch"), std::string::npos) << pinned.err;
  const auto any = zkgpu(args + " --any-program --vk-root " + kWrapFixtureVkRoot + " --json");
  ASSERT_EQ(any.exit_code, 0) << any.err;
  EXPECT_EQ(json::parse(any.out)["program"], "any (--any-program)");
  const auto other = zkgpu(args + " --vk-root " + kWrapFixtureVkRoot + " --program-vk-digest " + kWrapFixtureVkRoot);
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_NE(other.err.find("program vk digest mismatch"), std::string::npos) << other.err;
  // Neither a program digest nor --any-program, or both: a usage error.
  for (const std::string& binding :
       {std::string(), " --any-program --program-vk-digest " + std::string(kWrapFixtureProgram)}) {
    const auto r = zkgpu(args + " --vk-root " + kWrapFixtureVkRoot + binding);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.exit_code, 1);
    EXPECT_NE(r.exit_code, 2);
    EXPECT_NE(r.err.find("--program-vk-digest"), std::string::npos) << r.err;
  }
}

TEST_F(Sp1Cli, OnlySp1sWrapVkUnlessWrapVkAny) {
  SP1_FIXTURE(vk, "proofs/wrap_vk.bin");
  const auto proof = fixture_path("proofs/wrapped_proof.bin");
  const auto other_vk = altered(vk, 0, std::string("\x01", 1));  // pc_start[0] = 1
  const auto r = zkgpu("sp1 verify-wrap " + other_vk + " " + proof.string() + kFixtureBinding);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("wrap vk: not SP1 v6.4's wrap vk for the default build"), std::string::npos) << r.err;
  // Accepted as a vk, it then fails the proof (not the vk check).
  const auto any = zkgpu("sp1 verify-wrap " + other_vk + " " + proof.string() + kFixtureBinding + " --wrap-vk-any");
  EXPECT_EQ(any.exit_code, 1);
  EXPECT_EQ(any.err.find("wrap vk"), std::string::npos) << any.err;
}

TEST_F(Sp1Cli, MprotectWrapFixtureVerifiesWithItsConfig) {
  SP1_FIXTURE(proof, "proofs/wrapped_proof_mprotect.bin");
  SP1_FIXTURE(vk, "proofs/wrap_vk_mprotect.bin");
  const std::string args = "sp1 verify-wrap " + vk.string() + " " + proof.string();
  const auto r = zkgpu(args + " --vk-root " + kMprotectWrapFixtureVkRoot + " --program-vk-digest " +
                       kMprotectWrapFixtureProgram + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["variant"], "mprotect");
  EXPECT_EQ(j["wrap_vk"], "sp1");
  EXPECT_EQ(j["untrusted_config"]["enable_trap_handler"], 0);
  EXPECT_EQ(j["untrusted_config"]["trap_context"], json::parse("[[0,0,0],[0,0,0],[0,0,0]]"));
  EXPECT_EQ(j["untrusted_config"]["untrusted_memory"], json::parse("[[0,0,0],[0,0,0]]"));
  // SP1's mprotect build pins no vk root: one must be given.
  const auto no_root = zkgpu(args + " --any-program");
  EXPECT_EQ(no_root.exit_code, 1);
  EXPECT_NE(no_root.err.find("pins no recursion vk root for the mprotect build"), std::string::npos) << no_root.err;
  // Read as the default build, its 176 bytes have 64 too many.
  const auto as_default = zkgpu(args + " --any-program --sp1-features default");
  EXPECT_EQ(as_default.exit_code, 2);
  EXPECT_NE(as_default.err.find("64 trailing bytes"), std::string::npos) << as_default.err;
}

TEST_F(Sp1Cli, CompressWitnessVerifiesWithReport) {
  SP1_FIXTURE(file, "proofs/shrink_input.bin");
  const auto r = zkgpu("sp1 verify-compress-witness " + file.string() + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["valid"], true);
  EXPECT_EQ(j["machine"], "compress");
  EXPECT_EQ(j["variant"], "default");
  EXPECT_EQ(j["is_complete"], true);
  EXPECT_EQ(j["vk_root"]["bytes32"], kSp1VkRootBytes32);  // SP1's pinned root, checked by default
  EXPECT_EQ(j["vk_root"]["source"], "sp1-pinned");
  ASSERT_EQ(j["proofs"].size(), 1u);
  EXPECT_EQ(j["proofs"][0]["chips"].size(), 8u);
  EXPECT_EQ(j["proofs"][0]["untrusted_config"], json({{"enable_untrusted_programs", 0}}));
  EXPECT_EQ(j["aggregate_public_values"]["next_pc"], json::parse("[1,0,0]"));
  // Another root, or the witness read as the mprotect build.
  const auto other = zkgpu("sp1 verify-compress-witness " + file.string() + " --vk-root " + kWrapFixtureVkRoot);
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_NE(other.err.find("vk root is not the expected root"), std::string::npos) << other.err;
  EXPECT_EQ(zkgpu("sp1 verify-compress-witness " + file.string() + " --sp1-features mprotect").exit_code, 2);
}

TEST_F(Sp1Cli, AlteredPublicValueExitsOneNamingTheCheck) {
  SP1_FIXTURE(vk, "proofs/wrap_vk.bin");
  // Public value 40 (committed_value_digest) is the u32 at byte 8 + 4 * 40.
  const auto proof = altered(fixture_path("proofs/wrapped_proof.bin"), 8 + 4 * 40, std::string("\x07", 1));
  const auto r = zkgpu("sp1 verify-wrap " + vk.string() + " " + proof + kFixtureBinding);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("zkgpu: rejected: "), std::string::npos) << r.err;
}

TEST_F(Sp1Cli, MalformedInputExitsTwoNamingFieldAndOffset) {
  SP1_FIXTURE(vk, "proofs/wrap_vk.bin");
  const auto proof = fixture_path("proofs/wrapped_proof.bin");
  // A public value not below p.
  const auto big = altered(proof, 8, std::string("\xff\xff\xff\xff", 4));
  auto r = zkgpu("sp1 verify-wrap " + vk.string() + " " + big + " --any-program --json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("proof.public_values[0] at byte 8: KoalaBear element"), std::string::npos) << r.err;
  EXPECT_EQ(json::parse(r.out)["valid"], false);
  // Truncated.
  r = zkgpu("sp1 verify-wrap " + vk.string() + " " + altered(proof, 5000, "") + " --any-program");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("zkgpu: malformed: proof."), std::string::npos) << r.err;
  // Arguments swapped, a missing file, the wrong kind of artifact.
  EXPECT_EQ(zkgpu("sp1 verify-wrap " + proof.string() + " " + vk.string() + " --any-program").exit_code, 2);
  EXPECT_EQ(zkgpu("sp1 verify-wrap " + vk.string() + " " + (dir_ / "absent.bin").string() + " --any-program").exit_code,
            2);
  EXPECT_EQ(zkgpu("sp1 verify-compress-witness " + proof.string()).exit_code, 2);
}

TEST_F(Sp1Cli, BadDigestArgumentIsAUsageError) {
  SP1_FIXTURE(vk, "proofs/wrap_vk.bin");
  const auto r = zkgpu("sp1 verify-wrap " + vk.string() + " " + fixture_path("proofs/wrapped_proof.bin").string() +
                       " --any-program --vk-root 0x1234");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.exit_code, 1);
  EXPECT_NE(r.exit_code, 2);
  EXPECT_NE(r.err.find("bytes32"), std::string::npos) << r.err;
}

// prove-recursion writes a vk and a shard proof in SP1's bincode; verify-shard accepts
// them (0), rejects a flipped byte naming the check (1) and refuses garbage naming the
// field and offset (2). One proof serves all three (a compress proof takes tens of
// seconds on the CPU: SP1's stacking height fixes its size).
TEST_F(Sp1Cli, ProveRecursionThenVerifyShard) {
  const std::string program = std::string(ZKGPU_RECURSION_PROGRAMS_DIR) + "/ext_arithmetic.rasm";
  const auto vk = dir_ / "vk.bin", proof = dir_ / "proof.bin";
  auto r = zkgpu("sp1 prove-recursion " + program + " --vk-out " + vk.string() + " --proof-out " + proof.string() +
                 " --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json report = json::parse(r.out);
  EXPECT_EQ(report["proof_bytes"].get<size_t>(), std::filesystem::file_size(proof)) << r.out;

  r = zkgpu("sp1 verify-shard --machine compress " + vk.string() + " " + proof.string() + " --json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["valid"], true) << r.out;

  // The proof against the wrap machine is malformed or rejected, never valid.
  EXPECT_NE(zkgpu("sp1 verify-shard --machine wrap " + vk.string() + " " + proof.string()).exit_code, 0);

  const std::string bytes = slurp(proof);
  const size_t at = bytes.size() / 2;
  const std::string flipped(1, static_cast<char>(bytes[at] ^ 0x01));
  r = zkgpu("sp1 verify-shard --machine compress " + vk.string() + " " + altered(proof, at, flipped));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err, "");

  const auto garbage = dir_ / "garbage.bin";
  std::ofstream(garbage, std::ios::binary) << std::string(64, '\xff');
  r = zkgpu("sp1 verify-shard --machine compress " + vk.string() + " " + garbage.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("at byte"), std::string::npos) << r.err;

  // --backend cuda: the same bytes where a GPU is present; elsewhere (no CUDA in
  // this build, or no GPU) bad input naming the flag.
  const auto gpu_vk = dir_ / "gpu_vk.bin", gpu_proof = dir_ / "gpu_proof.bin";
  r = zkgpu("sp1 prove-recursion " + program + " --backend cuda --vk-out " + gpu_vk.string() + " --proof-out " +
            gpu_proof.string());
  if (r.exit_code == 0) {
    EXPECT_EQ(slurp(gpu_vk), slurp(vk));
    EXPECT_EQ(slurp(gpu_proof), bytes);
  } else {
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("--backend cuda:"), std::string::npos) << r.err;
  }
}

// sp1 setup: the vk file (SP1VerifyingKey, default build: 104 bytes), the JSON report
// (SP1's table heights, the bytes32 digest), and the file as verify-wrap's program
// binding: SP1's fixture proof is of another program, so the binding rejects it.
TEST_F(Sp1Cli, SetupWritesTheVkThatVerifyWrapTakes) {
  SP1_FIXTURE(elf, "elf/fibonacci.elf");
  const auto vk_out = dir_ / "fib_vk.bin";
  const auto r = zkgpu("--json sp1 setup " + elf.string() + " --vk-out " + vk_out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["sp1_features"], "default");
  EXPECT_EQ(j["preprocessed_heights"]["Byte"], 65536);
  EXPECT_EQ(j["preprocessed_heights"]["Range"], 131072);
  const uint64_t instructions = j["instructions"], program_rows = j["preprocessed_heights"]["Program"];
  EXPECT_EQ(program_rows, (instructions + 31) / 32 * 32);
  EXPECT_EQ(j["vk_bytes"], 104);
  EXPECT_EQ(j["preprocessed_commit"].size(), 8u);
  const std::string bytes32 = j["vk_bytes32"];
  EXPECT_EQ(bytes32.size(), 66u);
  EXPECT_EQ(bytes32.substr(0, 2), "0x");
  EXPECT_TRUE(j["time_ms"].contains("commit"));
  EXPECT_EQ(std::filesystem::file_size(vk_out), 104u);

  SP1_FIXTURE(wrap_vk, "proofs/wrap_vk.bin");
  const std::string wrap = "sp1 verify-wrap " + wrap_vk.string() + " " +
                           fixture_path("proofs/wrapped_proof.bin").string() + " --vk-root " + kWrapFixtureVkRoot;
  const auto other = zkgpu(wrap + " --program-vk " + vk_out.string());
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_NE(other.err.find("program vk digest mismatch"), std::string::npos) << other.err;
  const auto bad_vk = zkgpu(wrap + " --program-vk " + altered(vk_out, 50, ""));
  EXPECT_EQ(bad_vk.exit_code, 2) << bad_vk.err;
  const auto both = zkgpu(wrap + " --program-vk " + vk_out.string() + " --program-vk-digest " + kWrapFixtureProgram);
  EXPECT_NE(both.exit_code, 0);
  EXPECT_NE(both.exit_code, 1);
  EXPECT_NE(both.exit_code, 2);
}

TEST_F(Sp1Cli, SetupOfABadElfExitsTwo) {
  const auto not_elf = dir_ / "not.elf";
  std::ofstream(not_elf, std::ios::binary) << "\x7f" << "ELF";
  const auto r = zkgpu("sp1 setup " + not_elf.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("invalid ELF"), std::string::npos) << r.err;
  EXPECT_EQ(zkgpu("sp1 setup " + (dir_ / "missing.elf").string()).exit_code, 2);
}

}  // namespace
}  // namespace zkgpu::sp1::test
