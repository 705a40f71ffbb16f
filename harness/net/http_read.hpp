#pragma once
// Reading one final response from bytes a hostile server sends: every cap
// counts what arrived (interim responses, header bytes, chunk extensions,
// chunk lines and trailers, body bytes), nothing is allocated from what the
// server announces (Content-Length), and the caller's read function holds
// the deadline. No socket here, so it reads (and tests) on its own.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/system/error_code.hpp>
#include <cstddef>
#include <functional>
#include <system_error>

#include "net/http_client.hpp"

namespace cpct::net::detail {

/// Interim (1xx) responses read before giving up on a final one. RFC 9110
/// section 15.2 asks clients to accept "one or more"; no server needs 100.
inline constexpr std::size_t kMaxInterimResponses = 100;

/// The caps of the reader, as error codes (category "cpct.http-read").
enum class ReadCap {
  kInterimFlood = 1,  // more than kMaxInterimResponses 1xx responses
  kChunkExtensions,   // chunk extensions over max_header_bytes in all
  kLineTooLong,       // a chunk-size line or the trailer over max_header_bytes
};
boost::system::error_code make_error_code(ReadCap cap);

/// Appends at least one byte to the buffer, or returns why not (timeout,
/// eof, reset). Called only when the parser needs more.
using ReadMore = std::function<boost::system::error_code(boost::beast::flat_buffer&)>;

struct ReadState {
  bool got_some = false;    // any byte of a response arrived
  bool keep_alive = false;  // the connection may carry another exchange
};

/// Reads interim responses and then the final one into `out` (status,
/// lower-cased headers, body). `buffer` may hold bytes already; what is left
/// in it afterwards came after the response. Returns an error or {}.
boost::system::error_code read_response(boost::beast::flat_buffer& buffer,
                                        const ReadMore& read_more, const ClientLimits& limits,
                                        bool no_body, HttpResponse& out, ReadState& state);

/// The buffer a reader needs: the header cap plus one read.
std::size_t read_buffer_size(const ClientLimits& limits);

}  // namespace cpct::net::detail

template <>
struct boost::system::is_error_code_enum<cpct::net::detail::ReadCap> : std::true_type {};
