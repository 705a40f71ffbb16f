// Url::parse: the endpoint syntax cpct accepts on its command line.
#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "net/ascii.hpp"
#include "net/http_client.hpp"

namespace cpct::net {
namespace {

[[noreturn]] void fail(const std::string& why) {
  throw std::invalid_argument("endpoint URL: " + why);
}

// Host names and IP literals: no spaces, controls or URL delimiters.
bool plausible_host(const std::string& host) {
  return std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return c > 0x20 && c < 0x7f &&
           std::string_view("/?#@[]\\\"<>`{}|^%").find(c) == std::string_view::npos;
  });
}

std::string checked_port(const std::string& port) {
  if (port.empty()) fail("empty port after ':'");
  if (port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); }))
    fail("port '" + port + "' is not a number from 1 to 65535");
  int value = std::stoi(port);
  if (value < 1 || value > 65535) fail("port " + port + " is not from 1 to 65535");
  return std::to_string(value);  // drops leading zeros
}

}  // namespace

Url Url::parse(const std::string& text) {
  auto scheme_end = text.find("://");
  if (scheme_end == std::string::npos) fail("expected http[s]://HOST[:PORT][/PATH], got no scheme");
  std::string scheme = detail::ascii_lower(text.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https")
    fail("scheme '" + scheme + "' is not supported, use http:// or https://");
  const std::string default_port = scheme == "https" ? "443" : "80";

  std::string rest = text.substr(scheme_end + 3);
  auto authority_end = rest.find_first_of("/?#");
  std::string authority = rest.substr(0, authority_end);
  std::string path = authority_end == std::string::npos ? "" : rest.substr(authority_end);
  // Never echo userinfo: it may hold a password.
  if (authority.find('@') != std::string::npos)
    fail("user information (user@host) is not supported");

  Url url;
  url.tls = scheme == "https";
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string::npos) fail("unterminated IPv6 literal, expected [ADDRESS]");
    url.host = detail::ascii_lower(authority.substr(1, close - 1));
    bool hex_or_colon = std::all_of(url.host.begin(), url.host.end(), [](unsigned char c) {
      return std::isxdigit(c) || c == ':' || c == '.';
    });
    if (url.host.empty() || !hex_or_colon) fail("bad IPv6 literal '[" + url.host + "]'");
    std::string after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':')
      fail("unexpected '" + after + "' after the IPv6 literal");
    url.port = after.empty() ? default_port : checked_port(after.substr(1));
  } else {
    auto colon = authority.find(':');
    url.host = detail::ascii_lower(authority.substr(0, colon));
    url.port =
        colon == std::string::npos ? default_port : checked_port(authority.substr(colon + 1));
    if (url.host.empty()) fail("empty host");
    if (!plausible_host(url.host))
      fail("host '" + url.host + "' has characters a host cannot have");
  }

  path = path.substr(0, path.find('#'));  // fragments never go on the wire
  url.path = path.empty() || path.front() == '?' ? "/" + path : path;
  return url;
}

std::string Url::authority() const {
  bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + port;
}

std::string Url::origin() const {
  return (tls ? "https://" : "http://") + authority();
}

}  // namespace cpct::net
