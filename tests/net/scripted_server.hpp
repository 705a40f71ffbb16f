#pragma once
// A scripted, possibly hostile HTTP server on 127.0.0.1 for client tests.
// Each accepted connection runs the script in its own thread with blocking
// sockets; scripts end when the client goes away (reads or writes fail).
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace cpct::net::testing {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

/// One accepted connection as a script sees it.
class Peer {
 public:
  Peer(tcp::socket socket, int index) : socket_(std::move(socket)), index_(index) {}

  int index() const { return index_; }  // 0 for the first connection

  /// The next request, or nothing when the client closed.
  std::optional<http::request<http::string_body>> read_request() {
    boost::system::error_code ec;
    http::request<http::string_body> request;
    http::read(socket_, buffer_, request, ec);
    if (ec) return std::nullopt;
    return request;
  }

  /// Bytes up to and including `delimiter` (raw-request checks).
  std::string read_until(const std::string& delimiter) {
    std::string data;
    char byte;
    boost::system::error_code ec;
    while (data.find(delimiter) == std::string::npos) {
      socket_.read_some(asio::buffer(&byte, 1), ec);
      if (ec) break;
      data += byte;
    }
    return data;
  }

  /// Writes everything; false when the client is gone.
  bool write(const std::string& bytes) {
    boost::system::error_code ec;
    asio::write(socket_, asio::buffer(bytes), ec);
    return !ec;
  }

  /// Blocks until the client closes the connection (or sends garbage forever).
  void wait_for_close() {
    char scratch[4096];
    boost::system::error_code ec;
    while (!ec) socket_.read_some(asio::buffer(scratch), ec);
  }

  void close() {
    boost::system::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
  }

 private:
  tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  int index_;
};

class ScriptedServer {
 public:
  using Script = std::function<void(Peer&)>;

  explicit ScriptedServer(Script script)
      : script_(std::move(script)),
        acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    port_ = acceptor_.local_endpoint().port();
    accept_thread_ = std::thread([this] { accept_loop(); });
  }

  ~ScriptedServer() {
    stopping_ = true;
    // Wake the blocking accept with a connection of our own.
    asio::io_context io;
    tcp::socket waker(io);
    boost::system::error_code ec;
    waker.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
    accept_thread_.join();
    std::lock_guard lock(mutex_);
    for (auto& t : peers_) t.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int connections() const { return connections_; }

 private:
  void accept_loop() {
    for (;;) {
      boost::system::error_code ec;
      tcp::socket socket(io_);
      acceptor_.accept(socket, ec);
      if (stopping_ || ec) return;
      int index = connections_++;
      std::lock_guard lock(mutex_);
      peers_.emplace_back([this, index, s = std::move(socket)]() mutable {
        Peer peer(std::move(s), index);
        script_(peer);
        peer.close();
      });
    }
  }

  Script script_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::mutex mutex_;
  std::vector<std::thread> peers_;
  std::thread accept_thread_;
};

/// A 200 response with a JSON body, kept alive unless `close`.
inline std::string ok_response(const std::string& body, bool close = false) {
  return "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n" +
         body;
}

}  // namespace cpct::net::testing
