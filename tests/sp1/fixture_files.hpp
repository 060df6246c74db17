// Locating SP1's real artifacts (../shared/fixtures/sp1 beside the repository).
// A test that needs them calls SP1_FIXTURE_OR_SKIP: missing fixtures fail the test
// when CI=true and skip it with a clear message elsewhere.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace zkgpu::sp1::test {

inline std::filesystem::path fixture_path(const std::string& relative) {
  return std::filesystem::path(ZKGPU_SP1_FIXTURES_DIR) / relative;
}

inline bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

}  // namespace zkgpu::sp1::test

// Binds `var` to the fixture's path, or fails (CI) / skips (elsewhere) when absent.
#define SP1_FIXTURE_OR_SKIP(var, relative)                                               \
  const std::filesystem::path var = ::zkgpu::sp1::test::fixture_path(relative);          \
  if (!std::filesystem::exists(var)) {                                                   \
    if (::zkgpu::sp1::test::in_ci()) FAIL() << "SP1 fixture missing in CI: " << var;     \
    GTEST_SKIP() << "SP1 fixture not found: " << var << " (expected ../shared/fixtures/sp1)"; \
  }
