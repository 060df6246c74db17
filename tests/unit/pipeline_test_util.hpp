#pragma once
// Runs the daemon's op handlers in-process on the CPU backend (host-only ones on
// the calling thread), recording their progress reports, and checks the errors
// they throw.
#include <gtest/gtest.h>

#include <memory>
#include <span>
#include <stop_token>
#include <string>
#include <vector>

#include "backends/backend.hpp"
#include "pipelines/pipeline.hpp"

namespace zkgpu::test {

class HandlerRunner {
 public:
  explicit HandlerRunner(unsigned threads = 2) : backend_(make_cpu_backend(threads)) {}

  std::vector<uint8_t> run(proto::Op op, std::span<const uint8_t> body) {
    const OpHandler* h = find_handler(op);
    if (!h) throw std::runtime_error("no handler registered");
    const ProgressFn record = [this](const proto::Progress& p) { progress.push_back(p); };
    if (h->run_on_host) return h->run_on_host(stop.get_token(), record, body);
    JobContext ctx{*backend_, "cpu", config_, record, stop.get_token()};
    return h->run(ctx, body);
  }
  uint64_t estimate(proto::Op op, std::span<const uint8_t> body) { return find_handler(op)->estimate_bytes(body); }

  std::vector<proto::Progress> progress;
  std::stop_source stop;

 private:
  std::unique_ptr<Backend> backend_;
  PipelineConfig config_;
};

// Runs fn and returns the code of the zkgpu::Error it throws (ok if none);
// the message must contain `needle`.
template <class Fn>
ErrorCode error_of(Fn&& fn, const std::string& needle = "") {
  try {
    fn();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << "message: " << e.what();
    return e.code();
  }
  return ErrorCode::ok;
}

}  // namespace zkgpu::test
