// Each Client method against a recording endpoint: the X-Amz-Target and
// JSON body it sends, how it reads the answer, the modelled errors a
// worker must tell apart, and the empty 200 of the Put*Result operations.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "recording_server.hpp"
#include "reference_client/client.hpp"
#include "reference_client/json_codec.hpp"

namespace cpct::reference_client {
namespace {

using nlohmann::json;
using test::RecordedCall;

const json kThirdPartyType = {
    {"category", "Deploy"}, {"owner", "ThirdParty"}, {"provider", "Acme"}, {"version", "1"}};
const json kCustomType = {
    {"category", "Build"}, {"owner", "Custom"}, {"provider", "Builder"}, {"version", "2"}};

json job_json() {
  json job = test::full_output()["jobDetails"];
  job["id"] = "job-7";
  job["accountId"] = "123456789012";
  return job;
}

// The 200 bodies by operation; the Put*Result operations answer with none.
const std::map<std::string, json>& answers() {
  static const std::map<std::string, json> table = {
      {"PollForThirdPartyJobs", {{"jobs", {{{"clientId", "client-1"}, {"jobId", "job-1"}}}}}},
      {"AcknowledgeThirdPartyJob", {{"status", "InProgress"}}},
      {"GetThirdPartyJobDetails", test::full_output()},
      {"PollForJobs", {{"jobs", {job_json()}}}},
      {"AcknowledgeJob", {{"status", "InProgress"}}},
      {"GetJobDetails", {{"jobDetails", {{"id", "job-7"}, {"accountId", "123456789012"}}}}}};
  return table;
}

// A jobId names an error scenario; other calls get their operation's answer.
std::string answer(const RecordedCall& call, std::size_t) {
  const std::string job =
      call.body.is_object() && call.body.contains("jobId") ? call.body["jobId"].dump() : "";
  if (job == "\"stale-nonce\"")
    return test::error_response("InvalidNonceException", "the nonce is not the job's");
  if (job == "\"gone\"") return test::error_response("JobNotFoundException", "no such job");
  if (job == "\"not-in-progress\"")
    return test::error_response("InvalidJobStateException", "the job is Succeeded");
  if (job == "\"braces\"") return test::json_response(json::object());
  if (job == "\"html\"") return test::http_response(200, "<html></html>", "", "text/html");
  if (job == "\"array\"") return test::json_response(json::array());
  const auto it = answers().find(call.operation);
  return it == answers().end() ? test::http_response(200, "") : test::json_response(it->second);
}

class operations_client_test : public ::testing::Test {
 protected:
  operations_client_test() : server_(answer), client_(config()) {}

