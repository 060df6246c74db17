// SP1 v6's built-in syscalls (crates/core/executor/src/minimal/ecall.rs and the
// files it calls); every other code goes to the precompile table.
#include <algorithm>
#include <cstring>
#include <optional>

#include "math/poseidon2/poseidon2_31.hpp"
#include "zkvm/hash_permutations.hpp"
#include "zkvm/hex.hpp"
#include "zkvm/machine.hpp"
#include "zkvm/page_checks.hpp"
#include "zkvm/precompiles/precompile.hpp"
#include "zkvm/phased_recording_memory.hpp"
#include "zkvm/recording_memory.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::zkvm {
namespace {

constexpr uint8_t kPermittedProts[] = {0, kProtRead | kProtWrite, kProtRead | kProtExec, kProtRead};

}  // namespace

void Machine::ecall() {
  const uint32_t code = uint32_t(cpu_.x[5]);
  ++syscall_counts_[code];
  if (unconstrained_ && code != sys::WRITE && code != sys::EXIT_UNCONSTRAINED)
    fail(describe_syscall(code) + " is not allowed inside an unconstrained block");
  if (code != sys::EXIT_UNCONSTRAINED) ++syscall_count_;
  next_pc_ = cpu_.pc + 4;
  uint64_t result;
  try {
    result = dispatch(code, cpu_.x[10], cpu_.x[11]);
  } catch (const ProtectionFault& f) {
    if (observer_) syscall_trap_ = trap_context_before(f.code);
    trap(f.code);  // x5 keeps the code, as in SP1
    return;
  } catch (const AddressFault& f) {
    fail(describe_syscall(code) + ": access to [" + hex(f.addr) + ", +" + std::to_string(f.len) +
         ") outside the 2^40-byte address space");
  }
  cpu_.x[5] = result;
  cpu_.pc = next_pc_;
}

// SP1 checks a call's slices before it touches memory (page_checks.hpp); the
// first page without the permission traps the call.
void Machine::check_call_pages(uint32_t code, uint64_t a0, uint64_t a1) {
  const PageCheckSlices slices = page_check_slices(code, a0, a1, cpu_.x[12], cpu_.x[13], cpu_.x[14]);
  for (size_t k = 0; k < slices.count; ++k) {
    const PageCheckSlice& s = slices.slice[k];
    if (!Memory::in_range(s.addr, s.words * 8)) throw AddressFault{s.addr, s.words * 8};
    for (uint64_t page = s.first_page(); page <= s.last_page(); ++page) {
      const uint8_t have = memory_.prot(page << kLogPageSize);
      if (observer_) observer_->page_check(page, have, k);
      if (const uint64_t trap_code = page_trap_code(have, s.prot)) throw ProtectionFault{trap_code, page << kLogPageSize};
    }
  }
}

