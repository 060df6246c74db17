// A program's setup end to end: SP1 Setup as the daemon answers it (Response::Setup
// { id: sha256(elf), vk: SP1VerifyingKey }, from its key cache the second time), the
// vk read back by the strict decoder in both builds, identical bytes on every run
// and different keys for different programs. Each full setup commits 2^21 values
// (the Byte and Range tables dominate), so these tests do as few as they can.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "backends/backend.hpp"
#include "fixture_files.hpp"
#include "math/sha256/sha256.hpp"
#include "pipelines/sp1_key_cache.hpp"
#include "pipelines/sp1_ops.hpp"
#include "sp1/setup/program_setup.hpp"
#include "sp1/stage/digests.hpp"
#include "sp1/wire/decode.hpp"
#include "sp1/wire/encode.hpp"
#include "zkgpu/error.hpp"
#include "zkgpu/sp1.hpp"

namespace zkgpu::sp1::setup {
namespace {

std::vector<uint8_t> read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::vector<uint8_t> handle(sp1::RequestKind kind, const std::vector<uint8_t>& payload) {
  const OpHandler h = sp1_handler(kind);
  return h.run_on_host(std::stop_token{}, [](const proto::Progress&) {}, payload);
}

std::vector<uint8_t> vk_bytes_of(const zkvm::Program& p, wire::Sp1Variant v, unsigned threads) {
  const auto backend = make_cpu_backend(threads);
  return wire::encode_vk(setup_program(p, v, {backend->stark(), threads}).pk.vk);
}

TEST(Sp1SetupReply, SetupAnswersIdAndVkThenFromTheCacheAndDestroyForgets) {
  SP1_FIXTURE(elf_path, "elf/fibonacci.elf");
  const std::vector<uint8_t> elf = read(elf_path);
  const std::vector<uint8_t> request = sp1::encode_setup(elf, std::vector<uint8_t>{0xaa, 0xbb});
  const auto id = crypto::sha256(elf);
  sp1_key_cache().erase(id);

  const std::vector<uint8_t> reply = handle(sp1::RequestKind::setup, request);
  // variant 1 (Setup), the 32-byte id, then the vk: 104 bytes in SP1's default build.
  ASSERT_EQ(reply.size(), 4u + 32 + 104);
  EXPECT_EQ(std::vector<uint8_t>(reply.begin(), reply.begin() + 4), (std::vector<uint8_t>{1, 0, 0, 0}));
  EXPECT_TRUE(std::equal(id.begin(), id.end(), reply.begin() + 4));
  const std::vector<uint8_t> vk_bytes(reply.begin() + 36, reply.end());
  const auto vk = wire::decode_vk_as<wire::InnerConfig>(vk_bytes, wire::Sp1Variant::Default);
  EXPECT_EQ(wire::encode_vk(vk), vk_bytes);

  // A second run of the setup (other thread count) gives the same bytes.
  const zkvm::Program program = zkvm::load_elf(elf);
  EXPECT_EQ(vk_bytes_of(program, wire::Sp1Variant::Default, 2), vk_bytes);

  // The key is cached: a Setup of the same ELF is answered from the cache (a
  // planted entry proves nothing is recomputed), and Destroy forgets it.
  ASSERT_TRUE(sp1_key_cache().find(id).has_value());
  EXPECT_EQ(*sp1_key_cache().find(id), vk_bytes);
  sp1_key_cache().insert(id, std::vector<uint8_t>(104, 7));
  const std::vector<uint8_t> cached = handle(sp1::RequestKind::setup, request);
  EXPECT_EQ(std::vector<uint8_t>(cached.begin() + 36, cached.end()), std::vector<uint8_t>(104, 7));
  EXPECT_EQ(handle(sp1::RequestKind::destroy, sp1::encode_destroy(id)), sp1::encode_ok());
  EXPECT_FALSE(sp1_key_cache().find(id).has_value());

  // Another program, in the mprotect build: its own tables, sum and commitment; the
  // vk carries the 16 more elements of the untrusted config.
  SP1_FIXTURE(loop_path, "elf/loop.elf");
  const zkvm::Program loop = zkvm::load_elf(read(loop_path));
  const auto backend = make_cpu_backend(4);
  const ProgramSetup other = setup_program(loop, wire::Sp1Variant::Mprotect, {backend->stark(), 4});
  EXPECT_EQ(other.heights, (std::vector<std::pair<std::string, size_t>>{
                               {"Byte", 65536}, {"Program", program_rows(loop.code.size())}, {"Range", 131072}}));
  const std::vector<uint8_t> other_bytes = wire::encode_vk(other.pk.vk);
  ASSERT_EQ(other_bytes.size(), 168u);
  EXPECT_EQ(wire::encode_vk(wire::decode_vk_as<wire::InnerConfig>(other_bytes, wire::Sp1Variant::Mprotect)),
            other_bytes);
  EXPECT_NE(other.pk.vk.preprocessed_commit, vk.preprocessed_commit);
  EXPECT_NE(other.pk.vk.initial_global_cumulative_sum_x, vk.initial_global_cumulative_sum_x);
  EXPECT_NE(other.pk.vk.pc_start, vk.pc_start);
  EXPECT_NE(stage::vk_digest(other.pk.vk), stage::vk_digest(vk));
}

TEST(Sp1SetupReply, BadElfIsAnInternalErrorNamingIt) {
  const std::vector<uint8_t> request = sp1::encode_setup(std::vector<uint8_t>{0x7f, 'E', 'L', 'F'}, {});
  try {
    handle(sp1::RequestKind::setup, request);
    FAIL() << "a 4-byte ELF was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::internal);
    EXPECT_EQ(std::string(e.what()), "Setup: invalid ELF: ELF header lies outside the file");
  }
}

}  // namespace
}  // namespace zkgpu::sp1::setup