  ClientConfig config() const {
    ClientConfig config;
    config.endpoint = server_.url();
    config.credentials = {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
    return config;
  }

  /// Calls `method` once and checks what went over the wire.
  template <class Input>
  Result<OutputOf<Input>> call(Result<OutputOf<Input>> (Client::*method)(const Input&),
                               const Input& input, const json& expected_body) {
    const auto before = server_.calls().size();
    auto result = (client_.*method)(input);
    const auto calls = server_.calls();
    EXPECT_EQ(calls.size(), before + 1) << Operation<Input>::kName;
    if (calls.size() != before + 1) return result;
    const auto& sent = calls.back();
    EXPECT_EQ(sent.operation, Operation<Input>::kName);
    EXPECT_EQ(sent.path, "/");
    EXPECT_EQ(sent.content_type, "application/x-amz-json-1.1");
    EXPECT_TRUE(sent.signed_v4);
    EXPECT_EQ(sent.body, expected_body) << Operation<Input>::kName;
    return result;
  }

  test::RecordingServer server_;
  Client client_;
};

ActionTypeId action_type(const json& value) {
  return decode<PollForJobsInput>({{"actionTypeId", value}}).value().action_type_id;
}

TEST_F(operations_client_test, poll_for_third_party_jobs) {
  const auto result = call(&Client::poll_for_third_party_jobs, {action_type(kThirdPartyType), 2},
                           {{"actionTypeId", kThirdPartyType}, {"maxBatchSize", 2}});
  ASSERT_TRUE(result.ok()) << result.error();
  ASSERT_EQ(result.value().jobs->size(), 1u);
  EXPECT_EQ(result.value().jobs->at(0).client_id, "client-1");
  EXPECT_EQ(result.value().jobs->at(0).job_id, "job-1");
}

TEST_F(operations_client_test, get_third_party_job_details) {
  const auto result = call(&Client::get_third_party_job_details, {"job-1", "token-1"},
                           {{"jobId", "job-1"}, {"clientToken", "token-1"}});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(to_json(result.value()), test::full_output());
}

TEST_F(operations_client_test, acknowledge_third_party_job) {
  const auto result = call(&Client::acknowledge_third_party_job, {"job-1", "nonce-3", "token-1"},
                           {{"jobId", "job-1"}, {"nonce", "nonce-3"}, {"clientToken", "token-1"}});
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result.value().status, "InProgress");
}

TEST_F(operations_client_test, put_third_party_job_results) {
  PutThirdPartyJobSuccessResultInput success{"job-1", "token-1"};
  success.continuation_token = "step-2";
  success.execution_details = ExecutionDetails{"half way", std::nullopt, 50};
  const auto succeeded =
      call(&Client::put_third_party_job_success_result, success,
           {{"jobId", "job-1"},
            {"clientToken", "token-1"},
            {"continuationToken", "step-2"},
            {"executionDetails", {{"summary", "half way"}, {"percentComplete", 50}}}});
  EXPECT_TRUE(succeeded.ok()) << succeeded.error();
  const auto failed =
      call(&Client::put_third_party_job_failure_result,
           {"job-1", "token-1", FailureDetails{"JobFailed", "it broke", "ext-1"}},
           {{"jobId", "job-1"},
            {"clientToken", "token-1"},
            {"failureDetails",
             {{"type", "JobFailed"}, {"message", "it broke"}, {"externalExecutionId", "ext-1"}}}});
  EXPECT_TRUE(failed.ok()) << failed.error();
}

TEST_F(operations_client_test, poll_for_jobs) {
  PollForJobsInput input{action_type(kCustomType)};
  input.query_param = std::map<std::string, std::string>{{"Env", "prod"}};
  const auto result = call(&Client::poll_for_jobs, input,
                           {{"actionTypeId", kCustomType}, {"queryParam", {{"Env", "prod"}}}});
  ASSERT_TRUE(result.ok()) << result.error();
  ASSERT_EQ(result.value().jobs->size(), 1u);
  const Job& job = result.value().jobs->at(0);
  EXPECT_EQ(job.id, "job-7");
  EXPECT_EQ(job.nonce, "3");
  EXPECT_EQ(job.account_id, "123456789012");
  EXPECT_EQ(job.data->artifact_credentials->secret_access_key, test::kPlantedSecret);
  EXPECT_EQ(to_json(result.value())["jobs"][0], job_json());
}

TEST_F(operations_client_test, acknowledge_job_and_get_job_details) {
  const auto acknowledged =
      call(&Client::acknowledge_job, {"job-7", "3"}, {{"jobId", "job-7"}, {"nonce", "3"}});
  ASSERT_TRUE(acknowledged.ok()) << acknowledged.error();
  EXPECT_EQ(acknowledged.value().status, "InProgress");
  const auto details = call(&Client::get_job_details, {"job-7"}, {{"jobId", "job-7"}});
  ASSERT_TRUE(details.ok()) << details.error();
  EXPECT_EQ(details.value().job_details->account_id, "123456789012");
}

TEST_F(operations_client_test, put_job_results) {
  PutJobSuccessResultInput success{"job-7"};
  success.current_revision = CurrentRevision{
      "rev-1", "change-1", Timestamp(std::chrono::seconds(1700000000)), std::nullopt};
  success.output_variables = std::map<std::string, std::string>{{"Url", "https://example.com"}};
  const auto succeeded =
      call(&Client::put_job_success_result, success,
           {{"jobId", "job-7"},
            {"currentRevision",
             {{"revision", "rev-1"}, {"changeIdentifier", "change-1"}, {"created", 1700000000}}},
            {"outputVariables", {{"Url", "https://example.com"}}}});
  EXPECT_TRUE(succeeded.ok()) << succeeded.error();
  const auto failed =
      call(&Client::put_job_failure_result,
           {"job-7", FailureDetails{"ConfigurationError", "no bucket", std::nullopt}},
           {{"jobId", "job-7"},
            {"failureDetails", {{"type", "ConfigurationError"}, {"message", "no bucket"}}}});
  EXPECT_TRUE(failed.ok()) << failed.error();
}

// What a worker must tell apart: a stale nonce, a job that is gone, a
// result for a job that is not in progress.
TEST_F(operations_client_test, modelled_errors_come_back_typed) {
  const auto stale = client_.acknowledge_job({"stale-nonce", "1"});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, "InvalidNonceException");
  EXPECT_EQ(stale.error().message, "the nonce is not the job's");
  EXPECT_EQ(stale.error().kind, ErrorKind::kService);
  EXPECT_EQ(stale.error().http_status, 400);
  const auto stale_third_party = client_.acknowledge_third_party_job({"stale-nonce", "1", "t"});
  ASSERT_FALSE(stale_third_party.ok());
  EXPECT_EQ(stale_third_party.error().code, "InvalidNonceException");
  const auto gone = client_.get_third_party_job_details({"gone", "t"});
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, "JobNotFoundException");
  const auto state = client_.put_job_success_result({"not-in-progress"});
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.error().code, "InvalidJobStateException");
  const auto failure = client_.put_third_party_job_failure_result(
      {"gone", "t", FailureDetails{"JobFailed", "m", std::nullopt}});
  ASSERT_FALSE(failure.ok());
  EXPECT_EQ(failure.error().code, "JobNotFoundException");
}