uint64_t Machine::dispatch(uint32_t code, uint64_t a0, uint64_t a1) {
  // SP1 reads the carry operations' pointers c, d, e from x12..x14 at clk, before
  // their page checks (vm/syscall/uint256_ops.rs).
  const bool carry = code == sys::UINT256_ADD_CARRY || code == sys::UINT256_MUL_CARRY;
  if (observer_ && carry)
    for (unsigned r = 12; r <= 14; ++r) observer_->register_read(r, cpu_.x[r], 0);
  if (program_.user_mode()) check_call_pages(code, a0, a1);
  switch (code) {
    case sys::HALT:
      exit_code_ = uint32_t(a0);
      next_pc_ = kHaltPc;
      return code;
    case sys::WRITE: sys_write(a0, a1, cpu_.x[12]); return code;
    case sys::ENTER_UNCONSTRAINED: enter_unconstrained(); return 1;
    case sys::EXIT_UNCONSTRAINED: exit_unconstrained(); return 0;
    case sys::HINT_LEN: return input_.empty() ? ~uint64_t(0) : input_.front().size();
    case sys::HINT_READ: return sys_hint_read(a0, a1);
    case sys::COMMIT:
    case sys::COMMIT_DEFERRED_PROOFS:
      if (a0 >= 8) fail(describe_syscall(code) + ": digest word index " + std::to_string(a0) + " is not below 8");
      if (a1 >> 32) fail(describe_syscall(code) + ": digest word " + hex(a1) + " does not fit in 32 bits");
      (code == sys::COMMIT ? committed_ : deferred_)[a0] = uint32_t(a1);
      return code;
    case sys::VERIFY_SP1_PROOF:
      fail("VERIFY_SP1_PROOF: verifying deferred SP1 proofs inside the guest is not supported");
    case sys::SHA_EXTEND:
      if (a1 != 0) fail("SHA_EXTEND: the second argument must be 0");
      sys_sha_extend(a0);
      return code;
    case sys::SHA_COMPRESS: sys_sha_compress(a0, a1); return code;
    case sys::KECCAK_PERMUTE:
      if (a1 != 0) fail("KECCAK_PERMUTE: the second argument must be 0");
      sys_keccak(a0);
      return code;
    case sys::POSEIDON2: sys_poseidon2(a0); return code;
    case sys::MPROTECT: sys_mprotect(a0, a1); return code;
    case sys::SIG_RETURN: {
      // Registers x1..x31 come back from the words after a0; in user mode the
      // next pc is the word at a0 (SP1: execute_ecall_user), else pc + 4.
      uint64_t saved[32];
      read_words(a0, saved, 32, 0);
      if (observer_) observe_reads(a0, saved, 32, 0);  // the recorder splits off the pc's word
      for (int r = 1; r < 32; ++r) cpu_.x[r] = saved[r];
      if (program_.user_mode()) next_pc_ = saved[0];
      return saved[5];
    }
    // No effect outside SP1's profiling builds and without DUMP_ELF_OUTPUT set.
    case sys::HINT_MPROTECT_FLUSH:
    case sys::DUMP_ELF:
    case sys::INSERT_PROFILER_SYMBOLS:
    case sys::DELETE_PROFILER_SYMBOLS:
      return code;
  }
  const precompiles::Precompile* p = precompiles::find(code);
  if (!p) {
    if (syscall_name(code).empty()) fail(describe_syscall(code));
    fail("syscall " + describe_syscall(code) + " is not supported by this executor");
  }
  CheckedGuestMemory checked(memory_, program_.user_mode());
  std::optional<RecordingGuestMemory> recording;
  std::optional<PhasedRecordingMemory> phased;
  if (observer_ && carry) {
    // The carry operations bump the clock once per operand (vm/syscall/uint256_ops.rs).
    phased.emplace(checked, memory_, *observer_);
  } else if (observer_) {
    // The curve doublings write their point at the ECALL's clk, without the
    // bump the other precompiles make (vm/syscall/precompiles/weierstrass/double.rs).
    const bool doubling = p->name.ends_with("_DOUBLE");
    recording.emplace(checked, memory_, *observer_, doubling ? 0 : 1);
  }
  GuestMemory& guest = phased      ? static_cast<GuestMemory&>(*phased)
                       : recording ? static_cast<GuestMemory&>(*recording)
                                   : checked;
  try {
    const precompiles::SyscallArgs args{a0, a1, cpu_.x[12], cpu_.x[13], cpu_.x[14]};
    p->run(guest, args);  // ProtectionFault and AddressFault pass through to ecall()
    if (recording) recording->finish();
  } catch (const precompiles::PrecompileError& e) {
    fail(e.what());  // already names the precompile
  } catch (const std::exception& e) {
    fail(std::string(p->name) + ": " + e.what());
  }
  return code;
}

void Machine::sys_write(uint64_t fd_, uint64_t ptr, uint64_t len) {
  if (!Memory::in_range(ptr, len)) throw AddressFault{ptr, len};
  const uint8_t* bytes = memory_.at(ptr);
  if (observer_ && len > 0)
    for (uint64_t w = ptr & ~uint64_t(7); w < ptr + len; w += 8) observer_->untraced_read(w, memory_.read_u64(w));
  switch (fd_) {
    case fd::STDOUT: stdout_.append(reinterpret_cast<const char*>(bytes), len); return;
    case fd::STDERR: stderr_.append(reinterpret_cast<const char*>(bytes), len); return;
    case fd::PUBLIC_VALUES: public_values_.insert(public_values_.end(), bytes, bytes + len); return;
    case fd::HINT: input_.emplace_front(bytes, bytes + len); return;
  }
  if (fd_ < fd::FIRST_HOOK || fd_ > fd::LAST_HOOK) return;  // SP1 ignores writes to other descriptors
  const precompiles::Hook* hook = precompiles::find_hook(uint32_t(fd_));
  if (!hook) fail("WRITE to hook fd " + std::to_string(fd_) + ": this hook is not supported");
  std::vector<std::vector<uint8_t>> out;
  try {
    out = hook->run(std::span<const uint8_t>(bytes, len));
  } catch (const precompiles::PrecompileError& e) {
    fail(e.what());  // already names the hook
  } catch (const std::exception& e) {
    fail(std::string(hook->name) + ": " + e.what());
  }
  for (auto it = out.rbegin(); it != out.rend(); ++it) input_.push_front(std::move(*it));
}

