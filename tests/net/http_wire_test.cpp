#include "net/http_wire.hpp"

#include <gtest/gtest.h>

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

using cpct::net::ClientLimits;
using cpct::net::HttpRequest;
using cpct::net::HttpResponse;
using cpct::net::detail::exchange_failure;
using cpct::net::detail::request_bytes;
using Outcome = HttpResponse::Outcome;

namespace {

TEST(http_wire_test, adds_host_and_content_length) {
  HttpRequest request;
  request.headers = {{"X-Amz-Target", "T.Op"}, {"Content-Type", "application/x-amz-json-1.1"}};
  request.body = "{}";
  EXPECT_EQ(request_bytes(request, "127.0.0.1:4566"),
            "POST / HTTP/1.1\r\nHost: 127.0.0.1:4566\r\nX-Amz-Target: T.Op\r\n"
            "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\n\r\n{}");
}

TEST(http_wire_test, keeps_given_host_and_length) {
  HttpRequest request;
  request.method = "GET";
  request.target = "/x";
  request.headers = {{"host", "other"}, {"content-length", "5"}};
  request.body = "ab";  // deliberately inconsistent: the caller's header wins
  EXPECT_EQ(request_bytes(request, "h:1"),
            "GET /x HTTP/1.1\r\nhost: other\r\ncontent-length: 5\r\n\r\nab");
}

TEST(http_wire_test, no_length_with_transfer_encoding) {
  HttpRequest request;
  request.headers = {{"Transfer-Encoding", "chunked"}};
  request.body = "0\r\n\r\n";
  EXPECT_EQ(request_bytes(request, "h:1"),
            "POST / HTTP/1.1\r\nHost: h:1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
}

TEST(http_wire_test, raw_is_sent_verbatim) {
  HttpRequest request;
  request.raw = std::string("BREW /pot HTTP/1.1\r\n\r\n\0x", 24);
  request.headers = {{"Host", "ignored"}};
  EXPECT_EQ(request_bytes(request, "h:1"), *request.raw);
}

TEST(http_wire_test, classifies_errors) {
  namespace http = boost::beast::http;
  namespace asio = boost::asio;
  ClientLimits limits;
  EXPECT_EQ(exchange_failure(boost::beast::error::timeout, limits).outcome, Outcome::kTimeout);
  EXPECT_EQ(exchange_failure(http::error::header_limit, limits).outcome, Outcome::kTooLarge);
  EXPECT_EQ(exchange_failure(http::error::body_limit, limits).outcome, Outcome::kTooLarge);
  EXPECT_EQ(exchange_failure(http::error::bad_version, limits).outcome, Outcome::kMalformed);
  EXPECT_EQ(exchange_failure(http::error::bad_chunk, limits).outcome, Outcome::kMalformed);
  EXPECT_EQ(exchange_failure(http::error::partial_message, limits).outcome, Outcome::kReset);
  EXPECT_EQ(exchange_failure(http::error::end_of_stream, limits).outcome, Outcome::kReset);
  EXPECT_EQ(exchange_failure(asio::error::connection_reset, limits).outcome, Outcome::kReset);
  EXPECT_EQ(exchange_failure(http::error::header_limit, limits).error,
            "response header over 65536 bytes");
}

TEST(http_wire_test, outcome_names) {
  EXPECT_STREQ(cpct::net::to_string(Outcome::kResponse), "response");
  EXPECT_STREQ(cpct::net::to_string(Outcome::kConnectFailed), "connect-failed");
  EXPECT_STREQ(cpct::net::to_string(Outcome::kTimeout), "timeout");
  EXPECT_STREQ(cpct::net::to_string(Outcome::kReset), "reset");
  EXPECT_STREQ(cpct::net::to_string(Outcome::kTooLarge), "too-large");
  EXPECT_STREQ(cpct::net::to_string(Outcome::kMalformed), "malformed");
}

TEST(http_wire_test, header_lookup_is_case_insensitive) {
  HttpResponse response;
  response.headers = {{"content-type", "a"}, {"x-dup", "1"}, {"x-dup", "2"}};
  EXPECT_EQ(response.header("Content-Type"), "a");
  EXPECT_EQ(response.header("X-DUP"), "1");
  EXPECT_EQ(response.header("missing"), std::nullopt);
}

}  // namespace
