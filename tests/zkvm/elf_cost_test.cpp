// What an ELF can cost before it is accepted or refused (src/zkvm/README.md, "What
// loading an ELF costs"): hostile layouts crafted here are refused, or loaded and
// run, within a small time and with heap and resident memory that do not follow
// the sizes the headers claim. The heap is measured by this binary's own
// operator new (every C++ allocation of the process goes through it), resident
// memory by /proc/self/statm.
#include <elf.h>
#include <gtest/gtest.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <new>
#include <string>

#include "elf_builder.hpp"
#include "zkvm/executor.hpp"
#include "zkvm/memory.hpp"
#include "zkvm/program.hpp"

namespace {

std::atomic<size_t> g_live{0}, g_peak{0};

void* counted(void* p) {
  if (!p) throw std::bad_alloc();
  const size_t live = g_live += malloc_usable_size(p);
  for (size_t peak = g_peak; live > peak && !g_peak.compare_exchange_weak(peak, live);) {
  }
  return p;
}

void uncounted(void* p) noexcept {
  if (!p) return;
  g_live -= malloc_usable_size(p);
  std::free(p);
}

}  // namespace

void* operator new(size_t n) { return counted(std::malloc(n ? n : 1)); }
void* operator new[](size_t n) { return counted(std::malloc(n ? n : 1)); }
void* operator new(size_t n, std::align_val_t a) {
  return counted(std::aligned_alloc(size_t(a), (n + size_t(a) - 1) / size_t(a) * size_t(a)));
}
void* operator new[](size_t n, std::align_val_t a) { return operator new(n, a); }
void operator delete(void* p) noexcept { uncounted(p); }
void operator delete[](void* p) noexcept { uncounted(p); }
void operator delete(void* p, size_t) noexcept { uncounted(p); }
void operator delete[](void* p, size_t) noexcept { uncounted(p); }
void operator delete(void* p, std::align_val_t) noexcept { uncounted(p); }
void operator delete[](void* p, std::align_val_t) noexcept { uncounted(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { uncounted(p); }
void operator delete[](void* p, size_t, std::align_val_t) noexcept { uncounted(p); }

namespace zkgpu::zkvm::test {
namespace {

using Clock = std::chrono::steady_clock;

// Peak heap growth and wall time of fn.
struct Cost {
  size_t heap_peak = 0;
  double seconds = 0;
};

template <class Fn>
Cost measure(Fn&& fn) {
  const size_t before = g_live;
  g_peak = before;
  const auto start = Clock::now();
  fn();
  return {g_peak - before, std::chrono::duration<double>(Clock::now() - start).count()};
}

size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  size_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * size_t(sysconf(_SC_PAGESIZE));
}

// The bounds README.md states: a refusal allocates next to nothing; an accepted
// ELF a small multiple of its size (plus the 512 KiB permission directory).
constexpr size_t kRefusalHeap = 256 << 10;
constexpr double kSeconds = 1.0;  // generous: the unbounded loader took 22 s on the first case

template <class Fn>
void expect_refused_cheaply(Fn&& load, const std::string& what) {
  std::string message;
  const Cost c = measure([&] {
    try {
      load();
    } catch (const ElfError& e) {
      message = e.what();
    }
  });
  EXPECT_NE(message.find(what), std::string::npos) << "refusal: '" << message << "', expected '" << what << "'";
  std::printf("refused in %.3f ms, heap peak %zu bytes: %s\n", c.seconds * 1e3, c.heap_peak, message.c_str());
  EXPECT_LT(c.heap_peak, kRefusalHeap);
  EXPECT_LT(c.seconds, kSeconds);
}

const std::vector<uint8_t> kHalt = code_bytes({kHaltT0, kExitCode0, kEcall});

std::vector<uint8_t> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The report that started this: SP1's fibonacci ELF (150 KB) with its first
// segment's p_memsz set to 0xd3_0000_4fc0 (about 2^39.7 bytes) overlaps the next
// segment. The loader used to build per-page metadata for the whole span first
// (22 s, 4.2 GB) and only then see the overlap.
TEST(ZkvmElfCost, FixtureWithAHugeFirstSegmentIsRefusedBeforeAnythingIsBuilt) {
  const std::filesystem::path path = std::filesystem::path(ZKGPU_SP1_FIXTURES_DIR) / "elf" / "fibonacci.elf";
  if (!std::filesystem::exists(path)) FAIL() << "SP1 fixture missing: " << path << " (tests/data/sp1)";
  std::vector<uint8_t> elf = read_file(path);
  const auto& eh = *reinterpret_cast<const Elf64_Ehdr*>(elf.data());
  auto* ph = reinterpret_cast<Elf64_Phdr*>(elf.data() + eh.e_phoff);
  auto* first = std::find_if(ph, ph + eh.e_phnum, [](const Elf64_Phdr& h) { return h.p_type == PT_LOAD; });
  ASSERT_NE(first, ph + eh.e_phnum);
  ASSERT_EQ(first->p_memsz, 0x4fc0u) << "the fixture changed; this case patches its first segment";
  first->p_memsz = 0xd3'0000'4fc0;
  expect_refused_cheaply([&] { load_elf(elf); }, "overlaps or precedes the previous segment");
}

TEST(ZkvmElfCost, HostileLayoutsAreRefusedBeforeAnythingIsBuilt) {
  // The same shape, written here: a read-only segment over most of the address
  // space, then code inside it.
  expect_refused_cheaply(
      [&] {
        load_elf(make_elf(kCodeBase + 0x5fc0, {{kCodeBase, 0xd3'0000'4fc0, PF_R, std::vector<uint8_t>(0x4fc0, 1)},
                                               {kCodeBase + 0x5fc0, 0, PF_R | PF_X, kHalt}}));
      },
      "overlaps or precedes the previous segment");
  // An end past 2^64 that wraps around to a small number.
  expect_refused_cheaply(
      [&] {
        auto elf = make_elf(kCodeBase, {{kCodeBase, 0, PF_R | PF_X, kHalt}, {kCodeBase + 0x1000, 0, PF_R, {1}}});
        elf_phdr(elf, 1).p_vaddr = ~uint64_t(0) - 0xfff;
        elf_phdr(elf, 1).p_memsz = 0x2000;
        load_elf(elf);
      },
      "ends beyond the 2^40-byte address space");
  // 256 segments over the same file bytes (would load 256 copies of them).
  expect_refused_cheaply(
      [&] {
        std::vector<ElfSegment> segs = {{kCodeBase, 0, PF_R | PF_X, kHalt}};
        for (int i = 1; i < 256; ++i) segs.push_back({kCodeBase + uint64_t(i) * 0x10000, 0, PF_R, {1, 2, 3, 4}});
        auto elf = make_elf(kCodeBase, segs);
        for (int i = 2; i < 256; ++i) elf_phdr(elf, i).p_offset = elf_phdr(elf, 1).p_offset;
        load_elf(elf);
      },
      "share file bytes");
  // A file range past the end of the file, in the last segment.
  expect_refused_cheaply(
      [&] {
        auto elf = make_elf(kCodeBase, {{kCodeBase, 0, PF_R | PF_X, kHalt}, {kCodeBase + 0x1000, 1 << 20, PF_R, {1}}});
        elf_phdr(elf, 1).p_filesz = 1 << 20;
        load_elf(elf);
      },
      "segment data lies outside the file");
}

// Accepted and run: segments whose memory sizes span nearly the whole address
// space, with permissions that differ from the default read-write, cost what
// their file bytes and boundaries cost, not what they span.
TEST(ZkvmElfCost, HugeSegmentsAreLoadedAndRunAtTheCostOfTheirFileBytes) {
  const uint64_t ro_start = kCodeBase + 0x1004;               // shares no page with the code
  const uint64_t ro_size = (uint64_t(1) << 39) - ro_start;    // up to 2^39 (a block boundary)
  const uint64_t rx_start = uint64_t(1) << 39;                // untrusted-flagged exec data above it
  const uint64_t rx_size = kMemorySize - rx_start - 0x10008;  // ends 64 KiB + 8 below 2^40
  const auto elf = make_elf(kCodeBase, {{kCodeBase, 0, PF_R | PF_X, kHalt},
                                        {ro_start, ro_size, PF_R, std::vector<uint8_t>(100, 7)},
                                        {rx_start, rx_size, PF_R | PF_X | 0x0010'0000, {1, 2, 3, 4}}});
  Program p;
  const Cost load = measure([&] { p = load_elf(elf); });
  EXPECT_LT(load.heap_peak, 64u << 10);
  EXPECT_LT(load.seconds, kSeconds);

  Memory m;
  const size_t resident_before = resident_bytes();
  const Cost image = measure([&] { m.load(p); });
  const size_t resident_growth = resident_bytes() - resident_before;
  EXPECT_LT(image.heap_peak, 1u << 20);  // the permission directory is 512 KiB of it
  EXPECT_LT(resident_growth, 8u << 20);
  EXPECT_LT(image.seconds, kSeconds);

  // The permissions are SP1's all the same: every page a segment touches.
  EXPECT_EQ(m.prot(kCodeBase), PF_R | PF_X);
  EXPECT_EQ(m.prot(kCodeBase + 0x1000), PF_R);
  EXPECT_EQ(m.prot(uint64_t(1) << 38), PF_R);
  EXPECT_EQ(m.prot(rx_start - 1), PF_R);
  EXPECT_EQ(m.prot(rx_start), PF_R | PF_X);
  EXPECT_EQ(m.prot(rx_start + rx_size - 1), PF_R | PF_X);
  EXPECT_EQ(m.prot(kMemorySize - 0x10000), kDefaultProt);
  EXPECT_EQ(m.prot(kCodeBase - 1), kDefaultProt);
  uint8_t first = 0;
  m.read_bytes(ro_start, &first, 1);
  EXPECT_EQ(first, 7);

  std::printf("huge segments: load_elf %.3f ms, %zu bytes; image %.3f ms, %zu bytes heap, %zu bytes resident\n",
              load.seconds * 1e3, load.heap_peak, image.seconds * 1e3, image.heap_peak, resident_growth);
  Report r;
  const Cost run = measure([&] { r = execute(p, {}); });
  EXPECT_TRUE(r.halted) << r.error;
  EXPECT_LT(run.heap_peak, 2u << 20);
  EXPECT_LT(run.seconds, kSeconds);
}

// A real guest (SP1's rsp client, 4.1 MB): the program costs at most twice the
// file (segment bytes and code words), the loaded image the file once more.
TEST(ZkvmElfCost, RealGuestCostsASmallMultipleOfItsSize) {
  const std::filesystem::path path = std::filesystem::path(ZKGPU_SP1_FIXTURES_DIR) / "rsp" / "rsp-client.elf";
  if (!std::filesystem::exists(path)) FAIL() << "SP1 fixture missing: " << path << " (tests/data/sp1)";
  const std::vector<uint8_t> elf = read_file(path);
  Program p;
  const Cost load = measure([&] { p = load_elf(elf); });
  EXPECT_LT(load.heap_peak, 2 * elf.size() + (64 << 10));
  EXPECT_LT(load.seconds, kSeconds);
  Memory m;
  const size_t resident_before = resident_bytes();
  const Cost image = measure([&] { m.load(p); });
  EXPECT_LT(image.heap_peak, 1u << 20);
  EXPECT_LT(resident_bytes() - resident_before, elf.size() + (1 << 20));
  std::printf("rsp-client.elf (%zu bytes): load_elf %.1f ms, heap peak %zu bytes; image %.1f ms\n", elf.size(),
              load.seconds * 1e3, load.heap_peak, image.seconds * 1e3);
}

// MPROTECT-style single pages inside a shared block get a block of their own;
// the neighbours keep theirs.
TEST(ZkvmElfCost, SinglePagePermissionsSplitOnlyTheirBlock) {
  Memory m;
  m.set_prot_range(0x80000, 0x90000, PF_R);
  m.set_prot(0x80010, PF_R | PF_W);
  EXPECT_EQ(m.prot(0x80010ull << kLogPageSize), PF_R | PF_W);
  EXPECT_EQ(m.prot(0x8000full << kLogPageSize), PF_R);
  EXPECT_EQ(m.prot(0x80011ull << kLogPageSize), PF_R);
  EXPECT_EQ(m.prot(0x8ffffull << kLogPageSize), PF_R);
  EXPECT_EQ(m.prot(0x90000ull << kLogPageSize), kDefaultProt);
  m.set_prot_range(0x80000, 0x81000, PF_R | PF_X);  // a whole block again: shared
  EXPECT_EQ(m.prot(0x80010ull << kLogPageSize), PF_R | PF_X);
}

}  // namespace
}  // namespace zkgpu::zkvm::test
