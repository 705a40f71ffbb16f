#pragma once
// cpct's own endpoint for `check client`: it records each request the
// client sends and answers with the exact bytes the current case decides,
// well-formed or not (a body cut short, a connection closed mid-body), which
// a real server library would refuse to send.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <functional>
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

class MockEndpoint {
 public:
  /// `answer` decides the bytes for each request; it runs on connection
  /// threads and must be thread-safe.
  explicit MockEndpoint(std::function<MockAnswer(const RecordedRequest&)> answer);
  ~MockEndpoint();

  void start();  // binds 127.0.0.1 on a free port
  std::string url() const;
  /// Requests recorded since the last call, in arrival order.
  std::vector<RecordedRequest> take_requests();

 private:
  void accept_loop();
  void serve(boost::asio::ip::tcp::socket socket);

  std::function<MockAnswer(const RecordedRequest&)> answer_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::thread accept_thread_;
  std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
  std::vector<std::thread> connections_;
  std::vector<std::shared_ptr<boost::asio::ip::tcp::socket>> sockets_;
  bool stopping_ = false;
};

/// "HTTP/1.1 <status> <reason>\r\n<headers>Content-Length: N\r\n\r\n<body>".
std::string http_response(int status, const std::vector<net::Header>& headers,
                          const std::string& body);

}  // namespace cpct::check
