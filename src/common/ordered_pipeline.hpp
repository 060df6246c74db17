#pragma once
// OrderedPipeline: work items submitted in order run concurrently, at most
// `depth` at a time, each on a thread of its own, and their results are handed
// to `finish` in submission order on the submitting thread. A producer that
// makes items serially (the guest's shards) keeps going while earlier items are
// processed; submit blocks only while `depth` items are in flight, finishing the
// oldest first. An exception from a work item is rethrown by the submit or
// drain that finishes it; the destructor waits for what is still running and
// drops its results.
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <stdexcept>
#include <utility>

namespace zkgpu {

template <class R>
class OrderedPipeline {
 public:
  OrderedPipeline(size_t depth, std::function<void(R&&)> finish) : depth_(depth), finish_(std::move(finish)) {
    if (depth_ == 0) throw std::invalid_argument("ordered pipeline: depth 0");
  }
  ~OrderedPipeline() {
    for (std::future<R>& f : in_flight_) f.wait();
  }
  OrderedPipeline(const OrderedPipeline&) = delete;
  OrderedPipeline& operator=(const OrderedPipeline&) = delete;

  void submit(std::function<R()> work) {
    while (in_flight_.size() >= depth_) finish_oldest();
    in_flight_.push_back(std::async(std::launch::async, std::move(work)));
  }
  // Finishes every item still in flight.
  void drain() {
    while (!in_flight_.empty()) finish_oldest();
  }
  size_t in_flight() const { return in_flight_.size(); }

 private:
  void finish_oldest() {
    std::future<R> f = std::move(in_flight_.front());
    in_flight_.pop_front();
    finish_(f.get());
  }

  size_t depth_;
  std::function<void(R&&)> finish_;
  std::deque<std::future<R>> in_flight_;
};

}  // namespace zkgpu
