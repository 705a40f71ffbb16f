// SigV4 against AWS's published example values.
#include "net/sigv4.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "net/crypto.hpp"
#include "net/sigv4_canonical.hpp"
#include "text/hex.hpp"

using cpct::net::Credentials;
using cpct::net::HttpRequest;
using cpct::net::sign_v4;
using cpct::net::SigningScope;
namespace detail = cpct::net::detail;

namespace {

// 2015-08-30T12:36:00Z, the instant of AWS's SigV4 examples.
std::chrono::system_clock::time_point example_time() {
  return std::chrono::system_clock::from_time_t(1440938160);
}

const Credentials kExampleCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                      ""};

std::string header(const HttpRequest& request, const std::string& name) {
  for (const auto& h : request.headers)
    if (h.name == name) return h.value;
  return "(absent)";
}

TEST(sigv4_test, sha256_hex) {
  EXPECT_EQ(cpct::net::sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(cpct::net::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(sigv4_test, hmac_rfc4231_case_2) {
  EXPECT_EQ(cpct::text::to_hex(detail::hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(sigv4_test, timestamp) {
  EXPECT_EQ(detail::amz_timestamp(example_time()), "20150830T123600Z");
  EXPECT_EQ(detail::amz_timestamp(example_time() + std::chrono::milliseconds(999)),
            "20150830T123600Z");
}

TEST(sigv4_test, aws_example_signing_key) {
  EXPECT_EQ(cpct::text::to_hex(detail::signing_key(kExampleCredentials.secret_access_key,
                                                   "20150830", "us-east-1", "iam")),
            "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
}

// AWS SigV4 test suite, "get-vanilla".
TEST(sigv4_test, aws_example_get_vanilla) {
  HttpRequest request;
  request.method = "GET";
  request.target = "/";
  sign_v4(request, "example.amazonaws.com", kExampleCredentials, {"us-east-1", "service"},
          example_time());
  EXPECT_EQ(header(request, "X-Amz-Date"), "20150830T123600Z");
  EXPECT_EQ(header(request, "Authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  EXPECT_EQ(header(request, "X-Amz-Security-Token"), "(absent)");
}

// AWS's IAM ListUsers example from the SigV4 documentation.
TEST(sigv4_test, aws_example_iam_list_users) {
  HttpRequest request;
  request.method = "GET";
  request.target = "/?Action=ListUsers&Version=2010-05-08";
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  EXPECT_EQ(cpct::net::sha256_hex(detail::canonical_request(
                [&] {
                  HttpRequest dated = request;
                  dated.headers.push_back({"X-Amz-Date", "20150830T123600Z"});
                  return dated;
                }(),
                "iam.amazonaws.com")),
            "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
  sign_v4(request, "iam.amazonaws.com", kExampleCredentials, {"us-east-1", "iam"}, example_time());
  EXPECT_EQ(header(request, "Authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date, "
            "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
}

TEST(sigv4_test, signing_twice_replaces_previous_headers) {
  HttpRequest request;
  Credentials credentials = kExampleCredentials;
  credentials.session_token = "token";
  sign_v4(request, "h", credentials, {"us-east-1", "codepipeline"}, example_time());
  HttpRequest once = request;
  sign_v4(request, "h", credentials, {"us-east-1", "codepipeline"}, example_time());
  EXPECT_EQ(request.headers.size(), once.headers.size());
  EXPECT_EQ(header(request, "Authorization"), header(once, "Authorization"));
}

TEST(sigv4_test, canonical_uri_normalises_like_botocore) {
  EXPECT_EQ(detail::canonical_uri(""), "/");
  EXPECT_EQ(detail::canonical_uri("/"), "/");
  EXPECT_EQ(detail::canonical_uri("/a/./b//c/../d/"), "/a/b/d/");
  EXPECT_EQ(detail::canonical_uri("/a b/%41~"), "/a%20b/%2541~");
}

TEST(sigv4_test, canonical_headers_trim_fold_and_join) {
  auto headers = detail::canonical_headers(
      {{"X-B", "  two   words  "}, {"x-a", "1"}, {"X-A", "2"}, {"User-Agent", "skip"}}, "h:1");
  EXPECT_EQ(headers.block, "host:h:1\nx-a:1,2\nx-b:two words\n");
  EXPECT_EQ(headers.signed_list, "host;x-a;x-b");
}

TEST(sigv4_test, credentials_from_environment) {
  ::unsetenv("AWS_ACCESS_KEY_ID");
  ::unsetenv("AWS_SECRET_ACCESS_KEY");
  ::unsetenv("AWS_SESSION_TOKEN");
  Credentials defaults = Credentials::from_environment();
  EXPECT_EQ(defaults.access_key_id, "AKIDCPCTTEST000000000");
  EXPECT_EQ(defaults.secret_access_key, "cpct/test/secret/key/0000000000000000000");
  EXPECT_EQ(defaults.session_token, "");
  ::setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
  ::setenv("AWS_SECRET_ACCESS_KEY", "envsecret", 1);
  ::setenv("AWS_SESSION_TOKEN", "envtoken", 1);
  Credentials env = Credentials::from_environment();
  EXPECT_EQ(env.access_key_id, "AKIDENV");
  EXPECT_EQ(env.secret_access_key, "envsecret");
  EXPECT_EQ(env.session_token, "envtoken");
  ::unsetenv("AWS_ACCESS_KEY_ID");
  ::unsetenv("AWS_SECRET_ACCESS_KEY");
  ::unsetenv("AWS_SESSION_TOKEN");
}

}  // namespace
