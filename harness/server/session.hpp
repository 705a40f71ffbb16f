#pragma once
// One HTTP/1.1 connection: read a request, answer it, repeat while
// keep-alive holds. Templated on the stream so a Beast test::stream can drive
// it in a fuzz target and a Beast ssl_stream serve HTTPS; the socket-only
// parts (shutdown, bytes waiting) compile away for other streams.
//
// A TLS session begins with the handshake, under the read timeout.
// A session moves through: idle (waiting for the first byte of a request,
// idle timeout) -> reading (read timeout for the whole request) -> writing
// (same timeout) -> idle again, or lingering (after its last response: read
// and drop what the client still sends, then close) -> closed.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/write.hpp>

#include "server/handler.hpp"
#include "server/limits.hpp"
#include "server/request_id.hpp"
#include "server/request_log.hpp"
#include "server/tls_context.hpp"

namespace cpct::server {

/// What every session of one server shares.
struct SessionContext {
  std::shared_ptr<const protocol::Oracle> oracle;
  std::shared_ptr<boost::asio::ssl::context> tls;  // set: sessions speak HTTPS
  Limits limits;
  std::shared_ptr<RequestLog> log;  // null without --log
  /// Non-zero: answers are memoised per thread under this number
  /// (answer_cache.hpp); unique per server in the process.
  std::uint64_t serial = 0;
  /// When set, answers every request instead of handle() (no cache).
  Handler handler;
};

/// What the listener can ask of a live session of any stream type.
class Stoppable {
 public:
  virtual ~Stoppable() = default;
  /// Finish the request in flight, if any, then close. Thread-safe.
  virtual void stop() = 0;
};

namespace detail {

/// A Beast ssl_stream over a TCP socket (known by its members, so this
/// header needs no OpenSSL headers).
template <class Stream>
concept TlsSocketStream = requires(Stream& s) {
  s.native_handle();
  s.next_layer().available();
  Stream::server;
};

inline std::string_view std_view(boost::beast::string_view s) {
  return {s.data(), s.size()};
}

/// The one place I/O errors are reported: only what a user can act on. The
/// ordinary ways a connection ends (closed, reset, timed out) stay quiet.
inline void fail(boost::beast::error_code ec, const char* what) {
  namespace error = boost::asio::error;
  if (ec == http::error::end_of_stream || ec == error::eof || ec == error::operation_aborted ||
      ec == error::connection_reset || ec == error::broken_pipe || ec == error::not_connected ||
      ec == error::bad_descriptor)
    return;
  std::fprintf(stderr, "cpct serve: %s: %s\n", what, ec.message().c_str());
}

}  // namespace detail

template <class Stream>
class Session : public Stoppable, public std::enable_shared_from_this<Session<Stream>> {
 public:
  /// `slot` is released when the session ends (the listener's connection
  /// count); may be null.
  Session(Stream stream, std::shared_ptr<const SessionContext> context,
          std::shared_ptr<void> slot = {})
      : stream_(std::move(stream)),
        timer_(stream_.get_executor()),
        context_(std::move(context)),
        slot_(std::move(slot)) {}

  /// Starts serving; with `stopping`, answers only a request already waiting.
  void start(bool stopping = false) {
    boost::asio::dispatch(stream_.get_executor(), [self = this->shared_from_this(), stopping] {
      self->stopping_ = self->stopping_ || stopping;
      if constexpr (kTls)
        self->handshake();
      else
        self->next_request();
    });
  }

  void stop() override {
    boost::asio::dispatch(stream_.get_executor(),
                          [self = this->shared_from_this()] { self->on_stop(); });
  }

 private:
  using Clock = std::chrono::steady_clock;
  enum class State { kIdle, kReading, kWriting, kLingering, kClosed };
  static constexpr bool kTcp = std::is_same_v<Stream, boost::asio::ip::tcp::socket>;
  static constexpr bool kTls = detail::TlsSocketStream<Stream>;

  // The socket beneath, for what TLS does not do (shutdown, cancel, close).
  auto& socket() {
    if constexpr (kTls)
      return stream_.next_layer();
    else
      return stream_;
  }
  static constexpr std::size_t kFirstRead = 4096;

  const Limits& limits() const { return context_->limits; }

  void on_stop() {
    stopping_ = true;
    // Only an idle session is interrupted; a request being read or answered
    // finishes, and its response closes the connection.
    if (state_ == State::kIdle) cancel_io();
  }

