#pragma once
// The reference endpoint as an object: binds, runs its threads, stops
// gracefully. Used by `cpct serve`, by tests in process, and by anything
// else that needs a conforming endpoint on loopback.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>

#include "protocol/oracle.hpp"
#include "server/handler.hpp"
#include "server/limits.hpp"

namespace cpct::server {

class Listener;

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  // 0: the kernel picks a free port
  unsigned threads = 1;
  Limits limits;
  bool log = false;             // one line per request on stderr
  bool handle_signals = false;  // SIGINT/SIGTERM stop the server
  Handler handler;              // set: answers instead of the oracle's handle()
  bool answer_cache = true;     // repeated 200s from a per-thread cache (answer_cache.hpp)
  /// Both set: HTTPS with this PEM certificate chain and private key.
  std::string tls_cert_file;
  std::string tls_key_file;
};

/// Binding failed (bad host, port in use): a one-line reason.
class ServerError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Server {
 public:
  Server(ServerOptions options, std::shared_ptr<const protocol::Oracle> oracle);
  ~Server();  // stop() and wait()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds, listens and starts the threads. Throws ServerError.
  void start();
  /// Graceful: stop accepting, answer what is in flight, close. Thread-safe,
  /// idempotent, returns at once.
  void stop();
  /// Until every thread has returned (after stop() or a signal).
  void wait();

  boost::asio::ip::tcp::endpoint endpoint() const { return endpoint_; }
  /// http[s]://HOST:PORT with the real port.
  std::string url() const;
  std::size_t connections() const;
  std::uint64_t accepted() const;

 private:
  ServerOptions options_;
  std::shared_ptr<const protocol::Oracle> oracle_;
  boost::asio::io_context ioc_;
  std::optional<boost::asio::signal_set> signals_;
  std::shared_ptr<Listener> listener_;
  boost::asio::ip::tcp::endpoint endpoint_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stopping_{false};
};

}  // namespace cpct::server
