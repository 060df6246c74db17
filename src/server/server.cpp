#include "server/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include <algorithm>

namespace zkgpu {

namespace asio = boost::asio;
using stream = asio::local::stream_protocol;

Server::Server(asio::io_context& ioc, ServerContext& ctx) : ioc_(ioc), ctx_(ctx) {}

Server::~Server() = default;

void Server::add_listener(int fd, size_t default_device, std::string path) {
  auto strand = asio::make_strand(ioc_);
  auto l = std::unique_ptr<Listener>(
      new Listener{stream::acceptor(strand), asio::steady_timer(strand), default_device, std::move(path)});
  l->acceptor.assign(stream(), fd);
  listeners_.push_back(std::move(l));
}

void Server::start() {
  for (auto& l : listeners_) {
    asio::post(l->acceptor.get_executor(), [this, lp = l.get()] { accept(*lp); });
    spdlog::info("listening on {} (default device {})", l->path, ctx_.served.at(l->device).id);
  }
}

void Server::accept(Listener& l) {
  l.acceptor.async_accept(asio::make_strand(ioc_), [this, &l](const boost::system::error_code& ec, stream::socket s) {
    if (ec == asio::error::operation_aborted || !l.acceptor.is_open()) return;
    if (ec) {
      // Out of file descriptors and the like: back off briefly instead of spinning.
      spdlog::warn("accept on {} failed: {}", l.path, ec.message());
      l.retry.expires_after(std::chrono::milliseconds(100));
      l.retry.async_wait([this, &l](const boost::system::error_code& e) {
        if (!e) accept(l);
      });
      return;
    }
    auto c = std::make_shared<Connection>(std::move(s), ctx_, l.device, next_conn_id_++);
    {
      std::lock_guard lk(conns_mutex_);
      std::erase_if(conns_, [](const std::weak_ptr<Connection>& w) { return w.expired(); });
      conns_.push_back(c);
    }
    c->start();
    accept(l);
  });
}

void Server::stop_accepting() {
  for (auto& l : listeners_) {
    asio::post(l->acceptor.get_executor(), [lp = l.get()] {
      boost::system::error_code ignored;
      lp->retry.cancel();
      lp->acceptor.close(ignored);
    });
  }
}

void Server::close_connections() {
  std::lock_guard lk(conns_mutex_);
  for (auto& w : conns_)
    if (auto c = w.lock()) c->close_gracefully();
}

}  // namespace zkgpu
