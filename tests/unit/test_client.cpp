// Client library against a scripted fake daemon on a real Unix socket (plain
// POSIX calls on the server side, so the client is not tested against itself).
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <thread>

#include "zkgpu/client.hpp"
#include "zkgpu/sp1.hpp"

namespace zkgpu {
namespace {

using namespace std::chrono_literals;

bool read_all(int fd, uint8_t* p, size_t n) {
  while (n > 0) {
    const ssize_t got = ::read(fd, p, n);
    if (got <= 0) return false;
    p += got;
    n -= static_cast<size_t>(got);
  }
  return true;
}

void write_all(int fd, const std::vector<uint8_t>& bytes) {
  size_t off = 0;
  while (off < bytes.size()) {
    const ssize_t put = ::send(fd, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
    if (put <= 0) return;
    off += static_cast<size_t>(put);
  }
}

std::vector<uint8_t> read_frame(int fd) {
  std::array<uint8_t, 4> prefix{};
  if (!read_all(fd, prefix.data(), 4)) return {};
  std::vector<uint8_t> payload(proto::frame_length(prefix));
  if (!read_all(fd, payload.data(), payload.size())) return {};
  return payload;
}

void send_payload(int fd, const std::vector<uint8_t>& payload) { write_all(fd, proto::frame(payload)); }

// Accepts one connection and runs `script` on it in a thread.
class FakeDaemon {
 public:
  explicit FakeDaemon(std::function<void(int)> script) {
    path_ = (std::filesystem::temp_directory_path() /
             ("zkgpu-client-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++) +
              ".sock"))
                .string();
    ::unlink(path_.c_str());
    listen_fd_ = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path_.c_str(), sizeof(addr.sun_path) - 1);
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
        ::listen(listen_fd_, 4) != 0)
      throw std::runtime_error("fake daemon cannot listen on " + path_);
    thread_ = std::thread([this, script = std::move(script)] {
      const int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) return;
      script(fd);
      ::close(fd);
    });
  }
  ~FakeDaemon() {
    ::shutdown(listen_fd_, SHUT_RDWR);
    ::close(listen_fd_);
    thread_.join();
    ::unlink(path_.c_str());
  }
  ClientOptions options() const {
    ClientOptions o;
    o.socket_path = path_;
    o.connect_attempts = 1;
    o.io_timeout = 5s;
    return o;
  }

 private:
  static inline std::atomic<int> counter_{0};
  std::string path_;
  int listen_fd_ = -1;
  std::thread thread_;
};

TEST(Client, PingWithProgressFrames) {
  FakeDaemon daemon([](int fd) {
    const auto req = proto::decode_request(read_frame(fd));
    EXPECT_EQ(req.op, proto::Op::ping);
    EXPECT_EQ(req.flags & proto::kFlagProgress, proto::kFlagProgress);
    send_payload(fd, proto::progress_reply(req.op, req.request_id, {1, 2, "first"}));
    send_payload(fd, proto::progress_reply(req.op, req.request_id, {2, 2, "second"}));
    send_payload(fd, proto::encode_reply({req.op, req.request_id, proto::ReplyKind::result, req.body}));
  });
  Client client(daemon.options());
  std::vector<std::string> stages;
  const auto reply = client.call({proto::Op::ping, 0, 0, "", {1, 2, 3}},
                                 [&](const proto::Progress& p) { stages.push_back(p.stage); });
  EXPECT_EQ(reply.kind, proto::ReplyKind::result);
  EXPECT_EQ(reply.body, (std::vector<uint8_t>{1, 2, 3}));
  EXPECT_EQ(reply.request_id, 1u);  // first id of the connection
  EXPECT_EQ(stages, (std::vector<std::string>{"first", "second"}));
}

TEST(Client, RequestIdsIncrementAndExplicitIdsAreKept) {
  FakeDaemon daemon([](int fd) {
    for (int i = 0; i < 3; ++i) {
      const auto req = proto::decode_request(read_frame(fd));
      send_payload(fd, proto::encode_reply({req.op, req.request_id, proto::ReplyKind::result, {}}));
    }
  });
  Client client(daemon.options());
  EXPECT_EQ(client.call({proto::Op::info, 0, 0, "", {}}).request_id, 1u);
  EXPECT_EQ(client.call({proto::Op::stats, 0, 0, "", {}}).request_id, 2u);
  EXPECT_EQ(client.call({proto::Op::devices, 77, 0, "0", {}}).request_id, 77u);
}

TEST(Client, ErrorReplyIsThrownWithTheDaemonsCodeAndMessage) {
  FakeDaemon daemon([](int fd) {
    const auto req = proto::decode_request(read_frame(fd));
    send_payload(fd, proto::error_reply(req.op, req.request_id, ErrorCode::no_such_device,
                                        "no served device matches 'GPU-x'"));
    // The connection stays usable after an error reply.
    const auto again = proto::decode_request(read_frame(fd));
    send_payload(fd, proto::encode_reply({again.op, again.request_id, proto::ReplyKind::result, {}}));
  });
  Client client(daemon.options());
  try {
    client.call({proto::Op::devices, 0, 0, "GPU-x", {}});
    FAIL() << "no exception";
  } catch (const ConnectionError&) {
    FAIL() << "daemon error reported as a connection error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::no_such_device);
    EXPECT_STREQ(e.what(), "no served device matches 'GPU-x'");
  }
  EXPECT_EQ(client.call({proto::Op::ping, 0, 0, "", {}}).kind, proto::ReplyKind::result);
}

