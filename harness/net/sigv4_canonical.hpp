#pragma once
// The steps of SigV4, exposed for tests. Each mirrors botocore's SigV4Auth
// so cpct's signatures match an SDK's byte for byte.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "net/http_client.hpp"

namespace cpct::net::detail {

/// "YYYYMMDDTHHMMSSZ" in UTC, seconds truncated.
std::string amz_timestamp(std::chrono::system_clock::time_point now);

/// The path with dot segments and empty segments removed, then
/// percent-encoded except unreserved characters and '/'.
std::string canonical_uri(std::string_view path);

/// The query's key=value pairs sorted (as they are on the wire, not re-encoded).
std::string canonical_query(std::string_view query);

struct CanonicalHeaders {
  std::string block;        // "name:value\n" per header, sorted
  std::string signed_list;  // "name;name"
};

/// Lower-cased names, whitespace-collapsed values, repeats joined by ',',
/// `host` added when absent; Expect, User-Agent and X-Amzn-Trace-Id are not
/// signed (proxies change them).
CanonicalHeaders canonical_headers(const std::vector<Header>& headers, const std::string& host);

std::string canonical_request(const HttpRequest& request, const std::string& host);

/// The same from headers already canonicalised (sign_v4 needs them twice).
std::string canonical_request(const HttpRequest& request, const CanonicalHeaders& headers);

/// kSigning = HMAC chain over date, region, service, "aws4_request".
std::string signing_key(const std::string& secret, const std::string& date,
                        const std::string& region, const std::string& service);

}  // namespace cpct::net::detail
