// AWS Signature Version 4, Authorization-header flavour.
#include "net/sigv4.hpp"

#include <algorithm>
#include <ctime>
#include <map>

#include "net/ascii.hpp"
#include "net/crypto.hpp"
#include "net/sigv4_canonical.hpp"
#include "text/hex.hpp"
#include "text/percent.hpp"

namespace cpct::net {
namespace detail {
namespace {

constexpr const char* kAlgorithm = "AWS4-HMAC-SHA256";

// RFC 3986 5.2.4, plus AWS's removal of empty segments ("//").
std::string remove_dot_segments(std::string_view path) {
  if (path.empty()) return "/";
  std::vector<std::string_view> kept;
  std::size_t begin = 0;
  while (begin <= path.size()) {
    std::size_t end = std::min(path.find('/', begin), path.size());
    std::string_view segment = path.substr(begin, end - begin);
    if (segment == "..") {
      if (!kept.empty()) kept.pop_back();
    } else if (!segment.empty() && segment != ".") {
      kept.push_back(segment);
    }
    begin = end + 1;
  }
  std::string out = path.front() == '/' ? "/" : "";
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (i > 0) out += '/';
    out += kept[i];
  }
  if (path.back() == '/' && !kept.empty()) out += '/';
  return out;
}

// Python's str.split() whitespace, restricted to ASCII.
bool is_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1c' && c <= '\x1f');
}

std::string collapse_whitespace(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (char c : value) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

bool is_unsigned_header(const std::string& lower_name) {
  return lower_name == "expect" || lower_name == "user-agent" || lower_name == "x-amzn-trace-id";
}

const Header* find_header(const std::vector<Header>& headers, std::string_view name) {
  for (const auto& h : headers)
    if (iequals(h.name, name)) return &h;
  return nullptr;
}

void erase_header(std::vector<Header>& headers, std::string_view name) {
  std::erase_if(headers, [&](const Header& h) { return iequals(h.name, name); });
}

}  // namespace

std::string amz_timestamp(std::chrono::system_clock::time_point now) {
  std::time_t seconds =
      std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(now));
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

std::string canonical_uri(std::string_view path) {
  // Each byte but the unreserved ones and '/' as %XX, upper case (SigV4).
  return text::percent_encode(remove_dot_segments(path), text::HexCase::kUpper, "/");
}

std::string canonical_query(std::string_view query) {
  if (query.empty()) return "";
  std::vector<std::pair<std::string_view, std::string_view>> pairs;
  std::size_t begin = 0;
  while (begin <= query.size()) {
    std::size_t end = std::min(query.find('&', begin), query.size());
    std::string_view pair = query.substr(begin, end - begin);
    std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos)
      pairs.emplace_back(pair, std::string_view());
    else
      pairs.emplace_back(pair.substr(0, equals), pair.substr(equals + 1));
    begin = end + 1;
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [key, value] : pairs) {
    if (!out.empty()) out += '&';
    out.append(key).append("=").append(value);
  }
  return out;
}

CanonicalHeaders canonical_headers(const std::vector<Header>& headers, const std::string& host) {
  std::map<std::string, std::string> values;  // sorted by lower-cased name
  for (const auto& h : headers) {
    std::string name = ascii_lower(h.name);
    if (is_unsigned_header(name)) continue;
    std::string value = collapse_whitespace(h.value);
    auto [it, inserted] = values.try_emplace(name, value);
    if (!inserted) it->second.append(",").append(value);
  }
  values.try_emplace("host", host);
  CanonicalHeaders out;
  for (const auto& [name, value] : values) {
    out.block.append(name).append(":").append(value).append("\n");
    if (!out.signed_list.empty()) out.signed_list += ';';
    out.signed_list += name;
  }
  return out;
}

std::string canonical_request(const HttpRequest& request, const std::string& host) {
  return canonical_request(request, canonical_headers(request.headers, host));
}

std::string canonical_request(const HttpRequest& request, const CanonicalHeaders& headers) {
  std::string_view target = request.target;
  target = target.substr(0, target.find('#'));
  std::size_t question = target.find('?');
  std::string_view path = target.substr(0, question);
  std::string_view query =
      question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
  // An explicit payload hash header is trusted, as botocore does.
  const Header* payload_hash = find_header(request.headers, "x-amz-content-sha256");
  std::string method = request.method;
  std::transform(method.begin(), method.end(), method.begin(),
                 [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
  return method + "\n" + canonical_uri(path) + "\n" + canonical_query(query) + "\n" +
         headers.block + "\n" + headers.signed_list + "\n" +
         (payload_hash ? payload_hash->value : sha256_hex(request.body));
}

std::string signing_key(const std::string& secret, const std::string& date,
                        const std::string& region, const std::string& service) {
  std::string key = hmac_sha256("AWS4" + secret, date);
  key = hmac_sha256(key, region);
  key = hmac_sha256(key, service);
  return hmac_sha256(key, "aws4_request");
}

namespace {

// The signing key changes once a day per secret, region and service: derived
// once per thread and day instead of four HMACs per request.
const std::string& cached_signing_key(const std::string& secret, const std::string& date,
                                      const std::string& region, const std::string& service) {
  struct Entry {
    std::string secret, date, region, service, key;
  };
  thread_local Entry last;
  if (last.key.empty() || last.secret != secret || last.date != date || last.region != region ||
      last.service != service)
    last = Entry{secret, date, region, service, signing_key(secret, date, region, service)};
  return last.key;
}

}  // namespace

}  // namespace detail

void sign_v4(HttpRequest& request, const std::string& host, const Credentials& credentials,
             const SigningScope& scope, std::chrono::system_clock::time_point now) {
  using namespace detail;
  const std::string timestamp = amz_timestamp(now);
  const std::string date = timestamp.substr(0, 8);
  // Signing again (a retry) replaces what an earlier signing added.
  erase_header(request.headers, "authorization");
  erase_header(request.headers, "x-amz-date");
  request.headers.push_back({"X-Amz-Date", timestamp});
  if (!credentials.session_token.empty()) {
    erase_header(request.headers, "x-amz-security-token");
    request.headers.push_back({"X-Amz-Security-Token", credentials.session_token});
  }
  // The Host header that will be sent wins over `host` when both exist.
  const Header* sent_host = find_header(request.headers, "host");
  const std::string signed_host = sent_host ? sent_host->value : host;

  const std::string credential_scope =
      date + "/" + scope.region + "/" + scope.service + "/aws4_request";
  // The headers are canonicalised once: the canonical request and the
  // Authorization header's SignedHeaders both come from them.
  const CanonicalHeaders headers = canonical_headers(request.headers, signed_host);
  const std::string string_to_sign = std::string(kAlgorithm) + "\n" + timestamp + "\n" +
                                     credential_scope + "\n" +
                                     sha256_hex(canonical_request(request, headers));
  const std::string signature = text::to_hex(hmac_sha256(
      cached_signing_key(credentials.secret_access_key, date, scope.region, scope.service),
      string_to_sign));
  request.headers.push_back(
      {"Authorization", std::string(kAlgorithm) + " Credential=" + credentials.access_key_id + "/" +
                            credential_scope + ", SignedHeaders=" + headers.signed_list +
                            ", Signature=" + signature});
}

}  // namespace cpct::net
