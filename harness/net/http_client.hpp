#pragma once
// A blocking HTTP/1.1 client for talking to implementations under test.
// They may be hostile: every exchange is bounded in time and size, and
// each way it can go wrong is an outcome, never an exception or a hang.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "net/resolve.hpp"

namespace cpct::net {

/// http[s]://HOST:PORT[/PATH]. Throws std::invalid_argument with a
/// readable reason.
struct Url {
  bool tls = false;  // https://
  std::string host;
  std::string port;  // "80" (http) or "443" (https) when absent
  std::string path;  // "/" when absent
  static Url parse(const std::string& text);
  std::string authority() const;  // "host:port" as sent in Host
  std::string origin() const;     // "http[s]://host:port"
};

/// How an https:// endpoint is trusted. The system's trust store unless
/// `ca_file` names a PEM file of CA certificates to trust instead.
struct TlsOptions {
  std::string ca_file;
  bool insecure = false;  // no certificate or host-name verification at all
};

/// Throws std::invalid_argument ("CA file FILE: why") when `ca_file`
/// cannot be loaded: a setup error callers find before the first request.
void check_tls_options(const TlsOptions& options);

/// The error of every failed TLS handshake that is the setup's fault (an
/// untrusted, expired or wrong-host certificate, a handshake the server
/// refused) starts with this; its outcome is kConnectFailed.
inline constexpr const char* kTlsFailurePrefix = "TLS handshake with ";

struct Header {
  std::string name;  // as sent
  std::string value;
};

struct HttpRequest {
  std::string method = "POST";
  std::string target = "/";
  std::vector<Header> headers;  // sent in order; Host and Content-Length are added unless present
  std::string body;
  /// When set, these bytes are written instead of a request built from the
  /// fields above (malformed-HTTP cases).
  std::optional<std::string> raw;
};

struct HttpResponse {
  enum class Outcome {
    kResponse,       // a complete, parsable HTTP response
    kConnectFailed,  // no TCP connection (refused, unreachable, DNS)
    kTimeout,        // no complete response within the deadline
    kReset,          // the connection closed or reset before a complete response
    kTooLarge,       // headers or body over the caps
    kMalformed,      // bytes that are not an HTTP/1.1 response
  };
  Outcome outcome = Outcome::kResponse;
  int status = 0;
  std::vector<Header> headers;  // names lower-cased
  std::string body;             // at most max_body bytes
  std::string error;            // what went wrong, for messages (empty on kResponse)
  std::chrono::microseconds latency{0};

  /// The first header of that name (case-insensitive), if any.
  std::optional<std::string> header(const std::string& name) const;
};

const char* to_string(HttpResponse::Outcome outcome);

struct ClientLimits {
  std::chrono::milliseconds timeout{5000};  // whole exchange, connect and TLS handshake included
  std::size_t max_header_bytes = 64 * 1024;
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  /// Carried here, beside the limits, so every client of a run (cases,
  /// lifecycle, reset URL) trusts the same way without more plumbing.
  TlsOptions tls;
  /// The run's bound (--max-seconds): no exchange's deadline passes it, so a
  /// run ends at its bound however many retries or shrink steps it was in.
  /// An exchange it cuts ends as kTimeout; the caller drops such answers.
  std::chrono::steady_clock::time_point not_after = std::chrono::steady_clock::time_point::max();
  /// How host names are resolved (within the exchange's deadline); tests
  /// put a stalling one here.
  Resolver resolver = system_resolve;
};

/// One connection (TLS for https://) to one endpoint, reused while the server keeps it open
/// (reconnects transparently otherwise). Not thread-safe: one per thread.
class HttpClient {
 public:
  HttpClient(Url url, ClientLimits limits);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  /// `meanwhile` runs once the request is written, before its answer is
  /// read (not at all when no connection took it): work overlapping the
  /// endpoint's. It must not throw.
  HttpResponse send(const HttpRequest& request, const std::function<void()>& meanwhile = {});

  const Url& url() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cpct::net
