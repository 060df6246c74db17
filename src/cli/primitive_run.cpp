// In-process execution of a primitive op for `zkgpu primitive --local`.
#include "cli/primitive_run.hpp"

#include <memory>
#include <string>

#include "backends/backend.hpp"
#include "pipelines/pipeline.hpp"
#include "zkgpu/error.hpp"

#if defined(ZKGPU_HAVE_CUDA)
#include "backends/cuda/cuda_backend.hpp"
#endif

namespace zkgpu::cli::primitive {
namespace {

std::unique_ptr<Backend> make_backend(std::string_view name) {
  if (name == "cpu") return make_cpu_backend();
  if (name == "cuda") {
#if defined(ZKGPU_HAVE_CUDA)
    return make_cuda_backend(0);
#else
    throw Error(ErrorCode::no_such_device, "--backend cuda: this zkgpu was built without CUDA (use --backend cpu)");
#endif
  }
  throw Error(ErrorCode::invalid_argument, "unknown backend '" + std::string(name) + "' (use cpu or cuda)");
}

}  // namespace

std::vector<uint8_t> run_local(proto::Op op, std::span<const uint8_t> body, std::string_view backend_name) {
  const OpHandler* handler = find_handler(op);
  if (!handler)
    throw Error(ErrorCode::unknown_op, std::string("op ") + proto::op_name(op) + " has no handler in this build");
  if (handler->run_on_host) return handler->run_on_host(std::stop_token{}, [](const proto::Progress&) {}, body);
  const std::unique_ptr<Backend> backend = make_backend(backend_name);
  const uint64_t need = handler->estimate_bytes ? handler->estimate_bytes(body) : 0;
  const uint64_t total = backend->memory().total_bytes;
  if (need > total)
    throw Error(ErrorCode::out_of_memory, "the job needs " + std::to_string(need) + " bytes of memory; " +
                                              backend->describe() + " has " + std::to_string(total) +
                                              " in total, so it cannot run there even alone");
  const PipelineConfig config;
  JobContext ctx{*backend, std::string(backend_name), config, [](const proto::Progress&) {}, std::stop_token{}};
  return handler->run(ctx, body);
}

}  // namespace zkgpu::cli::primitive