  // Bytes already received but not read by anyone: a request the client sent
  // before the server began to stop.
  bool bytes_waiting() {
    if constexpr (kTcp || kTls) {
      boost::beast::error_code ec;
      return socket().available(ec) > 0 && !ec;
    } else {
      return false;
    }
  }

  // A client that never finishes it is dropped by the read timeout (the
  // timer cancels the handshake as it would a read).
  void handshake() {
    state_ = State::kReading;
    arm(limits().read_timeout);
    stream_.async_handshake(Stream::server, [self = this->shared_from_this()](auto ec) {
      if (!ec) return self->next_request();
      if (!self->timed_out_ && !detail::tls_truncated(ec)) detail::fail(ec, "TLS handshake");
      self->close();
    });
  }

  // The end of the stream, as either stream reports it.
  static bool is_eof(boost::beast::error_code ec) {
    if (ec == boost::asio::error::eof) return true;
    if constexpr (kTls) return detail::tls_truncated(ec);
    return false;
  }

  void next_request() {
    if (buffer_.size() > 0) return read_request();  // pipelined: already here
    if (stopping_) return bytes_waiting() ? read_request() : close();
    // Wait for the first bytes apart from the request itself, so that a
    // keep-alive connection gets the idle timeout and a request in progress
    // the read timeout. Same number of reads as one http::async_read.
    state_ = State::kIdle;
    arm(limits().idle_timeout);
    stream_.async_read_some(
        buffer_.prepare(kFirstRead),
        [self = this->shared_from_this()](auto ec, std::size_t n) { self->on_first_bytes(ec, n); });
  }

  void on_first_bytes(boost::beast::error_code ec, std::size_t n) {
    if (ec == boost::asio::error::operation_aborted && stopping_ && !timed_out_)
      return bytes_waiting() ? read_request() : close();
    if (ec) {
      if (!is_eof(ec)) detail::fail(ec, "read");
      return close();
    }
    buffer_.commit(n);
    read_request();
  }

  void read_request() {
    state_ = State::kReading;
    started_ = Clock::now();
    header_bytes_ = 0;
    parser_.emplace();
    parser_->header_limit(limits().header_bytes);
    parser_->body_limit(limits().body_bytes);
    extension_bytes_ = 0;
    parser_->on_chunk_header(on_chunk_header_);
    arm(limits().read_timeout);
    parse();
  }

  // The parser is fed by hand rather than through http::async_read: Beast
  // 1.74 applies header_limit to each put() and consumes whole fields as it
  // goes, so many small fields would pass any limit. Counting here does not.
  void parse() {
    for (;;) {
      if (buffer_.size() == 0) return read_more();
      boost::beast::error_code ec;
      const bool in_header = !parser_->is_header_done();
      const std::size_t used = parser_->put(buffer_.data(), ec);
      buffer_.consume(used);
      if (in_header) {
        // Not eager: the put that ends the header stops there, so `used`
        // is all header bytes.
        header_bytes_ += used;
        const std::size_t unparsed = parser_->is_header_done() ? 0 : buffer_.size();
        if (header_bytes_ + unparsed > limits().header_bytes)
          return on_read(http::error::header_limit);
      }
      if (ec == http::error::need_more) {
        // Beast parses a chunk-size line or the trailer only when it has
        // all of it: what waits for that is what to cap (RFC 9112 section
        // 7.1.1: limit chunk extensions, answer 4xx).
        if (!in_header && buffer_.size() > limits().header_bytes) return on_framing_too_long();
        return read_more();
      }
      if (ec) return on_read(ec);
      if (extension_bytes_ > limits().header_bytes) return on_framing_too_long();
      if (parser_->is_done()) return on_read({});
    }
  }

  // The model's content type for replies cpct makes outside the oracle (a
  // test's own handler has no model: then awsJson1_1's).
  std::string_view content_type() const {
    return context_->oracle ? std::string_view(context_->oracle->spec().wire.content_type)
                            : std::string_view(protocol::kContentType);
  }

  // 413 for chunk extensions (part of the content as transferred, RFC 9112
  // section 7.1), 431 for a trailer (fields, RFC 6585 section 5); closed.
  void on_framing_too_long() {
    const unsigned version = parser_->get().version();
    if (trailer_waiting())
      return respond(error_reply(http::status::request_header_fields_too_large, kHeaderTooLarge,
                                 "The request's trailer fields are larger than this server accepts",
                                 version, new_request_id(), content_type()),
                     true);
    respond(error_reply(http::status::payload_too_large, kTooLarge,
                        "The request's chunk extensions are larger than this server accepts",
                        version, new_request_id(), content_type()),
            true);
  }

