// The CLI's human-output helpers: sizes, durations, JSON values, tables.
#include <gtest/gtest.h>

#include <sstream>

#include "cli/format.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::cli {
namespace {

TEST(CliFormat, Bytes) {
  EXPECT_EQ(format_bytes(0), "0 B");
  EXPECT_EQ(format_bytes(1023), "1023 B");
  EXPECT_EQ(format_bytes(1024), "1.0 KiB");
  EXPECT_EQ(format_bytes(1536), "1.5 KiB");
  EXPECT_EQ(format_bytes(85'031'829'504ull), "79.2 GiB");  // an H100's 80 GB
  EXPECT_EQ(format_bytes(UINT64_MAX), "16.0 EiB");
}

TEST(CliFormat, Durations) {
  EXPECT_EQ(format_duration(0), "0.0 s");
  EXPECT_EQ(format_duration(12.34), "12.3 s");
  EXPECT_EQ(format_duration(3725.5), "01:02:05");
  EXPECT_EQ(format_duration(3 * 86400 + 4 * 3600 + 5 * 60 + 6), "3d 04:05:06");
  EXPECT_EQ(format_duration(-1), "-");
}

TEST(CliFormat, JsonText) {
  using nlohmann::json;
  EXPECT_EQ(json_text(json(nullptr)), "-");
  EXPECT_EQ(json_text(json("cuda:0")), "cuda:0");
  EXPECT_EQ(json_text(json(true)), "yes");
  EXPECT_EQ(json_text(json(42)), "42");
  EXPECT_EQ(json_text(json::array({"cpu", "cuda"})), "cpu, cuda");
  EXPECT_EQ(json_text(json::array()), "-");
}

TEST(CliFormat, JsonBodyMustParse) {
  const std::string good = R"({"a":1})";
  EXPECT_EQ(parse_json_body({good.begin(), good.end()}, "info")["a"], 1);
  const std::string bad = "{\"a\":";
  EXPECT_THROW(parse_json_body({bad.begin(), bad.end()}, "info"), Error);
}

TEST(CliFormat, TableAlignsColumns) {
  Table t({"ID", "NAME"});
  t.add({"cuda:0", "H100"});
  t.add({"cpu", "EPYC 9654"});
  std::ostringstream out;
  t.print(out);
  EXPECT_EQ(out.str(),
            "ID      NAME\n"
            "cuda:0  H100\n"
            "cpu     EPYC 9654\n");
}

}  // namespace
}  // namespace zkgpu::cli
