// primitive: one field / NTT / LDE / Poseidon2 / Merkle operation on a JSON
// object read from stdin, answered as one JSON object on stdout, computed by the
// daemon or (--local) in this process by the same handler code.
#include <iostream>
#include <iterator>
#include <memory>

#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "cli/primitive_json.hpp"
#include "cli/primitive_run.hpp"

namespace zkgpu::cli {
namespace {

using nlohmann::json;

struct PrimitiveOptions {
  std::string op;
  std::string field;
  std::string backend;  // "" = cpu with --local, the daemon's default device otherwise
  bool local = false;
};

primitive::Json read_stdin_json() {
  const std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  try {
    return primitive::Json::parse(text);
  } catch (const primitive::Json::parse_error& e) {
    throw Error(ErrorCode::bad_request, std::string("stdin is not one valid JSON value: ") + e.what());
  }
}

// The selector of a served device of kind `backend`: the daemon's default device
// when it is of that kind, else the first served one.
std::string device_for_backend(const CliContext& ctx, const std::string& backend) {
  if (backend == "cpu") return "cpu";
  const json devices = parse_json_body(ctx.call(proto::Op::devices).body, "devices");
  std::string first;
  if (devices.is_array())
    for (const json& d : devices) {
      if (!d.is_object() || d.value("backend", "") != backend || !d.value("served", false)) continue;
      if (d.value("default", false)) return d.value("id", "");
      if (first.empty()) first = d.value("id", "");
    }
  if (first.empty())
    throw Error(ErrorCode::no_such_device, "the daemon at " + ctx.socket + " serves no " + backend + " device");
  return first;
}

void run_primitive(const CLI::App& app, const CliContext& ctx, const PrimitiveOptions& o) {
  if (o.local && app.get_option("--socket")->count() > 0)
    throw Error(ErrorCode::invalid_argument, "--local and --socket exclude each other");
  const primitive::Json in = read_stdin_json();
  const auto request = primitive::encode_request(o.op, stark_body::parse_field(o.field), in);
  std::vector<uint8_t> reply;
  if (o.local) {
    reply = primitive::run_local(request.op, request.body, o.backend.empty() ? "cpu" : o.backend);
  } else {
    CliContext daemon = ctx;
    if (!o.backend.empty() && daemon.device.empty()) daemon.device = device_for_backend(ctx, o.backend);
    reply = daemon.call(request.op, request.body).body;
  }
  std::cout << primitive::decode_reply(o.op, reply).dump() << '\n';
}

}  // namespace

void add_primitive_commands(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand(
      "primitive",
      "Run one primitive (mul add sub inv ext-mul ntt intt lde poseidon2 merkle-commit) on one JSON object "
      "from stdin; prints one JSON object");
  auto o = std::make_shared<PrimitiveOptions>();
  cmd->add_option("op", o->op, "mul | add | sub | inv | ext-mul | ntt | intt | lde | poseidon2 | merkle-commit")
      ->required()
      ->check(CLI::IsMember(primitive::op_names()));
  cmd->add_option("--field", o->field, "koalabear | babybear | bn254")
      ->required()
      ->check(CLI::IsMember({"koalabear", "babybear", "bn254"}));
  cmd->add_option("--backend", o->backend,
                  "cpu | cuda: with --local the backend to create (default cpu); otherwise a daemon device of "
                  "that kind (default: the daemon's default device; --device overrides)")
      ->check(CLI::IsMember({"cpu", "cuda"}));
  cmd->add_flag("--local", o->local, "Compute in this process (same handler code as the daemon) instead of the daemon");
  cmd->callback([&app, &ctx, o] { run_primitive(app, ctx, *o); });
}

}  // namespace zkgpu::cli
