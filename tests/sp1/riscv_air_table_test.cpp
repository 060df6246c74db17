// The whole RISC-V machine against SP1's own tables of it (tests/data/sp1/air, the
// artifacts SP1's consistency tests hold RiscvAir to): the same 122 chip names, and
// every chip built here has SP1's column count (main plus preprocessed) and, in
// each build, SP1's number of constraints. Chips still to be built are named by
// the list and skipped here; each one added is checked without a new test.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "fixture_files.hpp"
#include "sp1/riscv/shard_traces.hpp"

namespace zkgpu::sp1::riscv {
namespace {

std::map<std::string, size_t> sp1_table(const std::string& file) {
  const std::filesystem::path path = test::fixture_path("air/" + file);
  std::ifstream in(path);
  if (!in) throw std::runtime_error("SP1 fixture missing: " + path.string());
  return nlohmann::json::parse(in).get<std::map<std::string, size_t>>();
}

const char* complexity_file(Features f) {
  return f == Features::Mprotect ? "rv64im_complexity_mprotect.json" : "rv64im_complexity.json";
}

TEST(Sp1RiscvAirTable, ChipNamesAreSp1s) {
  const std::map<std::string, size_t> costs = sp1_table("rv64im_costs.json");
  for (Features f : {Features::Default, Features::Mprotect}) {
    std::set<std::string> ours, theirs;
    for (const RiscvAirChip& c : riscv_air_chips(f)) EXPECT_TRUE(ours.emplace(c.name).second) << c.name;
    for (const auto& [name, cost] : costs) theirs.insert(name);
    for (const std::string& n : ours) EXPECT_TRUE(theirs.count(n)) << n << " is not a chip of SP1's";
    for (const std::string& n : theirs) EXPECT_TRUE(ours.count(n)) << n << " is missing from the list";
  }
}

TEST(Sp1RiscvAirTable, BuiltChipsHaveSp1sColumnsAndConstraints) {
  const std::map<std::string, size_t> costs = sp1_table("rv64im_costs.json");
  size_t built = 0;
  for (Features f : {Features::Default, Features::Mprotect}) {
    const std::map<std::string, size_t> constraints = sp1_table(complexity_file(f));
    for (const RiscvAirChip& c : riscv_air_chips(f)) {
      if (c.chip == nullptr) continue;
      const std::string name(c.name);
      SCOPED_TRACE(name + (f == Features::Mprotect ? " (mprotect)" : " (default)"));
      EXPECT_EQ(c.chip->name(), c.name);
      EXPECT_EQ(c.chip->width() + c.chip->preprocessed_width(), costs.at(name));
      EXPECT_EQ(c.chip->num_constraints(), constraints.at(name));
      ++built;
    }
  }
  // Each build lists the same chips; most of them are built.
  EXPECT_GE(built, 2 * size_t(64));
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
