#pragma once
// One endpoint, one kept-alive connection, SigV4 signing as the SDKs do
// it: what the client sends requests through. Separate from Client so a
// test harness (the faulty adapter) can send requests of its own making.
#include <chrono>
#include <cstddef>
#include <string>

#include "net/http_client.hpp"
#include "net/sigv4.hpp"

namespace cpct::reference_client {

struct TransportConfig {
  net::Url url;
  std::string region = "us-east-1";
  net::Credentials credentials;
  std::chrono::milliseconds timeout{5000};  // the whole exchange, connect included
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  std::string signing_name = "codepipeline";  // SigV4's service: the model's signingName
  net::TlsOptions tls;                        // https:// only
};

class Transport {
 public:
  explicit Transport(TransportConfig config);

  /// Signs (unless `sign` is false) and sends; every failure is an outcome
  /// of the response, never an exception or a wait past the timeout.
  net::HttpResponse send(net::HttpRequest request, bool sign = true);

  const TransportConfig& config() const { return config_; }

 private:
  TransportConfig config_;
  net::HttpClient http_;
};

}  // namespace cpct::reference_client
