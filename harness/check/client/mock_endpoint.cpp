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

MockEndpoint::MockEndpoint(std::function<MockAnswer(const RecordedRequest&)> answer)
    : answer_(std::move(answer)), acceptor_(ioc_) {}

MockEndpoint::~MockEndpoint() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& s : sockets_) {
      boost::system::error_code ec;
      s->shutdown(asio::ip::tcp::socket::shutdown_both, ec);
      s->close(ec);
    }
  }
  // close() alone does not wake a blocking accept() on Linux; shutdown does.
  if (acceptor_.is_open()) ::shutdown(acceptor_.native_handle(), SHUT_RDWR);
  if (accept_thread_.joinable()) accept_thread_.join();
  boost::system::error_code ec;
  acceptor_.close(ec);
  for (auto& t : connections_) t.join();
}

void MockEndpoint::start() {
  const asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen();
  accept_thread_ = std::thread([this] { accept_loop(); });
}

std::string MockEndpoint::url() const {
  return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port());
}

std::vector<RecordedRequest> MockEndpoint::take_requests() {
  std::lock_guard lock(mutex_);
  return std::exchange(requests_, {});
}

void MockEndpoint::accept_loop() {
  for (;;) {
    asio::ip::tcp::socket socket(ioc_);
    boost::system::error_code ec;
    acceptor_.accept(socket, ec);
    if (ec) return;  // closed: shutting down
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    connections_.emplace_back([this, s = std::move(socket)]() mutable { serve(std::move(s)); });
  }
}

// One connection: requests in, the case's bytes out, until either side closes.
void MockEndpoint::serve(asio::ip::tcp::socket socket) {
  auto shared = std::make_shared<asio::ip::tcp::socket>(std::move(socket));
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    sockets_.push_back(shared);
  }
  boost::beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(64 * 1024);
    parser.body_limit(16u << 20);
    boost::system::error_code ec;
    http::read(*shared, buffer, parser, ec);
    if (ec) break;
    const auto& message = parser.get();
    RecordedRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message)
      request.headers.push_back(
          {lower(std::string(field.name_string())), std::string(field.value())});
    request.body = message.body();
    const MockAnswer answer = answer_(request);
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(std::move(request));
    }
    asio::write(*shared, asio::buffer(answer.bytes), ec);
    if (ec || answer.close) break;
  }
  boost::system::error_code ec;
  shared->shutdown(asio::ip::tcp::socket::shutdown_both, ec);
}

}  // namespace cpct::check
