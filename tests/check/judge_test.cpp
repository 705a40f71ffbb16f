#include "check/server/judge.hpp"

#include <gtest/gtest.h>

#include "check_fixture.hpp"

using cpct::check::Case;
using cpct::check::Finding;
using cpct::net::HttpResponse;
using nlohmann::json;

namespace {

constexpr const char* kTarget = "CodePipeline_20150709.GetThirdPartyJobDetails";

Case make_case(const std::string& body) {
  Case c;
  c.request = {kTarget, "application/x-amz-json-1.1", body};
  return c;
}

// The response a conforming server gives: the oracle's body, as is.
HttpResponse conforming(const cpct::protocol::Expected& e) {
  HttpResponse r;
  r.status = e.status;
  r.headers = {{"content-type", "application/x-amz-json-1.1"}};
  r.body = e.body->dump();
  return r;
}

std::map<std::string, bool> verdicts(const std::vector<Finding>& findings) {
  std::map<std::string, bool> out;
  for (const auto& f : findings) {
    auto [it, fresh] = out.emplace(f.requirement, f.ok);
    if (!fresh) it->second = it->second && f.ok;
  }
  return out;
}

std::map<std::string, bool> judge(const std::string& body, const HttpResponse& response) {
  const auto& w = cpct::testing::world();
  const auto c = make_case(body);
  return verdicts(w.judge.judge(c, w.oracle.expect(c.request), response));
}

const std::string kKnown =
    R"({"jobId": "6a3c4b2e-1f0d-4e8a-9c7b-2d5e8f1a0b3c", "clientToken": "0f9c2e8e-7a51-4d59-9d2c-4d7b3f2a9c11"})";
const std::string kTooLong = R"({"jobId": ")" + std::string(513, 'a') + R"(", "clientToken": "t"})";

}  // namespace

TEST(judge_test, conforming_answers_pass_everything) {
  const auto& w = cpct::testing::world();
  for (const std::string& body : {kKnown, kTooLong, std::string("[]"), std::string("{"),
                                  std::string(R"({"jobId": "nope", "clientToken": "t"})")}) {
    const auto c = make_case(body);
    const auto e = w.oracle.expect(c.request);
    for (const auto& f : w.judge.judge(c, e, conforming(e)))
      EXPECT_TRUE(f.ok) << body << ": " << f.requirement << ": " << f.detail;
  }
}

TEST(judge_test, a_known_job_exercises_the_output_requirements) {
  const auto& w = cpct::testing::world();
  const auto v = judge(kKnown, conforming(w.oracle.expect(make_case(kKnown).request)));
  EXPECT_TRUE(v.at("GetThirdPartyJobDetails.semantics.known-job"));
  EXPECT_TRUE(
      v.at("GetThirdPartyJobDetails.output.jobDetails.data.pipelineContext.pipelineArn.pattern"));
  EXPECT_TRUE(v.at(
      "GetThirdPartyJobDetails.output.jobDetails.data.artifactCredentials.sessionToken.required"));
}

TEST(judge_test, legal_alternatives_pass) {
  const auto& w = cpct::testing::world();
  const auto e = w.oracle.expect(make_case(kTooLong).request);
  HttpResponse namespaced = conforming(e);
  namespaced.body = json{
      {"__type", "com.amazonaws.codepipeline#ValidationException"},
      {"message",
       e.message}}.dump();
  auto v = judge(kTooLong, namespaced);
  EXPECT_TRUE(v.at("GetThirdPartyJobDetails.input.jobId.length-max"));
  EXPECT_TRUE(v.at("awsJson1_1.response.error-type"));
  EXPECT_FALSE(v.at("awsJson1_1.response.error-type-form"));  // a SHOULD: a warning

  HttpResponse header = conforming(e);
  header.headers.push_back({"x-amzn-errortype", "ValidationException:http://internal.amazon.com/"});
  header.body = json{{"message", e.message}}.dump();
  v = judge(kTooLong, header);
  EXPECT_TRUE(v.at("GetThirdPartyJobDetails.input.jobId.length-max"));

  HttpResponse charset = conforming(e);
  charset.headers = {{"content-type", "application/x-amz-json-1.1; charset=utf-8"}};
  EXPECT_TRUE(judge(kTooLong, charset).at("awsJson1_1.response.content-type"));
}

