#include "check/client/mock_endpoint.hpp"

#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include <sys/socket.h>

#include <algorithm>

namespace cpct::check {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

std::optional<std::string> RecordedRequest::header(const std::string& name) const {
  const std::string wanted = lower(name);
  for (const auto& h : headers)
    if (h.name == wanted) return h.value;
  return std::nullopt;
}

std::string http_response(int status, const std::vector<net::Header>& headers,
                          const std::string& body) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " +
                    std::string(http::obsolete_reason(static_cast<http::status>(status))) + "\r\n";
  bool has_length = false;
  for (const auto& h : headers) {
    out += h.name + ": " + h.value + "\r\n";
    has_length = has_length || lower(h.name) == "content-length";
  }
  if (!has_length) out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  return out + "\r\n" + body;
}

// One connection's thread and the deadline the watchdog holds it to.
struct MockEndpoint::Connection {
  using Clock = std::chrono::steady_clock;
  explicit Connection(asio::ip::tcp::socket s) : socket(std::move(s)) {}
  asio::ip::tcp::socket socket;
  std::atomic<Clock::rep> deadline{Clock::time_point::max().time_since_epoch().count()};
  std::atomic<bool> timed_out{false};  // the reading side was shut at the deadline
  std::atomic<bool> done{false};
  std::atomic<bool> idle{true};  // waiting for a request to begin
  std::thread thread;

  void expire_in(std::chrono::milliseconds ms) {
    deadline = (Clock::now() + ms).time_since_epoch().count();
  }
};

MockEndpoint::MockEndpoint(std::function<MockAnswer(const RecordedRequest&)> answer,
                           MockLimits limits)
    : answer_(std::move(answer)), limits_(limits), acceptor_(ioc_) {}

MockEndpoint::~MockEndpoint() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& c : connections_) ::shutdown(c->socket.native_handle(), SHUT_RDWR);
  }
  wake_.notify_all();
  // close() alone does not wake a blocking accept() on Linux; shutdown does.
  if (acceptor_.is_open()) ::shutdown(acceptor_.native_handle(), SHUT_RDWR);
  if (accept_thread_.joinable()) accept_thread_.join();
  if (watchdog_.joinable()) watchdog_.join();
  boost::system::error_code ec;
  acceptor_.close(ec);
  for (auto& c : connections_)
    if (c->thread.joinable()) c->thread.join();
}

void MockEndpoint::start() {
  const asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen();
  accept_thread_ = std::thread([this] { accept_loop(); });
  watchdog_ = std::thread([this] { watch(); });
}

std::string MockEndpoint::url() const {
  return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port());
}

std::vector<RecordedRequest> MockEndpoint::take_requests() {
  std::lock_guard lock(mutex_);
  return std::exchange(requests_, {});
}

// Ended connections' threads are joined as new ones come: no growth.
void MockEndpoint::reap_locked() {
  for (auto it = connections_.begin(); it != connections_.end();) {
    if (!(*it)->done) {
      ++it;
      continue;
    }
    (*it)->thread.join();
    it = connections_.erase(it);
  }
}

void MockEndpoint::accept_loop() {
  for (;;) {
    asio::ip::tcp::socket socket(ioc_);
    boost::system::error_code ec;
    acceptor_.accept(socket, ec);
    if (ec) return;  // closed: shutting down
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    reap_locked();
    // At the cap an idle connection makes room (the oldest: connections_
    // is in accept order), so connections held open cannot lock the client
    // out; with none idle the new one is closed at once.
    if (connections_.size() >= limits_.max_connections) {
      const auto idle = std::find_if(connections_.begin(), connections_.end(),
                                     [](const auto& c) { return c->idle && !c->done; });
      if (idle == connections_.end()) {
        socket.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
        continue;
      }
      (*idle)->idle = false;
      ::shutdown((*idle)->socket.native_handle(), SHUT_RDWR);
    }
    auto& c = *connections_.emplace_back(std::make_unique<Connection>(std::move(socket)));
    c.expire_in(limits_.idle_timeout);
    c.thread = std::thread([this, &c] {
      serve(c);
      c.done = true;
    });
  }
}

// Holds every connection to its deadline: reads and writes are blocking, so
// a shutdown from here is what ends one that overran. The reading side goes
// first (the thread then answers 408); the whole socket a second later.
void MockEndpoint::watch() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::milliseconds(50));
    const auto now = Connection::Clock::now().time_since_epoch().count();
    for (auto& c : connections_) {
      if (c->done || now < c->deadline) continue;
      if (!c->timed_out.exchange(true)) {
        ::shutdown(c->socket.native_handle(), SHUT_RD);
        c->expire_in(std::chrono::milliseconds(1000));
      } else {
        ::shutdown(c->socket.native_handle(), SHUT_RDWR);
        c->deadline = Connection::Clock::time_point::max().time_since_epoch().count();
      }
    }
  }
}

// One connection: requests in, the case's bytes out, until either side
// closes or a deadline or cap ends it.
void MockEndpoint::serve(Connection& connection) {
  auto& socket = connection.socket;
  boost::beast::flat_buffer buffer;
  for (;;) {
    boost::system::error_code ec;
    if (buffer.size() == 0) {
      // Idle until a request begins (the idle deadline stands), then the
      // request has the read timeout to arrive whole.
      connection.idle = true;
      socket.wait(asio::ip::tcp::socket::wait_read, ec);
      if (ec || connection.timed_out || !connection.idle) break;
    }
    connection.idle = false;
    connection.expire_in(limits_.read_timeout);
    http::request_parser<http::string_body> parser;
    parser.header_limit(limits_.header_bytes);
    parser.body_limit(limits_.body_bytes);
    http::read(socket, buffer, parser, ec);
    if (ec) {
      // Cut at the deadline mid-request: 408, as cpct serve answers.
      if (connection.timed_out && parser.got_some()) {
        const std::string reply = http_response(408, {{"Connection", "close"}},
                                                "cpct: the request did not arrive in time");
        asio::write(socket, asio::buffer(reply), ec);
      }
      break;
    }
    const auto& message = parser.get();
    RecordedRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message)
      request.headers.push_back(
          {lower(std::string(field.name_string())), std::string(field.value())});
    request.body = message.body();
    const MockAnswer answer = answer_(request);
    bool flood = false;
    {
      std::lock_guard lock(mutex_);
      flood = requests_.size() >= limits_.max_recorded;
      if (!flood) requests_.push_back(std::move(request));
    }
    if (flood) break;                            // a pipelined flood: not recorded, not answered
    connection.expire_in(limits_.read_timeout);  // the client must take its answer
    asio::write(socket, asio::buffer(answer.bytes), ec);
    if (ec || answer.close || connection.timed_out) break;
    connection.expire_in(limits_.idle_timeout);
  }
  boost::system::error_code ec;
  socket.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
}

}  // namespace cpct::check
