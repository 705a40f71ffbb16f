#pragma once
// From one parsed HTTP request to the response the reference endpoint sends.
// No I/O and no state: sessions call it, and so can fuzz targets in process.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

#include "protocol/oracle.hpp"
#include "server/answer_cache.hpp"

namespace cpct::server {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

/// Error types of the project rules (docs/server.md): HTTP-level problems the
/// oracle does not cover. Each is sent as {"__type": ..., "message": ...}.
inline constexpr const char* kBadRequest = "BadRequestException";                       // 400
inline constexpr const char* kNotFound = "NotFoundException";                           // 404
inline constexpr const char* kMethodNotAllowed = "MethodNotAllowedException";           // 405
inline constexpr const char* kRequestTimeout = "RequestTimeoutException";               // 408
inline constexpr const char* kTooLarge = "RequestEntityTooLargeException";              // 413
inline constexpr const char* kHeaderTooLarge = "RequestHeaderFieldsTooLargeException";  // 431

/// cpct serve's own paths (docs/worker.md): GET the jobs' states; POST to
/// put every job back as the fixtures have it.
inline constexpr std::string_view kJobsPath = "/_cpct/jobs";
inline constexpr std::string_view kResetPath = "/_cpct/reset";

struct Reply {
  Response response;
  std::string error_type;  // empty on success; for the request log
  /// When the oracle decided this reply: what it was asked and what it
  /// answered (moved here, not copied). Lets fuzz_handler check that the
  /// reply renders the oracle's answer to the request as sent without
  /// asking the oracle twice. Empty for 404/405 and cache hits.
  struct Decision {
    protocol::Request asked;
    protocol::Expected answer;
  };
  std::optional<Decision> decision;
};

/// Answers `request`: POST / goes to the oracle, other paths get 404 and
/// other methods 405. Every reply has Content-Type, Content-Length and
/// x-amzn-RequestId; keep-alive follows the request. With a `cache`, a
/// repeated successful request is answered from it (answer_cache.hpp).
Reply handle(const Request& request, const protocol::Oracle& oracle, std::string_view request_id,
             AnswerCache* cache = nullptr);

/// A replacement for handle(), for servers that answer otherwise: the faulty
/// endpoint of the tests, mock endpoints. Must not throw for any request.
using Handler = std::function<Reply(const Request& request, std::string_view request_id)>;

/// A JSON error reply outside the oracle, with the model's content type
/// (application/x-amz-json-1.0 or 1.1); keep-alive is off.
Reply error_reply(http::status status, std::string_view type, std::string_view message,
                  unsigned version, std::string_view request_id, std::string_view content_type);

/// The reply to bytes the HTTP parser rejected, or nullopt when there is
/// nobody to answer (the peer closed or reset the connection).
std::optional<Reply> reply_to_read_error(boost::beast::error_code ec, unsigned version,
                                         std::string_view request_id,
                                         std::string_view content_type);

}  // namespace cpct::server
