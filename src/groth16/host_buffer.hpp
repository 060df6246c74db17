#pragma once
// Large uninitialised host arrays for the prover's per-proof scratch (domain
// evaluations, scalars). std::vector would zero them on one thread first; here
// the threads that fill a buffer also fault its pages in, and buffers of 2 MiB
// or more ask for transparent huge pages, which cuts page faults 512-fold.
#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <span>
#include <type_traits>

namespace zkgpu::groth16 {

template <class T>
class HostBuffer {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  HostBuffer() = default;
  // n uninitialised elements; std::bad_alloc when memory is short.
  explicit HostBuffer(size_t n) : n_(n) {
    if (n == 0) return;
    if (n > (SIZE_MAX - kHuge) / sizeof(T)) throw std::bad_alloc();
    const size_t bytes = n * sizeof(T);
    void* p = nullptr;
    if (bytes >= kHuge) {
      p = std::aligned_alloc(kHuge, (bytes + kHuge - 1) / kHuge * kHuge);
      if (p) (void)::madvise(p, bytes, MADV_HUGEPAGE);  // advice only: failure is harmless
    } else {
      p = std::malloc(bytes);
    }
    if (!p) throw std::bad_alloc();
    p_.reset(static_cast<T*>(p));
  }

  T* data() noexcept { return p_.get(); }
  const T* data() const noexcept { return p_.get(); }
  size_t size() const noexcept { return n_; }
  T& operator[](size_t i) noexcept { return p_.get()[i]; }
  const T& operator[](size_t i) const noexcept { return p_.get()[i]; }
  std::span<T> span() noexcept { return {data(), n_}; }
  std::span<const T> span() const noexcept { return {data(), n_}; }

 private:
  static constexpr size_t kHuge = size_t(2) << 20;
  struct Free {
    void operator()(T* p) const noexcept { std::free(p); }
  };
  std::unique_ptr<T, Free> p_;
  size_t n_ = 0;
};

}  // namespace zkgpu::groth16
