#include "zkvm/memory.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "zkvm/page_checks.hpp"

namespace zkgpu::zkvm {
namespace {

uint8_t* map_zeroed(uint64_t bytes, const char* what) {
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) throw std::system_error(errno, std::generic_category(), what);
  return static_cast<uint8_t*>(p);
}

}  // namespace

// The mapping is reserved address space only; the kernel backs the pages a guest
// touches. The 8 extra bytes let an 8-byte access at the very end stay mapped.
Memory::Memory()
    : base_(map_zeroed(kMemorySize + 8, "guest memory: reserving 2^40 bytes of address space")),
      dir_(std::make_unique<const uint8_t*[]>(kMemorySize >> kLogBlockBytes)) {
  std::fill_n(dir_.get(), kMemorySize >> kLogBlockBytes, uniform(kDefaultProt).data());
}

Memory::~Memory() { munmap(base_, kMemorySize + 8); }

// Guest memory holds the file bytes only (the rest of each segment is untouched
// and reads as zero); permissions cost one block per segment boundary.
void Memory::load(const Program& p) {
  for (const LoadSegment& s : p.segments) {
    std::memcpy(base_ + s.vaddr, s.file_bytes.data(), s.file_bytes.size());
    const uint64_t file_end = s.vaddr + s.file_bytes.size();
    if (s.zeroed_from < file_end) std::memset(base_ + s.zeroed_from, 0, file_end - s.zeroed_from);
    set_prot_range(s.first_page(), s.end_page(), s.flags);
  }
}

const Memory::ProtBlock& Memory::uniform(uint8_t p) {
  auto& block = uniform_[p];
  if (!block) {
    block = std::make_unique<ProtBlock>();
    block->fill(p);
  }
  return *block;
}

Memory::ProtBlock& Memory::own_block(uint64_t block) {
  auto& own = own_[block];
  if (!own) {
    own = std::make_unique<ProtBlock>();
    std::memcpy(own->data(), dir_[block], kBlockPages);
    dir_[block] = own->data();
  }
  return *own;
}

void Memory::set_prot(uint64_t page, uint8_t p) {
  const uint64_t block = page >> kLogBlockPages, i = page & (kBlockPages - 1);
  if (dir_[block][i] != p) own_block(block)[i] = p;
}

void Memory::set_prot_range(uint64_t first, uint64_t end, uint8_t p) {
  for (uint64_t page = first; page < end;) {
    const uint64_t block = page >> kLogBlockPages;
    const uint64_t block_first = block << kLogBlockPages, block_end = block_first + kBlockPages;
    if (page == block_first && end >= block_end) {
      own_.erase(block);
      dir_[block] = uniform(p).data();
      page = block_end;
      continue;
    }
    const uint64_t stop = std::min(end, block_end);
    for (; page < stop; ++page) set_prot(page, p);
  }
}

void Memory::read_bytes(uint64_t addr, void* out, uint64_t len) const {
  if (!in_range(addr, len)) throw AddressFault{addr, len};
  std::memcpy(out, base_ + addr, len);
}

void Memory::write_bytes(uint64_t addr, const void* in, uint64_t len) {
  if (!in_range(addr, len)) throw AddressFault{addr, len};
  std::memcpy(base_ + addr, in, len);
}

void Memory::check_prot(uint64_t addr, uint64_t len, uint8_t need) const {
  if (len == 0) return;
  if (!in_range(addr, len)) throw AddressFault{addr, len};
  for (uint64_t page = addr >> kLogPageSize; page <= (addr + len - 1) >> kLogPageSize; ++page) {
    if (const uint64_t code = page_trap_code(prot(page << kLogPageSize), need)) throw ProtectionFault{code, addr};
  }
}

void Memory::rollback() {
  for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) write_u64(it->addr, it->value);
  undo_.clear();
}

void CheckedGuestMemory::read(uint64_t addr, std::span<std::byte> out) {
  if (user_) m_.check_prot(addr, out.size(), kProtRead);
  m_.read_bytes(addr, out.data(), out.size());
}

void CheckedGuestMemory::write(uint64_t addr, std::span<const std::byte> in) {
  if (user_) m_.check_prot(addr, in.size(), kProtWrite);
  m_.write_bytes(addr, in.data(), in.size());
}

}  // namespace zkgpu::zkvm