  // Whether the bytes waiting are a last chunk ("0", maybe after the
  // previous chunk's CRLF) whose own line has ended: then a trailer follows.
  bool trailer_waiting() const {
    const auto data = buffer_.data();
    std::string_view waiting(static_cast<const char*>(data.data()), data.size());
    if (waiting.substr(0, 2) == "\r\n") waiting.remove_prefix(2);
    const auto digits = waiting.find_first_not_of('0');
    if (digits == 0 || digits == std::string_view::npos) return false;
    if (waiting[digits] != ';' && waiting[digits] != '\r') return false;
    return waiting.find("\r\n") != std::string_view::npos;
  }

  void read_more() {
    // The timer may fire while a read's completion is already queued: its
    // cancel then misses, and the next read must not start unbounded.
    if (timed_out_) return on_read(boost::asio::error::operation_aborted);
    // Small reads for headers; larger once a body is coming.
    const std::size_t size = parser_->is_header_done() ? 65536 : kFirstRead;
    stream_.async_read_some(
        buffer_.prepare(size),
        [self = this->shared_from_this()](auto ec, std::size_t n) { self->on_read_some(ec, n); });
  }

  void on_read_some(boost::beast::error_code ec, std::size_t n) {
    if (is_eof(ec)) {
      // The client finished sending: a request cut short, or none at all.
      if (!parser_->got_some()) return on_read(http::error::end_of_stream);
      boost::beast::error_code eof_ec;
      parser_->put_eof(eof_ec);
      if (!eof_ec && !parser_->is_done()) eof_ec = http::error::partial_message;
      return on_read(eof_ec);
    }
    if (ec) return on_read(ec);
    buffer_.commit(n);
    parse();
  }

  void on_read(boost::beast::error_code ec) {
    const unsigned version = parser_->is_header_done() ? parser_->get().version() : 11;
    if (ec == boost::asio::error::operation_aborted && timed_out_) {
      return respond(error_reply(http::status::request_timeout, kRequestTimeout,
                                 "The request did not arrive in time", version, new_request_id(),
                                 content_type()),
                     true);
    }
    if (ec) {
      auto reply = reply_to_read_error(ec, version, new_request_id(), content_type());
      if (!reply) {
        detail::fail(ec, "read");
        return close();
      }
      return respond(std::move(*reply), true);
    }
    const Request& request = parser_->get();
    Reply reply;
    try {
      AnswerCache* cache =
          context_->serial != 0 ? &AnswerCache::for_thread(context_->serial) : nullptr;
      reply = context_->handler ? context_->handler(request, new_request_id())
                                : handle(request, *context_->oracle, new_request_id(), cache);
    } catch (const std::exception&) {
      // A bug in the oracle must still not become a 5xx or a dropped
      // connection. The exception text may quote the body: not printed.
      std::fprintf(stderr, "cpct serve: internal error while answering a request\n");
      reply =
          error_reply(http::status::bad_request, kBadRequest, "The request could not be processed",
                      version, new_request_id(), content_type());
    }
    // While stopping, a connection stays open only for requests the client
    // already sent (pipelined or waiting in the socket).
    const bool close =
        !reply.response.keep_alive() || (stopping_ && buffer_.size() == 0 && !bytes_waiting());
    respond(std::move(reply), close);
  }

  void respond(Reply reply, bool close) {
    response_ = std::move(reply.response);
    if (close) response_.keep_alive(false);
    if (context_->log) {
      log(reply.error_type);
      // The jobs the request moved: ids and states only, never data.
      if (reply.decision)
        for (const auto& t : reply.decision->answer.transitions) context_->log->note("job " + t);
    }
    parser_.reset();
    state_ = State::kWriting;
    arm(limits().read_timeout);
    http::async_write(stream_, response_,
                      [self = this->shared_from_this(), close](auto ec, std::size_t) {
                        self->on_write(ec, close);
                      });
  }

  void log(const std::string& error_type) {
    using detail::std_view;
    LogEntry entry;
    entry.time = std::chrono::system_clock::now();
    if (parser_ && parser_->is_header_done()) {
      const auto& request = parser_->get();
      entry.method = std_view(request.method_string());
      entry.path = std_view(request.target());
      if (const auto it = request.find("X-Amz-Target"); it != request.end())
        entry.target = std_view(it->value());
    }
    entry.status = static_cast<int>(response_.result_int());
    entry.error_type = error_type;
    entry.latency = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started_);
    const auto id = response_.find("x-amzn-RequestId");
    if (id != response_.end()) entry.request_id = std_view(id->value());
    context_->log->write(entry);
  }

