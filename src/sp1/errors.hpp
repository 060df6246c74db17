// The two ways an SP1 artifact fails: it cannot be read (malformed bytes), or it
// reads but a verification check rejects it. The CLI maps them to exit codes 2
// and 1; the daemon to error replies.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace zkgpu::sp1 {

// Malformed input: names the field being read and the byte offset where it starts.
class ParseError : public std::runtime_error {
 public:
  ParseError(std::string field, size_t offset, const std::string& what)
      : std::runtime_error(field + " at byte " + std::to_string(offset) + ": " + what),
        field_(std::move(field)),
        offset_(offset) {}
  const std::string& field() const noexcept { return field_; }
  size_t offset() const noexcept { return offset_; }

 private:
  std::string field_;
  size_t offset_;
};

// A well-formed proof that a check rejects: `check` names it the way the CLI prints
// it, e.g. "zerocheck: round 7 sum mismatch".
class Rejected : public std::runtime_error {
 public:
  explicit Rejected(const std::string& check) : std::runtime_error(check) {}
};

}  // namespace zkgpu::sp1
