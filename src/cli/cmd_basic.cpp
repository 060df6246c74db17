// ping, info, devices, stats: the daemon's metadata ops (proto/metadata-ops.md).
#include <algorithm>
#include <chrono>
#include <iostream>
#include <random>

#include "cli/commands.hpp"
#include "cli/format.hpp"

namespace zkgpu::cli {
namespace {

using nlohmann::json;

constexpr size_t kMaxPingBytes = 16u << 20;

json field(const json& j, const char* key) {
  return j.is_object() && j.contains(key) ? j.at(key) : json(nullptr);
}

// "max_frame_bytes" -> "max frame bytes", "uptime_s" -> "uptime"; values of
// *_bytes keys as sizes.
std::string label(const std::string& key) {
  std::string s = key == "uptime_s" ? "uptime" : key;
  for (auto& c : s)
    if (c == '_') c = ' ';
  return s;
}

std::string value_text(const std::string& key, const json& v) {
  const bool bytes_key = key.size() > 6 && key.compare(key.size() - 6, 6, "_bytes") == 0;
  if (bytes_key && v.is_number_unsigned()) return format_bytes(v.get<uint64_t>());
  if (key == "uptime_s" && v.is_number()) return format_duration(v.get<double>());
  return json_text(v);
}

// Prints the scalar members of an object as aligned "key: value" lines, `first`
// keys in that order, then the rest except `skip`; nested objects and arrays of
// objects are left to the caller.
void print_members(const json& j, std::initializer_list<const char*> first,
                   std::initializer_list<const char*> skip = {}) {
  std::vector<std::string> keys(first.begin(), first.end());
  keys.insert(keys.end(), skip.begin(), skip.end());
  for (const auto& [k, v] : j.items())
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
  keys.erase(keys.begin() + static_cast<std::ptrdiff_t>(first.size()),
             keys.begin() + static_cast<std::ptrdiff_t>(first.size() + skip.size()));
  Table t;
  for (const auto& k : keys) {
    if (!j.contains(k)) continue;
    const json& v = j.at(k);
    if (v.is_object() || (v.is_array() && !v.empty() && v.front().is_object())) continue;
    t.add({label(k) + ":", value_text(k, v)});
  }
  t.print(std::cout);
}

void run_ping(const CliContext& ctx, int count, size_t size) {
  if (size > kMaxPingBytes)
    throw Error(ErrorCode::invalid_argument, "--size is limited to " + std::to_string(kMaxPingBytes));
  Client client = ctx.connect();
  std::mt19937_64 rng(std::random_device{}());
  std::vector<double> rtts;
  for (int i = 0; i < count; ++i) {
    std::vector<uint8_t> body(size);
    for (auto& b : body) b = static_cast<uint8_t>(rng());
    const auto start = std::chrono::steady_clock::now();
    const auto reply = client.call({proto::Op::ping, 0, 0, ctx.device, body});
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (reply.body != body)
      throw Error(ErrorCode::internal, "ping reply body differs from the request body");
    rtts.push_back(ms);
    if (!ctx.json)
      std::printf("reply from %s: %zu bytes, request %llu, time %.3f ms\n", ctx.socket.c_str(),
                  reply.body.size(), static_cast<unsigned long long>(reply.request_id), ms);
  }
  double min = rtts.front(), max = rtts.front(), sum = 0;
  for (double r : rtts) {
    min = std::min(min, r);
    max = std::max(max, r);
    sum += r;
  }
  const double avg = sum / static_cast<double>(rtts.size());
  if (ctx.json) {
    std::cout << json{{"socket", ctx.socket}, {"count", count}, {"bytes", size}, {"rtt_ms", rtts},
                      {"min_ms", min}, {"avg_ms", avg}, {"max_ms", max}}
                     .dump(2)
              << '\n';
  } else if (count > 1) {
    std::printf("%d pings: min/avg/max = %.3f/%.3f/%.3f ms\n", count, min, avg, max);
  }
}

void run_info(const CliContext& ctx) {
  const json j = parse_json_body(ctx.call(proto::Op::info).body, "info");
  if (ctx.json) {
    std::cout << j.dump(2) << '\n';
    return;
  }
  std::cout << json_text(field(j, "name")) << ' ' << json_text(field(j, "version")) << " at "
            << ctx.socket << '\n';
  print_members(j, {"protocol", "backends", "default_device", "served_devices", "cuda_archs",
                    "cuda_runtime", "cuda_driver", "max_frame_bytes", "sp1_envelope"},
                {"name", "version"});
}

std::string served_text(const json& d) {
  if (field(d, "default") == true) return "default";
  return json_text(field(d, "served"));
}

void run_devices(const CliContext& ctx) {
  const json j = parse_json_body(ctx.call(proto::Op::devices).body, "devices");
  if (ctx.json) {
    std::cout << j.dump(2) << '\n';
    return;
  }
  if (!j.is_array()) throw Error(ErrorCode::bad_frame, "the daemon's devices reply is not a JSON array");
  Table t({"ID", "ORDINAL", "NAME", "CC", "MEMORY", "FREE", "UUID", "PCI BUS ID", "SERVED"});
  for (const auto& d : j)
    t.add({json_text(field(d, "id")), json_text(field(d, "ordinal")), json_text(field(d, "name")),
           json_text(field(d, "compute_capability")), value_text("total_bytes", field(d, "total_bytes")),
           value_text("free_bytes", field(d, "free_bytes")), json_text(field(d, "uuid")),
           json_text(field(d, "pci_bus_id")), served_text(d)});
  t.print(std::cout);
}

void run_stats(const CliContext& ctx) {
  const json j = parse_json_body(ctx.call(proto::Op::stats).body, "stats");
  if (ctx.json) {
    std::cout << j.dump(2) << '\n';
    return;
  }
  print_members(j, {"uptime_s", "requests", "connections_open", "connections_total", "jobs_done",
                    "jobs_failed", "jobs_queued", "jobs_running"});
  const json devices = field(j, "devices");
  if (!devices.is_array() || devices.empty()) return;
  std::cout << '\n';
  Table t({"DEVICE", "DONE", "FAILED", "CANCELLED", "QUEUED", "RUNNING", "FREE", "TOTAL"});
  for (const auto& d : devices)
    t.add({json_text(field(d, "id")), json_text(field(d, "jobs_done")),
           json_text(field(d, "jobs_failed")), json_text(field(d, "jobs_cancelled")),
           json_text(field(d, "jobs_queued")), json_text(field(d, "jobs_running")),
           value_text("free_bytes", field(d, "free_bytes")),
           value_text("total_bytes", field(d, "total_bytes"))});
  t.print(std::cout);
}

}  // namespace

void add_basic_commands(CLI::App& app, CliContext& ctx) {
  auto* ping = app.add_subcommand("ping", "Send PING requests and time the echoed replies");
  auto count = std::make_shared<int>(1);
  auto size = std::make_shared<size_t>(32);
  ping->add_option("-c,--count", *count, "Number of pings")->capture_default_str()->check(CLI::Range(1, 1000000));
  ping->add_option("-s,--size", *size, "Body bytes per ping (random, checked on return)")
      ->capture_default_str();
  ping->callback([&ctx, count, size] { run_ping(ctx, *count, *size); });

  app.add_subcommand("info", "Daemon version, build archs, backends, default device")
      ->callback([&ctx] { run_info(ctx); });
  app.add_subcommand("devices", "Devices present: ordinal, name, compute capability, memory, UUID, PCI bus id")
      ->callback([&ctx] { run_devices(ctx); });
  app.add_subcommand("stats", "Uptime, requests, jobs done / failed / queued, per-device memory")
      ->callback([&ctx] { run_stats(ctx); });
}

}  // namespace zkgpu::cli
