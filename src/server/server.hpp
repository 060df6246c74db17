#pragma once
// Where a request enters: listening Unix sockets, one per served device (the
// device a request runs on when it names none), and the connections they accept.
// The io_context may run on several threads; every listener and connection has
// its own strand.
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/connection.hpp"
#include "server/server_context.hpp"

namespace zkgpu {

class Server {
 public:
  Server(boost::asio::io_context& ioc, ServerContext& ctx);
  ~Server();

  // Serves `default_device` (an index into ctx.served) on a bound, listening
  // Unix stream socket; the Server owns the fd from now on.
  void add_listener(int fd, size_t default_device, std::string path);
  void start();
  // Thread-safe. Closes the listening sockets (the socket files stay; the
  // daemon removes them).
  void stop_accepting();
  // Thread-safe. Every open connection stops reading, sends what it owes, closes.
  void close_connections();

 private:
  struct Listener {
    boost::asio::local::stream_protocol::acceptor acceptor;
    boost::asio::steady_timer retry;
    size_t device;
    std::string path;
  };
  void accept(Listener& l);

  boost::asio::io_context& ioc_;
  ServerContext& ctx_;
  std::vector<std::unique_ptr<Listener>> listeners_;
  std::mutex conns_mutex_;
  std::vector<std::weak_ptr<Connection>> conns_;
  std::atomic<uint64_t> next_conn_id_{1};
};

}  // namespace zkgpu
