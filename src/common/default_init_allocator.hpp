#pragma once
// DefaultInitAllocator: std::allocator whose value-initialization (what
// std::vector<T, A>(n) and resize(n) do to each new element) is
// default-initialization. For a trivial T that writes nothing, so a large buffer
// can be filled by the threads that will use it instead of zeroed first by one
// thread in the constructor (which, for fresh memory, also takes every page fault).
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace zkgpu {

template <class T>
class DefaultInitAllocator : public std::allocator<T> {
 public:
  template <class U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };

  DefaultInitAllocator() noexcept = default;
  template <class U>
  DefaultInitAllocator(const DefaultInitAllocator<U>&) noexcept {}

  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

}  // namespace zkgpu
