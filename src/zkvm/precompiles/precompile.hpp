// The seam between the RV64IM executor and the pointer-based precompiles and
// host hooks (curve, field and big-integer operations). The executor owns guest
// memory and the hint stream; a precompile sees memory only through GuestMemory,
// so the same precompile code serves plain execution and, later, trace generation
// (which wraps GuestMemory to record the accesses).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace zkgpu::zkvm {

// Guest memory by byte address. Both calls throw the executor's fault exception
// (naming the address) for an access outside mapped, permitted memory.
class GuestMemory {
 public:
  virtual ~GuestMemory() = default;
  virtual void read(uint64_t addr, std::span<std::byte> out) = 0;
  virtual void write(uint64_t addr, std::span<const std::byte> in) = 0;
};

namespace precompiles {

// The guest's syscall argument registers at the ECALL (x10..x14). Each precompile
// takes its arguments in a0 and a1 (pointers, except ED_DECOMPRESS's sign in a1;
// the DOUBLEs ignore a1); UINT256_ADD_CARRY and UINT256_MUL_CARRY also take the
// pointers in a2, a3, a4 (SP1 reads them from X12..X14).
struct SyscallArgs {
  uint64_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0;
};

// What a precompile or hook throws where SP1's executor panics (a point not on
// the curve, a misaligned pointer, a malformed hook input, a precompile SP1 v6
// no longer executes). The message starts with the precompile's or hook's name.
class PrecompileError : public std::runtime_error {
 public:
  explicit PrecompileError(const std::string& message) : std::runtime_error(message) {}
};

// One ECALL-reached precompile. Reads and writes guest memory only through `mem`;
// throws PrecompileError on bad input the way SP1's executor fails.
using Handler = void (*)(GuestMemory& mem, const SyscallArgs& args);

struct Precompile {
  uint32_t code;          // SP1's syscall code (crates/core/executor/src/syscall_code.rs)
  std::string_view name;  // SP1's name, e.g. "SECP256K1_ADD"
  Handler run;
};

// Every pointer-based precompile zkgpud implements; the executor looks codes up
// here after its own built-in syscalls.
std::span<const Precompile> table();
const Precompile* find(uint32_t code);

// A host hook: the guest writes `input` to hook file descriptor `fd`; the hook's
// outputs are pushed, in order, onto the guest's hint stream.
using HookFn = std::vector<std::vector<uint8_t>> (*)(std::span<const uint8_t> input);

struct Hook {
  uint32_t fd;            // SP1's hook fd (crates/primitives/src/consts.rs, fd module)
  std::string_view name;  // e.g. "FD_ECRECOVER_HOOK"
  HookFn run;
};

std::span<const Hook> hooks();
const Hook* find_hook(uint32_t fd);

}  // namespace precompiles
}  // namespace zkgpu::zkvm
