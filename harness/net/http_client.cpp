// HttpClient: Beast over one TCP connection, or TLS over it for https://,
// every step bounded by the exchange's deadline (the TLS handshake too).
// Connects and TLS run asynchronously on a private io_context that send()
// runs to completion, so beast::tcp_stream's expiry applies, also beneath
// TLS. A plain connection's writes and reads wait with poll(2) on the socket
// itself instead: one call per wait, where an Asio operation costs a timer
// armed and cancelled and several epoll calls, most of the checker's system
// time on loopback. Both feed the same reader (http_read.hpp) through
// read_more().
#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstdint>
#include <exception>
#include <functional>
#include <utility>

#include <poll.h>
#include <sys/socket.h>

#include "net/ascii.hpp"
#include "net/http_client.hpp"
#include "net/http_read.hpp"
#include "net/http_wire.hpp"
#include "net/resolve.hpp"
#include "net/tls.hpp"

namespace cpct::net {
namespace asio = boost::asio;
namespace beast = boost::beast;
using boost::system::error_code;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using Outcome = HttpResponse::Outcome;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

struct HttpClient::Impl {
  Url url;
  ClientLimits limits;
  asio::io_context io;  // declared before the streams: destroyed after them
  std::unique_ptr<asio::ssl::context> tls_context;       // https:// only; before `secure`
  std::optional<tcp::resolver::results_type> endpoints;  // resolved once, reused
  std::optional<beast::tcp_stream> plain;                // http://
  std::optional<TlsStream> secure;                       // https://
  bool reusable = false;  // the open connection may carry the next request

  std::string tls_error;  // the context could not be made: every send says so

  Impl(Url u, ClientLimits l) : url(std::move(u)), limits(std::move(l)) {
    if (!url.tls) return;
    try {
      tls_context = detail::client_context(limits.tls);
    } catch (const std::invalid_argument& e) {
      tls_error = e.what();  // callers check first (check_tls_options); never a throw here
    }
  }

  bool open() const { return plain || secure; }
  beast::tcp_stream& tcp_layer() { return secure ? secure->next_layer() : *plain; }

  // Runs the started operation (and its timer) to completion.
  void run() {
    io.restart();
    io.run();
  }

  // No close_notify over TLS: the client ends exchanges only once a
  // response is whole (or failed), so no one reads past this point.
  void close() {
    if (open()) {
      error_code ignored;
      tcp_layer().socket().shutdown(tcp::socket::shutdown_both, ignored);
      tcp_layer().socket().close(ignored);
      secure.reset();
      plain.reset();
    }
    reusable = false;
  }

  // True when the idle connection has neither been closed by the server nor
  // received stray bytes that would be mistaken for the next response (or,
  // over TLS, records such as a close_notify). Peeks: TLS bytes must stay.
  bool idle_connection_ok() {
    if (secure && SSL_pending(secure->native_handle()) > 0) return false;
    char byte;
    const auto n = ::recv(tcp_layer().socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }

  // Waits until the plain socket is ready for `events` (or has failed, which
  // the next call then says), at most until `deadline`.
  error_code wait_plain(short events, Clock::time_point deadline) {
    pollfd ready{plain->socket().native_handle(), events, 0};
    for (;;) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return beast::error::timeout;
      const int n = ::poll(&ready, 1, static_cast<int>(std::min<long long>(left.count(), INT_MAX)));
      if (n > 0) return {};
      if (n < 0 && errno != EINTR) return {errno, boost::system::system_category()};
    }
  }

