// DeviceResources' one cache of resident keys: one least-recently-used order and
// one byte budget across kinds (Groth16 keys, SP1 shard keys), eviction counted per
// kind, admission's reclaim by device bytes, and clear.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "pipelines/device_resources.hpp"
#include "pipelines/resident_cache.hpp"

namespace zkgpu {
namespace {

constexpr auto kGroth16 = ResidentKind::groth16_key;
constexpr auto kSp1 = ResidentKind::sp1_shard_key;

TEST(ResidentCache, OneLruOrderAndBudgetAcrossKinds) {
  ResidentCache c(100);
  c.insert<int>(kGroth16, "a", std::make_shared<const int>(1), 40, 30, "cpu");
  c.insert<std::string>(kSp1, "b", std::make_shared<const std::string>("pk"), 40, 40, "cpu");
  EXPECT_EQ(*c.find<int>(kGroth16, "a"), 1);  // "a" is now the most recently used
  EXPECT_EQ(c.find<int>(kSp1, "a"), nullptr);  // the kind is part of the name
  EXPECT_EQ(c.device_bytes(), 70u);

  // 40 more do not fit in 100: the least recently used ("b", an SP1 key) goes.
  c.insert<int>(kGroth16, "c", std::make_shared<const int>(3), 40, 10, "cpu");
  EXPECT_EQ(c.find<std::string>(kSp1, "b"), nullptr);
  EXPECT_NE(c.find<int>(kGroth16, "a"), nullptr);
  EXPECT_EQ(c.stats(kSp1).evictions, 1u);
  EXPECT_EQ(c.stats(kSp1).entries, 0u);
  EXPECT_EQ(c.stats(kGroth16).entries, 2u);
  EXPECT_EQ(c.stats(kGroth16).bytes, 80u);
}

TEST(ResidentCache, AnEntryOverTheBudgetServesItsJobOnly) {
  ResidentCache c(100);
  c.insert<int>(kGroth16, "small", std::make_shared<const int>(1), 10, 10, "cpu");
  auto big = std::make_shared<const int>(2);
  c.insert<int>(kSp1, "big", big, 150, 150, "cpu");
  EXPECT_TRUE(c.empty());
  EXPECT_EQ(*big, 2);  // the caller's reference stays valid
  EXPECT_EQ(c.stats(kSp1).evictions, 1u);
  EXPECT_EQ(c.stats(kGroth16).evictions, 1u);
}

TEST(ResidentCache, ReclaimFreesDeviceBytesLeastRecentlyUsedFirst) {
  PipelineConfig config;
  config.key_cache_bytes = 1000;
  DeviceResources r(config);
  r.resident.insert<int>(kSp1, "old", std::make_shared<const int>(1), 100, 100, "cpu");
  r.resident.insert<int>(kGroth16, "mid", std::make_shared<const int>(2), 100, 0, "cpu");  // host memory only
  r.resident.insert<int>(kSp1, "new", std::make_shared<const int>(3), 100, 100, "cpu");
  EXPECT_EQ(r.reclaimable_bytes(), 200u);
  r.reclaim(150, "cpu");  // "old" frees 100, "mid" nothing, "new" 100 more
  EXPECT_TRUE(r.resident.empty());
  EXPECT_EQ(r.reclaimable_bytes(), 0u);

  r.resident.insert<int>(kSp1, "x", std::make_shared<const int>(4), 100, 100, "cpu");
  r.resident.insert<int>(kGroth16, "y", std::make_shared<const int>(5), 100, 100, "cpu");
  r.reclaim(50, "cpu");  // the least recently used alone is enough
  EXPECT_EQ(r.resident.find<int>(kSp1, "x"), nullptr);
  EXPECT_NE(r.resident.find<int>(kGroth16, "y"), nullptr);

  r.clear();
  EXPECT_TRUE(r.resident.empty());
  EXPECT_EQ(r.groth16_keys.stats().entries, 0u);
  EXPECT_EQ(r.groth16_keys.stats().evictions, 2u);  // "mid" and "y"
  EXPECT_EQ(r.sp1_keys.stats().evictions, 3u);      // "old", "new", "x"
}

TEST(ResidentCache, ReplacingAnEntryKeepsTheTotalsRight) {
  ResidentCache c(100);
  c.insert<int>(kSp1, "a", std::make_shared<const int>(1), 30, 30, "cpu");
  c.insert<int>(kSp1, "a", std::make_shared<const int>(2), 50, 50, "cpu");
  EXPECT_EQ(*c.find<int>(kSp1, "a"), 2);
  EXPECT_EQ(c.stats(kSp1).entries, 1u);
  EXPECT_EQ(c.stats(kSp1).bytes, 50u);
  EXPECT_EQ(c.device_bytes(), 50u);
}

}  // namespace
}  // namespace zkgpu
