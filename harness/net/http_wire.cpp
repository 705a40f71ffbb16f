#include "net/http_wire.hpp"

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

#include "net/ascii.hpp"
#include "net/http_read.hpp"

namespace cpct::net::detail {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using boost::system::error_code;

namespace {

bool has_header(const HttpRequest& request, std::string_view name) {
  for (const auto& h : request.headers)
    if (iequals(h.name, name)) return true;
  return false;
}

std::string millis(const ClientLimits& limits) {
  return std::to_string(limits.timeout.count()) + " ms";
}

}  // namespace

std::string request_bytes(const HttpRequest& request, const std::string& authority) {
  if (request.raw) return *request.raw;
  std::string out = request.method + " " + request.target + " HTTP/1.1\r\n";
  if (!has_header(request, "host")) out += "Host: " + authority + "\r\n";
  for (const auto& h : request.headers) out += h.name + ": " + h.value + "\r\n";
  if (!has_header(request, "content-length") && !has_header(request, "transfer-encoding"))
    out += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
  out += "\r\n";
  out += request.body;
  return out;
}

bool expects_no_body(const HttpRequest& request) {
  if (request.raw) return request.raw->rfind("HEAD ", 0) == 0;
  return iequals(request.method, "HEAD");
}

Failure connect_failure(const error_code& ec, const Url& url, const ClientLimits& limits) {
  using Outcome = HttpResponse::Outcome;
  const std::string where = url.authority();
  // A connect that never completes is still "no TCP connection", not a slow
  // server: report it as a connect failure so callers treat it as setup.
  if (ec == beast::error::timeout || ec == asio::error::timed_out ||
      ec == asio::error::operation_aborted)
    return {Outcome::kConnectFailed,
            "connecting to " + where + " timed out after " + millis(limits)};
  if (ec == asio::error::connection_refused)
    return {Outcome::kConnectFailed, "connection refused by " + where};
  if (ec.category() == asio::error::get_netdb_category() ||
      ec.category() == asio::error::get_addrinfo_category())
    return {Outcome::kConnectFailed, "cannot resolve host '" + url.host + "': " + ec.message()};
  return {Outcome::kConnectFailed, "cannot connect to " + where + ": " + ec.message()};
}

Failure exchange_failure(const error_code& ec, const ClientLimits& limits) {
  using Outcome = HttpResponse::Outcome;
  if (ec == beast::error::timeout)
    return {Outcome::kTimeout, "no complete response within " + millis(limits)};
  if (ec == http::error::header_limit)
    return {Outcome::kTooLarge,
            "response header over " + std::to_string(limits.max_header_bytes) + " bytes"};
  if (ec == http::error::body_limit)
    return {Outcome::kTooLarge,
            "response body over " + std::to_string(limits.max_body_bytes) + " bytes"};
  // An endless interim stream never answers: as a timeout, early (no-hang).
  if (ec == ReadCap::kInterimFlood)
    return {Outcome::kTimeout, "more than " + std::to_string(kMaxInterimResponses) +
                                   " interim (1xx) responses and no final response"};
  if (ec == ReadCap::kChunkExtensions)
    return {Outcome::kTooLarge,
            "response chunk extensions over " + std::to_string(limits.max_header_bytes) + " bytes"};
  if (ec == ReadCap::kLineTooLong)
    return {Outcome::kTooLarge, "response chunk-size line or trailer over " +
                                    std::to_string(limits.max_header_bytes) + " bytes"};
  if (ec == http::error::end_of_stream || ec == asio::error::eof)
    return {Outcome::kReset, "connection closed before a response"};
  if (ec == http::error::partial_message)
    return {Outcome::kReset, "connection closed in the middle of the response"};
  if (ec == asio::error::connection_reset || ec == asio::error::connection_aborted)
    return {Outcome::kReset, "connection reset by the server"};
  if (ec == asio::error::broken_pipe)
    return {Outcome::kReset, "connection closed while sending the request"};
  if (ec.category() == error_code(http::error::bad_version).category())
    return {Outcome::kMalformed, "not an HTTP/1.1 response: " + ec.message()};
  return {Outcome::kReset, "connection failed: " + ec.message()};
}

bool is_closed_by_peer(const error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::connection_aborted ||
         ec == asio::error::broken_pipe;
}

}  // namespace cpct::net::detail