  error_code write_plain(const std::string& bytes, Clock::time_point deadline) {
    const int fd = plain->socket().native_handle();
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const auto n =
          ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n >= 0) {
        sent += static_cast<std::size_t>(n);
      } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
        if (auto ec = wait_plain(POLLOUT, deadline)) return ec;
      } else if (errno != EINTR) {
        return {errno, boost::system::system_category()};
      }
    }
    return {};
  }

  error_code read_plain(asio::mutable_buffer into, std::size_t& n, Clock::time_point deadline) {
    const int fd = plain->socket().native_handle();
    for (;;) {
      if (auto ec = wait_plain(POLLIN, deadline)) return ec;
      const auto got = ::recv(fd, into.data(), into.size(), MSG_DONTWAIT);
      if (got >= 0) {
        n = static_cast<std::size_t>(got);
        return {};
      }
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
        return {errno, boost::system::system_category()};
    }
  }

  error_code resolve(Clock::time_point deadline) {
    if (endpoints) return {};
    error_code ec;
    // Url's fields are public: a hand-made one may carry any port text.
    unsigned port = 0;
    auto [end, parse_error] =
        std::from_chars(url.port.data(), url.port.data() + url.port.size(), port);
    if (parse_error != std::errc() || end != url.port.data() + url.port.size() || port == 0 ||
        port > 65535)
      return asio::error::make_error_code(asio::error::invalid_argument);
    // IP literals need no resolver thread.
    auto address = asio::ip::make_address(url.host, ec);
    if (!ec) {
      endpoints = tcp::resolver::results_type::create(
          tcp::endpoint(address, static_cast<std::uint16_t>(port)), url.host, url.port);
      return {};
    }
    // Within the exchange's deadline even when the DNS server stalls.
    auto results = resolve_within(url.host, url.port, deadline, ec, limits.resolver);
    if (!ec) endpoints = std::move(results);
    return ec;
  }

  std::optional<detail::Failure> connect(Clock::time_point deadline) {
    close();
    if (auto ec = resolve(deadline)) {
      if (ec == asio::error::timed_out)
        return detail::Failure{Outcome::kConnectFailed,
                               "cannot resolve host '" + url.host + "' within the deadline"};
      return detail::connect_failure(ec, url, limits);
    }
    if (tls_context)
      secure.emplace(io, *tls_context);
    else
      plain.emplace(io);
    auto& stream = tcp_layer();
    stream.expires_at(deadline);
    error_code ec;
    stream.async_connect(*endpoints, [&ec](error_code e, const tcp::endpoint&) { ec = e; });
    run();
    if (ec) {
      close();
      endpoints.reset();  // the name may point elsewhere by the next try
      return detail::connect_failure(ec, url, limits);
    }
    stream.socket().set_option(tcp::no_delay(true), ec);  // requests are small: no Nagle delay
    if (secure) return handshake();
    return std::nullopt;
  }

  // Under the same expiry as the connect: the exchange's deadline.
  std::optional<detail::Failure> handshake() {
    SSL* ssl = secure->native_handle();
    error_code ec = detail::prepare_handshake(ssl, url, limits.tls.insecure);
    if (!ec) {
      secure->async_handshake(asio::ssl::stream_base::client, [&ec](error_code e) { ec = e; });
      run();
    }
    if (!ec) return std::nullopt;
    auto failure = detail::handshake_failure(ec, ssl, url, limits);
    close();
    return failure;
  }

  // One read, bounded by the deadline. Checked here as well as by the
  // stream's expiry: Beast ignores an expired timer when reads keep
  // completing at once (a flood of interim responses), so that alone never
  // fires.
  error_code read_more(beast::flat_buffer& buffer, Clock::time_point deadline) {
    if (Clock::now() >= deadline) return beast::error::timeout;
    const std::size_t room = buffer.max_size() - buffer.size();
    if (room == 0) return detail::ReadCap::kLineTooLong;
    error_code ec;
    std::size_t n = 0;
    const auto into = buffer.prepare(std::min<std::size_t>(room, 16 * 1024));
    if (plain) {
      ec = read_plain(into, n, deadline);
    } else {
      secure->async_read_some(into, [&](error_code e, std::size_t k) {
        ec = e;
        n = k;
      });
      run();
    }
    buffer.commit(n);
    if (detail::is_truncation(ec)) ec = asio::error::eof;
    if (!ec && n == 0) ec = asio::error::eof;
    return ec;
  }

  struct Attempt {
    HttpResponse response;
    bool nothing_received = true;  // the server sent no byte before failing
    error_code ec;
  };

  Attempt exchange(const std::string& bytes, bool no_body, Clock::time_point deadline,
                   const std::function<void()>*& meanwhile) {
    Attempt attempt;
    HttpResponse& response = attempt.response;
    if (secure) secure->next_layer().expires_at(deadline);
    const auto start = Clock::now();
    auto finish = [&](error_code ec) {
      attempt.ec = ec;
      response.latency =
          std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
      if (ec) {
        auto failure = detail::exchange_failure(ec, limits);
        response.outcome = failure.outcome;
        response.error = std::move(failure.error);
        close();
      }
      return attempt;
    };

    error_code ec;
    if (plain) {
      ec = write_plain(bytes, deadline);
    } else {
      asio::async_write(*secure, asio::buffer(bytes), [&ec](error_code e, std::size_t) { ec = e; });
      run();
    }
    if (ec) return finish(ec);
    // Once, while the endpoint works on the request: its time is counted in
    // the latency only where the answer came before it ended.
    if (meanwhile != nullptr) std::exchange(meanwhile, nullptr)->operator()();

    beast::flat_buffer buffer(detail::read_buffer_size(limits));
    detail::ReadState state;
    ec = detail::read_response(
        buffer, [&](beast::flat_buffer& b) { return read_more(b, deadline); }, limits, no_body,
        response, state);
    if (state.got_some) attempt.nothing_received = false;
    if (ec) {
      response.status = 0;
      response.headers.clear();
      response.body.clear();
      return finish(ec);
    }
    // Bytes past the response would be read as the next one: start afresh.
    reusable = state.keep_alive && buffer.size() == 0;
    if (!reusable) close();
    return finish({});
  }

  HttpResponse send(const HttpRequest& request, const std::function<void()>* meanwhile) {
    const auto start = Clock::now();
    const auto deadline = std::min(start + limits.timeout, limits.not_after);
    const std::string bytes = detail::request_bytes(request, url.authority());
    const bool no_body = detail::expects_no_body(request);
    if (url.tls && !tls_context)
      return failed({Outcome::kConnectFailed, std::string(kTlsFailurePrefix) + url.authority() +
                                                  " cannot start: " + tls_error},
                    start);

    bool reused = open() && reusable && idle_connection_ok();
    if (!reused) {
      if (auto failure = connect(deadline)) return failed(*failure, start);
    }
    Attempt attempt = exchange(bytes, no_body, deadline, meanwhile);
    // A keep-alive connection the server closed while idle fails at once and
    // says nothing: that is a race, not the server's answer. Retry once.
    if (reused && attempt.ec && attempt.nothing_received && detail::is_closed_by_peer(attempt.ec)) {
      if (auto failure = connect(deadline)) return failed(*failure, start);
      attempt = exchange(bytes, no_body, deadline, meanwhile);
    }
    return std::move(attempt.response);
  }

  static HttpResponse failed(const detail::Failure& failure, Clock::time_point start) {
    HttpResponse response;
    response.outcome = failure.outcome;
    response.error = failure.error;
    response.latency = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
    return response;
  }
};

HttpClient::HttpClient(Url url, ClientLimits limits)
    : impl_(std::make_unique<Impl>(std::move(url), limits)) {}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::send(const HttpRequest& request, const std::function<void()>& meanwhile) {
  try {
    return impl_->send(request, meanwhile ? &meanwhile : nullptr);
  } catch (const std::exception& e) {
    // Only resource exhaustion gets here; a caller still gets an outcome.
    impl_->close();
    return Impl::failed({Outcome::kReset, std::string("client failure: ") + e.what()},
                        std::chrono::steady_clock::now());
  }
}

const Url& HttpClient::url() const {
  return impl_->url;
}

}  // namespace cpct::net
