#include "net/http_read.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/error.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "net/ascii.hpp"

namespace cpct::net::detail {
namespace beast = boost::beast;
namespace http = boost::beast::http;
using boost::system::error_code;

namespace {

class ReadCapCategory : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "cpct.http-read"; }
  std::string message(int value) const override {
    switch (static_cast<ReadCap>(value)) {
      case ReadCap::kInterimFlood:
        return "too many interim responses";
      case ReadCap::kChunkExtensions:
        return "chunk extensions too long";
      case ReadCap::kLineTooLong:
        return "chunk line or trailer too long";
    }
    return "read cap";
  }
};

// buffer_body: the parser writes the body into our chunk, so a
// Content-Length is never turned into an allocation (string_body reserves it).
using Parser = http::response_parser<http::buffer_body>;

constexpr std::size_t kChunk = 16 * 1024;

// The end of the stream while reading: a response cut short, or none.
error_code at_eof(Parser& parser) {
  if (!parser.got_some()) return http::error::end_of_stream;
  error_code ec;
  parser.put_eof(ec);
  if (!ec && !parser.is_done()) ec = http::error::partial_message;
  return ec;
}

bool is_eof(const error_code& ec) {
  return ec == boost::asio::error::eof || ec == http::error::end_of_stream;
}

// Fed by hand rather than through http::read: Beast 1.74 applies
// header_limit to each put() and consumes whole fields as it goes (as
// server/session.hpp says), so many small fields would pass any limit.
// `header_bytes` runs across interim responses.
error_code read_header(Parser& parser, beast::flat_buffer& buffer, const ReadMore& read_more,
                       const ClientLimits& limits, std::size_t& header_bytes, ReadState& state) {
  for (;;) {
    if (buffer.size() > 0) {
      state.got_some = true;
      error_code ec;
      const std::size_t used = parser.put(buffer.data(), ec);
      buffer.consume(used);
      header_bytes += used;
      const std::size_t unparsed = parser.is_header_done() ? 0 : buffer.size();
      if (header_bytes + unparsed > limits.max_header_bytes) return http::error::header_limit;
      if (ec && ec != http::error::need_more) return ec;  // body_limit from Content-Length too
      if (parser.is_header_done()) return {};
      if (used > 0 && buffer.size() > 0) continue;
    }
    if (auto ec = read_more(buffer)) return is_eof(ec) ? at_eof(parser) : ec;
  }
}

error_code read_body(Parser& parser, beast::flat_buffer& buffer, const ReadMore& read_more,
                     const ClientLimits& limits, std::string& body, const bool& extensions_over) {
  std::array<char, kChunk> chunk;
  for (;;) {
    if (parser.is_done()) return {};
    if (buffer.size() > 0) {
      auto& target = parser.get().body();
      target.data = chunk.data();
      target.size = chunk.size();
      target.more = true;
      error_code ec;
      const std::size_t used = parser.put(buffer.data(), ec);
      buffer.consume(used);
      const std::size_t got = chunk.size() - target.size;
      if (body.size() + got > limits.max_body_bytes) return http::error::body_limit;
      body.append(chunk.data(), got);
      if (extensions_over) return ReadCap::kChunkExtensions;
      if (ec == http::error::need_buffer) continue;  // our chunk is full: go on
      if (parser.is_done()) return {};
      if (ec && ec != http::error::need_more) return ec;
      if (!ec && buffer.size() > 0) continue;
      // A chunk-size line or the trailer is parsed only when whole: the
      // bytes waiting for it are the ones to cap.
      if (buffer.size() > limits.max_header_bytes) return ReadCap::kLineTooLong;
    }
    if (auto ec = read_more(buffer)) return is_eof(ec) ? at_eof(parser) : ec;
  }
}

}  // namespace

error_code make_error_code(ReadCap cap) {
  static const ReadCapCategory category;
  return {static_cast<int>(cap), category};
}

std::size_t read_buffer_size(const ClientLimits& limits) {
  return limits.max_header_bytes + 2 * kChunk;
}

error_code read_response(beast::flat_buffer& buffer, const ReadMore& read_more,
                         const ClientLimits& limits, bool no_body, HttpResponse& out,
                         ReadState& state) {
  std::size_t header_bytes = 0;
  std::size_t interim = 0;
  std::optional<Parser> parser;
  for (;;) {
    parser.emplace();
    // Counted by read_header; Beast's own per-put limit only as large.
    parser->header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(limits.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
    parser->body_limit(static_cast<std::uint64_t>(limits.max_body_bytes));
    if (no_body) parser->skip(true);
    if (auto ec = read_header(*parser, buffer, read_more, limits, header_bytes, state)) return ec;
    // Interim 1xx responses precede the real one (101 would switch protocols).
    const int status = static_cast<int>(parser->get().result_int());
    if (status < 100 || status >= 200 || status == 101) break;
    if (++interim > kMaxInterimResponses) return ReadCap::kInterimFlood;
  }
  std::size_t extension_bytes = 0;
  bool extensions_over = false;
  auto on_chunk = [&](std::uint64_t, beast::string_view extensions, error_code&) {
    extension_bytes += extensions.size();
    extensions_over = extensions_over || extension_bytes > limits.max_header_bytes;
  };
  parser->on_chunk_header(on_chunk);
  if (auto ec = read_body(*parser, buffer, read_more, limits, out.body, extensions_over)) return ec;

  state.keep_alive = parser->keep_alive();  // false too when the body ended with EOF
  const auto& message = parser->get();
  out.status = static_cast<int>(message.result_int());
  for (const auto& field : message)
    out.headers.push_back(
        {ascii_lower(std::string_view(field.name_string().data(), field.name_string().size())),
         std::string(field.value())});
  return {};
}

}  // namespace cpct::net::detail
