// wire.hpp without a socket: the request a client builds for an endpoint
// path, and how a 2xx body is read (Smithy's awsJson1_1 compliance tests).
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "reference_client/json_codec.hpp"
#include "reference_client/wire.hpp"

namespace cpct::reference_client {
namespace {

using nlohmann::json;

net::HttpResponse ok_response(const std::string& body,
                              std::optional<std::string> content_type = kContentType) {
  net::HttpResponse response;
  response.status = 200;
  if (content_type) response.headers.push_back({"content-type", *content_type});
  response.body = body;
  return response;
}

TEST(wire_test, an_empty_200_is_the_empty_output_with_or_without_content_type) {
  for (const auto& content_type :
       {std::optional<std::string>(kContentType), std::optional<std::string>("application/json"),
        std::optional<std::string>()}) {
    SCOPED_TRACE(content_type.value_or("(no Content-Type)"));
    const auto result = read_response(ok_response("", content_type));
    ASSERT_TRUE(result.ok()) << result.error();
    EXPECT_EQ(result.value(), GetThirdPartyJobDetailsOutput{});
    EXPECT_EQ(to_json(result.value()), json::object());
  }
}

TEST(wire_test, an_empty_2xx_other_than_200_is_the_empty_output_too) {
  auto response = ok_response("");
  response.status = 204;
  const auto result = read_response(response);
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result.value(), GetThirdPartyJobDetailsOutput{});
}

TEST(wire_test, a_200_body_that_is_not_an_output_object_stays_an_error) {
  for (const char* body : {" ", "\r\n", " \r\n\t ", "null", "[]", "\"s\"", "42", "true", "{"}) {
    for (const auto& content_type :
         {std::optional<std::string>(kContentType), std::optional<std::string>()}) {
      const auto result = read_response(ok_response(body, content_type));
      ASSERT_FALSE(result.ok()) << "'" << body << "'";
      EXPECT_EQ(result.error().code, "MalformedResponse") << "'" << body << "'";
      EXPECT_EQ(result.error().kind, ErrorKind::kMalformedResponse);
      EXPECT_EQ(result.error().http_status, 200);
    }
  }
}

TEST(wire_test, an_empty_error_response_is_still_an_error) {
  net::HttpResponse response = ok_response("");
  response.status = 500;
  const auto result = read_response(response);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "UnknownError");
  EXPECT_EQ(result.error().http_status, 500);
}

// Smithy's AwsJson11HostWithPath: endpoint example.com/custom → POST /custom/.
TEST(wire_test, the_request_goes_to_the_endpoint_path_joined_with_slash) {
  const GetThirdPartyJobDetailsInput input{"j", "c"};
  EXPECT_EQ(make_request(input).target, "/");
  for (const auto& [endpoint_path, target] :
       std::vector<std::pair<std::string, std::string>>{{"", "/"},
                                                        {"/", "/"},
                                                        {"/custom/", "/custom/"},
                                                        {"/custom", "/custom/"},
                                                        {"/a/b/", "/a/b/"},
                                                        {"/a/b", "/a/b/"},
                                                        {"/?x=1", "/?x=1"},
                                                        {"/custom?x=1", "/custom/?x=1"},
                                                        {"/custom/?x=1", "/custom/?x=1"}}) {
    EXPECT_EQ(request_target(endpoint_path), target) << "'" << endpoint_path << "'";
    EXPECT_EQ(make_request(input, endpoint_path).target, target) << "'" << endpoint_path << "'";
  }
}

// net::Url keeps the trailing slash the client relies on.
TEST(wire_test, the_endpoint_url_keeps_its_path_as_given) {
  EXPECT_EQ(net::Url::parse("http://127.0.0.1:8080/custom/").path, "/custom/");
  EXPECT_EQ(net::Url::parse("http://127.0.0.1:8080/custom").path, "/custom");
  EXPECT_EQ(net::Url::parse("http://127.0.0.1:8080/").path, "/");
  EXPECT_EQ(net::Url::parse("http://127.0.0.1:8080").path, "/");
}

}  // namespace
}  // namespace cpct::reference_client
