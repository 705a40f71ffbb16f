// Every branch of the oracle, over a real loopback connection: status, error
// type and body as the oracle says, and pinned by hand for a few.
#include <gtest/gtest.h>

#include <regex>

#include "model/validator.hpp"
#include "test_client.hpp"

namespace cpct::server::test {
namespace {

using nlohmann::json;

struct Case {
  const char* name;
  std::optional<std::string> target;
  std::string body;
  int status;
  const char* error_type;  // "" for success
};

const std::string kKnown =
    R"({"jobId": "6a3c4b2e-1f0d-4e8a-9c7b-2d5e8f1a0b3c", "clientToken": "0f9c2e8e-7a51-4d59-9d2c-4d7b3f2a9c11"})";

std::vector<Case> cases() {
  const std::string t = kTarget;
  return {
      {"success", t, kKnown, 200, ""},
      {"success_unicode", t, R"({"jobId": "job-tést-日本", "clientToken": "ct-test-ü"})", 200, ""},
      {"success_minimal", t, R"({"jobId": "job-minimal", "clientToken": "ct-minimal"})", 200, ""},
      {"success_unknown_member", t,
       R"({"jobId": "job-minimal", "clientToken": "ct-minimal", "extra": 1})", 200, ""},
      {"success_null_member", t,
       R"({"jobId": "job-minimal", "clientToken": "ct-minimal", "nope": null})", 200, ""},
      {"missing_target", std::nullopt, kKnown, 400, "UnknownOperationException"},
      {"unknown_target", "CodePipeline_20150709.GetThirdPartyJobDetail", kKnown, 400,
       "UnknownOperationException"},
      {"wrong_prefix", "Other_20150709.GetThirdPartyJobDetails", kKnown, 400,
       "UnknownOperationException"},
      {"malformed_json", t, R"({"jobId": )", 400, "SerializationException"},
      {"invalid_utf8", t, "{\"jobId\": \"\xff\", \"clientToken\": \"x\"}", 400,
       "SerializationException"},
      {"lone_surrogate", t, R"({"jobId": "\ud800", "clientToken": "x"})", 400,
       "SerializationException"},
      {"non_object", t, R"(["jobId"])", 400, "SerializationException"},
      {"wrong_type", t, R"({"jobId": 5, "clientToken": "x"})", 400, "SerializationException"},
      {"empty_body", t, "", 400, "ValidationException"},
      {"missing_member", t, R"({"jobId": "job-minimal"})", 400, "ValidationException"},
      {"null_required", t, R"({"jobId": "job-minimal", "clientToken": null})", 400,
       "ValidationException"},
      {"too_long", t, R"({"jobId": ")" + std::string(513, 'a') + R"(", "clientToken": "x"})", 400,
       "ValidationException"},
      {"unknown_job", t, R"({"jobId": "no-such-job", "clientToken": "x"})", 400,
       "JobNotFoundException"},
      {"custom_job", t, R"({"jobId": "job-custom-1", "clientToken": "ct-custom-1"})", 400,
       "InvalidJobException"},
      {"wrong_token", t, R"({"jobId": "job-minimal", "clientToken": "ct-other"})", 400,
       "InvalidClientTokenException"},
      // The lifecycle serves the sibling: job-minimal holds no nonce.
      {"sibling_operation", "CodePipeline_20150709.AcknowledgeThirdPartyJob",
       R"({"jobId": "job-minimal", "nonce": "1", "clientToken": "ct-minimal"})", 400,
       "InvalidNonceException"},
  };
}

class OracleOverHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new LocalServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static LocalServer* server_;
};
LocalServer* OracleOverHttp::server_ = nullptr;

TEST_F(OracleOverHttp, every_branch_answers_as_the_oracle_says) {
  static const std::regex v4(
      "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::set<std::string> ids;
  Connection connection(server_->port());
  for (const auto& c : cases()) {
    SCOPED_TRACE(c.name);
    ASSERT_TRUE(connection.send(post(c.body, c.target.value_or(""))));
    const auto response = connection.read();
    ASSERT_TRUE(response);
    const auto expected =
        example_oracle()->expect({c.target, "application/x-amz-json-1.1", c.body});
    // Against the oracle...
    EXPECT_EQ(static_cast<int>(response->result_int()), expected.status);
    EXPECT_EQ(json::parse(response->body()), *expected.body);
    EXPECT_EQ(response->body(), expected.body->dump());
    // ...and against hard expectations, so an oracle bug cannot hide.
    EXPECT_EQ(static_cast<int>(response->result_int()), c.status);
    if (*c.error_type) {
      const auto body = json::parse(response->body());
      EXPECT_EQ(body["__type"], c.error_type);
      EXPECT_TRUE(body["message"].is_string());
      EXPECT_EQ(body.size(), 2u);
    }
    EXPECT_EQ((*response)[boost::beast::http::field::content_type], "application/x-amz-json-1.1");
    EXPECT_EQ((*response)[boost::beast::http::field::content_length],
              std::to_string(response->body().size()));
    const std::string id((*response)["x-amzn-RequestId"]);
    EXPECT_TRUE(std::regex_match(id, v4)) << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), cases().size());  // fresh per response
}

TEST_F(OracleOverHttp, pinned_bodies) {
  const auto known = round_trip(server_->port(), post(kKnown));
  ASSERT_TRUE(known);
  const auto body = json::parse(known->body());
  EXPECT_EQ(body["jobDetails"]["id"], "6a3c4b2e-1f0d-4e8a-9c7b-2d5e8f1a0b3c");
  EXPECT_EQ(body["jobDetails"]["data"]["actionTypeId"]["provider"], "Acme-Deployer");
  EXPECT_EQ(body.size(), 1u);

  const auto unknown =
      round_trip(server_->port(), post(R"({"jobId": "nope", "clientToken": "x"})"));
  ASSERT_TRUE(unknown);
  EXPECT_EQ(
      json::parse(unknown->body()),
      json::parse(R"({"__type": "JobNotFoundException", "message": "No job with id 'nope'"})"));

  const auto missing = round_trip(server_->port(), post(R"({"jobId": "job-minimal"})"));
  ASSERT_TRUE(missing);
  EXPECT_EQ(json::parse(missing->body())["message"],
            "1 validation error detected: Value null at 'clientToken' failed to satisfy "
            "constraint: Member must not be null");
}

// An operation no semantics decide (ListPipelines, with the job fixtures
// loaded) is answered as a mock would: a 200 whose body conforms to the
// output shape, the same body for the same request.
TEST_F(OracleOverHttp, operations_without_semantics_answer_a_generated_output) {
  const std::string target = "CodePipeline_20150709.ListPipelines";
  const auto first = round_trip(server_->port(), post("{}", target));
  const auto again = round_trip(server_->port(), post("{}", target));
  ASSERT_TRUE(first && again);
  EXPECT_EQ(first->result_int(), 200u);
  EXPECT_EQ(first->body(), again->body());
  const auto body = json::parse(first->body());
  ASSERT_TRUE(body.is_object());
  const auto& spec = example_oracle()->spec();
  const auto& op = spec.operation("ListPipelines");
  EXPECT_TRUE(model::validate(op.name, model::Direction::kOutput, *op.output, body).empty())
      << body.dump();
  // Its input is still validated: a wrong type is a SerializationException.
  const auto wrong = round_trip(server_->port(), post(R"({"nextToken": 5})", target));
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->result_int(), 400u);
  EXPECT_EQ(json::parse(wrong->body())["__type"], "SerializationException");
}

