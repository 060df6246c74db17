// sp1 verify-wrap / verify-compress-witness / verify-shard: SP1 v6 proofs checked on
// this host's CPU, no daemon. Exit 0 = valid, 1 = rejected (stderr names the failed check),
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
#include "sp1/stage/pinned.hpp"
#include "sp1/stage/verify_stage.hpp"
#include "sp1/verifier/shard_verifier.hpp"
#include "sp1/wire/decode.hpp"
#include "sp1/wire/recursion_public_values.hpp"

namespace zkgpu::cli {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
namespace stage = sp1::stage;
namespace wire = sp1::wire;
using air_kind = sp1::air::MachineKind;

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

// --sp1-features: the SP1 build the artifact comes from, when its bytes do not say.
std::optional<wire::Sp1Variant> variant_option(const std::string& name) {
  if (name.empty()) return std::nullopt;
  return wire::parse_variant(name);
}

json untrusted_config_json(const wire::UntrustedConfig& c) {
  json out{{"enable_untrusted_programs", c.enable_untrusted_programs.to_canonical()}};
  if (c.variant != wire::Sp1Variant::Mprotect) return out;
  const auto rows = [](const auto& m) {
    json a = json::array();
    for (const auto& row : m) {
      json r = json::array();
      for (const auto& x : row) r.push_back(x.to_canonical());
      a.push_back(r);
    }
    return a;
  };
  out["enable_trap_handler"] = c.enable_trap_handler.to_canonical();
  out["trap_context"] = rows(c.trap_context);
  out["untrusted_memory"] = rows(c.untrusted_memory);
  return out;
}

std::string untrusted_config_text(const wire::UntrustedConfig& c) {
  std::string s = "untrusted programs " + std::to_string(c.enable_untrusted_programs.to_canonical());
  if (c.variant != wire::Sp1Variant::Mprotect) return s;
  s += ", trap handler " + std::to_string(c.enable_trap_handler.to_canonical()) + ", trap context";
  for (const auto& row : c.trap_context)
    for (const auto& x : row) s += " " + std::to_string(x.to_canonical());
  s += ", untrusted memory";
  for (const auto& row : c.untrusted_memory)
    for (const auto& x : row) s += " " + std::to_string(x.to_canonical());
  return s;
}

json vk_root_json(const wire::InnerDigest& root, bool pinned) {
  json out = digest_json(root);
  out["source"] = pinned ? "sp1-pinned" : "--vk-root";
  return out;
}

struct WrapArgs {
  std::string vk, proof, vk_root, program_vk_digest, program_vk, features;
  bool wrap_vk_any = false, any_program = false;
};

void verify_wrap(const WrapArgs& a, const CliContext& ctx) {
  run_checked(ctx, [&] {
    // --program-vk: the program's SP1VerifyingKey (bincode, inner config, either build
    // by its size, as `sp1 setup` writes it); the proof must name its digest.
    std::optional<wire::InnerDigest> program_digest = digest_option(a.program_vk_digest);
    if (!a.program_vk.empty())
      program_digest = stage::vk_digest(wire::decode_vk<wire::InnerConfig>(wire::read_artifact_file(a.program_vk)));
    const stage::WrapPolicy policy{a.wrap_vk_any, digest_option(a.vk_root), program_digest, a.any_program};
    const auto t0 = Clock::now();
    const auto vk_bytes = wire::read_artifact_file(a.vk);
    const auto variant = variant_option(a.features);
    const auto vk = variant ? wire::decode_vk_as<wire::OuterConfig>(vk_bytes, *variant)
                            : wire::decode_vk<wire::OuterConfig>(vk_bytes);
    const auto proof = wire::decode_shard_proof<wire::OuterConfig>(wire::read_artifact_file(a.proof));
    const double decode_ms = ms_since(t0);
    const auto v = stage::verify_wrap(vk, proof, policy);
    const std::string wrap_vk = v.sp1_wrap_vk ? "sp1" : "other (--wrap-vk-any)";
    const std::string program = v.stage.program_bound ? "bound" : "any (--any-program)";
    if (ctx.json) {
      json out = shard_json(v.shard, proof.public_values);
      out["valid"] = true;
      out["variant"] = wire::variant_name(v.variant);
      out["untrusted_config"] = untrusted_config_json(vk.untrusted_config);
      out["wrap_vk"] = wrap_vk;
      out["vk_root"] = vk_root_json(v.stage.vk_root, v.vk_root_pinned);
      out["program_vk_digest"] = digest_json(v.stage.program_vk_digest);
      out["program"] = program;
      out["phases_ms"]["decode"] = decode_ms;
      out["phases_ms"]["stage_checks"] = v.stage_ms;
      std::cout << out.dump(2) << '\n';
      return;
    }
    std::printf("valid: wrap proof %s (SP1 %s build)\n", a.proof.c_str(),
                std::string(wire::variant_name(v.variant)).c_str());
    print_shard_text(v.shard);
    std::printf("  untrusted config   %s\n  wrap vk            %s\n",
                untrusted_config_text(vk.untrusted_config).c_str(), wrap_vk.c_str());
    std::printf("  vk root            %s (%s)\n  program vk digest  %s (%s)\n",
                stage::digest_bytes32_hex(v.stage.vk_root).c_str(),
                v.vk_root_pinned ? "SP1's pinned root" : "--vk-root",
                stage::digest_bytes32_hex(v.stage.program_vk_digest).c_str(), program.c_str());
  });
}

struct CompressArgs {
  std::string file, vk_root, features;
  bool allow_incomplete = false;
};

void verify_compress_witness(const CompressArgs& a, const CliContext& ctx) {
  run_checked(ctx, [&] {
    const stage::CompressPolicy policy{digest_option(a.vk_root), a.allow_incomplete};
    const auto t0 = Clock::now();
    const auto bytes = wire::read_artifact_file(a.file);
    const auto variant = variant_option(a.features);
    const auto witness =
        variant ? wire::decode_compress_witness_as(bytes, *variant) : wire::decode_compress_witness(bytes);
    const double decode_ms = ms_since(t0);
    const auto v = stage::verify_compress_witness(witness, policy);
    if (ctx.json) {
      json proofs = json::array();
      for (size_t i = 0; i < v.shards.size(); ++i) {
        const auto& vp = witness.vks_and_proofs[i];
        json p = shard_json(v.shards[i], vp.proof.public_values);
        p["vk_digest"] = digest_json(v.stage.vk_digests[i]);
        p["untrusted_config"] = untrusted_config_json(vp.vk.untrusted_config);
        proofs.push_back(std::move(p));
      }
      std::cout << json{{"valid", true},
                        {"machine", "compress"},
                        {"variant", wire::variant_name(v.variant)},
                        {"is_complete", v.stage.is_complete},
                        {"vk_root", vk_root_json(v.stage.vk_root, v.vk_root_pinned)},
                        {"aggregate_public_values", public_values_json(v.stage.aggregate)},
                        {"proofs", proofs},
                        {"phases_ms", {{"decode", decode_ms}, {"stage_checks", v.stage_ms}}}}
                       .dump(2)
                << '\n';
      return;
    }
    std::printf("valid: compress witness %s (SP1 %s build), %zu proofs, %s, vk root %s (%s)\n", a.file.c_str(),
                std::string(wire::variant_name(v.variant)).c_str(), v.shards.size(),
                v.stage.is_complete ? "complete" : "not complete", stage::digest_bytes32_hex(v.stage.vk_root).c_str(),
                v.vk_root_pinned ? "SP1's pinned root" : "--vk-root");
    for (size_t i = 0; i < v.shards.size(); ++i) {
      const auto& vk = witness.vks_and_proofs[i].vk;
      std::printf(" proof %zu (vk %s; %s)\n", i, stage::digest_bytes32_hex(v.stage.vk_digests[i]).c_str(),
                  untrusted_config_text(vk.untrusted_config).c_str());
      print_shard_text(v.shards[i]);
    }
  });
}

struct ShardArgs {
  std::string machine, vk, proof;
};

// One shard proof of the compress machine (inner configuration) or the wrap
// machine (outer), checked by the shard verifier alone: no stage-level checks (the
// proof's public values are whatever its program committed).
template <class C>
void verify_shard_as(const ShardArgs& a, air_kind kind, const CliContext& ctx) {
  const auto t0 = Clock::now();
  const auto vk = wire::decode_vk<C>(wire::read_artifact_file(a.vk));
  const auto proof = wire::decode_shard_proof<C>(wire::read_artifact_file(a.proof));
  const double decode_ms = ms_since(t0);
  const auto report = sp1::verifier::verify_shard(vk, proof, kind);
  if (ctx.json) {
    json out = shard_json(report, proof.public_values);
    out["valid"] = true;
    out["config"] = std::string(C::kName);
    out["phases_ms"]["decode"] = decode_ms;
    std::cout << out.dump(2) << '\n';
    return;
  }
  std::printf("valid: %s shard proof %s\n", a.machine.c_str(), a.proof.c_str());
  print_shard_text(report);
}

void verify_shard(const ShardArgs& a, const CliContext& ctx) {
  run_checked(ctx, [&] {
    if (a.machine == "wrap")
      verify_shard_as<wire::OuterConfig>(a, air_kind::Wrap, ctx);
    else
      verify_shard_as<wire::InnerConfig>(a, air_kind::Compress, ctx);
  });
}

}  // namespace

