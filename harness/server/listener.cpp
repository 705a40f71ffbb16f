#include "server/listener.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace cpct::server {

namespace asio = boost::asio;
using asio::ip::tcp;

Listener::Listener(asio::io_context& ioc, asio::strand<asio::io_context::executor_type> strand,
                   tcp::acceptor acceptor, std::shared_ptr<const SessionContext> context)
    : ioc_(ioc),
      strand_(std::move(strand)),
      acceptor_(std::move(acceptor)),
      retry_(strand_),
      context_(std::move(context)) {}

void Listener::start() {
  asio::dispatch(strand_, [self = shared_from_this()] { self->do_accept(); });
}

void Listener::stop() {
  asio::dispatch(strand_, [self = shared_from_this()] { self->on_stop(); });
}

std::size_t Listener::connections() const {
  std::lock_guard lock(mutex_);
  return live_.size();
}

void Listener::do_accept() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    if (live_.size() >= context_->limits.max_connections) {
      paused_ = true;  // release() resumes
      return;
    }
  }
  acceptor_.async_accept(asio::make_strand(ioc_),
                         [self = shared_from_this()](auto ec, tcp::socket socket) {
                           self->on_accept(ec, std::move(socket));
                         });
}

void Listener::on_accept(boost::beast::error_code ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted) return;
  if (ec) {
    detail::fail(ec, "accept");
    // Out of descriptors or memory: retrying at once would spin.
    if (ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space ||
        ec == asio::error::no_memory) {
      retry_.expires_after(std::chrono::milliseconds(50));
      retry_.async_wait([self = shared_from_this()](auto wait_ec) {
        if (!wait_ec) self->do_accept();
      });
      return;
    }
    return do_accept();
  }
  launch(std::move(socket));
  do_accept();
}

void Listener::launch(tcp::socket socket) {
  ++accepted_;
  boost::beast::error_code ec;
  socket.set_option(tcp::no_delay(true), ec);  // small responses, sent whole
  std::uint64_t id = 0;
  {
    std::lock_guard lock(mutex_);
    id = next_id_++;
  }
  // The slot's deleter runs when the session is destroyed, on any thread.
  std::shared_ptr<void> slot(nullptr,
                             [self = shared_from_this(), id](void*) { self->release(id); });
  auto run = [&](auto session) {
    bool stopping = false;
    {
      std::lock_guard lock(mutex_);
      live_.emplace(id, session);
      stopping = stopping_;
    }
    session->start(stopping);
  };
  if (context_->tls) {
    using TlsSocket = boost::beast::ssl_stream<tcp::socket>;
    run(std::make_shared<Session<TlsSocket>>(TlsSocket(std::move(socket), *context_->tls), context_,
                                             std::move(slot)));
  } else {
    run(std::make_shared<Session<tcp::socket>>(std::move(socket), context_, std::move(slot)));
  }
}

void Listener::release(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  live_.erase(id);
  if (paused_ && !stopping_ && live_.size() < context_->limits.max_connections) {
    paused_ = false;
    asio::post(strand_, [self = shared_from_this()] { self->do_accept(); });
  }
}

void Listener::on_stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  // Connections in the backlog have sent their requests as far as their
  // clients can tell: answer them too (launch sees stopping_).
  boost::beast::error_code ec;
  acceptor_.cancel(ec);
  acceptor_.non_blocking(true, ec);
  for (;;) {
    tcp::socket socket(asio::make_strand(ioc_));
    acceptor_.accept(socket, ec);
    if (ec) break;
    launch(std::move(socket));
  }
  acceptor_.close(ec);
  retry_.cancel();
  std::vector<std::shared_ptr<Stoppable>> sessions;
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, weak] : live_)
      if (auto session = weak.lock()) sessions.push_back(std::move(session));
  }
  for (auto& session : sessions) session->stop();
}

}  // namespace cpct::server
