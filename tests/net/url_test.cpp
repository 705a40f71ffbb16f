#include <gtest/gtest.h>

#include <stdexcept>

#include "net/http_client.hpp"

using cpct::net::Url;

namespace {

std::string parse_error(const std::string& text) {
  try {
    Url::parse(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(url_test, host_port_path) {
  Url url = Url::parse("http://127.0.0.1:4566/some/path?x=1");
  EXPECT_EQ(url.host, "127.0.0.1");
  EXPECT_EQ(url.port, "4566");
  EXPECT_EQ(url.path, "/some/path?x=1");
  EXPECT_EQ(url.authority(), "127.0.0.1:4566");
}

TEST(url_test, defaults) {
  Url url = Url::parse("http://localhost");
  EXPECT_EQ(url.host, "localhost");
  EXPECT_EQ(url.port, "80");
  EXPECT_EQ(url.path, "/");
  EXPECT_EQ(url.authority(), "localhost:80");
  EXPECT_EQ(Url::parse("http://localhost:8080/").path, "/");
  EXPECT_EQ(Url::parse("http://localhost:8080?a=b").path, "/?a=b");
  EXPECT_EQ(Url::parse("http://localhost:8080/p#frag").path, "/p");
}

TEST(url_test, https_defaults_to_443_and_says_so) {
  const Url url = Url::parse("HTTPS://Example.com/base");
  EXPECT_TRUE(url.tls);
  EXPECT_EQ(url.port, "443");
  EXPECT_EQ(url.origin(), "https://example.com:443");
  EXPECT_EQ(Url::parse("https://127.0.0.1:8443").port, "8443");
  EXPECT_FALSE(Url::parse("http://127.0.0.1").tls);
  EXPECT_EQ(Url::parse("http://127.0.0.1").origin(), "http://127.0.0.1:80");
}

TEST(url_test, scheme_and_host_are_case_insensitive) {
  Url url = Url::parse("HTTP://Example.COM:0080/Path");
  EXPECT_EQ(url.host, "example.com");
  EXPECT_EQ(url.port, "80");
  EXPECT_EQ(url.path, "/Path");
}

TEST(url_test, ipv6_literal) {
  Url url = Url::parse("http://[::1]:8080/x");
  EXPECT_EQ(url.host, "::1");
  EXPECT_EQ(url.port, "8080");
  EXPECT_EQ(url.authority(), "[::1]:8080");
  EXPECT_EQ(Url::parse("http://[::1]").port, "80");
}

TEST(url_test, rejects_with_reasons) {
  EXPECT_NE(parse_error("ftp://example.com").find("scheme 'ftp' is not supported"),
            std::string::npos);
  EXPECT_NE(parse_error("example.com:80").find("no scheme"), std::string::npos);
  EXPECT_NE(parse_error("http://").find("empty host"), std::string::npos);
  EXPECT_NE(parse_error("http://:8080/").find("empty host"), std::string::npos);
  EXPECT_NE(parse_error("http://host:").find("empty port"), std::string::npos);
  EXPECT_NE(parse_error("http://host:http").find("port 'http' is not a number"), std::string::npos);
  EXPECT_NE(parse_error("http://host:0").find("port 0 is not from 1 to 65535"), std::string::npos);
  EXPECT_NE(parse_error("http://host:65536").find("not from 1 to 65535"), std::string::npos);
  EXPECT_NE(parse_error("http://host:123456").find("not a number"), std::string::npos);
  EXPECT_NE(parse_error("http://[::1").find("unterminated IPv6"), std::string::npos);
  EXPECT_NE(parse_error("http://[zz]:80").find("bad IPv6 literal"), std::string::npos);
  EXPECT_NE(parse_error("http://[::1]x").find("after the IPv6 literal"), std::string::npos);
  EXPECT_NE(parse_error("http://ho st/").find("characters a host cannot have"), std::string::npos);
}

TEST(url_test, userinfo_rejected_without_echoing_it) {
  std::string error = parse_error("http://user:hunter2@example.com/");
  EXPECT_NE(error.find("user information"), std::string::npos);
  EXPECT_EQ(error.find("hunter2"), std::string::npos);
}

}  // namespace
