// SP1's artifacts in tests/data/sp1 are the files SP1 v6.4.0 ships (README.md
// there names each one's SP1 path): each has its pinned SHA-256, the directory
// holds no other data file, and the README lists every digest.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "math/sha256/sha256.hpp"

namespace zkgpu::sp1::test {
namespace {

namespace fs = std::filesystem;

struct Pinned {
  const char* path;    // relative to tests/data/sp1
  const char* sha256;  // of the file as SP1 v6.4.0 has it
};

constexpr Pinned kPinned[] = {
    {"air/rv64im_complexity.json", "1828cb38f377e88823cb53e619648a756f2049c03cbe7a7bee28c4027686b41c"},
    {"air/rv64im_complexity_mprotect.json", "c1e0b2f063e0c33a112ef9f4e6113837d70d3997652027c711b3e27d118deacd"},
    {"air/rv64im_costs.json", "145b352b1d2346c7279e81d2577b8bc2545d2156dad761a5a74ea73d50a3d4e7"},
    {"elf/fibonacci.elf", "b37b2e0ab54497b1b0e24001a4e7d556479563dcfcc2802f77278141a3c109b4"},
    {"elf/keccak.elf", "cf37e0e70fb9f72f095f36e2b2a8a398d1463ee14f5bfc6da010128b8f72dfbf"},
    {"elf/loop.elf", "daa497ce9a59cc06a014cb437457737dab0b9e27063a00c6619e814ba457677a"},
    {"elf/poseidon2.elf", "c1335ee14dfd1d2ff92d8159468bc4b8f034cb6b8b556e2947c7e5942c0a72b3"},
    {"elf/sha2.elf", "233da949bacfd62e8d9356c19acb4bbe0e42c60a5f327dc213df8efef56f8965"},
    {"elf/trap.elf", "df8dd4a64939bdf03b7677acb1f535532584f1371af5ec63472b7e7808b73460"},
    {"proofs/groth16_vk.bin", "4388a21c687fdd5f218d7e3d13190cac4c5355818d3605fd5fb811df468ee696"},
    {"proofs/shrink_input.bin", "bd7e605eddb49bda995880c02a790241ca41253fff52f14d796db605694201b6"},
    {"proofs/verifier_vks.bin", "5842a30c4ac86a634c7fb4597ccde6bb5917f53c3de6f98b3c046d64cec777ad"},
    {"proofs/wrap_vk.bin", "fce924068aa5a610ee676d210b5ac5ca8b1ec305f5ffe4524fc9dc990d2dfb78"},
    {"proofs/wrap_vk_mprotect.bin", "847d1620f322e79473ac22af9783b2f9b720c37195e6efcbff54a44c7a719e78"},
    {"proofs/wrapped_proof.bin", "e1d92229ea03c73d233795befc43b6c34bd446df4168399250eefb480efade6d"},
    {"proofs/wrapped_proof_mprotect.bin", "0beaad07118dd77bb801960db1889a7a13cc704cbb4ab55f59ee12a9ed45ef11"},
    {"rsp/21000001.bin", "fc902432070c1a92fea0e131a58314312d962ac74fe135391e789e4c0d725655"},
    {"rsp/rsp-client.elf", "6077a757923815224135f8b6d7e312ceebe3dc4ce5fef57a9619a65a81ff2dd1"},
};

// Files in the directory that are documentation, not SP1 data.
const std::set<std::string> kNotData = {"README.md", "LICENSE-MIT", "LICENSE-APACHE", ".gitattributes"};

const fs::path kDir = ZKGPU_SP1_FIXTURES_DIR;

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(Sp1FixtureData, EachFileHasItsPinnedSha256) {
  for (const Pinned& f : kPinned) {
    const fs::path p = kDir / f.path;
    ASSERT_TRUE(fs::is_regular_file(p)) << "SP1 fixture missing: " << p;
    const std::string bytes = read_all(p);
    const auto digest = crypto::sha256({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()});
    EXPECT_EQ(crypto::to_hex(digest), f.sha256) << f.path;
  }
}

TEST(Sp1FixtureData, DirectoryHoldsOnlyThePinnedFiles) {
  std::set<std::string> want, have;
  for (const Pinned& f : kPinned) want.insert(f.path);
  for (const auto& e : fs::recursive_directory_iterator(kDir)) {
    if (!e.is_regular_file()) continue;
    const std::string rel = fs::relative(e.path(), kDir).generic_string();
    if (!kNotData.count(rel)) have.insert(rel);
  }
  EXPECT_EQ(have, want);
}

// The README is where a reader checks a file by hand (`sha256sum -c`): its digest
// block must match the pinned table line for line.
TEST(Sp1FixtureData, ReadmeListsEveryDigest) {
  const std::string readme = read_all(kDir / "README.md");
  for (const Pinned& f : kPinned)
    EXPECT_NE(readme.find(std::string(f.sha256) + "  " + f.path + "\n"), std::string::npos) << f.path;
  for (const char* licence : {"LICENSE-MIT", "LICENSE-APACHE"})
    EXPECT_TRUE(fs::is_regular_file(kDir / licence)) << licence;
}

}  // namespace
}  // namespace zkgpu::sp1::test
