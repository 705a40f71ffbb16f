// The error encodings of docs/aws-facts.md, one test each, named after the
// requirement (client.awsJson1_1.error.<encoding>), plus the answers that
// carry no error type at all.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "model/model_file.hpp"
#include "model/requirements.hpp"
#include "reference_client/wire.hpp"

namespace cpct::reference_client {
namespace {

using nlohmann::json;

constexpr const char* kUri = "http://internal.amazon.com/coral/com.amazon.coral.validate/";

net::HttpResponse error_response(int status, const std::string& body,
                                 std::optional<std::string> header = std::nullopt,
                                 std::string content_type = "application/x-amz-json-1.1") {
  net::HttpResponse response;
  response.status = status;
  response.headers.push_back({"content-type", content_type});
  if (header) response.headers.push_back({"x-amzn-errortype", *header});
  response.body = body;
  return response;
}

void expect_error(const net::HttpResponse& response, const std::string& code,
                  const std::string& message = "it failed") {
  const auto result = read_response(response);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, code);
  EXPECT_EQ(result.error().message, message);
  EXPECT_EQ(result.error().http_status, response.status);
  EXPECT_EQ(result.error().kind, ErrorKind::kService);
}

const std::string kMessage = R"("message": "it failed")";

TEST(error_encoding, type_bare) {
  expect_error(error_response(400, R"({"__type": "FooError", )" + kMessage + "}"), "FooError");
}
TEST(error_encoding, type_namespace) {
  expect_error(
      error_response(400, R"({"__type": "aws.protocoltests.json#FooError", )" + kMessage + "}"),
      "FooError");
}
TEST(error_encoding, type_namespace_uri) {
  expect_error(error_response(400, R"({"__type": "aws.protocoltests.json#FooError:)" +
                                       std::string(kUri) + "\", " + kMessage + "}"),
               "FooError");
}
TEST(error_encoding, header) {
  expect_error(error_response(400, "{" + kMessage + "}", "FooError"), "FooError");
}
TEST(error_encoding, header_uri) {
  expect_error(error_response(400, "{" + kMessage + "}", "FooError:" + std::string(kUri)),
               "FooError");
}
TEST(error_encoding, header_namespace_uri) {
  expect_error(error_response(400, "{" + kMessage + "}",
                              "aws.protocoltests.json#FooError:" + std::string(kUri)),
               "FooError");
}
TEST(error_encoding, code) {
  expect_error(error_response(400, R"({"code": "FooError", )" + kMessage + "}"), "FooError");
}
TEST(error_encoding, code_namespace) {
  expect_error(
      error_response(400, R"({"code": "aws.different.namespace#FooError", )" + kMessage + "}"),
      "FooError");
}
TEST(error_encoding, code_namespace_uri) {
  expect_error(error_response(400, R"({"code": "aws.protocoltests.json#FooError:)" +
                                       std::string(kUri) + "\", " + kMessage + "}"),
               "FooError");
}
TEST(error_encoding, nested_type_ignored) {
  expect_error(error_response(
                   400, R"({"__type": "aws.protocoltests.json#FooError", )" + kMessage +
                            R"(, "ErrorDetails": {"__type": "com.amazon.internal#ErrorDetails"}})"),
               "FooError");
  // A nested __type alone names no type at all.
  const auto result =
      read_response(error_response(400, R"({"details": {"__type": "FooError"}, "message": "x"})"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "UnknownError");
}
TEST(error_encoding, message_case) {
  expect_error(error_response(400, R"({"__type": "FooError", "message": "lower"})"), "FooError",
               "lower");
  expect_error(error_response(400, R"({"__type": "FooError", "Message": "upper"})"), "FooError",
               "upper");
  expect_error(
      error_response(400, R"({"__type": "FooError", "message": "lower", "Message": "upper"})"),
      "FooError", "lower");
  expect_error(error_response(400, R"({"__type": "FooError"})"), "FooError", "");
}

TEST(error_encoding, every_encoding_of_the_catalogue_has_a_test_here) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_suite();
  std::set<std::string> tests;
  for (int i = 0; i < info->total_test_count(); ++i) tests.insert(info->GetTestInfo(i)->name());
  for (const auto& encoding : model::client_error_encodings()) {
    std::string name = encoding;
    std::replace(name.begin(), name.end(), '-', '_');
    EXPECT_TRUE(tests.count(name)) << "no test for client.awsJson1_1.error." << encoding;
  }
  EXPECT_EQ(model::client_error_encodings().size(), 11u);
}

TEST(error_encoding, header_then_code_then_type) {
  expect_error(error_response(400, R"({"code": "B", "__type": "C", "message": "it failed"})", "A"),
               "A");
  expect_error(error_response(400, R"({"code": "B", "__type": "C", "message": "it failed"})"), "B");
  // A type that sanitises to nothing does not count: the next one does.
  expect_error(error_response(400, R"({"code": ":uri", "__type": "C", "message": "it failed"})"),
               "C");
}

TEST(error_encoding, the_modelled_errors_read_as_themselves) {
  for (const auto* shape : model::embedded_spec()->operation("GetThirdPartyJobDetails").errors)
    expect_error(error_response(shape->error_status,
                                json{{"__type", "com.amazonaws.codepipeline#" + shape->name},
                                     {"message", "it failed"}}
                                    .dump()),
                 shape->name);
}

TEST(error_encoding, an_error_without_a_type_is_an_unknown_error_with_its_status) {
  for (const auto& [status, body] :
       std::vector<std::pair<int, std::string>>{{400, R"({"message": "no type"})"},
                                                {500, "{}"},
                                                {503, ""},
                                                {404, "[]"},
                                                {400, R"({"__type": 7, "code": null})"},
                                                {302, ""}}) {
    const auto result = read_response(error_response(status, body));
    ASSERT_FALSE(result.ok()) << body;
    EXPECT_EQ(result.error().code, "UnknownError");
    EXPECT_EQ(result.error().kind, ErrorKind::kHttp);
    EXPECT_EQ(result.error().http_status, status);
    EXPECT_NE(result.error().message.find("HTTP " + std::to_string(status)), std::string::npos);
  }
}

TEST(error_encoding, an_html_502_page_is_an_unknown_error_without_its_bytes) {
  const std::string page =
      "<html><head><title>502 Bad Gateway</title></head><body>upstream secret-ish</body></html>";
  const auto result = read_response(error_response(502, page, std::nullopt, "text/html"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "UnknownError");
  EXPECT_EQ(result.error().http_status, 502);
  EXPECT_EQ(result.error().message,
            "HTTP 502 response whose body is not JSON (Content-Type 'text/html', " +
                std::to_string(page.size()) + " bytes)");
  // With a type in the header, the header decides even over an HTML body.
  expect_error(error_response(503, page, "ThrottlingException"), "ThrottlingException", "");
}

TEST(error_encoding, other_2xx_statuses_are_read_as_success) {
  auto response = error_response(200, R"({"jobDetails": {"id": "j"}})");
  response.status = 203;
  const auto result = read_response(response);
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result.value().job_details->id, "j");
}

TEST(error_encoding, transport_failures_have_their_own_codes) {
  using Outcome = net::HttpResponse::Outcome;
  for (const auto& [outcome, code] : std::vector<std::pair<Outcome, std::string>>{
           {Outcome::kConnectFailed, "ConnectionError"},
           {Outcome::kTimeout, "RequestTimeout"},
           {Outcome::kReset, "ConnectionReset"},
           {Outcome::kTooLarge, "ResponseTooLarge"},
           {Outcome::kMalformed, "MalformedHttpResponse"}}) {
    net::HttpResponse response;
    response.outcome = outcome;
    response.error = "what happened";
    const auto result = read_response(response);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, code);
    EXPECT_EQ(result.error().kind, ErrorKind::kTransport);
    EXPECT_EQ(result.error().http_status, 0);
    EXPECT_EQ(result.error().message, "what happened");
  }
}

TEST(error_encoding, metadata_constants_match_the_model) {
  const auto& metadata = model::embedded_spec()->metadata;
  EXPECT_EQ(metadata.target_prefix, kTargetPrefix);
  EXPECT_EQ(metadata.signing_name, kSigningName);
  EXPECT_EQ(metadata.protocol, "json");
  EXPECT_EQ(metadata.json_version, "1.1");
}

}  // namespace
}  // namespace cpct::reference_client
