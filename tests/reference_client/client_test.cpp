// The client against a scripted endpoint on 127.0.0.1: what it sends, and
// what each kind of answer (or non-answer) becomes.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "reference_client/client.hpp"
#include "reference_client/json_codec.hpp"
#include "scenario_server.hpp"

namespace cpct::reference_client {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

class client_test : public ::testing::Test {
 protected:
  client_test() : server_(test::serve_scenarios) {}

  /// `path` is appended to the server's http://127.0.0.1:PORT.
  Client make_client(std::chrono::milliseconds timeout = 2000ms, const std::string& path = "") {
    ClientConfig config;
    config.endpoint = server_.url() + path;
    config.region = "us-west-2";
    config.credentials = {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
    config.timeout = timeout;
    return Client(std::move(config));
  }

  static Result<GetThirdPartyJobDetailsOutput> call(Client& client, const std::string& scenario) {
    return client.get_third_party_job_details({scenario, "ct-1"});
  }

  net::testing::ScriptedServer server_;
};

TEST_F(client_test, sends_a_signed_awsjson_post_to_slash) {
  auto client = make_client();
  const auto result = call(client, "echo");
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(*result.value().job_details->id,
            "POST / application/x-amz-json-1.1 CodePipeline_20150709.GetThirdPartyJobDetails "
            "signed {\"clientToken\":\"ct-1\",\"jobId\":\"echo\"}");
}

// Smithy's AwsJson11HostWithPath: the request goes to the endpoint's path
// joined with the operation's "/" (a trailing slash kept, not doubled); an
// endpoint without a path is posted to "/".
TEST_F(client_test, posts_to_the_endpoint_path_joined_with_slash) {
  const std::string rest =
      " application/x-amz-json-1.1 CodePipeline_20150709.GetThirdPartyJobDetails signed "
      "{\"clientToken\":\"ct-1\",\"jobId\":\"echo\"}";
  for (const auto& [path, target] :
       std::vector<std::pair<std::string, std::string>>{{"/custom/", "/custom/"},
                                                        {"/custom", "/custom/"},
                                                        {"/custom/path/", "/custom/path/"},
                                                        {"/", "/"},
                                                        {"", "/"}}) {
    auto client = make_client(2000ms, path);
    ASSERT_FALSE(client.configuration_error()) << path;
    const auto result = call(client, "echo");
    ASSERT_TRUE(result.ok()) << path << ": " << result.error();
    EXPECT_EQ(*result.value().job_details->id, "POST " + target + rest)
        << "endpoint path '" << path << "'";
  }
}

TEST_F(client_test, reads_a_200_into_the_output) {
  auto client = make_client();
  const auto result = call(client, "ok");
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(to_json(result.value()), test::full_output());
}

TEST_F(client_test, reads_each_error_form_over_the_wire) {
  auto client = make_client();
  for (const char* scenario :
       {"type-namespace", "header-uri", "header", "code", "code-and-type", "nested-type"}) {
    const auto result = call(client, scenario);
    ASSERT_FALSE(result.ok()) << scenario;
    EXPECT_EQ(result.error().code, "FooError") << scenario;
    EXPECT_EQ(result.error().message, "m") << scenario;
    EXPECT_EQ(result.error().http_status, 400);
    EXPECT_EQ(result.error().kind, ErrorKind::kService);
  }
  const auto not_found = call(client, "not-found");
  ASSERT_FALSE(not_found.ok());
  EXPECT_EQ(not_found.error().code, "JobNotFoundException");
  EXPECT_EQ(not_found.error().message, "no such job");
}

TEST_F(client_test, an_html_502_is_an_unknown_error) {
  auto client = make_client();
  const auto result = call(client, "html-502");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "UnknownError");
  EXPECT_EQ(result.error().http_status, 502);
  EXPECT_EQ(result.error().kind, ErrorKind::kHttp);
}

// Smithy: a server SHOULD send an empty body when no output member is set;
// zero bytes, with a Content-Type or without, are the empty output.
TEST_F(client_test, an_empty_200_is_the_empty_output) {
  auto client = make_client();
  for (const char* scenario : {"empty-200", "empty-200-untyped"}) {
    const auto result = call(client, scenario);
    ASSERT_TRUE(result.ok()) << scenario << ": " << result.error();
    EXPECT_EQ(result.value(), GetThirdPartyJobDetailsOutput{}) << scenario;
    EXPECT_FALSE(result.value().job_details) << scenario;
    EXPECT_EQ(to_json(result.value()), json::object()) << scenario;
  }
  EXPECT_TRUE(call(client, "ok").ok());  // the connection survives
}

TEST_F(client_test, malformed_200s_are_errors_not_data) {
  auto client = make_client();
  // White space alone is not JSON (unlike zero bytes).
  for (const char* scenario : {"blank-200", "wrong-type"}) {
    const auto result = call(client, scenario);
    ASSERT_FALSE(result.ok()) << scenario;
    EXPECT_EQ(result.error().code, "MalformedResponse");
    EXPECT_EQ(result.error().http_status, 200);
  }
  // The connection survives: the next call works.
  EXPECT_TRUE(call(client, "ok").ok());
}

TEST_F(client_test, a_silent_server_times_out_on_time) {
  auto client = make_client(300ms);
  const auto start = Clock::now();
  const auto result = call(client, "hang");
  const auto took = Clock::now() - start;
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "RequestTimeout");
  EXPECT_EQ(result.error().kind, ErrorKind::kTransport);
  EXPECT_GE(took, 250ms);
  EXPECT_LT(took, 2s);
  EXPECT_TRUE(call(client, "ok").ok());  // and recovers on a new connection
}

