#include "guest_asm.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace zkgpu::zkvm::test {
namespace {

const char* kPrologue = R"(
  .macro OUT reg
    sd \reg, 0(s11)
    addi s11, s11, 8
  .endm
  .section .text
  .globl _start
_start:
  la s11, out_buf
)";

const char* kEpilogue = R"(
  la a1, out_buf
  sub a2, s11, a1
  li a0, 13
  li t0, 2
  ecall
  li a0, 0
  li t0, 0
  ecall
  .section .data
  .balign 8
out_buf:
  .zero 65536
scratch:
  .zero 4096
)";

}  // namespace

std::optional<std::vector<uint8_t>> assemble(const std::string& body) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("zkvm_asm_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path src = dir / "prog.S", elf = dir / "prog.elf", log = dir / "build.log";
  std::ofstream(src) << kPrologue << body << kEpilogue;
  // Every segment from 0x78000000 up: SP1 refuses segments below its stack top.
  const std::string cmd = "riscv64-linux-gnu-gcc -nostdlib -static -march=rv64im -mabi=lp64 "
                          "-Wl,-Ttext-segment=0x78000000 -Wl,--build-id=none -Wl,--no-relax -o " + elf.string() +
                          " " + src.string() +
                          " > " + log.string() + " 2>&1";
  if (std::system(cmd.c_str()) != 0) {
    std::ifstream l(log);
    ADD_FAILURE() << "assembling failed (is gcc-riscv64-linux-gnu installed?):\n"
                  << std::string(std::istreambuf_iterator<char>(l), {});
    return std::nullopt;
  }
  std::ifstream in(elf, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

std::vector<uint64_t> words(const std::vector<uint8_t>& pv) {
  std::vector<uint64_t> w(pv.size() / 8);
  std::memcpy(w.data(), pv.data(), w.size() * 8);
  return w;
}

Report run_any(const std::string& body, std::vector<std::vector<uint8_t>> input, uint64_t max_cycles) {
  const auto elf = assemble(body);
  if (!elf) return Report{};
  ExecOptions o;
  o.max_cycles = max_cycles;
  return execute(load_elf(*elf), std::move(input), o);
}

Report run_ok(const std::string& body, std::vector<std::vector<uint8_t>> input) {
  Report r = run_any(body, std::move(input));
  EXPECT_TRUE(r.ok()) << "error: " << r.error << " exit " << r.exit_code;
  return r;
}

}  // namespace zkgpu::zkvm::test