TEST(judge_test, each_fault_is_attributed) {
  const auto& w = cpct::testing::world();
  const auto e = w.oracle.expect(make_case(kTooLong).request);

  HttpResponse accepted = conforming(w.oracle.expect(make_case(kKnown).request));
  auto v = judge(kTooLong, accepted);
  EXPECT_FALSE(v.at("GetThirdPartyJobDetails.input.jobId.length-max"));
  EXPECT_TRUE(
      v.at("awsJson1_1.response.status"));  // a consistent 200: the case's requirement speaks

  HttpResponse wrong_type = conforming(e);
  wrong_type.body = json{{"__type", "SerializationException"}, {"message", "x"}}.dump();
  v = judge(kTooLong, wrong_type);
  EXPECT_FALSE(v.at("GetThirdPartyJobDetails.input.jobId.length-max"));
  EXPECT_TRUE(v.at("awsJson1_1.response.error-type"));
  EXPECT_TRUE(v.at("awsJson1_1.response.status"));

  HttpResponse forbidden = conforming(e);
  forbidden.status = 403;
  v = judge(kTooLong, forbidden);
  EXPECT_FALSE(v.at("awsJson1_1.response.status"));
  EXPECT_FALSE(v.at("GetThirdPartyJobDetails.input.jobId.length-max"));

  HttpResponse server_error = conforming(e);
  server_error.status = 500;
  EXPECT_FALSE(judge(kTooLong, server_error).at("awsJson1_1.server.no-5xx"));

  HttpResponse html = conforming(e);
  html.headers = {{"content-type", "text/html"}};
  html.body = "<html>oops</html>";
  v = judge(kTooLong, html);
  EXPECT_FALSE(v.at("awsJson1_1.response.content-type"));
  EXPECT_FALSE(v.at("awsJson1_1.response.json-body"));
  EXPECT_FALSE(v.at("awsJson1_1.response.error-type"));

  HttpResponse bad_message = conforming(e);
  bad_message.body =
      json{{"__type", "ValidationException"}, {"message", "jobId is too long"}}.dump();
  v = judge(kTooLong, bad_message);
  EXPECT_TRUE(v.at("GetThirdPartyJobDetails.input.jobId.length-max"));
  EXPECT_FALSE(v.at("awsJson1_1.response.validation-message"));

  HttpResponse hang;
  hang.outcome = HttpResponse::Outcome::kTimeout;
  v = judge(kTooLong, hang);
  EXPECT_FALSE(v.at("awsJson1_1.server.no-hang"));
  EXPECT_EQ(v.count("GetThirdPartyJobDetails.input.jobId.length-max"), 0u);

  HttpResponse reset;
  reset.outcome = HttpResponse::Outcome::kReset;
  EXPECT_FALSE(judge(kTooLong, reset).at("awsJson1_1.server.no-reset"));
}

TEST(judge_test, a_wrong_200_body_breaks_output_requirements) {
  const auto& w = cpct::testing::world();
  auto e = w.oracle.expect(make_case(kKnown).request);
  auto body = *e.body;
  body["jobDetails"]["nonce"] = std::string(51, 'n');
  body["jobDetails"]["data"]["actionTypeId"]["category"] = "Sauce";
  e.body = std::make_shared<const nlohmann::json>(std::move(body));
  const auto v = judge(kKnown, conforming(e));
  EXPECT_FALSE(v.at("GetThirdPartyJobDetails.output.jobDetails.nonce.length-max"));
  EXPECT_FALSE(v.at("GetThirdPartyJobDetails.output.jobDetails.data.actionTypeId.category.enum"));
  EXPECT_FALSE(v.at("GetThirdPartyJobDetails.semantics.known-job"));
  EXPECT_TRUE(v.at("GetThirdPartyJobDetails.output.jobDetails.data.actionTypeId.owner.enum"));
}

TEST(judge_test, outside_the_contract_only_robustness_counts) {
  const auto& w = cpct::testing::world();
  Case c = make_case("{}");
  c.method = "GET";
  HttpResponse r;
  r.status = 404;
  r.body = "not found";
  const auto v = verdicts(w.judge.judge(c, w.oracle.expect(c.request), r));
  EXPECT_EQ(v.size(), 3u);
  EXPECT_TRUE(v.at("awsJson1_1.server.no-5xx"));
}
