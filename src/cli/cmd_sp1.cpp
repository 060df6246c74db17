// sp1 verify-wrap / verify-compress-witness: SP1 v6 proofs checked on this host's
// CPU, no daemon. Exit 0 = valid, 1 = rejected (stderr names the failed check),
// 2 = unreadable or malformed (stderr names the field and byte offset).
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/commands.hpp"
#include "sp1/errors.hpp"
#include "sp1/stage/digests.hpp"
#include "sp1/stage/verify_stage.hpp"
#include "sp1/wire/decode.hpp"
#include "sp1/wire/recursion_public_values.hpp"

namespace zkgpu::cli {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
namespace stage = sp1::stage;
namespace wire = sp1::wire;

constexpr int kExitRejected = 1;
constexpr int kExitMalformed = 2;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

json digest_json(const wire::InnerDigest& d) {
  json words = json::array();
  for (const auto& w : d) words.push_back(w.to_canonical());
  return {{"words", words}, {"bytes32", stage::digest_bytes32_hex(d)}};
}

// Each recursion public value by name, as canonical integers.
json public_values_json(const std::vector<wire::F>& pvs) {
  json out = json::object();
  for (const auto& f : wire::kRecursionPublicValues) {
    json values = json::array();
    for (size_t i = 0; i < f.length; ++i) values.push_back(pvs[f.offset + i].to_canonical());
    out[std::string(f.name)] = f.length == 1 ? values[0] : values;
  }
  return out;
}

json shard_json(const sp1::verifier::ShardReport& r, const std::vector<wire::F>& pvs) {
  json chips = json::array();
  for (const auto& c : r.chips) chips.push_back({{"name", c.name}, {"rows", c.rows}});
  json phases = json::object();
  for (const auto& p : r.phases) phases[p.name] = p.ms;
  return {{"machine", r.machine}, {"chips", chips}, {"public_values", public_values_json(pvs)},
          {"phases_ms", phases}};
}

void print_shard_text(const sp1::verifier::ShardReport& r) {
  std::printf("  machine %s, %zu chips:", r.machine.c_str(), r.chips.size());
  for (const auto& c : r.chips) std::printf(" %s=%llu", c.name.c_str(), static_cast<unsigned long long>(c.rows));
  std::printf("\n  phases:");
  for (const auto& p : r.phases) std::printf(" %s %.1f ms", p.name.c_str(), p.ms);
  std::printf("\n");
}

// Runs one verification; turns the two SP1 failure kinds into the exit codes above.
// CLI::RuntimeError carries the code out of CLI11 without a second message.
template <class Fn>
void run_checked(const CliContext& ctx, Fn&& fn) {
  const auto fail = [&](const char* kind, const std::string& what, int code) {
    std::cerr << "zkgpu: " << kind << ": " << what << '\n';
    if (ctx.json) std::cout << json{{"valid", false}, {kind, what}}.dump(2) << '\n';
    throw CLI::RuntimeError(code);
  };
  try {
    fn();
  } catch (const sp1::ParseError& e) {
    fail("malformed", e.what(), kExitMalformed);
  } catch (const sp1::Rejected& e) {
    fail("rejected", e.what(), kExitRejected);
  }
}

// --vk-root / --program-vk-digest: checked by CLI11 (a usage error when malformed).
const CLI::Validator kBytes32Digest(
    [](const std::string& hex) -> std::string {
      return stage::digest_from_bytes32_hex(hex) ? ""
                                                 : "expected SP1's bytes32 form of a digest: 64 hex digits, "
                                                   "each 31-bit word below the KoalaBear modulus";
    },
    "BYTES32");

std::optional<wire::InnerDigest> digest_option(const std::string& hex) {
  if (hex.empty()) return std::nullopt;
  return stage::digest_from_bytes32_hex(hex);
}

struct WrapArgs {
  std::string vk, proof, vk_root, program_vk_digest;
};

void verify_wrap(const WrapArgs& a, const CliContext& ctx) {
  run_checked(ctx, [&] {
    const stage::WrapExpectations expect{digest_option(a.vk_root), digest_option(a.program_vk_digest)};
    const auto t0 = Clock::now();
    const auto vk = wire::decode_vk<wire::OuterConfig>(wire::read_artifact_file(a.vk));
    const auto proof = wire::decode_shard_proof<wire::OuterConfig>(wire::read_artifact_file(a.proof));
    const double decode_ms = ms_since(t0);
    const auto v = stage::verify_wrap(vk, proof, expect);
    if (ctx.json) {
      json out = shard_json(v.shard, proof.public_values);
      out["valid"] = true;
      out["vk_root"] = digest_json(v.stage.vk_root);
      out["program_vk_digest"] = digest_json(v.stage.program_vk_digest);
      out["phases_ms"]["decode"] = decode_ms;
      out["phases_ms"]["stage_checks"] = v.stage_ms;
      std::cout << out.dump(2) << '\n';
      return;
    }
    std::printf("valid: wrap proof %s\n", a.proof.c_str());
    print_shard_text(v.shard);
    std::printf("  vk root            %s\n  program vk digest  %s\n",
                stage::digest_bytes32_hex(v.stage.vk_root).c_str(),
                stage::digest_bytes32_hex(v.stage.program_vk_digest).c_str());
  });
}

void verify_compress_witness(const std::string& path, const CliContext& ctx) {
  run_checked(ctx, [&] {
    const auto t0 = Clock::now();
    const auto witness = wire::decode_compress_witness(wire::read_artifact_file(path));
    const double decode_ms = ms_since(t0);
    const auto v = stage::verify_compress_witness(witness);
    if (ctx.json) {
      json proofs = json::array();
      for (size_t i = 0; i < v.shards.size(); ++i) {
        json p = shard_json(v.shards[i], witness.vks_and_proofs[i].proof.public_values);
        p["vk_digest"] = digest_json(v.stage.vk_digests[i]);
        proofs.push_back(std::move(p));
      }
      std::cout << json{{"valid", true},
                        {"machine", "compress"},
                        {"is_complete", witness.is_complete},
                        {"vk_root", digest_json(v.stage.vk_root)},
                        {"proofs", proofs},
                        {"phases_ms", {{"decode", decode_ms}, {"stage_checks", v.stage_ms}}}}
                       .dump(2)
                << '\n';
      return;
    }
    std::printf("valid: compress witness %s, %zu proofs, vk root %s\n", path.c_str(), v.shards.size(),
                stage::digest_bytes32_hex(v.stage.vk_root).c_str());
    for (size_t i = 0; i < v.shards.size(); ++i) {
      std::printf(" proof %zu (vk %s)\n", i, stage::digest_bytes32_hex(v.stage.vk_digests[i]).c_str());
      print_shard_text(v.shards[i]);
    }
  });
}

}  // namespace

