// SP1 Setup{elf}: the program is loaded with the executor's ELF rules, so a bad
// ELF is refused at Setup, naming the problem, as SP1's server refuses it.
#include "server/sp1_envelope.hpp"
#include "zkvm/program.hpp"

namespace zkgpu {

std::string sp1_setup_elf_problem(std::span<const uint8_t> elf) {
  try {
    zkvm::load_elf(elf);
    return {};
  } catch (const zkvm::ElfError& e) {
    return std::string("Setup: ") + e.what();
  }
}

}  // namespace zkgpu
