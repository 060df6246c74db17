#include "sp1/setup/global_sum.hpp"

#include <mutex>
#include <stdexcept>
#include <vector>

#include "common/parallel_ranges.hpp"
#include "sp1/air/builder.hpp"
#include "sp1/stage/septic_digest.hpp"

namespace zkgpu::sp1::setup {
namespace {

using air::InteractionKind;
namespace septic = air::septic;

septic::Point sent_point(const std::array<uint32_t, 8>& message, InteractionKind kind) {
  return septic::global_interaction_point(message, false, uint8_t(kind));
}

}  // namespace

std::array<uint32_t, 8> memory_word_message(uint64_t addr, uint64_t value) {
  const auto bits = [](uint64_t v, unsigned from, unsigned count) { return uint32_t((v >> from) & ((1u << count) - 1)); };
  return {0,
          0,
          bits(addr, 0, 16),
          bits(addr, 16, 16),
          bits(addr, 32, 16),
          bits(value, 0, 16) + (bits(value, 32, 8) << 16),
          bits(value, 16, 16) + (bits(value, 40, 8) << 16),
          bits(value, 48, 16)};
}

std::array<uint32_t, 8> page_prot_message(uint64_t page, uint8_t prot) {
  return {0, 0, uint32_t(page & 0xf), uint32_t((page >> 4) & 0xffff), uint32_t((page >> 20) & 0xffff), prot, 0, 0};
}

septic::Point initial_global_cumulative_sum(const zkvm::Program& program, unsigned threads) {
  const std::vector<zkvm::ImageWord> words = zkvm::sp1_memory_image(program);
  std::vector<zkvm::ImagePage> pages;
  if (program.user_mode()) pages = zkvm::sp1_page_prot_image(program);  // enable_untrusted_programs

  const stage::SepticPoint zero = stage::septic_digest_zero();
  septic::MaybePoint total = septic::Point{zero.x, zero.y};
  std::mutex mutex;
  const size_t n = words.size() + pages.size();
  parallel_ranges(n, threads, 1024, [&](size_t begin, size_t end) {
    septic::MaybePoint part;
    for (size_t i = begin; i < end; ++i) {
      const septic::Point p =
          i < words.size()
              ? sent_point(memory_word_message(words[i].addr, words[i].value), InteractionKind::Memory)
              : sent_point(page_prot_message(pages[i - words.size()].page, pages[i - words.size()].prot),
                           InteractionKind::PageProtAccess);
      part = septic::add(part, p);
    }
    const std::lock_guard lock(mutex);
    total = septic::add(total, part);
  });
  if (!total) throw std::runtime_error("initial global cumulative sum: the point at infinity");
  return *total;
}

}  // namespace zkgpu::sp1::setup