// The Put*Result operations have no output: an empty 200 (what Smithy has
// servers send) and {} are both success; a body that is not JSON is not.
TEST_F(operations_client_test, put_results_accept_an_empty_200) {
  const FailureDetails details{"JobFailed", "m", std::nullopt};
  for (const char* job : {"empty", "braces"}) {
    SCOPED_TRACE(job);
    EXPECT_TRUE(client_.put_job_success_result({job}).ok());
    EXPECT_TRUE(client_.put_job_failure_result({job, details}).ok());
    EXPECT_TRUE(client_.put_third_party_job_success_result({job, "t"}).ok());
    EXPECT_TRUE(client_.put_third_party_job_failure_result({job, "t", details}).ok());
  }
  const auto html = client_.put_job_success_result({"html"});
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.error().code, "MalformedResponse");
  EXPECT_EQ(html.error().http_status, 200);
  const auto array = client_.put_third_party_job_success_result({"array", "t"});
  ASSERT_FALSE(array.ok());
  EXPECT_EQ(array.error().message,
            "the response is not a PutThirdPartyJobSuccessResult output: the body: expected a "
            "structure (JSON object), got array");
}

TEST(operations_client_config_test, an_unusable_endpoint_fails_every_operation) {
  Client client(ClientConfig::from_environment("ftp://example.com"));
  EXPECT_EQ(client.poll_for_jobs({}).error().code, "InvalidEndpoint");
  EXPECT_EQ(client.acknowledge_third_party_job({"j", "n", "t"}).error().code, "InvalidEndpoint");
  EXPECT_EQ(client.put_job_success_result({"j"}).error().kind, ErrorKind::kConfiguration);
}

}  // namespace
}  // namespace cpct::reference_client
