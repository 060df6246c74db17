#pragma once
// The iden3 "binfileutils" container that .zkey and .wtns files share
// (@iden3/binfileutils, read as facts): a 4-byte magic ("zkey", "wtns"), u32
// version, u32 section count, then that many sections {u32 type, u64 size,
// size bytes}, all little-endian. A section type may repeat in the container;
// readers of a given section require it to be unique.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace zkgpu::groth16 {

struct BinSection {
  uint32_t type = 0;
  std::span<const uint8_t> bytes;
};

class BinFile {
 public:
  // Checks the magic, the version (1 ..= max_version) and that every section
  // lies inside the file. `what` names the file kind in messages ("zkey").
  // Errors: Error(bad_request).
  BinFile(std::span<const uint8_t> file, std::string_view magic, uint32_t max_version, std::string_view what);

  uint32_t version() const noexcept { return version_; }
  const std::vector<BinSection>& sections() const noexcept { return sections_; }
  // The one section of this type; Error(bad_request) when it is missing or repeated.
  std::span<const uint8_t> unique(uint32_t type) const;

 private:
  std::string what_;
  uint32_t version_ = 0;
  std::vector<BinSection> sections_;
};

// Bounds-checked little-endian reads from one section, with messages that
// name the file kind, the section and the field. Running out of bytes ->
// Error(bad_request).
class SectionReader {
 public:
  SectionReader(std::span<const uint8_t> bytes, std::string what) : bytes_(bytes), what_(std::move(what)) {}
  uint32_t u32(std::string_view field);
  std::span<const uint8_t> bytes(size_t n, std::string_view field);
  size_t remaining() const noexcept { return bytes_.size() - pos_; }
  // Error(bad_request) unless every byte was read.
  void expect_end() const;
  const std::string& what() const noexcept { return what_; }

 private:
  std::span<const uint8_t> bytes_;
  size_t pos_ = 0;
  std::string what_;
};

// The whole file at `path`. Error(not_found) when it does not exist,
// Error(invalid_argument) for a directory, Error(internal) for other I/O
// failures; `what` names the file kind in messages.
std::vector<uint8_t> read_whole_file(const std::string& path, std::string_view what);

}  // namespace zkgpu::groth16
