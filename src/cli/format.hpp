#pragma once
// Human-readable output helpers for the CLI: sizes, durations, JSON values as
// text, and a plain aligned table.
#include <cstdint>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/format_bytes.hpp"

namespace zkgpu::cli {

using zkgpu::format_bytes;                      // "79.1 GiB", "512 B"
std::string format_duration(double seconds);     // "3d 04:05:06", "12.3 s"
std::string json_text(const nlohmann::json& v);  // strings bare, null "-", arrays "a, b"

// Parses a reply body as JSON; throws Error(bad_frame) naming `what` if it is not.
nlohmann::json parse_json_body(const std::vector<uint8_t>& body, const char* what);

class Table {
 public:
  Table() = default;
  explicit Table(std::vector<std::string> header) : rows_{std::move(header)} {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void print(std::ostream& out) const;  // columns padded to their widest cell

 private:
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace zkgpu::cli
