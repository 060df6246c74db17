// ELF validation with SP1's rules, and SP1Stdin's bincode form.
#include <elf.h>
#include <gtest/gtest.h>

#include <cstring>

#include "guest_asm.hpp"
#include "sp1/errors.hpp"
#include "zkvm/stdin.hpp"

namespace zkgpu::zkvm::test {
namespace {

std::vector<uint8_t> good_elf() { return assemble("").value_or(std::vector<uint8_t>{}); }

template <class F>
void expect_rejected(F&& mutate, const std::string& what) {
  auto elf = good_elf();
  ASSERT_FALSE(elf.empty());
  mutate(elf);
  try {
    load_elf(elf);
    ADD_FAILURE() << "accepted; expected: " << what;
  } catch (const ElfError& e) {
    EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
  }
}

Elf64_Ehdr& header(std::vector<uint8_t>& e) { return *reinterpret_cast<Elf64_Ehdr*>(e.data()); }
// The i-th PT_LOAD header (the toolchain also emits a RISC-V attributes header).
Elf64_Phdr& phdr(std::vector<uint8_t>& e, int i) {
  auto* ph = reinterpret_cast<Elf64_Phdr*>(e.data() + header(e).e_phoff);
  for (int k = 0; k < header(e).e_phnum; ++k)
    if (ph[k].p_type == PT_LOAD && i-- == 0) return ph[k];
  throw std::runtime_error("the test ELF has too few LOAD segments");
}

TEST(ZkvmElf, LoadsAnAssembledProgram) {
  const Program p = load_elf(good_elf());
  EXPECT_EQ(p.pc_base, 0x78000000u);
  EXPECT_FALSE(p.code.empty());
  EXPECT_FALSE(p.user_mode());
  EXPECT_FALSE(p.trap_context.has_value());
}

TEST(ZkvmElf, RejectsWhatSp1Rejects) {
  expect_rejected([](auto& e) { e.resize(20); }, "ELF header lies outside the file");
  expect_rejected([](auto& e) { e[0] = 'X'; }, "bad magic");
  expect_rejected([](auto& e) { e[EI_CLASS] = ELFCLASS32; }, "64-bit");
  expect_rejected([](auto& e) { header(e).e_machine = EM_X86_64; }, "RISC-V");
  expect_rejected([](auto& e) { header(e).e_type = ET_DYN; }, "static executable");
  expect_rejected([](auto& e) { header(e).e_entry += 2; }, "invalid entry point");
  expect_rejected([](auto& e) { phdr(e, 0).p_vaddr = 0x10000; }, "below the stack top");
  expect_rejected([](auto& e) { phdr(e, 0).p_flags |= PF_W; }, "both writable and executable");
  expect_rejected([](auto& e) { phdr(e, 0).p_flags &= ~PF_R; }, "not readable");
  expect_rejected([](auto& e) { phdr(e, 1).p_vaddr = 0x78000000; }, "overlaps");
  expect_rejected([](auto& e) { phdr(e, 0).p_offset = 1u << 30; }, "segment data lies outside the file");
  expect_rejected([](auto& e) { phdr(e, 1).p_memsz = uint64_t(1) << 41; }, "address space");
  expect_rejected([](auto& e) { phdr(e, 0).p_flags &= ~PF_X; }, "no executable");
}

TEST(ZkvmStdin, RoundTripAndU64Entries) {
  const std::vector<std::vector<uint8_t>> entries = {u64_entry(1000), {}, {1, 2, 3}};
  EXPECT_EQ(parse_sp1_stdin(encode_sp1_stdin(entries)), entries);
  EXPECT_EQ(u64_entry(0x0102030405060708), (std::vector<uint8_t>{8, 7, 6, 5, 4, 3, 2, 1}));
}

TEST(ZkvmStdin, RejectsMalformedBytes) {
  const auto good = encode_sp1_stdin({{1, 2, 3}});
  auto truncated = good;
  truncated.pop_back();
  EXPECT_THROW(parse_sp1_stdin(truncated), sp1::ParseError);
  auto trailing = good;
  trailing.push_back(0);
  EXPECT_THROW(parse_sp1_stdin(trailing), sp1::ParseError);
  auto with_proofs = good;
  with_proofs[with_proofs.size() - 8] = 1;
  EXPECT_THROW(parse_sp1_stdin(with_proofs), sp1::ParseError);
  std::vector<uint8_t> huge(8, 0xff);
  EXPECT_THROW(parse_sp1_stdin(huge), sp1::ParseError);
}

}  // namespace
}  // namespace zkgpu::zkvm::test
