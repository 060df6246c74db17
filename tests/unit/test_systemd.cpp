// The systemd protocols zkgpud implements itself (sd_notify(3), sd_listen_fds(3),
// sd_watchdog_enabled(3)), against plain POSIX sockets standing in for systemd.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "daemon/systemd.hpp"

namespace zkgpu::systemd {
namespace {

using namespace std::chrono_literals;

const char* const kVariables[] = {"NOTIFY_SOCKET", "WATCHDOG_USEC",  "WATCHDOG_PID",
                                  "LISTEN_PID",    "LISTEN_FDS",     "LISTEN_FDNAMES"};

bool is_set(const char* name) { return std::getenv(name) != nullptr; }
void set(const char* name, const std::string& value) { ::setenv(name, value.c_str(), 1); }

// Every test starts and ends without any systemd variable set.
class Systemd : public ::testing::Test {
 protected:
  void SetUp() override { clear(); }
  void TearDown() override { clear(); }
  static void clear() {
    for (const char* v : kVariables) ::unsetenv(v);
  }
};

// A bound datagram socket, as systemd's notification socket. `abstract`: the
// name lives in Linux's abstract namespace (address = NUL + name, no terminator).
class Receiver {
 public:
  Receiver(const std::string& name, bool abstract) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::memcpy(a.sun_path + (abstract ? 1 : 0), name.data(), name.size());
    const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size() + 1);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<const sockaddr*>(&a), len), 0) << std::strerror(errno);
    if (!abstract) path_ = name;
  }
  ~Receiver() {
    ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  // The next datagram, or "" when none is waiting (notify() sends before returning).
  std::string next() {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) return "";
    char buf[4096];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    return n > 0 ? std::string(buf, size_t(n)) : "";
  }

 private:
  int fd_ = -1;
  std::string path_;
};

std::string unique_name(const std::string& what) {
  static int counter = 0;
  return "zkgpud-systemd-test-" + std::to_string(::getpid()) + "-" + what + "-" + std::to_string(counter++);
}

std::string temp_path(const std::string& what) {
  return (std::filesystem::temp_directory_path() / unique_name(what)).string();
}

TEST_F(Systemd, NotifyIsANoOpWithoutNotifySocket) {
  EXPECT_FALSE(notify("READY=1"));
  EXPECT_NO_THROW(notify_ready("serving"));
  EXPECT_NO_THROW(notify_watchdog());
  EXPECT_NO_THROW(notify_stopping());
}

TEST_F(Systemd, NotifySendsOneDatagramToASocketPath) {
  const std::string path = temp_path("notify");
  Receiver r(path, false);
  set("NOTIFY_SOCKET", path);
  EXPECT_TRUE(notify("READY=1\nSTATUS=serving"));
  EXPECT_EQ(r.next(), "READY=1\nSTATUS=serving");
  EXPECT_EQ(r.next(), "") << "one message, one datagram";
  EXPECT_TRUE(is_set("NOTIFY_SOCKET")) << "notify must leave the variable for the next message";
}

TEST_F(Systemd, NotifyReachesAnAbstractNamespaceSocket) {
  const std::string name = unique_name("abstract");
  Receiver r(name, true);
  set("NOTIFY_SOCKET", "@" + name);
  EXPECT_TRUE(notify("WATCHDOG=1"));
  EXPECT_EQ(r.next(), "WATCHDOG=1");
}

TEST_F(Systemd, TheDaemonsMessages) {
  const std::string path = temp_path("messages");
  Receiver r(path, false);
  set("NOTIFY_SOCKET", path);
  notify_ready("serving 1 device(s) on /tmp/x.sock");
  notify_watchdog();
  notify_stopping();
  EXPECT_EQ(r.next(), "READY=1\nSTATUS=serving 1 device(s) on /tmp/x.sock");
  EXPECT_EQ(r.next(), "WATCHDOG=1");
  EXPECT_EQ(r.next(), "STOPPING=1\nSTATUS=shutting down");
}

TEST_F(Systemd, BadNotifySocketIsAnErrorNamingTheAddress) {
  for (const std::string& bad : {std::string("relative/notify"), std::string(""), "/" + std::string(200, 'x'),
                                 "@" + std::string(200, 'x'), temp_path("nobody-listens")}) {
    set("NOTIFY_SOCKET", bad);
    try {
      notify("READY=1");
      ADD_FAILURE() << "no error for NOTIFY_SOCKET='" << bad << "'";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("NOTIFY_SOCKET=" + bad), std::string::npos) << e.what();
    }
    // The daemon's wrappers log the failure and go on.
    EXPECT_NO_THROW(notify_ready("serving"));
  }
}

TEST_F(Systemd, WatchdogIntervalIsHalfOfWatchdogUsec) {
  EXPECT_EQ(watchdog_ping_interval(), std::nullopt);
  set("WATCHDOG_USEC", "200000");
  EXPECT_EQ(watchdog_ping_interval(), std::chrono::microseconds(100000));
  set("WATCHDOG_USEC", "30000000");
  EXPECT_EQ(watchdog_ping_interval(), 15s);
}

