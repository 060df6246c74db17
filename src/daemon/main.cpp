// zkgpud: parse flags, pick devices, start one worker per device, bind the
// sockets, serve until SIGTERM/SIGINT, then shut down in order.
#include <spdlog/spdlog.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <csignal>
#include <cstdlib>
#include <functional>
#include <future>
#include <thread>

#include "backends/backend.hpp"
#include "common/log.hpp"
#include "daemon/device_plan.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/options.hpp"
#include "daemon/systemd.hpp"
#include "daemon/unix_socket.hpp"
#include "scheduler/scheduler.hpp"
#include "server/server.hpp"
#include "zkgpu/version.hpp"

#if ZKGPU_HAVE_CUDA
#include "backends/cuda/cuda_backend.hpp"
#endif

namespace zkgpu {
namespace {

namespace asio = boost::asio;

DeviceWorker::BackendFactory backend_factory(const DeviceInfo& d, const DaemonOptions& o) {
#if ZKGPU_HAVE_CUDA
  if (d.backend == BackendKind::cuda) return [ordinal = d.ordinal] { return make_cuda_backend(ordinal); };
#endif
  return [threads = o.cpu_threads] { return make_cpu_backend(threads); };
}

void log_devices(const DevicePlan& plan) {
  for (const auto& d : plan.present) {
    const bool served = std::any_of(plan.served.begin(), plan.served.end(), [&](const DeviceInfo& s) { return s.id == d.id; });
    spdlog::info("device {}{}", describe(d), served ? " [served]" : "");
  }
}

// Pings the systemd watchdog from the io_context, so a wedged event loop stops the pings.
void start_watchdog(asio::steady_timer& timer, std::chrono::microseconds interval) {
  timer.expires_after(interval);
  timer.async_wait([&timer, interval](const boost::system::error_code& ec) {
    if (ec) return;
    systemd::notify_watchdog();
    start_watchdog(timer, interval);
  });
}

int run(const DaemonOptions& o) {
  spdlog::info("zkgpud {} starting (protocol {})", kVersion, kProtocolVersion);
  std::vector<ListenSocket> activated = activated_sockets();
  const char* visible = std::getenv("CUDA_VISIBLE_DEVICES");
  DevicePlan plan = plan_devices(o, visible ? std::optional<std::string>(visible) : std::nullopt, activated.size());
  if (plan.cuda.runtime_version && plan.cuda.driver_version)  // without a driver the fallback line said it
    spdlog::info("CUDA runtime {}, driver supports CUDA {}", cuda_version_string(plan.cuda.runtime_version),
                 cuda_version_string(plan.cuda.driver_version));
  log_devices(plan);

  Scheduler scheduler(PipelineConfig{o.key_cache_bytes, o.self_verify});
  for (const auto& d : plan.served) {
    try {
      const size_t i = scheduler.add_device(d, backend_factory(d, o));
      spdlog::info("{}: worker ready ({})", d.id, scheduler.worker(i).backend_description());
    } catch (const std::exception& e) {
      throw StartupError(exit_code::kStartupFailed, d.id + ": backend failed to start: " + e.what());
    }
  }

  std::vector<ListenSocket> sockets = std::move(activated);
  try {
    for (const auto& path : plan.sockets) sockets.push_back(bind_unix_socket(path, o.socket_mode));
  } catch (...) {
    remove_socket_files(sockets);
    throw;
  }

  ServerContext ctx(scheduler, plan.present, plan.served);
  ctx.max_frame_bytes = o.max_frame_bytes;
  ctx.frame_timeout = std::chrono::seconds(o.frame_timeout_s);
  if (plan.cuda.runtime_version) ctx.cuda_runtime = cuda_version_string(plan.cuda.runtime_version);
  if (plan.cuda.driver_version) ctx.cuda_driver = cuda_version_string(plan.cuda.driver_version);

  asio::io_context ioc;
  Server server(ioc, ctx);
  for (size_t i = 0; i < sockets.size(); ++i) server.add_listener(sockets[i].fd, i, sockets[i].path);
  server.start();

  std::promise<int> stop_signal;
  asio::signal_set signals(ioc, SIGTERM, SIGINT);
  signals.async_wait([&](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    ctx.shutting_down = true;
    systemd::notify_stopping();
    server.stop_accepting();
    stop_signal.set_value(sig);
  });
  asio::steady_timer watchdog(ioc);
  if (auto interval = systemd::watchdog_ping_interval()) {
    spdlog::info("systemd watchdog: pinging every {} ms", interval->count() / 1000);
    start_watchdog(watchdog, *interval);
  }

  auto work = asio::make_work_guard(ioc);
  std::vector<std::thread> io_threads;
  std::atomic<unsigned> io_running{o.io_threads};
  std::promise<void> io_done;
  for (unsigned i = 0; i < o.io_threads; ++i)
    io_threads.emplace_back([&] {
      ioc.run();
      if (--io_running == 0) io_done.set_value();
    });

  std::string paths;
  for (const auto& s : sockets) paths += (paths.empty() ? "" : ", ") + s.path;
  systemd::notify_ready("serving " + std::to_string(plan.served.size()) + " device(s) on " + paths);
  spdlog::info("ready: serving {} device(s) on {}", plan.served.size(), paths);

  const int sig = stop_signal.get_future().get();
  spdlog::info("{} received: shutting down (running jobs get up to {} s)", sig == SIGTERM ? "SIGTERM" : "SIGINT",
               o.shutdown_grace_s);
  const bool workers_stopped = scheduler.shutdown(std::chrono::seconds(o.shutdown_grace_s));
  // Replies owed to clients (including the shutting_down ones) go out; then
  // the connections close and the event loop runs dry.
  server.close_connections();
  asio::post(ioc, [&] {
    signals.cancel();
    watchdog.cancel();
  });
  work.reset();
  if (io_done.get_future().wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
    spdlog::warn("connections did not close within 5 s; dropping them");
    ioc.stop();
  }
  for (auto& t : io_threads) t.join();
  remove_socket_files(sockets);
  spdlog::info("stopped");
  spdlog::default_logger()->flush();
  if (!workers_stopped) std::_Exit(exit_code::kOk);  // a job ignored cancellation; do not wait for it
  return exit_code::kOk;
}

}  // namespace
}  // namespace zkgpu

int main(int argc, char** argv) {
  using namespace zkgpu;
  DaemonOptions options;
  if (const int code = parse_options(argc, argv, options); code >= 0) return code;
  try {
    setup_logging(options.log_level);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "zkgpud: %s\n", e.what());
    return exit_code::kStartupFailed;
  }
  std::signal(SIGPIPE, SIG_IGN);  // a client that vanishes mid-write is an error code, not a signal
  try {
    return run(options);
  } catch (const StartupError& e) {
    spdlog::critical("{}", e.what());
    return e.exit_code;
  } catch (const std::exception& e) {
    spdlog::critical("startup failed: {}", e.what());
    return exit_code::kStartupFailed;
  }
}