  void on_write(boost::beast::error_code ec, bool close_after) {
    response_ = {};
    if (ec) {
      detail::fail(ec, "write");
      return close();
    }
    if (close_after) return linger();
    // A large request leaves a large buffer behind; idle connections are many.
    if (buffer_.size() == 0 && buffer_.capacity() > 4 * kFirstRead) buffer_.shrink_to_fit();
    next_request();
  }

  // Half-close and drain: closing with unread bytes would send a reset that
  // can destroy the response before the client reads it (e.g. after a 413).
  // Over TLS the TCP half-close comes without close_notify: an SSL shutdown
  // waits for the client's and fails on its unread data, which is what the
  // drain is for; every response carries its length, so none is truncated.
  void linger() {
    state_ = State::kLingering;
    if constexpr (kTcp || kTls) {
      boost::beast::error_code ec;
      socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
    }
    arm(std::min(limits().linger, limits().read_timeout));
    drain();
  }

  void drain() {
    buffer_.consume(buffer_.size());
    // Raw bytes over TLS too: they are dropped unread.
    socket().async_read_some(buffer_.prepare(kFirstRead),
                             [self = this->shared_from_this()](auto ec, std::size_t) {
                               if (ec) return self->close();
                               self->drain();
                             });
  }

  void close() {
    if (state_ == State::kClosed) return;
    state_ = State::kClosed;
    timer_.cancel();
    boost::beast::error_code ec;
    if constexpr (kTcp || kTls) {
      socket().close(ec);
    } else {
      stream_.close();
    }
  }

  void cancel_io() {
    if constexpr (kTcp || kTls) {
      boost::beast::error_code ec;
      socket().cancel(ec);
    } else {
      stream_.close();
    }
  }

  // One timer per connection, armed lazily: a new deadline is a store, and
  // the timer only re-waits when it fires before the deadline. It never waits
  // longer than the shortest timeout, so a later, shorter deadline is seen
  // in time without resetting the timer on every request.
  void arm(std::chrono::milliseconds timeout) {
    const auto now = Clock::now();
    deadline_ = now + timeout;
    timed_out_ = false;
    if (!timer_waiting_) {
      wait_timer(std::min(deadline_, now + tick()));
    } else if (deadline_ < timer_.expiry()) {
      wait_timer(deadline_);  // only lingering is shorter than the tick
    }
  }

  Clock::duration tick() const { return std::min(limits().idle_timeout, limits().read_timeout); }

  void wait_timer(Clock::time_point when) {
    timer_waiting_ = true;
    timer_.expires_at(when);  // cancels a wait in progress: it returns below
    timer_.async_wait([self = this->shared_from_this()](boost::beast::error_code ec) {
      if (ec == boost::asio::error::operation_aborted) return;
      self->on_timer();
    });
  }

  void on_timer() {
    timer_waiting_ = false;
    if (state_ == State::kClosed) return;
    const auto now = Clock::now();
    if (now < deadline_) return wait_timer(std::min(deadline_, now + tick()));
    timed_out_ = true;
    if (state_ == State::kIdle || state_ == State::kReading) {
      cancel_io();  // the read handler answers 408 or closes
    } else {
      close();  // a client that does not take its response, or lingers
    }
  }

  Stream stream_;
  boost::asio::steady_timer timer_;
  std::shared_ptr<const SessionContext> context_;
  std::shared_ptr<void> slot_;
  boost::beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Response response_;
  State state_ = State::kIdle;
  Clock::time_point started_;
  std::size_t header_bytes_ = 0;     // consumed by the parser before the header was done
  std::size_t extension_bytes_ = 0;  // chunk extensions of the request so far
  // Stored: Beast's parser keeps a reference to it.
  std::function<void(std::uint64_t, boost::beast::string_view, boost::beast::error_code&)>
      on_chunk_header_ =
          [this](std::uint64_t, boost::beast::string_view extensions, boost::beast::error_code&) {
            extension_bytes_ += extensions.size();
          };
  Clock::time_point deadline_;
  bool timer_waiting_ = false;
  bool timed_out_ = false;
  bool stopping_ = false;
};

}  // namespace cpct::server
