#pragma once
// Accepts connections and starts a session for each, up to a cap: at the
// cap it stops accepting (the kernel's backlog holds newcomers) until a
// session ends. It also knows every live session, to stop them.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "server/session.hpp"

namespace cpct::server {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  /// `acceptor` is open and listening; its executor must be `strand`.
  Listener(boost::asio::io_context& ioc,
           boost::asio::strand<boost::asio::io_context::executor_type> strand,
           boost::asio::ip::tcp::acceptor acceptor, std::shared_ptr<const SessionContext> context);

  void start();
  /// Stops accepting, answers connections already in the backlog, and asks
  /// every session to finish its request in flight and close. Thread-safe.
  void stop();

  std::size_t connections() const;
  std::uint64_t accepted() const { return accepted_.load(); }

 private:
  void do_accept();
  void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);
  void launch(boost::asio::ip::tcp::socket socket);
  void release(std::uint64_t id);
  void on_stop();

  boost::asio::io_context& ioc_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_;
  std::shared_ptr<const SessionContext> context_;

  mutable std::mutex mutex_;  // sessions end on any thread
  std::unordered_map<std::uint64_t, std::weak_ptr<Stoppable>> live_;
  std::uint64_t next_id_ = 0;
  bool paused_ = false;
  bool stopping_ = false;
  std::atomic<std::uint64_t> accepted_{0};
};

}  // namespace cpct::server