TEST_F(client_test, a_reset_or_cut_connection_is_a_transport_error) {
  auto client = make_client();
  for (const char* scenario : {"reset", "truncated"}) {
    const auto result = call(client, scenario);
    ASSERT_FALSE(result.ok()) << scenario;
    EXPECT_EQ(result.error().code, "ConnectionReset") << scenario << ": " << result.error();
    EXPECT_EQ(result.error().http_status, 0);
  }
  EXPECT_TRUE(call(client, "ok").ok());
}

TEST_F(client_test, keeps_one_connection_for_many_calls) {
  auto client = make_client();
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(call(client, "ok").ok());
  EXPECT_EQ(server_.connections(), 1);
}

TEST(client_config_test, an_unusable_endpoint_fails_every_call_without_throwing) {
  for (const char* endpoint : {"ftp://example.com", "not a url", ""}) {
    Client client(ClientConfig::from_environment(endpoint));
    ASSERT_TRUE(client.configuration_error()) << endpoint;
    const auto result = client.get_third_party_job_details({"j", "c"});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, "InvalidEndpoint");
    EXPECT_EQ(result.error().kind, ErrorKind::kConfiguration);
  }
}

TEST(client_config_test, an_unreadable_ca_file_is_a_configuration_error) {
  ClientConfig config = ClientConfig::from_environment("https://127.0.0.1:1");
  config.tls.ca_file = ::testing::TempDir() + "cpct-no-such-ca.pem";
  Client client(config);
  ASSERT_TRUE(client.configuration_error());
  EXPECT_NE(client.configuration_error()->message.find("cannot read it"), std::string::npos)
      << client.configuration_error()->message;
  // The same file for a plain http:// endpoint is never read.
  config.endpoint = "http://127.0.0.1:1";
  EXPECT_FALSE(Client(config).configuration_error());
}

TEST(client_config_test, a_closed_port_is_a_connection_error) {
  std::string url;
  {
    net::testing::ScriptedServer gone([](net::testing::Peer&) {});
    url = gone.url();
  }
  Client client(ClientConfig::from_environment(url));
  const auto result = client.get_third_party_job_details({"j", "c"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "ConnectionError") << result.error();
}

TEST(client_config_test, region_comes_from_the_environment) {
  ::setenv("AWS_REGION", "eu-central-1", 1);
  EXPECT_EQ(ClientConfig::from_environment("http://h:1").region, "eu-central-1");
  ::unsetenv("AWS_REGION");
  ::setenv("AWS_DEFAULT_REGION", "ap-south-1", 1);
  EXPECT_EQ(ClientConfig::from_environment("http://h:1").region, "ap-south-1");
  ::unsetenv("AWS_DEFAULT_REGION");
  EXPECT_EQ(ClientConfig::from_environment("http://h:1").region, "us-east-1");
}

}  // namespace
}  // namespace cpct::reference_client