TEST_F(Systemd, WatchdogPidMustBeThisProcess) {
  set("WATCHDOG_USEC", "200000");
  set("WATCHDOG_PID", std::to_string(::getpid()));
  EXPECT_EQ(watchdog_ping_interval(), std::chrono::microseconds(100000));
  set("WATCHDOG_PID", std::to_string(::getppid()));
  EXPECT_EQ(watchdog_ping_interval(), std::nullopt);
  set("WATCHDOG_PID", "not-a-pid");
  EXPECT_EQ(watchdog_ping_interval(), std::nullopt);
}

TEST_F(Systemd, MalformedWatchdogUsecMeansNoPings) {
  for (const char* bad : {"", "0", "-5", "12x", "abc", "18446744073709551615", "99999999999999999999"}) {
    set("WATCHDOG_USEC", bad);
    EXPECT_EQ(watchdog_ping_interval(), std::nullopt) << "WATCHDOG_USEC='" << bad << "'";
  }
}

// Puts a fresh listening socket at fd `n` (without close-on-exec, as systemd
// passes it), or with `open` false leaves fd `n` closed; gives fd `n` back as it
// was afterwards.
class PassedFd {
 public:
  explicit PassedFd(int n, bool open = true) : n_(n) {
    saved_ = ::fcntl(n_, F_DUPFD_CLOEXEC, 100);  // -1 when fd n was not open
    ::close(n_);
    if (!open) return;
    const int s = ::socket(AF_UNIX, SOCK_STREAM, 0);  // may land on fd n itself
    const sockaddr_un autobind{AF_UNIX, {}};  // a bare family: the kernel picks an abstract name
    EXPECT_EQ(::bind(s, reinterpret_cast<const sockaddr*>(&autobind), sizeof(sa_family_t)), 0);
    EXPECT_EQ(::listen(s, 1), 0);
    if (s != n_) {
      EXPECT_EQ(::dup2(s, n_), n_);
      ::close(s);
    }
  }
  ~PassedFd() {
    ::close(n_);
    if (saved_ >= 0) {
      ::dup2(saved_, n_);
      ::close(saved_);
    }
  }
  bool cloexec() const { return (::fcntl(n_, F_GETFD) & FD_CLOEXEC) != 0; }

 private:
  int n_;
  int saved_ = -1;
};

void set_listen_env(const std::string& pid, const std::string& fds) {
  set("LISTEN_PID", pid);
  set("LISTEN_FDS", fds);
  set("LISTEN_FDNAMES", "a:b");
}

void expect_listen_env_removed() {
  EXPECT_FALSE(is_set("LISTEN_PID"));
  EXPECT_FALSE(is_set("LISTEN_FDS"));
  EXPECT_FALSE(is_set("LISTEN_FDNAMES"));
}

TEST_F(Systemd, ListenFdsStartAtThreeAndBecomeCloseOnExec) {
  PassedFd first(kListenFdsStart), second(kListenFdsStart + 1);
  ASSERT_FALSE(first.cloexec());
  set_listen_env(std::to_string(::getpid()), "2");
  EXPECT_EQ(take_listen_fds(), (std::vector<int>{3, 4}));
  EXPECT_TRUE(first.cloexec());
  EXPECT_TRUE(second.cloexec());
  expect_listen_env_removed();
  EXPECT_TRUE(take_listen_fds().empty()) << "the fds are taken once";
}

TEST_F(Systemd, NoListenFdsWithoutListenPid) {
  EXPECT_TRUE(take_listen_fds().empty());
  set("LISTEN_FDS", "1");
  EXPECT_TRUE(take_listen_fds().empty());
  expect_listen_env_removed();
}

TEST_F(Systemd, ListenFdsMeantForAnotherProcessAreIgnored) {
  PassedFd fd(kListenFdsStart);
  set_listen_env(std::to_string(::getppid()), "1");  // inherited from the parent
  EXPECT_TRUE(take_listen_fds().empty());
  EXPECT_FALSE(fd.cloexec()) << "an fd that is not ours was touched";
  expect_listen_env_removed();
}

TEST_F(Systemd, MalformedListenVariablesAreErrors) {
  const std::string pid = std::to_string(::getpid());
  for (const auto& [listen_pid, listen_fds] : std::vector<std::pair<std::string, std::string>>{
           {pid, "0"}, {pid, "-1"}, {pid, "two"}, {pid, "1x"}, {pid, ""}, {pid, "99999999999"},
           {"abc", "1"}, {"-3", "1"}, {"", "1"}}) {
    set_listen_env(listen_pid, listen_fds);
    EXPECT_THROW(take_listen_fds(), std::runtime_error) << "LISTEN_PID=" << listen_pid << " LISTEN_FDS=" << listen_fds;
    expect_listen_env_removed();
  }
}

TEST_F(Systemd, AListenFdThatIsNotOpenIsAnError) {
  PassedFd open(kListenFdsStart), closed(kListenFdsStart + 1, false);
  set_listen_env(std::to_string(::getpid()), "2");
  try {
    take_listen_fds();
    ADD_FAILURE() << "no error for a closed fd 4";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("fd 4"), std::string::npos) << e.what();
  }
  expect_listen_env_removed();
}

}  // namespace
}  // namespace zkgpu::systemd
