#include "groth16/binfile.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "zkgpu/error.hpp"

namespace zkgpu::groth16 {

namespace {

uint32_t load_u32(const uint8_t* p) {
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

uint64_t load_u64(const uint8_t* p) { return uint64_t(load_u32(p)) | uint64_t(load_u32(p + 4)) << 32; }

}  // namespace

BinFile::BinFile(std::span<const uint8_t> file, std::string_view magic, uint32_t max_version, std::string_view what)
    : what_(what) {
  auto fail = [&](const std::string& why) { throw Error(ErrorCode::bad_request, what_ + " file: " + why); };
  if (file.size() < 12) {
    if (file.size() < 4 || std::memcmp(file.data(), magic.data(), 4) != 0)
      fail("not a " + what_ + " file (" + std::to_string(file.size()) + " bytes, no \"" + std::string(magic) + "\" magic)");
    fail("truncated header (" + std::to_string(file.size()) + " bytes)");
  }
  if (std::memcmp(file.data(), magic.data(), 4) != 0)
    fail("not a " + what_ + " file (the magic is not \"" + std::string(magic) + "\")");
  version_ = load_u32(file.data() + 4);
  if (version_ == 0 || version_ > max_version)
    fail("version " + std::to_string(version_) + " is not supported (1 .. " + std::to_string(max_version) + ")");
  const uint32_t n_sections = load_u32(file.data() + 8);
  // Each section needs at least its 12-byte header: bound the count before reserving.
  if (n_sections > (file.size() - 12) / 12)
    fail("declares " + std::to_string(n_sections) + " sections but has room for at most " +
         std::to_string((file.size() - 12) / 12) + " (truncated?)");
  sections_.reserve(n_sections);
  size_t pos = 12;
  for (uint32_t i = 0; i < n_sections; ++i) {
    if (file.size() - pos < 12)
      fail("truncated in the header of section #" + std::to_string(i) + " at offset " + std::to_string(pos));
    const uint32_t type = load_u32(file.data() + pos);
    const uint64_t size = load_u64(file.data() + pos + 4);
    pos += 12;
    if (size > file.size() - pos)
      fail("section " + std::to_string(type) + " declares " + std::to_string(size) + " bytes but only " +
           std::to_string(file.size() - pos) + " remain (truncated?)");
    sections_.push_back({type, file.subspan(pos, size_t(size))});
    pos += size_t(size);
  }
}

std::span<const uint8_t> BinFile::unique(uint32_t type) const {
  const BinSection* found = nullptr;
  for (const auto& s : sections_) {
    if (s.type != type) continue;
    if (found) throw Error(ErrorCode::bad_request, what_ + " file: section " + std::to_string(type) + " is repeated");
    found = &s;
  }
  if (!found) throw Error(ErrorCode::bad_request, what_ + " file: section " + std::to_string(type) + " is missing");
  return found->bytes;
}

uint32_t SectionReader::u32(std::string_view field) { return load_u32(bytes(4, field).data()); }

std::span<const uint8_t> SectionReader::bytes(size_t n, std::string_view field) {
  if (n > remaining())
    throw Error(ErrorCode::bad_request, what_ + ": truncated reading " + std::string(field) + " (needs " +
                                            std::to_string(n) + " bytes, " + std::to_string(remaining()) + " left)");
  const auto s = bytes_.subspan(pos_, n);
  pos_ += n;
  return s;
}

void SectionReader::expect_end() const {
  if (remaining() != 0)
    throw Error(ErrorCode::bad_request, what_ + ": " + std::to_string(remaining()) + " unexpected trailing bytes");
}

std::vector<uint8_t> read_whole_file(const std::string& path, std::string_view what) {
  const std::string w(what);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int e = errno;
    throw Error(e == ENOENT ? ErrorCode::not_found : ErrorCode::internal,
                w + " file '" + path + "': cannot open: " + std::strerror(e));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw Error(ErrorCode::internal, w + " file '" + path + "': " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw Error(ErrorCode::invalid_argument, w + " file '" + path + "' is a directory");
  // Read to EOF; the size is only a first guess (one byte more, so a file that
  // did not grow is read in one pass and EOF seen without reallocating).
  std::vector<uint8_t> out(S_ISREG(st.st_mode) ? size_t(st.st_size) + 1 : size_t(1) << 20);
  size_t used = 0;
  for (;;) {
    if (used == out.size()) out.resize(out.size() * 2);
    const ssize_t n = ::read(fd, out.data() + used, out.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(ErrorCode::internal, w + " file '" + path + "': read failed: " + std::strerror(errno));
    }
    if (n == 0) break;
    used += size_t(n);
  }
  out.resize(used);
  return out;
}

}  // namespace zkgpu::groth16
