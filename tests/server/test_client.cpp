#include "test_client.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <regex>
#include <thread>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include "model/fixtures.hpp"
#include "model/model_file.hpp"

extern char** environ;

namespace cpct::server::test {

namespace http = boost::beast::http;
using Clock = std::chrono::steady_clock;

std::string example_fixtures_path() {
  return std::string(CPCT_SOURCE_DIR) + "/corpus/fixtures/example.json";
}

std::shared_ptr<const protocol::Oracle> example_oracle() {
  static const auto oracle = [] {
    auto spec = model::embedded_spec();
    auto fixtures = std::make_shared<model::Fixtures>(
        model::load_fixtures_file(example_fixtures_path(), *spec));
    return std::make_shared<const protocol::Oracle>(spec, fixtures);
  }();
  return oracle;
}

std::string post(const std::string& body, const std::string& target,
                 const std::string& extra_headers) {
  std::string out = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  out += "Content-Type: application/x-amz-json-1.1\r\n";
  if (!target.empty()) out += "X-Amz-Target: " + target + "\r\n";
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += extra_headers;
  out += "\r\n" + body;
  return out;
}

Connection::Connection(unsigned short port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
    return;
  }
  int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

Connection::~Connection() {
  close();
}

Connection::Connection(Connection&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), pending_(std::move(other.pending_)) {}

void Connection::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void Connection::shutdown_write() {
  ::shutdown(fd_, SHUT_WR);
}

bool Connection::send(const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

namespace {

// Waits for readability until `deadline`; then one recv. >0 bytes, 0 EOF,
// -1 error, -2 timeout.
long recv_until(int fd, std::string& into, Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  pollfd p{fd, POLLIN, 0};
  const int ready = ::poll(&p, 1, static_cast<int>(std::max<long>(0, left.count())));
  if (ready == 0) return -2;
  if (ready < 0) return -1;
  char chunk[16384];
  const auto n = ::read(fd, chunk, sizeof chunk);  // sockets and pipes
  if (n > 0) into.append(chunk, static_cast<std::size_t>(n));
  return n;
}

}  // namespace

std::optional<HttpResponse> Connection::read(std::chrono::milliseconds timeout, bool head) {
  if (fd_ < 0) return std::nullopt;
  const auto deadline = Clock::now() + timeout;
  http::response_parser<http::string_body> parser;
  parser.eager(true);
  parser.skip(head);
  parser.body_limit(64 * 1024 * 1024);
  for (;;) {
    while (!pending_.empty() && !parser.is_done()) {
      boost::beast::error_code ec;
      const auto used = parser.put(boost::asio::buffer(pending_), ec);
      pending_.erase(0, used);
      if (ec == http::error::need_more) break;
      if (ec) return std::nullopt;
    }
    if (parser.is_done()) return parser.release();
    const long n = recv_until(fd_, pending_, deadline);
    if (n == 0) {
      boost::beast::error_code ec;
      parser.put_eof(ec);
      if (!ec && parser.is_done()) return parser.release();
      return std::nullopt;
    }
    if (n < 0) return std::nullopt;
  }
}

bool Connection::closed_within(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    std::string got;
    const long n = recv_until(fd_, got, deadline);
    if (n == 0 || n == -1) return true;
    if (n == -2) return false;
    pending_ += got;  // bytes instead of a close: not closed (yet)
    return false;
  }
}

std::optional<HttpResponse> round_trip(unsigned short port, const std::string& request) {
  Connection connection(port);
  if (!connection.connected() || !connection.send(request)) return std::nullopt;
  return connection.read();
}

LocalServer::LocalServer(Limits limits, unsigned threads) {
  ServerOptions options;
  options.threads = threads;
  options.limits = limits;
  server = std::make_unique<Server>(options, example_oracle());
  server->start();
}

Child::Child(const std::vector<std::string>& argv) {
  int out[2];
  int err[2];
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) return;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  if (posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ) != 0) pid_ = -1;
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  ::close(err[1]);
  out_ = out[0];
  err_ = err[0];
}

Child::~Child() {
  if (pid_ > 0 && status_ < 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (out_ >= 0) ::close(out_);
  if (err_ >= 0) ::close(err_);
}

std::optional<std::string> Child::first_line(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (const auto nl = out_buffer_.find('\n'); nl != std::string::npos)
      return out_buffer_.substr(0, nl);
    if (recv_until(out_, out_buffer_, deadline) <= 0) return std::nullopt;
  }
}

int Child::wait(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (status_ < 0) {
    int status = 0;
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      break;
    }
    if (Clock::now() > deadline) return -1;
    std::this_thread::sleep_for(10ms);
  }
  return status_;
}

void Child::signal(int sig) {
  ::kill(pid_, sig);
}

std::string Child::stderr_text() {
  std::string text;
  char chunk[4096];
  ::fcntl(err_, F_SETFL, O_NONBLOCK);
  for (;;) {
    const auto n = ::read(err_, chunk, sizeof chunk);
    if (n <= 0) break;
    text.append(chunk, static_cast<std::size_t>(n));
  }
  return text;
}

unsigned short port_of(const std::string& line) {
  static const std::regex pattern(R"(^listening on http://127\.0\.0\.1:([0-9]+)$)");
  std::smatch match;
  if (!std::regex_match(line, match, pattern)) return 0;
  return static_cast<unsigned short>(std::stoi(match[1].str()));
}

}  // namespace cpct::server::test
