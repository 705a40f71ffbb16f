#pragma once
// What a call of the reference client gives back: the operation's output or
// a ClientError. The public API reports every failure this way and throws
// nothing, so a job worker handles one type and never a surprise exception.
#include <iosfwd>
#include <string>
#include <utility>
#include <variant>

namespace cpct::reference_client {

enum class ErrorKind {
  kService,            // the service answered with an error type (a modelled error or another)
  kHttp,               // a non-2xx answer without a resolvable error type (an HTML 502 page...)
  kTransport,          // no answer: connect failed, timeout, reset, oversized or garbled HTTP
  kMalformedResponse,  // a 2xx answer whose body is not the operation's output
  kConfiguration,      // the client cannot be used as configured (a bad endpoint URL)
  kInvalidInput,       // the input cannot be sent (only the adapter's JSON input has this)
};

const char* to_string(ErrorKind kind);

/// The codes of errors that are not the service's own error types.
namespace codes {
inline constexpr const char* kUnknownError = "UnknownError";  // non-2xx, no resolvable type
inline constexpr const char* kMalformedResponse = "MalformedResponse";
inline constexpr const char* kConnectionError = "ConnectionError";  // no TCP connection
inline constexpr const char* kTimeout = "RequestTimeout";
inline constexpr const char* kConnectionReset = "ConnectionReset";
inline constexpr const char* kResponseTooLarge = "ResponseTooLarge";
inline constexpr const char* kMalformedHttp = "MalformedHttpResponse";
inline constexpr const char* kInvalidEndpoint = "InvalidEndpoint";
inline constexpr const char* kInvalidInput = "InvalidInput";
inline constexpr const char* kInternalError = "ClientInternalError";  // out of memory and the like
}  // namespace codes

/// `code` is the error type for kService ("JobNotFoundException"), else one
/// of `codes`. `message` never holds a value of a
/// sensitive member (artifactCredentials) nor bytes of a response body that
/// was not JSON. `http_status` is 0 when no HTTP response arrived.
struct ClientError {
  std::string code;
  std::string message;
  int http_status = 0;
  ErrorKind kind = ErrorKind::kService;
};

/// to_debug_string(error) (redaction.hpp).
std::ostream& operator<<(std::ostream& out, const ClientError& error);

/// A value or a ClientError (std::expected is C++23; cpct is C++20).
template <class T>
class Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(ClientError error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  /// Only when ok().
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  /// Only when !ok().
  const ClientError& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, ClientError> state_;
};

}  // namespace cpct::reference_client
