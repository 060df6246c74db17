// OrderedPipeline (common/ordered_pipeline.hpp): results in submission order
// whatever order the work ends in, never more than `depth` items at once, a work
// item's exception at the finish that reaches it.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "common/ordered_pipeline.hpp"

namespace {

using zkgpu::OrderedPipeline;

TEST(OrderedPipeline, FinishesInSubmissionOrderWithAtMostDepthInFlight) {
  std::vector<int> finished;
  std::atomic<int> running{0}, most{0};
  {
    OrderedPipeline<int> p(3, [&](int&& r) { finished.push_back(r); });
    for (int i = 0; i < 12; ++i) {
      p.submit([&, i] {
        const int now = ++running;
        for (int m = most.load(); now > m && !most.compare_exchange_weak(m, now);) {
        }
        // Later items end first within each group of three.
        std::this_thread::sleep_for(std::chrono::milliseconds(2 * (3 - i % 3)));
        --running;
        return i;
      });
      EXPECT_LE(p.in_flight(), 3u);
    }
    p.drain();
  }
  std::vector<int> expected(12);
  for (int i = 0; i < 12; ++i) expected[size_t(i)] = i;
  EXPECT_EQ(finished, expected);
  EXPECT_LE(most.load(), 3);
  EXPECT_GE(most.load(), 2);  // items did overlap
}

TEST(OrderedPipeline, RethrowsAWorkItemsExceptionWhereItIsFinished) {
  std::vector<int> finished;
  OrderedPipeline<int> p(2, [&](int&& r) { finished.push_back(r); });
  p.submit([] { return 1; });
  p.submit([]() -> int { throw std::runtime_error("item 2"); });
  EXPECT_THROW(
      {
        p.submit([] { return 3; });  // finishes item 1
        p.submit([] { return 4; });  // finishes item 2: throws
      },
      std::runtime_error);
  p.drain();
  EXPECT_EQ(finished, (std::vector<int>{1, 3}));
}

TEST(OrderedPipeline, RefusesDepthZero) {
  EXPECT_THROW(OrderedPipeline<int>(0, [](int&&) {}), std::invalid_argument);
}

}  // namespace