TEST(Client, ConnectionLevelErrorWithIdZeroIsThrown) {
  FakeDaemon daemon([](int fd) {
    read_frame(fd);
    send_payload(fd, proto::error_reply(static_cast<proto::Op>(0), 0, ErrorCode::frame_too_large,
                                        "frame of 9 bytes exceeds the cap"));
  });
  Client client(daemon.options());
  try {
    client.call({proto::Op::ping, 0, 0, "", {}});
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::frame_too_large);
  }
}

TEST(Client, RefusalBeforeTheRequestIsReadIsReported) {
  // The daemon answers an over-cap length prefix at once and closes without
  // reading the body; the client's write fails, yet the reply is what it reports.
  FakeDaemon daemon([](int fd) {
    std::array<uint8_t, 4> prefix{};
    read_all(fd, prefix.data(), 4);
    send_payload(fd, proto::error_reply(static_cast<proto::Op>(0), 0, ErrorCode::frame_too_large,
                                        "frame over the cap"));
    ::shutdown(fd, SHUT_RDWR);
  });
  Client client(daemon.options());
  try {
    client.call({proto::Op::ping, 0, 0, "", std::vector<uint8_t>(16u << 20, 1)});
    FAIL() << "no exception";
  } catch (const ConnectionError& e) {
    FAIL() << "reported as a connection error: " << e.what();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::frame_too_large);
    EXPECT_STREQ(e.what(), "frame over the cap");
  }
}

TEST(Client, ReplyForAnotherRequestIsBadFrame) {
  FakeDaemon daemon([](int fd) {
    const auto req = proto::decode_request(read_frame(fd));
    send_payload(fd, proto::encode_reply({req.op, req.request_id + 1, proto::ReplyKind::result, {}}));
  });
  Client client(daemon.options());
  try {
    client.call({proto::Op::ping, 0, 0, "", {}});
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::bad_frame);
  }
  // The stream is out of step, so the client closed it.
  EXPECT_THROW(client.call({proto::Op::ping, 0, 0, "", {}}), ConnectionError);
}

TEST(Client, OversizedReplyIsRefusedBeforeAllocating) {
  FakeDaemon daemon([](int fd) {
    read_frame(fd);
    write_all(fd, {0xff, 0xff, 0xff, 0xff});  // claims 4 GiB - 1
  });
  auto options = daemon.options();
  options.max_reply_bytes = 1 << 20;
  Client client(options);
  try {
    client.call({proto::Op::ping, 0, 0, "", {}});
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::frame_too_large);
  }
}

TEST(Client, GarbageReplyIsAnError) {
  FakeDaemon daemon([](int fd) {
    read_frame(fd);
    send_payload(fd, std::vector<uint8_t>(30, 0xab));
  });
  Client client(daemon.options());
  try {
    client.call({proto::Op::ping, 0, 0, "", {}});
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::bad_magic);
  }
}

TEST(Client, DaemonClosingIsAConnectionError) {
  FakeDaemon daemon([](int fd) { read_frame(fd); });
  Client client(daemon.options());
  EXPECT_THROW(client.call({proto::Op::ping, 0, 0, "", {}}), ConnectionError);
}

TEST(Client, SilentDaemonTimesOut) {
  std::atomic<bool> release{false};
  FakeDaemon daemon([&](int fd) {
    read_frame(fd);
    while (!release) std::this_thread::sleep_for(10ms);
  });
  auto options = daemon.options();
  options.io_timeout = 200ms;
  Client client(options);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(client.call({proto::Op::ping, 0, 0, "", {}}), ConnectionError);
  const auto waited = std::chrono::steady_clock::now() - start;
  release = true;
  EXPECT_GE(waited, 150ms);
  EXPECT_LT(waited, 3s);
}

TEST(Client, NoDaemonMeansConnectionErrorAfterRetries) {
  ClientOptions options;
  options.socket_path = "/nonexistent-dir/zkgpud.sock";
  options.connect_attempts = 3;
  options.retry_delay = 20ms;
  const auto start = std::chrono::steady_clock::now();
  try {
    Client client(options);
    FAIL() << "connected to nothing";
  } catch (const ConnectionError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/zkgpud.sock"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("3 attempts"), std::string::npos);
  }
  EXPECT_GE(std::chrono::steady_clock::now() - start, 40ms);  // two waits between three tries
}

TEST(Client, OverlongSocketPathIsRefused) {
  ClientOptions options;
  options.socket_path = "/tmp/" + std::string(200, 'a');
  EXPECT_THROW(Client{options}, ConnectionError);
}

TEST(Client, RawPayloadsCarrySp1Frames) {
  FakeDaemon daemon([](int fd) {
    const auto req = sp1::decode_request(read_frame(fd));
    EXPECT_EQ(req.kind, sp1::RequestKind::destroy);
    send_payload(fd, sp1::encode_ok());
  });
  Client client(daemon.options());
  client.send_payload(sp1::encode_destroy({}));
  EXPECT_EQ(sp1::decode_response(client.receive_payload()).kind, sp1::ResponseKind::ok);
}

}  // namespace
}  // namespace zkgpu
