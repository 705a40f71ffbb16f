#pragma once
// A deliberately plain blocking client for the server tests: POSIX sockets
// with deadlines, Beast's parser fed by hand, raw bytes when a test needs
// them. Also: an in-process server on loopback and a child cpct process.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "protocol/oracle.hpp"
#include "server/server.hpp"

namespace cpct::server::test {

using namespace std::chrono_literals;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

inline constexpr const char* kTarget = "CodePipeline_20150709.GetThirdPartyJobDetails";

/// corpus/fixtures/example.json and an oracle over it.
std::shared_ptr<const protocol::Oracle> example_oracle();
std::string example_fixtures_path();

/// POST / with the awsJson1_1 headers; `target` omitted when empty.
std::string post(const std::string& body, const std::string& target = kTarget,
                 const std::string& extra_headers = "");

class Connection {
 public:
  explicit Connection(unsigned short port);
  ~Connection();
  Connection(Connection&& other) noexcept;
  Connection(const Connection&) = delete;

  bool connected() const { return fd_ >= 0; }
  /// Writes all of `bytes`; false when the peer is gone.
  bool send(const std::string& bytes);
  /// The next response, or nullopt on close, reset, timeout or bad bytes.
  std::optional<HttpResponse> read(std::chrono::milliseconds timeout = 5000ms, bool head = false);
  /// True when the server closes (EOF or reset) within `timeout` without
  /// sending anything more.
  bool closed_within(std::chrono::milliseconds timeout);
  void shutdown_write();
  void close();

 private:
  int fd_ = -1;
  std::string pending_;  // received, not yet parsed
};

/// One request on a fresh connection.
std::optional<HttpResponse> round_trip(unsigned short port, const std::string& request);

/// A Server on 127.0.0.1:0 for one test, stopped and joined at the end.
struct LocalServer {
  explicit LocalServer(Limits limits = {}, unsigned threads = 2);
  unsigned short port() const { return server->endpoint().port(); }
  std::unique_ptr<Server> server;
};

/// A child process with stdout and stderr captured.
class Child {
 public:
  explicit Child(const std::vector<std::string>& argv);
  ~Child();
  /// The first stdout line, or nullopt if it ends first or the time runs out.
  std::optional<std::string> first_line(std::chrono::milliseconds timeout);
  /// Exit code (128+N for a signal), or -1 if it is still running at the deadline.
  int wait(std::chrono::milliseconds timeout);
  void signal(int sig);
  std::string stderr_text();
  int pid() const { return pid_; }

 private:
  int pid_ = -1;
  int out_ = -1;
  int err_ = -1;
  std::string out_buffer_;
  int status_ = -1;
};

/// The port of a "listening on http://127.0.0.1:PORT" line, or 0.
unsigned short port_of(const std::string& line);

}  // namespace cpct::server::test
