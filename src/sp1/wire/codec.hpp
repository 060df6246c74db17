// The generic walk over the types of types.hpp, in both directions: Decoder reads a
// value field by field from a BincodeReader (naming each field in errors), Encoder
// writes it to a BincodeWriter. Structs are walked through their `fields`
// declaration; containers and field elements have their own overloads here. Used
// by decode.cpp and encode.cpp only.
#pragma once

#include <concepts>
#include <type_traits>

#include "sp1/wire/bincode_reader.hpp"
#include "sp1/wire/bincode_writer.hpp"
#include "sp1/wire/chip_names.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::wire::detail {

struct NoOpVisitor {
  template <class T>
  void operator()(const char*, T&) const {}
};

template <class T>
concept WireStruct = requires(T& t) { T::fields(t, NoOpVisitor{}); };

// The fewest bytes one encoded T can take: sequence lengths are checked against it
// before anything is allocated.
template <class T>
struct WireSize {
  static constexpr size_t min = 1;  // structs and Option: at least a tag or a field
};
template <>
struct WireSize<F> {
  static constexpr size_t min = 4;
};
template <>
struct WireSize<EF> {
  static constexpr size_t min = 16;
};
template <>
struct WireSize<bn254::Fr> {
  static constexpr size_t min = 40;
};
template <>
struct WireSize<size_t> {
  static constexpr size_t min = 8;
};
template <class T, size_t N>
struct WireSize<std::array<T, N>> {
  static constexpr size_t min = N * WireSize<T>::min;
};
template <class A, class B>
struct WireSize<std::pair<A, B>> {
  static constexpr size_t min = WireSize<A>::min + WireSize<B>::min;
};
template <class T>
struct WireSize<std::vector<T>> {
  static constexpr size_t min = 8;
};
template <class T>
struct WireSize<Tensor<T>> {
  static constexpr size_t min = 16;
};

class Decoder {
 public:
  // Reads SP1's `variant` build: the vk's UntrustedConfig has its fields.
  Decoder(BincodeReader& r, Sp1Variant variant) : r_(r), variant_(variant) {}

  void read(F& x) { x = r_.koala_bear(); }
  void read(EF& x) { x = r_.koala_bear_ext4(); }
  void read(bn254::Fr& x) { x = r_.bn254_fr(); }
  void read(size_t& x) { x = r_.usize(); }
  void read(bool& x) { x = r_.boolean(); }

  template <class T, size_t N>
  void read(std::array<T, N>& a) {
    for (size_t i = 0; i < N; ++i) {
      auto at = r_.index(i);
      read(a[i]);
    }
  }

  template <class A, class B>
  void read(std::pair<A, B>& p) {
    read(p.first);
    read(p.second);
  }

  template <class T>
  void read(std::optional<T>& o) {
    if (r_.option_tag()) {
      o.emplace();
      read(*o);
    } else {
      o.reset();
    }
  }

  template <class T>
  void read(std::vector<T>& v) {
    const size_t n = r_.length(WireSize<T>::min);
    v.clear();
    // Reserve only where the memory stays within a small multiple of the input bytes
    // that back the length; larger elements grow as they are read.
    if (sizeof(T) <= 8 * WireSize<T>::min) v.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      auto at = r_.index(i);
      read(v.emplace_back());
    }
  }

  template <class T>
  void read(Tensor<T>& t) {
    {
      auto f = r_.field("storage");
      read(t.values);
    }
    auto f = r_.field("dimensions");
    const size_t at = r_.offset();
    read(t.sizes);
    if (t.sizes.size() > Tensor<T>::kMaxDimensions) {
      r_.fail_at(at, std::to_string(t.sizes.size()) + " dimensions, at most 3 allowed");
    }
    // The product of the sizes, computed without overflow, must be the value count.
    size_t total = 1;  // slop: a tensor with no dimensions holds one value
    for (size_t s : t.sizes) total = (s != 0 && total > t.values.size() / s) ? t.values.size() + 1 : total * s;
    if (total != t.values.size()) {
      std::string dims;
      for (size_t s : t.sizes) dims += (dims.empty() ? "" : " x ") + std::to_string(s);
      r_.fail_at(at, "dimensions (" + dims + ") do not describe the " + std::to_string(t.values.size()) +
                         " stored values");
    }
  }

  // A BTreeMap from chip name: keys strictly increasing, each a recursion chip.
  template <class T>
  void read(ChipMap<T>& m) {
    const size_t n = r_.length(8 + WireSize<T>::min);
    m.clear();
    for (size_t i = 0; i < n; ++i) {
      const size_t at = r_.offset();
      std::string name;
      {
        auto key = r_.index(i);
        name = r_.string();
      }
      if (!is_recursion_chip_name(name)) r_.fail_at(at, "unknown chip name '" + name + "'");
      if (!m.empty() && !(m.rbegin()->first < name)) {
        r_.fail_at(at, "chip '" + name + "' is out of order or repeated");
      }
      T value;
      {
        auto f = r_.field(name.c_str());
        read(value);
      }
      m.emplace_hint(m.end(), std::move(name), std::move(value));
    }
  }

  void read(UntrustedConfig& x) {
    x.variant = variant_;
    read_fields(x);
  }

  template <WireStruct T>
  void read(T& x) {
    read_fields(x);
  }

 private:
  template <class T>
  void read_fields(T& x) {
    T::fields(x, [this](const char* name, auto& member) {
      auto f = r_.field(name);
      read(member);
    });
  }

  BincodeReader& r_;
  Sp1Variant variant_;
};

class Encoder {
 public:
  explicit Encoder(BincodeWriter& w) : w_(w) {}

  void write(const F& x) { w_.koala_bear(x); }
  void write(const EF& x) { w_.koala_bear_ext4(x); }
  void write(const bn254::Fr& x) { w_.bn254_fr(x); }
  void write(const size_t& x) { w_.usize(x); }
  void write(const bool& x) { w_.boolean(x); }

  template <class T, size_t N>
  void write(const std::array<T, N>& a) {
    for (const auto& x : a) write(x);
  }
  template <class A, class B>
  void write(const std::pair<A, B>& p) {
    write(p.first);
    write(p.second);
  }
  template <class T>
  void write(const std::optional<T>& o) {
    w_.option_tag(o.has_value());
    if (o) write(*o);
  }
  template <class T>
  void write(const std::vector<T>& v) {
    w_.length(v.size());
    for (const auto& x : v) write(x);
  }
  template <class T>
  void write(const Tensor<T>& t) {
    write(t.values);
    write(t.sizes);
  }
  template <class T>
  void write(const ChipMap<T>& m) {
    w_.length(m.size());
    for (const auto& [name, value] : m) {
      w_.string(name);
      write(value);
    }
  }
  template <WireStruct T>
  void write(const T& x) {
    T::fields(x, [&](const char*, const auto& member) { write(member); });
  }

 private:
  BincodeWriter& w_;
};

}  // namespace zkgpu::sp1::wire::detail