// SP1 (minimal/hint.rs): the next input entry must have exactly `len` bytes; they
// are written from the 8-aligned `ptr`, followed by zeros up to and including the
// word after the last full word (a whole zero word when len is a multiple of 8).
uint64_t Machine::sys_hint_read(uint64_t ptr, uint64_t len) {
  if (input_.empty()) fail("HINT_READ: read past the end of the input (no input entry left)");
  std::vector<uint8_t> v = std::move(input_.front());
  input_.pop_front();
  if (v.size() != len)
    fail("HINT_READ: the guest asked for " + std::to_string(len) + " bytes, the next input entry has " +
         std::to_string(v.size()));
  if (ptr % 8 != 0) fail("HINT_READ: destination " + hex(ptr) + " is not 8-byte aligned");
  const uint64_t span = (len / 8 + 1) * 8;
  if (!Memory::in_range(ptr, span)) throw AddressFault{ptr, span};
  std::memcpy(memory_.at(ptr), v.data(), len);
  std::memset(memory_.at(ptr + len), 0, span - len);
  if (observer_) {
    std::vector<uint64_t> words(span / 8);
    std::memcpy(words.data(), memory_.at(ptr), span);
    observer_->hint(ptr, len, words);
  }
  return sys::HINT_READ;
}

void Machine::read_words(uint64_t addr, uint64_t* out, size_t n, uint8_t need) {
  if (addr % 8 != 0) fail(describe_syscall(uint32_t(cpu_.x[5])) + ": pointer " + hex(addr) + " is not 8-byte aligned");
  if (!Memory::in_range(addr, 8 * n)) throw AddressFault{addr, 8 * n};
  if (need && program_.user_mode()) memory_.check_prot(addr, 8 * n, need);
  std::memcpy(out, memory_.at(addr), 8 * n);
}

void Machine::write_words(uint64_t addr, const uint64_t* in, size_t n) {
  std::memcpy(memory_.at(addr), in, 8 * n);
}

// Event recording of the built-in syscalls' memory: each word with its value,
// at the ECALL's clk + clk_offset.
void Machine::observe_reads(uint64_t addr, const uint64_t* values, size_t n, uint64_t clk_offset) {
  for (size_t i = 0; i < n; ++i) observer_->read(addr + 8 * i, values[i], clk_offset);
}
void Machine::observe_writes(uint64_t addr, const uint64_t* prev, const uint64_t* values, size_t n,
                             uint64_t clk_offset) {
  for (size_t i = 0; i < n; ++i) observer_->write(addr + 8 * i, prev[i], values[i], clk_offset);
}

// SHA-256 words live one per 8-byte memory word (low half), as SP1 lays them out.
void Machine::sys_sha_extend(uint64_t w_ptr) {
  uint64_t words[64];
  read_words(w_ptr, words, 16, kProtRead);
  read_words(w_ptr + 16 * 8, words + 16, 48, kProtRead | kProtWrite);
  uint32_t w[64];
  for (int i = 0; i < 64; ++i) w[i] = uint32_t(words[i]);
  sha256_extend(w);
  uint64_t before[64];
  std::memcpy(before, words, sizeof before);
  for (int i = 16; i < 64; ++i) words[i] = w[i];
  write_words(w_ptr + 16 * 8, words + 16, 48);
  if (observer_) {
    // SP1 (vm/syscall/precompiles/sha256/extend.rs): round i reads w[i-15],
    // w[i-2], w[i-16], w[i-7] and writes w[i] at clk + 1 + (i - 16).
    for (int i = 16; i < 64; ++i) {
      const uint64_t t = 1 + uint64_t(i - 16);
      for (int j : {i - 15, i - 2, i - 16, i - 7}) observe_reads(w_ptr + 8 * j, &words[j], 1, t);
      observe_writes(w_ptr + 8 * i, &before[i], &words[i], 1, t);
    }
  }
}

