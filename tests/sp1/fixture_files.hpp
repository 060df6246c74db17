// Locating SP1's real artifacts (tests/data/sp1 in the repository; CMake passes the
// path as ZKGPU_SP1_FIXTURES_DIR). They ship with the sources, so a test that needs
// one and cannot find it fails: a checkout without them is a broken checkout.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace zkgpu::sp1::test {

inline std::filesystem::path fixture_path(const std::string& relative) {
  return std::filesystem::path(ZKGPU_SP1_FIXTURES_DIR) / relative;
}

}  // namespace zkgpu::sp1::test

// Binds `var` to the fixture's path, or fails the test when the file is absent.
#define SP1_FIXTURE(var, relative)                                                        \
  const std::filesystem::path var = ::zkgpu::sp1::test::fixture_path(relative);           \
  if (!std::filesystem::exists(var)) {                                                    \
    FAIL() << "SP1 fixture missing: " << var << " (tests/data/sp1, see its README.md)"; \
  }
