#include "server/metadata.hpp"

#include <nlohmann/json.hpp>

#include <string_view>

#include "pipelines/groth16_key_cache.hpp"
#include "pipelines/sp1_shard_keys.hpp"
#include "zkgpu/version.hpp"

#ifndef ZKGPU_CUDA_ARCHS
#define ZKGPU_CUDA_ARCHS ""
#endif

namespace zkgpu {
namespace {

using nlohmann::json;

// CMAKE_CUDA_ARCHITECTURES of this build, comma-separated by CMake.
json cuda_archs() {
  json a = json::array();
  std::string_view s = ZKGPU_CUDA_ARCHS;
  while (!s.empty()) {
    const auto comma = s.find(',');
    if (auto part = s.substr(0, comma); !part.empty()) a.push_back(std::string(part));
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return a;
}

json or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// The device's resident Groth16 proving keys (proto/ops-groth16.md).
json key_cache_json(const KeyCacheStats& k) {
  return {{"entries", k.entries}, {"bytes", k.bytes},         {"capacity_bytes", k.capacity},
          {"hits", k.hits},       {"rereads", k.rereads},     {"loads", k.loads},
          {"evictions", k.evictions}};
}

json sp1_keys_json(const Sp1KeyStats& k) {
  return {{"entries", k.entries}, {"bytes", k.bytes}, {"hits", k.hits}, {"setups", k.setups},
          {"evictions", k.evictions}};
}

const char* backend_name(BackendKind k) { return k == BackendKind::cuda ? "cuda" : "cpu"; }

// Index into ctx.served of the device with this id, or -1.
long served_index(const ServerContext& ctx, const std::string& id) {
  for (size_t i = 0; i < ctx.served.size(); ++i)
    if (ctx.served[i].id == id) return static_cast<long>(i);
  return -1;
}

}  // namespace

std::string info_json(const ServerContext& ctx, size_t default_device) {
  json backends = json::array({"cpu"});
#if ZKGPU_HAVE_CUDA
  backends.push_back("cuda");
#endif
  json served = json::array();
  for (const auto& d : ctx.served) served.push_back(d.id);
  json j = {
      {"name", "zkgpud"},
      {"version", kVersion},
      {"protocol", kProtocolVersion},
      {"sp1_envelope", true},
      {"backends", backends},
      {"cuda_archs", cuda_archs()},
      {"cuda_runtime", or_null(ctx.cuda_runtime)},
      {"cuda_driver", or_null(ctx.cuda_driver)},
      {"default_device", ctx.served.at(default_device).id},
      {"served_devices", served},
      {"max_frame_bytes", ctx.max_frame_bytes},
  };
  return j.dump();
}

std::string devices_json(const ServerContext& ctx, size_t default_device) {
  json a = json::array();
  for (const auto& d : ctx.present) {
    const long si = served_index(ctx, d.id);
    json j = {
        {"id", d.id},
        {"backend", backend_name(d.backend)},
        {"name", d.name},
        {"total_bytes", d.total_bytes},
        {"free_bytes", nullptr},
        {"served", si >= 0},
        {"default", si >= 0 && static_cast<size_t>(si) == default_device},
    };
    if (d.backend == BackendKind::cuda) {
      j["ordinal"] = d.ordinal;
      j["compute_capability"] = std::to_string(d.cc_major) + "." + std::to_string(d.cc_minor);
      j["uuid"] = d.uuid;
      j["pci_bus_id"] = d.pci_bus_id;
    } else {
      j["ordinal"] = nullptr;
      j["compute_capability"] = nullptr;
      j["uuid"] = nullptr;
      j["pci_bus_id"] = nullptr;
    }
    if (si >= 0) {
      const auto s = ctx.scheduler.worker(static_cast<size_t>(si)).stats();
      j["free_bytes"] = s.memory.free_bytes;
      if (s.memory.total_bytes) j["total_bytes"] = s.memory.total_bytes;
    }
    a.push_back(std::move(j));
  }
  return a.dump();
}

std::string stats_json(const ServerContext& ctx) {
  const double uptime =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - ctx.started).count();
  uint64_t done = 0, failed = 0, cancelled = 0, queued = 0, running = 0;
  json devices = json::array();
  for (size_t i = 0; i < ctx.served.size(); ++i) {
    const auto s = ctx.scheduler.worker(i).stats();
    done += s.jobs_done;
    failed += s.jobs_failed;
    cancelled += s.jobs_cancelled;
    queued += s.jobs_queued;
    running += s.jobs_running;
    devices.push_back({
        {"id", ctx.served[i].id},
        {"jobs_done", s.jobs_done},
        {"jobs_failed", s.jobs_failed},
        {"jobs_cancelled", s.jobs_cancelled},
        {"jobs_queued", s.jobs_queued},
        {"jobs_running", s.jobs_running},
        {"free_bytes", s.memory.free_bytes},
        {"total_bytes", s.memory.total_bytes},
        {"groth16_keys", key_cache_json(ctx.scheduler.worker(i).resources().groth16_keys.stats())},
        {"sp1_keys", sp1_keys_json(ctx.scheduler.worker(i).resources().sp1_keys.stats())},
    });
  }
  json j = {
      {"uptime_s", uptime},
      {"requests", ctx.requests.load()},
      {"connections_open", ctx.connections_open.load()},
      {"connections_total", ctx.connections_total.load()},
      {"jobs_done", done},
      {"jobs_failed", failed},
      {"jobs_cancelled", cancelled},
      {"jobs_queued", queued},
      {"jobs_running", running},
      {"devices", devices},
  };
  return j.dump();
}

}  // namespace zkgpu