void Machine::sys_sha_compress(uint64_t w_ptr, uint64_t h_ptr) {
  uint64_t hw[8], ww[64];
  read_words(h_ptr, hw, 8, kProtRead);
  read_words(w_ptr, ww, 64, kProtRead);
  if (program_.user_mode()) memory_.check_prot(h_ptr, 64, kProtWrite);
  uint32_t h[8], w[64];
  for (int i = 0; i < 8; ++i) h[i] = uint32_t(hw[i]);
  for (int i = 0; i < 64; ++i) w[i] = uint32_t(ww[i]);
  sha256_compress(h, w);
  uint64_t before[8];
  std::memcpy(before, hw, sizeof before);
  for (int i = 0; i < 8; ++i) hw[i] = h[i];
  write_words(h_ptr, hw, 8);
  if (observer_) {
    // SP1 (vm/syscall/precompiles/sha256/compress.rs): h read at clk, w at
    // clk + 1, h written at clk + 2.
    observe_reads(h_ptr, before, 8, 0);
    observe_reads(w_ptr, ww, 64, 1);
    observe_writes(h_ptr, before, hw, 8, 2);
  }
}

void Machine::sys_keccak(uint64_t state_ptr) {
  uint64_t s[25];
  read_words(state_ptr, s, 25, kProtRead);
  if (program_.user_mode()) memory_.check_prot(state_ptr, 25 * 8, kProtWrite);
  uint64_t before[25];
  std::memcpy(before, s, sizeof before);
  keccak_f1600(s);
  write_words(state_ptr, s, 25);
  if (observer_) {
    // SP1 (vm/syscall/precompiles/keccak256/permute.rs): read at clk, written at clk + 1.
    observe_reads(state_ptr, before, 25, 0);
    observe_writes(state_ptr, before, s, 25, 1);
  }
}

// SP1's inner Poseidon2 (KoalaBear, width 16) on 16 u32 values packed two per
// word; values are reduced mod p as SP1's from_canonical_u32 does in release builds.
void Machine::sys_poseidon2(uint64_t ptr) {
  using I = poseidon2::KoalaBear16;
  uint64_t words[8];
  read_words(ptr, words, 8, kProtRead | kProtWrite);
  I::F s[poseidon2::kWidth31];
  for (int i = 0; i < 16; ++i) {
    const uint32_t v = uint32_t(words[i / 2] >> (32 * (i % 2)));
    s[i] = I::F::from_canonical(v % I::F::kP);
  }
  poseidon2::permute<I>(s, poseidon2::kHostConstants<I>);
  uint64_t before[8];
  std::memcpy(before, words, sizeof before);
  for (int i = 0; i < 8; ++i)
    words[i] = uint64_t(s[2 * i].to_canonical()) | (uint64_t(s[2 * i + 1].to_canonical()) << 32);
  write_words(ptr, words, 8);
  // SP1 (vm/syscall/poseidon2.rs): the state's read is not recorded; it is
  // written at clk.
  if (observer_) observe_writes(ptr, before, words, 8, 0);
}

void Machine::sys_mprotect(uint64_t addr, uint64_t prot) {
  if (prot > 0xff || std::find(std::begin(kPermittedProts), std::end(kPermittedProts), uint8_t(prot)) ==
                         std::end(kPermittedProts))
    fail("MPROTECT: protection " + hex(prot) + " is not a permitted combination");
  if (addr % kPageSize != 0) fail("MPROTECT: address " + hex(addr) + " is not page aligned");
  const auto region = program_.untrusted_memory;
  if (!region || addr < region->first || addr >= region->second)
    fail("MPROTECT: address " + hex(addr) + " is outside the program's untrusted-memory region");
  const uint64_t page = addr >> kLogPageSize;
  const uint8_t prev = memory_.prot(addr);
  memory_.set_prot(page, uint8_t(prot));
  if (observer_) observer_->page_prot_write(page, prev, uint8_t(prot));
}

// SP1 snapshots registers, pc and clock; memory is copy-on-write until the exit.
void Machine::enter_unconstrained() {
  if (unconstrained_) fail("ENTER_UNCONSTRAINED inside an unconstrained block");
  Unconstrained u;
  std::memcpy(u.x, cpu_.x, sizeof u.x);
  u.pc = cpu_.pc;
  u.count = cpu_.count - 1;         // SP1 does not count the entering ECALL here ...
  u.syscalls = syscall_count_ - 1;  // ... and accounts the whole block as one ECALL
  unconstrained_ = u;
  memory_.begin_undo();
}

void Machine::exit_unconstrained() {
  if (!unconstrained_) fail("EXIT_UNCONSTRAINED outside an unconstrained block");
  const Unconstrained& u = *unconstrained_;
  unconstrained_instructions_ += cpu_.count - u.count - 1;
  std::memcpy(cpu_.x, u.x, sizeof u.x);
  cpu_.count = u.count + 1;
  syscall_count_ = u.syscalls + 1;
  next_pc_ = u.pc + 4;
  memory_.rollback();
  unconstrained_.reset();
}

}  // namespace zkgpu::zkvm