TEST_F(OracleOverHttp, content_type_parameters_and_other_types_are_answered) {
  for (const std::string type :
       {"application/x-amz-json-1.1; charset=utf-8", "application/json", "text/plain"}) {
    std::string request =
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: " + type + "\r\nX-Amz-Target: " + kTarget +
        "\r\nContent-Length: " + std::to_string(kKnown.size()) + "\r\n\r\n" + kKnown;
    const auto response = round_trip(server_->port(), request);
    ASSERT_TRUE(response) << type;
    EXPECT_EQ(response->result_int(), 200u) << type;
  }
}

TEST_F(OracleOverHttp, routing_rules_of_the_project) {
  const auto get = round_trip(server_->port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(get);
  EXPECT_EQ(get->result_int(), 405u);
  EXPECT_EQ(json::parse(get->body())["__type"], "MethodNotAllowedException");
  EXPECT_EQ((*get)[boost::beast::http::field::content_type], "application/x-amz-json-1.1");

  const auto path = round_trip(server_->port(),
                               "POST /other HTTP/1.1\r\nHost: x\r\n"
                               "Content-Length: 2\r\n\r\n{}");
  ASSERT_TRUE(path);
  EXPECT_EQ(path->result_int(), 404u);
  EXPECT_EQ(json::parse(path->body())["__type"], "NotFoundException");
}

}  // namespace
}  // namespace cpct::server::test
