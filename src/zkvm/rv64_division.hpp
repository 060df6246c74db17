// RV64M's division and remainder (the unprivileged ISA, "Division Operations"):
// by zero the quotient is all ones and the remainder the dividend; the signed
// overflow (the minimum by -1) gives the dividend and 0; W forms divide the low
// 32 bits and sign-extend the 32-bit result. The interpreter executes these; the
// DivRem chip's trace generation witnesses both results of one event with them.
#pragma once

#include <cstdint>

namespace zkgpu::zkvm::rv64 {

inline uint64_t sext32(uint64_t v) { return uint64_t(int64_t(int32_t(uint32_t(v)))); }

inline uint64_t div64(uint64_t b, uint64_t c) {
  if (c == 0) return ~uint64_t(0);
  if (int64_t(b) == INT64_MIN && int64_t(c) == -1) return b;
  return uint64_t(int64_t(b) / int64_t(c));
}
inline uint64_t rem64(uint64_t b, uint64_t c) {
  if (c == 0) return b;
  if (int64_t(b) == INT64_MIN && int64_t(c) == -1) return 0;
  return uint64_t(int64_t(b) % int64_t(c));
}
inline uint64_t divu64(uint64_t b, uint64_t c) { return c ? b / c : ~uint64_t(0); }
inline uint64_t remu64(uint64_t b, uint64_t c) { return c ? b % c : b; }
inline uint64_t divw(uint64_t b, uint64_t c) {
  const int32_t x = int32_t(b), y = int32_t(c);
  if (y == 0) return ~uint64_t(0);
  if (x == INT32_MIN && y == -1) return sext32(uint32_t(x));
  return sext32(uint32_t(x / y));
}
inline uint64_t divuw(uint64_t b, uint64_t c) {
  if (uint32_t(c) == 0) return ~uint64_t(0);
  return sext32(uint32_t(b) / uint32_t(c));
}
inline uint64_t remw(uint64_t b, uint64_t c) {
  const int32_t x = int32_t(b), y = int32_t(c);
  if (y == 0) return sext32(b);
  if (x == INT32_MIN && y == -1) return 0;
  return sext32(uint32_t(x % y));
}
inline uint64_t remuw(uint64_t b, uint64_t c) {
  if (uint32_t(c) == 0) return sext32(b);
  return sext32(uint32_t(b) % uint32_t(c));
}

}  // namespace zkgpu::zkvm::rv64
