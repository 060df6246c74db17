// zkgpud's process life: signals, the socket file (stale files, a live daemon
// already there, file modes, systemd socket activation) and startup errors.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "daemon/exit_codes.hpp"
#include "daemon_process.hpp"
#include "ping_example.hpp"
#include "raw_conn.hpp"
#include "zkgpu/version.hpp"

namespace zkgpu::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> base_args(const std::string& socket) {
  return {"--socket", socket, "--backend", test_backend()};
}

unsigned file_mode(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

// A Unix socket bound at `path`; listening when `listen_too`. The fd is
// returned open (close-on-exec not set, as systemd passes it).
int bound_socket(const std::string& path, bool listen_too) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  EXPECT_GE(fd, 0);
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
  EXPECT_EQ(::bind(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a), 0) << std::strerror(errno);
  if (listen_too) {
    EXPECT_EQ(::listen(fd, 16), 0);
  }
  return fd;
}

TEST(Lifecycle, SigtermRemovesTheSocketAndExitsZero) {
  RunningDaemon d;
  expect_serving(d.socket());
  RawConn idle(d.socket());  // an idle client must not hold the shutdown up
  ASSERT_TRUE(fs::exists(d.socket()));
  EXPECT_EQ(d.process().stop(SIGTERM), 0) << d.process().log();
  EXPECT_FALSE(fs::exists(d.socket())) << "socket file left behind";
  EXPECT_TRUE(idle.closed_by_peer());
  EXPECT_NE(d.process().log().find("SIGTERM received"), std::string::npos) << d.process().log();
}

TEST(Lifecycle, SigintRemovesTheSocketAndExitsZero) {
  RunningDaemon d;
  EXPECT_EQ(d.process().stop(SIGINT), 0) << d.process().log();
  EXPECT_FALSE(fs::exists(d.socket()));
}

TEST(Lifecycle, SecondDaemonOnTheSamePathRefusesToStart) {
  RunningDaemon first;
  DaemonProcess second(base_args(first.socket()), first.dir().file("second.log"));
  EXPECT_EQ(second.wait_exit(), exit_code::kAlreadyRunning);
  EXPECT_NE(second.log().find("another daemon is serving " + first.socket()), std::string::npos) << second.log();
  // The refused daemon left the live one's socket alone.
  ASSERT_TRUE(fs::exists(first.socket()));
  expect_serving(first.socket());
}

TEST(Lifecycle, StaleSocketFileIsReplaced) {
  TempDir dir;
  const std::string path = dir.file("d.sock");
  ::close(bound_socket(path, false));  // a socket file nobody listens on, as after a crash
  ASSERT_TRUE(fs::is_socket(path));
  DaemonProcess d(base_args(path), dir.file("zkgpud.log"));
  ASSERT_TRUE(d.wait_accepting(path)) << d.log();
  expect_serving(path);
  EXPECT_NE(d.log().find("removed stale socket file " + path), std::string::npos) << d.log();
  EXPECT_EQ(d.stop(), 0);
}

TEST(Lifecycle, RegularFileAtTheSocketPathIsNotRemoved) {
  TempDir dir;
  const std::string path = dir.file("d.sock");
  std::ofstream(path) << "precious";
  DaemonProcess d(base_args(path), dir.file("zkgpud.log"));
  EXPECT_EQ(d.wait_exit(), exit_code::kStartupFailed);
  EXPECT_NE(d.log().find("not a socket"), std::string::npos) << d.log();
  EXPECT_EQ(read_file(path), "precious");
}

TEST(Lifecycle, SocketModeIs0660ByDefault) {
  RunningDaemon d;
  EXPECT_EQ(file_mode(d.socket()), 0660u);
}

TEST(Lifecycle, SocketModeFlagIsHonoured) {
  for (const auto& [flag, mode] : {std::pair{"0600", 0600u}, std::pair{"0666", 0666u}}) {
    RunningDaemon d({"--socket-mode", flag});
    EXPECT_EQ(file_mode(d.socket()), mode) << "--socket-mode " << flag;
  }
}

TEST(Lifecycle, SocketActivationServesAndLeavesTheSocketFile) {
  TempDir dir;
  const std::string path = dir.file("activated.sock");
  const std::string unused = dir.file("unused.sock");
  const int listen_fd = bound_socket(path, true);
  // --socket is ignored under activation: the daemon must not bind it.
  DaemonProcess d({"--backend", test_backend(), "--socket", unused}, dir.file("zkgpud.log"), {}, listen_fd);
  ::close(listen_fd);  // the daemon holds the only copy now
  expect_serving(path);
  expect_serving(path);
  EXPECT_FALSE(fs::exists(unused)) << d.log();
  EXPECT_EQ(d.stop(), 0) << d.log();
  EXPECT_TRUE(fs::is_socket(path)) << "the daemon removed a socket file systemd owns";
  EXPECT_NE(d.log().find("listening on " + path), std::string::npos) << d.log();
}

