#pragma once
// AWS Signature Version 4, as the SDKs sign awsJson1_1 requests: real
// services and emulators authenticate and route by the Authorization header.
#include <chrono>
#include <string>
#include <vector>

#include "net/http_client.hpp"

namespace cpct::net {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty when none

  /// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, or test
  /// defaults when unset. Never logged.
  static Credentials from_environment();
  /// Fixed, documented test credentials (docs/contracts.md, adapter
  /// protocol): what programs under test get, never the user's own.
  static Credentials for_tests();
};

struct SigningScope {
  std::string region;   // "us-east-1"
  std::string service;  // the model's signing name: "codepipeline"
};

/// Adds X-Amz-Date, X-Amz-Security-Token (with a session token) and
/// Authorization to `request` for `host` (the Host header value), signing
/// method, path, query, every header present and the body's SHA-256.
/// `now` is injectable so tests can compare with botocore byte for byte.
void sign_v4(HttpRequest& request, const std::string& host, const Credentials& credentials,
             const SigningScope& scope, std::chrono::system_clock::time_point now);

/// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(const std::string& data);

}  // namespace cpct::net