void add_sp1_commands(CLI::App& app, CliContext& ctx) {
  auto* sp1 = app.add_subcommand("sp1", "Verify SP1 v6 proofs on this host's CPU (no daemon)");
  sp1->require_subcommand(1);

  auto wrap = std::make_shared<WrapArgs>();
  auto* w = sp1->add_subcommand(
      "verify-wrap",
      "Verify SP1's wrap-stage proof: VK (bincode MachineVerifyingKey, outer config) and PROOF (bincode "
      "ShardProof). Exit 0 valid, 1 rejected, 2 unreadable or malformed");
  w->add_option("vk", wrap->vk, "wrap verifying key (e.g. SP1's wrap_vk.bin)")->required();
  w->add_option("proof", wrap->proof, "wrap shard proof (e.g. SP1's wrapped_proof.bin)")->required();
  w->add_option("--vk-root", wrap->vk_root,
                "Expected recursion vk root, as SP1's bytes32 hex (64 digits, optional 0x)")
      ->check(kBytes32Digest);
  w->add_option("--program-vk-digest", wrap->program_vk_digest,
                "Expected program vk digest, as SP1's bytes32 hex (vk.bytes32())")
      ->check(kBytes32Digest);
  w->callback([wrap, &ctx] { verify_wrap(*wrap, ctx); });

  auto file = std::make_shared<std::string>();
  auto* c = sp1->add_subcommand(
      "verify-compress-witness",
      "Verify a bincode SP1CompressWithVKeyWitnessValues: every compress proof with its vk, and each vk's "
      "Merkle path to the vk root. Exit 0 valid, 1 rejected, 2 unreadable or malformed");
  c->add_option("file", *file, "compress witness (e.g. SP1's shrink_input.bin)")->required();
  c->callback([file, &ctx] { verify_compress_witness(*file, ctx); });
}

}  // namespace zkgpu::cli