// A datagram socket standing in for systemd's NOTIFY_SOCKET.
class NotifyListener {
 public:
  explicit NotifyListener(const std::string& path) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<const sockaddr*>(&a), sizeof a), 0) << std::strerror(errno);
  }
  ~NotifyListener() { ::close(fd_); }

  // The next message, or "" after `timeout`.
  std::string next(std::chrono::milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return "";
    char buf[4096];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    return n > 0 ? std::string(buf, size_t(n)) : "";
  }
  // Skips messages until one starts with `prefix`; "" if none came in time.
  std::string wait_for(const std::string& prefix, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      std::string m = next(left);
      if (m.rfind(prefix, 0) == 0) return m;
    }
    return "";
  }
  // Reads and drops every message already queued.
  void drain() {
    while (next(std::chrono::milliseconds(0)) != "") {
    }
  }

 private:
  std::string path_;
  int fd_ = -1;
};

TEST(Lifecycle, SystemdReadyWatchdogAndStoppingNotifications) {
  TempDir dir;
  const std::string sock = dir.file("d.sock");
  NotifyListener notify(dir.file("notify"));
  DaemonProcess d(base_args(sock), dir.file("zkgpud.log"),
                  {"NOTIFY_SOCKET=" + dir.file("notify"), "WATCHDOG_USEC=200000"});

  // READY comes once the socket is bound and served.
  const std::string ready = notify.wait_for("READY=1", std::chrono::seconds(20));
  ASSERT_NE(ready, "") << d.log();
  EXPECT_NE(ready.find("STATUS=serving 1 device(s) on " + sock), std::string::npos) << ready;
  expect_serving(sock);

  // Pings at half of WATCHDOG_USEC, and they keep coming. No count is expected
  // within a fixed time: a busy machine may delay the daemon or this test.
  const std::string interval = "systemd watchdog: pinging every 100 ms";
  EXPECT_NE(d.wait_for_log(interval).find(interval), std::string::npos) << d.log();
  for (int i = 0; i < 3; ++i) ASSERT_NE(notify.wait_for("WATCHDOG=1", std::chrono::seconds(20)), "") << d.log();

  // Never faster than the interval: pings are re-armed after each one is sent,
  // so after the queue is emptied at most one per 100 ms can arrive (plus one).
  // A slow machine only lowers the count.
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  notify.drain();
  int pings = 0;
  while (Clock::now() - start < std::chrono::milliseconds(1000))
    if (notify.next(std::chrono::milliseconds(100)) == "WATCHDOG=1") ++pings;
  const auto window_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  EXPECT_LE(pings, window_ms / 100 + 1) << pings << " pings in " << window_ms << " ms";

  ASSERT_EQ(::kill(d.pid(), SIGTERM), 0);
  EXPECT_NE(notify.wait_for("STOPPING=1", std::chrono::seconds(20)), "") << d.log();
  EXPECT_EQ(d.wait_exit(), 0);
}

TEST(Lifecycle, UnknownDeviceAtStartupFailsWithAClearMessage) {
  TempDir dir;
  DaemonProcess d({"--socket", dir.file("d.sock"), "--backend", test_backend(), "--device", "GPU-00000000dead"},
                  dir.file("zkgpud.log"));
  EXPECT_EQ(d.wait_exit(), exit_code::kStartupFailed);
  EXPECT_NE(d.log().find("--device: device selector 'GPU-00000000dead'"), std::string::npos) << d.log();
  EXPECT_FALSE(fs::exists(dir.file("d.sock")));
}

TEST(Lifecycle, VersionFlag) {
  TempDir dir;
  DaemonProcess d({"--version"}, dir.file("out.log"));
  EXPECT_EQ(d.wait_exit(), 0);
  EXPECT_NE(d.log().find(kVersion), std::string::npos) << d.log();
}

TEST(Lifecycle, DevicesAreLoggedAtStart) {
  RunningDaemon d;
  const std::string ready = "ready: serving 1 device(s) on " + d.socket();
  const std::string log = d.process().wait_for_log(ready);
  EXPECT_NE(log.find(ready), std::string::npos) << log;
  EXPECT_NE(log.find("device cpu "), std::string::npos) << log;
  if (test_backend() == "cuda") {
    EXPECT_NE(log.find("device cuda:0 "), std::string::npos) << log;
  }
}

}  // namespace
}  // namespace zkgpu::test
