// Guest memory: the whole 2^40-byte executor address space as one lazily backed
// host mapping (untouched pages cost nothing and read as zero, as in SP1's sparse
// memory), plus per-page permissions for user-mode programs and an undo log for
// unconstrained blocks, whose writes SP1 discards on exit.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <vector>

#include "zkvm/precompiles/precompile.hpp"
#include "zkvm/program.hpp"

namespace zkgpu::zkvm {

// A permission failure in user mode: the code is SP1's trap code (kTrapExec, kTrapRead, kTrapWrite).
struct ProtectionFault {
  uint64_t code;
  uint64_t addr;
};

// An access outside the address space (thrown by the checked accessors).
struct AddressFault {
  uint64_t addr;
  uint64_t len;
};

class Memory {
 public:
  Memory();
  ~Memory();
  Memory(const Memory&) = delete;
  Memory& operator=(const Memory&) = delete;

  void load(const Program& p);  // the ELF image and its page permissions

  // Raw host pointer for an address known to be in range (the interpreter checks).
  uint8_t* at(uint64_t addr) { return base_ + addr; }
  static bool in_range(uint64_t addr, uint64_t len) { return addr <= kMemorySize && len <= kMemorySize - addr; }

  uint64_t read_u64(uint64_t addr) const {
    uint64_t v;
    std::memcpy(&v, base_ + addr, 8);
    return v;
  }
  void write_u64(uint64_t addr, uint64_t v) { std::memcpy(base_ + addr, &v, 8); }

  // Checked byte copies (AddressFault outside the address space; no permission check).
  void read_bytes(uint64_t addr, void* out, uint64_t len) const;
  void write_bytes(uint64_t addr, const void* in, uint64_t len);

  // Page permissions (checked in user mode only); a page the ELF did not describe
  // is read-write. `addr` must be in range.
  uint8_t prot(uint64_t addr) const {
    return dir_[addr >> kLogBlockBytes][(addr >> kLogPageSize) & (kBlockPages - 1)];
  }
  void set_prot(uint64_t page, uint8_t p);
  // Pages [first, end): whole blocks become a shared uniform block, so the cost
  // follows the number of ranges, not their span.
  void set_prot_range(uint64_t first, uint64_t end, uint8_t p);
  // Throws ProtectionFault if any page of [addr, addr+len) lacks `need`, checking
  // read before write as SP1 does.
  void check_prot(uint64_t addr, uint64_t len, uint8_t need) const;

  // Unconstrained blocks: remember the old value of each 8-byte word written so
  // that leaving the block restores memory.
  void log_word(uint64_t aligned_addr) { undo_.push_back({aligned_addr, read_u64(aligned_addr)}); }
  void begin_undo() { undo_.clear(); }
  void rollback();

 private:
  struct Saved {
    uint64_t addr, value;
  };
  // Permissions in two levels: one directory entry per block of 2^12 pages (16 MiB
  // of guest memory, 2^16 entries in all) points at a block of one byte per page,
  // either a shared block whose pages all have one permission or, once its pages
  // differ (a segment boundary inside it, MPROTECT), a block of its own.
  static constexpr unsigned kLogBlockPages = 12;
  static constexpr uint64_t kBlockPages = uint64_t(1) << kLogBlockPages;
  static constexpr unsigned kLogBlockBytes = kLogBlockPages + kLogPageSize;
  using ProtBlock = std::array<uint8_t, kBlockPages>;
  const ProtBlock& uniform(uint8_t p);
  ProtBlock& own_block(uint64_t block);  // the block's own copy, made on first write

  uint8_t* base_ = nullptr;
  std::unique_ptr<const uint8_t*[]> dir_;
  std::array<std::unique_ptr<ProtBlock>, 256> uniform_;  // by permission, made on first use
  std::unordered_map<uint64_t, std::unique_ptr<ProtBlock>> own_;  // by block index
  std::vector<Saved> undo_;
};

// The precompiles' view of guest memory: checked ranges and, in user mode, page
// permissions (violations become the guest's trap, as in SP1).
class CheckedGuestMemory final : public GuestMemory {
 public:
  CheckedGuestMemory(Memory& m, bool user_mode) : m_(m), user_(user_mode) {}
  void read(uint64_t addr, std::span<std::byte> out) override;
  void write(uint64_t addr, std::span<const std::byte> in) override;

 private:
  Memory& m_;
  bool user_;
};

}  // namespace zkgpu::zkvm