void add_sp1_commands(CLI::App& app, CliContext& ctx) {
  auto* sp1 = app.add_subcommand("sp1", "SP1 v6 programs and proofs: verify, prove recursion shards, execute guests");
  sp1->require_subcommand(1);
  const std::string features_help =
      "SP1 build the artifact comes from: default, or mprotect (its vks carry the trap and untrusted-memory "
      "config). Needed only where the bytes do not tell";
  const std::string vk_root_help =
      "Expected recursion vk root, as SP1's bytes32 hex (64 digits, optional 0x), replacing SP1 v6.4's "
      "pinned root (which the mprotect build does not have)";

  auto wrap = std::make_shared<WrapArgs>();
  auto* w = sp1->add_subcommand(
      "verify-wrap",
      "Verify SP1's wrap-stage proof: VK (bincode MachineVerifyingKey, outer config) and PROOF (bincode "
      "ShardProof). By default the vk must be SP1 v6.4's own and the proof must name SP1's pinned vk root. "
      "Exit 0 valid, 1 rejected, 2 unreadable or malformed");
  w->add_option("vk", wrap->vk, "wrap verifying key (e.g. SP1's wrap_vk.bin)")->required();
  w->add_option("proof", wrap->proof, "wrap shard proof (e.g. SP1's wrapped_proof.bin)")->required();
  w->add_option("--sp1-features", wrap->features, features_help + " (the wrap vk's size does)")
      ->check(CLI::IsMember({"default", "mprotect"}));
  w->add_flag("--wrap-vk-any", wrap->wrap_vk_any, "Accept a wrap vk other than SP1 v6.4's own (reported)");
  w->add_option("--vk-root", wrap->vk_root, vk_root_help)->check(kBytes32Digest);
  auto* program = w->add_option_group("program binding", "What program the proof must be of (one is required)");
  program
      ->add_option("--program-vk-digest", wrap->program_vk_digest,
                   "Expected program vk digest, as SP1's bytes32 hex (vk.bytes32())")
      ->check(kBytes32Digest);
  program->add_option("--program-vk", wrap->program_vk,
                      "The program's verifying key (bincode SP1VerifyingKey, e.g. from `zkgpu sp1 setup --vk-out`); "
                      "the proof must name its digest");
  program->add_flag("--any-program", wrap->any_program, "Accept a proof of any program (reported)");
  program->require_option(1);
  w->callback([wrap, &ctx] { verify_wrap(*wrap, ctx); });

  auto compress = std::make_shared<CompressArgs>();
  auto* c = sp1->add_subcommand(
      "verify-compress-witness",
      "Verify a bincode SP1CompressWithVKeyWitnessValues: every compress proof with its vk, each vk's Merkle "
      "path to SP1's pinned vk root, the chaining between the proofs and, when complete, SP1's completeness "
      "checks. Exit 0 valid, 1 rejected, 2 unreadable or malformed");
  c->add_option("file", compress->file, "compress witness (e.g. SP1's shrink_input.bin)")->required();
  c->add_option("--sp1-features", compress->features, features_help + " (a witness reading as both)")
      ->check(CLI::IsMember({"default", "mprotect"}));
  c->add_option("--vk-root", compress->vk_root, vk_root_help)->check(kBytes32Digest);
  c->add_flag("--allow-incomplete", compress->allow_incomplete,
              "Accept a witness not marked complete (a compose step rather than the shrink program's input)");
  c->callback([compress, &ctx] { verify_compress_witness(*compress, ctx); });

  auto shard = std::make_shared<ShardArgs>();
  auto* s = sp1->add_subcommand(
      "verify-shard",
      "Verify one shard proof of SP1's recursion machine (compress: inner configuration; wrap: outer) against "
      "its vk, with the shard verifier only (no stage checks). Exit 0 valid, 1 rejected, 2 unreadable or "
      "malformed");
  s->add_option("--machine", shard->machine, "The machine the proof is of")
      ->required()
      ->check(CLI::IsMember({"compress", "wrap"}));
  s->add_option("vk", shard->vk, "bincode MachineVerifyingKey (e.g. from sp1 prove-recursion --vk-out)")->required();
  s->add_option("proof", shard->proof, "bincode ShardProof")->required();
  s->callback([shard, &ctx] { verify_shard(*shard, ctx); });
}

}  // namespace zkgpu::cli
