#include "sp1/riscv/memory_traces.hpp"

#include <stdexcept>
#include <string>

#include "sp1/air/riscv/loads.hpp"
#include "sp1/air/riscv/stores.hpp"

namespace zkgpu::sp1::riscv {

namespace {

using detail::generate_in_mode;
using detail::kMap;
using rv::Opcode;
using zkvm::InstrEvent;

// What every load and store row holds: the memory word's access and the address
// b + c. Returns the address.
template <class Cols>
uint64_t fill_access(Row row, const Cols& c, const InstrEvent& e) {
  fill_memory_access(row, c.memory_access, e.memory);
  fill_address(row, c.address_operation, e.b, e.c);
  return e.b + e.c;
}

unsigned bit(uint64_t x, unsigned k) { return (x >> k) & 1; }

// The u16 limb of `word` that address bits 1 and 2 select.
uint16_t limb_at(uint64_t word, uint64_t addr) { return uint16_t(word >> (16 * ((addr >> 1) & 3))); }

// LoadByteChip::event_to_row.
void fill_load_byte(Row row, const InstrEvent& e) {
  const auto& c = kMap<rv::LoadByteCols>;
  const uint64_t addr = fill_access(row, c, e);
  for (unsigned k = 0; k < 3; ++k) put(row, c.offset_bit[k], bit(addr, k));
  const uint16_t limb = limb_at(e.memory.value, addr);
  const uint32_t byte = bit(addr, 0) ? limb >> 8 : limb & 0xFF;
  put(row, c.selected_limb, limb);
  put(row, c.selected_limb_low_byte, limb & 0xFF);
  put(row, c.selected_byte, byte);
  const bool lb = *memory_opcode(e.opcode) == Opcode::LB;
  put(row, c.is_lb, lb);
  put(row, c.is_lbu, !lb);
  if (lb) put(row, c.msb, byte >> 7);
}

// LoadHalfChip::event_to_row.
void fill_load_half(Row row, const InstrEvent& e) {
  const auto& c = kMap<rv::LoadHalfCols>;
  const uint64_t addr = fill_access(row, c, e);
  put(row, c.offset_bit[0], bit(addr, 1));
  put(row, c.offset_bit[1], bit(addr, 2));
  const uint16_t limb = limb_at(e.memory.value, addr);
  put(row, c.selected_half, limb);
  const bool lh = *memory_opcode(e.opcode) == Opcode::LH;
  put(row, c.is_lh, lh);
  put(row, c.is_lhu, !lh);
  if (lh) put(row, c.msb.msb, limb >> 15);
}

// LoadWordChip::event_to_row.
void fill_load_word(Row row, const InstrEvent& e) {
  const auto& c = kMap<rv::LoadWordCols>;
  const uint64_t addr = fill_access(row, c, e);
  const unsigned half = bit(addr, 2);
  const uint64_t value = e.memory.value >> (32 * half);
  put(row, c.offset_bit, half);
  put(row, c.selected_word[0], value & 0xFFFF);
  put(row, c.selected_word[1], (value >> 16) & 0xFFFF);
  const bool lw = *memory_opcode(e.opcode) == Opcode::LW;
  put(row, c.is_lw, lw);
  put(row, c.is_lwu, !lw);
  if (lw) put(row, c.msb.msb, bit(value, 31));
}

// LoadDoubleChip / StoreDoubleChip::event_to_row.
template <template <class> class Layout>
void fill_whole_word(Row row, const InstrEvent& e) {
  fill_access(row, kMap<Layout>, e);
  put(row, kMap<Layout>.is_real, 1);
}

// LoadX0Chip::event_to_row.
void fill_load_x0(Row row, const InstrEvent& e) {
  const auto& c = kMap<rv::LoadX0Cols>;
  const uint64_t addr = fill_access(row, c, e);
  for (unsigned k = 0; k < 3; ++k) put(row, c.offset_bit[k], bit(addr, k));
  const Opcode op = *memory_opcode(e.opcode);
  const std::array<size_t, 7> flags{c.is_lb, c.is_lbu, c.is_lh, c.is_lhu, c.is_lw, c.is_lwu, c.is_ld};
  for (size_t k = 0; k < 7; ++k) put(row, flags[k], rv::kLoadX0Opcodes[k] == op);
}

// StoreByteChip::event_to_row: the written limb's bytes before and after, and the
// increment that turns one into the other.
void fill_store_byte(Row row, const InstrEvent& e) {
  const auto& c = kMap<rv::StoreByteCols>;
  const uint64_t addr = fill_access(row, c, e);
  for (unsigned k = 0; k < 3; ++k) put(row, c.offset_bit[k], bit(addr, k));
  const uint16_t limb = limb_at(e.memory.prev_value, addr);
  const Felt mem_limb = Felt::from_canonical(limb), mem_low = Felt::from_canonical(limb & 0xFF);
  const Felt reg_low = Felt::from_canonical(uint32_t(e.a & 0xFF));
  row[c.mem_limb] = mem_limb;
  row[c.mem_limb_low_byte] = mem_low;
  row[c.register_low_byte] = reg_low;
  row[c.increment] = bit(addr, 0) ? Felt::from_canonical(1u << 8) * reg_low - mem_limb + mem_low : reg_low - mem_low;
  put_word(row, c.store_value, e.memory.value);
  put(row, c.is_real, 1);
}

// StoreHalfChip / StoreWordChip::event_to_row.
void fill_store_half(Row row, const InstrEvent& e) {
  const auto& c = kMap<rv::StoreHalfCols>;
  const uint64_t addr = fill_access(row, c, e);
  put(row, c.offset_bit[0], bit(addr, 1));
  put(row, c.offset_bit[1], bit(addr, 2));
  put_word(row, c.store_value, e.memory.value);
  put(row, c.is_real, 1);
}

void fill_store_word(Row row, const InstrEvent& e) {
  const auto& c = kMap<rv::StoreWordCols>;
  const uint64_t addr = fill_access(row, c, e);
  put(row, c.offset_bit, bit(addr, 2));
  put_word(row, c.store_value, e.memory.value);
  put(row, c.is_real, 1);
}

}  // namespace

RiscvChipTrace memory_trace(MemoryChipKind chip, std::span<const InstrEvent> events,
                            const RiscvTraceOptions& options) {
  // A chip of the other trust mode has no rows: its events are not looked for.
  const std::vector<uint32_t> rows =
      detail::has_rows(options.mode, options) ? events_of(chip, events) : std::vector<uint32_t>{};
  switch (chip) {
    case MemoryChipKind::LoadByte: return generate_in_mode<rv::LoadByteChip>(events, rows, options, fill_load_byte);
    case MemoryChipKind::LoadHalf: return generate_in_mode<rv::LoadHalfChip>(events, rows, options, fill_load_half);
    case MemoryChipKind::LoadWord: return generate_in_mode<rv::LoadWordChip>(events, rows, options, fill_load_word);
    case MemoryChipKind::LoadDouble:
      return generate_in_mode<rv::LoadDoubleChip>(events, rows, options, fill_whole_word<rv::LoadDoubleCols>);
    case MemoryChipKind::LoadX0: return generate_in_mode<rv::LoadX0Chip>(events, rows, options, fill_load_x0);
    case MemoryChipKind::StoreByte: return generate_in_mode<rv::StoreByteChip>(events, rows, options, fill_store_byte);
    case MemoryChipKind::StoreHalf: return generate_in_mode<rv::StoreHalfChip>(events, rows, options, fill_store_half);
    case MemoryChipKind::StoreWord: return generate_in_mode<rv::StoreWordChip>(events, rows, options, fill_store_word);
    case MemoryChipKind::StoreDouble:
      return generate_in_mode<rv::StoreDoubleChip>(events, rows, options, fill_whole_word<rv::StoreDoubleCols>);
  }
  throw std::invalid_argument("memory trace: unknown chip " + std::to_string(int(chip)));
}

}  // namespace zkgpu::sp1::riscv
