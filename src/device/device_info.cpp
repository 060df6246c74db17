#include "device/device_info.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <optional>

#include "zkgpu/error.hpp"

namespace zkgpu {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A PCI address as numbers, so "0000:65:00.0", "00000000:65:00.0" and "65:00.0"
// compare equal.
struct PciAddress {
  uint32_t domain = 0, bus = 0, device = 0, function = 0;
  bool operator==(const PciAddress&) const = default;
};

std::optional<uint32_t> hex_field(std::string_view s, size_t max_digits) {
  if (s.empty() || s.size() > max_digits) return std::nullopt;
  uint32_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<PciAddress> parse_pci(std::string_view s) {
  PciAddress a;
  const auto dot = s.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto fn = hex_field(s.substr(dot + 1), 1);
  s = s.substr(0, dot);
  const auto c2 = s.rfind(':');
  if (c2 == std::string_view::npos || !fn) return std::nullopt;
  auto dev = hex_field(s.substr(c2 + 1), 2);
  s = s.substr(0, c2);
  const auto c1 = s.rfind(':');
  auto bus = hex_field(c1 == std::string_view::npos ? s : s.substr(c1 + 1), 2);
  std::optional<uint32_t> domain = 0u;
  if (c1 != std::string_view::npos) domain = hex_field(s.substr(0, c1), 8);
  if (!dev || !bus || !domain) return std::nullopt;
  a.domain = *domain;
  a.bus = *bus;
  a.device = *dev;
  a.function = *fn;
  return a;
}

std::string candidates(std::span<const DeviceInfo> devices) {
  if (devices.empty()) return "none";
  std::string s;
  for (const auto& d : devices) {
    if (!s.empty()) s += "; ";
    s += d.id;
    if (d.backend == BackendKind::cuda) s += " (" + d.uuid + ", " + d.pci_bus_id + ")";
  }
  return s;
}

[[noreturn]] void no_match(std::span<const DeviceInfo> devices, std::string_view selector,
                           std::string_view what, std::string_view why) {
  throw Error(ErrorCode::no_such_device, "device selector '" + std::string(selector) + "' " +
                                             std::string(why) + "; " + std::string(what) +
                                             " devices: " + candidates(devices));
}

}  // namespace

std::string describe(const DeviceInfo& d) {
  char mem[32];
  std::snprintf(mem, sizeof mem, "%.1f GiB", static_cast<double>(d.total_bytes) / (1ull << 30));
  if (d.backend == BackendKind::cpu) return d.id + " " + d.name + " (" + mem + " RAM)";
  return d.id + " " + d.name + " (sm_" + std::to_string(d.cc_major) + std::to_string(d.cc_minor) +
         ", " + mem + ", " + d.uuid + ", " + d.pci_bus_id + ")";
}

size_t resolve_selector(std::span<const DeviceInfo> devices, std::string_view selector,
                        std::string_view what) {
  const std::string sel = lower(selector);
  auto find = [&](auto&& pred) -> std::optional<size_t> {
    for (size_t i = 0; i < devices.size(); ++i)
      if (pred(devices[i])) return i;
    return std::nullopt;
  };

  if (sel == "cpu") {
    if (auto i = find([](const DeviceInfo& d) { return d.backend == BackendKind::cpu; })) return *i;
    no_match(devices, selector, what, "names the CPU backend, which is not served");
  }

  std::string_view ordinal = sel;
  if (ordinal.starts_with("cuda:")) ordinal.remove_prefix(5);
  if (all_digits(ordinal)) {
    int n = -1;
    auto [p, ec] = std::from_chars(ordinal.data(), ordinal.data() + ordinal.size(), n);
    if (ec == std::errc{} && p == ordinal.data() + ordinal.size())
      if (auto i = find([&](const DeviceInfo& d) { return d.backend == BackendKind::cuda && d.ordinal == n; }))
        return *i;
    no_match(devices, selector, what, "names no CUDA ordinal of them");
  }

  if (sel.starts_with("gpu-")) {
    if (sel.size() == 4) no_match(devices, selector, what, "is an empty UUID prefix");
    std::optional<size_t> hit;
    for (size_t i = 0; i < devices.size(); ++i) {
      if (devices[i].backend != BackendKind::cuda || !lower(devices[i].uuid).starts_with(sel)) continue;
      if (hit) no_match(devices, selector, what, "matches more than one UUID");
      hit = i;
    }
    if (hit) return *hit;
    no_match(devices, selector, what, "matches no UUID");
  }

  if (auto want = parse_pci(sel)) {
    if (auto i = find([&](const DeviceInfo& d) {
          auto have = parse_pci(d.pci_bus_id);
          return d.backend == BackendKind::cuda && have && *have == *want;
        }))
      return *i;
    no_match(devices, selector, what, "matches no PCI bus id");
  }

  no_match(devices, selector, what,
           "is not a device name (use an ordinal like 0, GPU-<uuid>, a PCI bus id like 0000:65:00.0, or cpu)");
}

}  // namespace zkgpu
