// Guest memory: the whole 2^40-byte executor address space as one lazily backed
// host mapping (untouched pages cost nothing and read as zero, as in SP1's sparse
// memory), plus per-page permissions for user-mode programs and an undo log for
// unconstrained blocks, whose writes SP1 discards on exit.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "zkvm/precompiles/precompile.hpp"
#include "zkvm/program.hpp"

namespace zkgpu::zkvm {

// A permission failure in user mode: the code is SP1's trap code (1 exec, 5 read, 7 write).
struct ProtectionFault {
  uint64_t code;
  uint64_t addr;
};
inline constexpr uint64_t kTrapExec = 1, kTrapRead = 5, kTrapWrite = 7;

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

  // Page permissions (user mode only). Stored XOR the default so the zero-filled
  // table means "read-write" for every page the ELF did not describe.
  uint8_t prot(uint64_t addr) const { return prot_[addr >> kLogPageSize] ^ kDefaultProt; }
  void set_prot(uint64_t page, uint8_t p) { prot_[page] = p ^ kDefaultProt; }
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
  uint8_t* base_ = nullptr;
  uint8_t* prot_ = nullptr;
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
