#pragma once
// Test fixture pieces for running the real zkgpud executable: a fresh temporary
// directory, a daemon child process (stdout/stderr to a log file) that is killed
// when the test ends, and waiting until its socket accepts connections.
//
// The executable is ZKGPUD_PATH (set by CMake), or the environment variable
// ZKGPUD when set (for running the built tests elsewhere). The backend is "cpu",
// or the environment variable ZKGPU_IT_BACKEND (e.g. "cuda" on a GPU machine).
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <exception>
#include <iostream>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace zkgpu::test {

using namespace std::chrono_literals;

// A directory under $TMPDIR (or /tmp), removed with its contents at the end.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/zkgpud-it-XXXXXX";
    // Socket paths must stay under 108 bytes; fall back to /tmp for deep TMPDIRs.
    if (tmpl.size() > 60) tmpl = "/tmp/zkgpud-it-XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (!::mkdtemp(buf.data())) throw std::runtime_error("mkdtemp failed: " + std::string(std::strerror(errno)));
    path_ = buf.data();
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline std::string zkgpud_path() {
  if (const char* p = std::getenv("ZKGPUD"); p && *p) return p;
  return ZKGPUD_PATH;
}

inline std::string test_backend() {
  if (const char* b = std::getenv("ZKGPU_IT_BACKEND"); b && *b) return b;
  return "cpu";
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// True when a connection to `path` is accepted right now.
inline bool socket_accepts(const std::string& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
  const bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

// One zkgpud child process. The destructor kills it (SIGKILL) if it still runs.
class DaemonProcess {
 public:
  // Starts `zkgpud args...` with stdout and stderr appended to `log_path`.
  // `extra_env` entries ("NAME=value") are added to the inherited environment.
  // With `listen_fd` >= 0 the child gets it as systemd socket activation passes
  // one: as fd 3, with LISTEN_FDS=1 and LISTEN_PID set to the child's own pid.
  DaemonProcess(const std::vector<std::string>& args, std::string log_path,
                const std::vector<std::string>& extra_env = {}, int listen_fd = -1)
      : log_path_(std::move(log_path)) {
    std::vector<std::string> argv_s{zkgpud_path()};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_s) argv.push_back(s.data());
    argv.push_back(nullptr);

    std::vector<std::string> env_s;
    for (char** e = environ; *e; ++e) env_s.emplace_back(*e);
    env_s.insert(env_s.end(), extra_env.begin(), extra_env.end());
    if (listen_fd >= 0) env_s.emplace_back("LISTEN_FDS=1");
    std::vector<char*> envp;
    for (auto& s : env_s) envp.push_back(s.data());
    char listen_pid[32] = "LISTEN_PID=";  // the digits are written in the child
    if (listen_fd >= 0) envp.push_back(listen_pid);
    envp.push_back(nullptr);

    const int log_fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log_fd < 0) throw std::runtime_error("cannot open " + log_path_);
    pid_ = ::fork();
    if (pid_ < 0) {
      ::close(log_fd);
      throw std::runtime_error("fork failed");
    }
    if (pid_ == 0) {
      ::dup2(log_fd, 1);
      ::dup2(log_fd, 2);
      if (listen_fd >= 0) {
        // dup2 clears close-on-exec on the copy; fd 3 itself may need it cleared.
        if (listen_fd != 3 ? ::dup2(listen_fd, 3) < 0 : ::fcntl(3, F_SETFD, 0) < 0) ::_exit(126);
        write_decimal(listen_pid + 11, static_cast<unsigned long>(::getpid()));
      }
      ::execve(argv[0], argv.data(), envp.data());
      ::_exit(127);
    }
    ::close(log_fd);
  }

  ~DaemonProcess() {
    if (running()) {
      ::kill(pid_, SIGKILL);
      int st = 0;
      ::waitpid(pid_, &st, 0);
    }
  }
  DaemonProcess(const DaemonProcess&) = delete;
  DaemonProcess& operator=(const DaemonProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running() { return poll_exit(), !exit_status_; }
  std::string log() const { return read_file(log_path_); }

  // Waits until `socket_path` accepts a connection. False when the process
  // exited first or the time ran out (the log says why).
  bool wait_accepting(const std::string& socket_path, std::chrono::milliseconds timeout = 20s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (!running()) return false;
      if (socket_accepts(socket_path)) return true;
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }

  // Waits until the log contains `text` (lines are written as they happen, but
  // after the socket may already accept). Returns the log as last read.
  std::string wait_for_log(const std::string& text, std::chrono::milliseconds timeout = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string l = log();
    while (l.find(text) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(10ms);
      l = log();
    }
    return l;
  }

  // The exit status once the process ended within `timeout`: the exit code, or
  // 128 + signal number when a signal ended it.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout = 15s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      poll_exit();
      if (exit_status_ || std::chrono::steady_clock::now() >= deadline) return exit_status_;
      std::this_thread::sleep_for(5ms);
    }
  }

  // Sends `sig` and waits for the exit status.
  std::optional<int> stop(int sig = SIGTERM, std::chrono::milliseconds timeout = 15s) {
    if (running()) ::kill(pid_, sig);
    return wait_exit(timeout);
  }

 private:
  // Async-signal-safe: writes n in decimal and a terminating NUL.
  static void write_decimal(char* out, unsigned long n) {
    char rev[24];
    int k = 0;
    do {
      rev[k++] = static_cast<char>('0' + n % 10);
      n /= 10;
    } while (n);
    while (k) *out++ = rev[--k];
    *out = '\0';
  }

  void poll_exit() {
    if (exit_status_) return;
    int st = 0;
    if (::waitpid(pid_, &st, WNOHANG) == pid_) {
      if (WIFEXITED(st)) exit_status_ = WEXITSTATUS(st);
      else if (WIFSIGNALED(st)) exit_status_ = 128 + WTERMSIG(st);
    }
  }

  std::string log_path_;
  pid_t pid_ = -1;
  std::optional<int> exit_status_;
};

// The usual case: a daemon on `<dir>/d.sock` with the test backend, started and
// accepting. Extra flags go after the defaults.
class RunningDaemon {
 public:
  explicit RunningDaemon(const std::vector<std::string>& extra_args = {}) {
    std::vector<std::string> args{"--socket", socket(), "--backend", test_backend(), "--log-level", "info"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    process_.emplace(args, dir_.file("zkgpud.log"));
    if (!process_->wait_accepting(socket()))
      throw std::runtime_error("zkgpud did not start accepting on " + socket() + "; its log:\n" + process_->log());
  }

  // A failed test (or one left by an exception) shows the end of the daemon's log.
  ~RunningDaemon() {
    if (!::testing::Test::HasFailure() && std::uncaught_exceptions() == 0) return;
    const std::string log = process_->log();
    std::cerr << "---- end of the zkgpud log ----\n" << log.substr(log.size() > 8000 ? log.size() - 8000 : 0);
  }

  std::string socket() const { return dir_.file("d.sock"); }
  const TempDir& dir() const { return dir_; }
  DaemonProcess& process() { return *process_; }

 private:
  TempDir dir_;
  std::optional<DaemonProcess> process_;
};

}  // namespace zkgpu::test
