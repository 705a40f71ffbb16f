#pragma once
// cpct's own endpoint for `check client`: it records each request the
// client sends and answers with the exact bytes the current case decides,
// well-formed or not (a body cut short, a connection closed mid-body), which
// a real server library would refuse to send. The client under test may be
// hostile toward it too: every connection, request and recording is capped
// and every read and write has a deadline, as cpct serve's are.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "net/http_client.hpp"

namespace cpct::check {

struct RecordedRequest {
  std::string method;
  std::string target;
  std::vector<net::Header> headers;  // names lower-cased
  std::string body;
  std::optional<std::string> header(const std::string& name) const;
};

struct MockAnswer {
  std::string bytes;   // the whole HTTP response, as sent
  bool close = false;  // close the connection after sending
};

/// The mock endpoint's caps (cpct serve's, docs/server.md, scaled to one
/// client sending one request at a time).
struct MockLimits {
  /// A request from its first byte to its last, and a response to be taken.
  /// Over it: 408 (reading) or the connection closed (writing).
  std::chrono::milliseconds read_timeout{5000};
  /// A connection with no request begun; then it is closed.
  std::chrono::milliseconds idle_timeout{60'000};
  std::size_t max_connections = 16;  // more are closed at once
  std::uint32_t header_bytes = 64 * 1024;
  std::uint64_t body_bytes = 8u << 20;
  /// Requests recorded between two take_requests(); a flood beyond it
  /// closes the connection it came on.
  std::size_t max_recorded = 256;
};

class MockEndpoint {
 public:
  /// `answer` decides the bytes for each request; it runs on connection
  /// threads and must be thread-safe.
  explicit MockEndpoint(std::function<MockAnswer(const RecordedRequest&)> answer,
                        MockLimits limits = {});
  ~MockEndpoint();

  void start();  // binds 127.0.0.1 on a free port
  std::string url() const;
  /// Requests recorded since the last call, in arrival order.
  std::vector<RecordedRequest> take_requests();

 private:
  struct Connection;
  void accept_loop();
  void watch();
  void serve(Connection& connection);
  void reap_locked();

  std::function<MockAnswer(const RecordedRequest&)> answer_;
  MockLimits limits_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::thread accept_thread_;
  std::thread watchdog_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<RecordedRequest> requests_;
  std::list<std::unique_ptr<Connection>> connections_;
  bool stopping_ = false;
};

/// "HTTP/1.1 <status> <reason>\r\n<headers>Content-Length: N\r\n\r\n<body>".
std::string http_response(int status, const std::vector<net::Header>& headers,
                          const std::string& body);

}  // namespace cpct::check
