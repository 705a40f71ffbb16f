// The reference worker (examples/worker) as cpct runs it: a process with the
// worker protocol's environment, against a scripted endpoint that records
// its calls, stopped with SIGTERM. Each test scripts one session and judges
// the call sequence: targets, the client token, the nonce, the result.
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <sstream>

#include "child_process.hpp"
#include "recording_server.hpp"

namespace cpct::reference_client {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using test::RecordedCall;
using Calls = std::vector<RecordedCall>;

const char* const kThirdPartyType =
    R"({"category":"Deploy","owner":"ThirdParty","provider":"Acme","version":"1"})";
const char* const kCustomType =
    R"({"category":"Build","owner":"Custom","provider":"Builder","version":"2"})";
const char* const kClientId = "0b9e2c41-7f3a-4d2e-9c1b-5a6d7e8f9a0b";
const char* const kToken = "client-token-0b9e-never-logged";
const char* const kJobId = "11111111-2222-4333-8444-555555555555";
const std::string kTokens = json{{kClientId, kToken}}.dump();

// Job data with planted credentials and, when given, an "Outcome" to ask for.
json job_data(const std::string& outcome = "", const char* continuation_token = nullptr) {
  json data = test::full_output()["jobDetails"]["data"];
  data["actionConfiguration"]["configuration"] = json::object();
  if (!outcome.empty()) data["actionConfiguration"]["configuration"]["Outcome"] = outcome;
  data.erase("continuationToken");
  if (continuation_token) data["continuationToken"] = continuation_token;
  return data;
}

std::string third_party_poll(const char* client_id = kClientId) {
  return test::json_response({{"jobs", {{{"clientId", client_id}, {"jobId", kJobId}}}}});
}

std::string details(const json& data, const char* nonce = "nonce-from-details") {
  return test::json_response({{"jobDetails", {{"id", kJobId}, {"data", data}, {"nonce", nonce}}}});
}

std::string custom_poll(const json& data, const char* nonce) {
  return test::json_response(
      {{"jobs",
        {{{"id", kJobId}, {"data", data}, {"nonce", nonce}, {"accountId", "123456789012"}}}}});
}

const std::string kNoJobs = test::json_response({{"jobs", json::array()}});
const std::string kInProgress = test::json_response({{"status", "InProgress"}});
const std::string kEmpty200 = test::http_response(200, "");

/// The answers of a session by operation: each call takes the next one of
/// its operation, the last one repeats. Unscripted operations get a 500.
using Script = std::map<std::string, std::vector<std::string>>;

test::RecordingServer::Responder responder(Script script) {
  auto queues = std::make_shared<std::map<std::string, std::deque<std::string>>>();
  for (auto& [operation, answers] : script)
    (*queues)[operation] = std::deque<std::string>(answers.begin(), answers.end());
  return [queues](const RecordedCall& call, std::size_t) {
    auto it = queues->find(call.operation);
    if (it == queues->end() || it->second.empty())
      return test::error_response("InternalFailure", "not scripted", 500);
    std::string answer = it->second.front();
    if (it->second.size() > 1) it->second.pop_front();
    return answer;
  };
}

bool is_poll(const RecordedCall& call) {
  return call.operation.rfind("PollFor", 0) == 0;
}

/// Done when the session has `polls` polls after the last call of `operation`.
std::function<bool(const Calls&)> polls_after(const std::string& operation, int polls) {
  return [=](const Calls& calls) {
    int after = -1;
    for (const auto& call : calls) {
      if (call.operation == operation)
        after = 0;
      else if (after >= 0 && is_poll(call))
        ++after;
    }
    return after >= polls;
  };
}

std::function<bool(const Calls&)> polls(int count) {
  return [=](const Calls& calls) {
    return std::count_if(calls.begin(), calls.end(), is_poll) >= count;
  };
}

struct WorkerRun {
  bool reached = false;            // the session got where the test waited for
  std::optional<int> exit_status;  // nothing: still running 3 s after the signal
  std::chrono::milliseconds stop_took{0};
  Calls calls;
  std::string log;  // its stderr
};

WorkerRun run_worker(const Script& script, const char* action_type,
                     const std::function<bool(const Calls&)>& done, int stop_signal = SIGTERM,
                     const std::string& tokens = kTokens) {
  test::RecordingServer server(responder(script));
  const std::string log_path = ::testing::TempDir() + "cpct-worker-" +
                               ::testing::UnitTest::GetInstance()->current_test_info()->name() +
                               ".log";
  WorkerRun run;
  {
    test::ChildProcess worker(
        {CPCT_REFERENCE_WORKER},
        {"CPCT_ENDPOINT=" + server.url(), std::string("CPCT_ACTION_TYPE=") + action_type,
         "CPCT_CLIENT_TOKENS=" + tokens, "AWS_ACCESS_KEY_ID=AKIDEXAMPLE",
         "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "AWS_REGION=us-east-1",
         "AWS_DEFAULT_REGION=us-east-1"},
        false, log_path);
    EXPECT_TRUE(worker.started());
    run.reached = server.wait_until(done, 5s);
    const auto signalled = std::chrono::steady_clock::now();
    worker.send_signal(stop_signal);
    run.exit_status = worker.wait(3s);
    run.stop_took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - signalled);
  }
  run.calls = server.calls();
  std::ifstream file(log_path);
  std::stringstream text;
  text << file.rdbuf();
  run.log = text.str();
  return run;
}

/// What every run must show: it got there, stopped on the signal with
/// status 0 within a second, and printed no credential and no client token.
void expect_clean_stop(const WorkerRun& run) {
  EXPECT_TRUE(run.reached) << "the session did not get there; calls: "
                           << ::testing::PrintToString(test::operations_of(run.calls)) << "\n"
                           << run.log;
  EXPECT_EQ(run.exit_status, 0) << run.log;
  EXPECT_LT(run.stop_took, 1000ms);
  for (const char* secret : {test::kPlantedSecret, test::kPlantedToken, "PLANTED", kToken})
    EXPECT_EQ(run.log.find(secret), std::string::npos) << secret << " in:\n" << run.log;
}

/// The calls from the first one that is not a poll; every call after
/// `count` of them must be a poll.
std::vector<std::string> work_calls(const Calls& calls, std::size_t count) {
  std::vector<std::string> out;
  std::size_t first = 0;
  while (first < calls.size() && is_poll(calls[first])) ++first;
  EXPECT_EQ(first, 1u) << "the first poll hands out the job";
  for (std::size_t i = first; i < calls.size(); ++i) {
    if (out.size() < count)
      out.push_back(calls[i].operation);
    else
      EXPECT_TRUE(is_poll(calls[i])) << "call " << i << ": " << calls[i].operation;
  }
  return out;
}

const RecordedCall& the_call(const Calls& calls, const std::string& operation) {
  for (const auto& call : calls)
    if (call.operation == operation) return call;
  static const RecordedCall kNone;
  ADD_FAILURE() << "no " << operation << " call";
  return kNone;
}

TEST(worker_test, a_third_party_job_is_read_acknowledged_and_reported) {
  const auto run = run_worker({{"PollForThirdPartyJobs", {third_party_poll(), kNoJobs}},
                               {"GetThirdPartyJobDetails", {details(job_data())}},
                               {"AcknowledgeThirdPartyJob", {kInProgress}},
                               {"PutThirdPartyJobSuccessResult", {kEmpty200}}},
                              kThirdPartyType, polls_after("PutThirdPartyJobSuccessResult", 2));
  expect_clean_stop(run);
  ASSERT_FALSE(run.calls.empty());
  EXPECT_EQ(run.calls[0].operation, "PollForThirdPartyJobs");
  EXPECT_EQ(run.calls[0].body["actionTypeId"], json::parse(kThirdPartyType));
  EXPECT_TRUE(run.calls[0].signed_v4);
  EXPECT_EQ(work_calls(run.calls, 3),
            (std::vector<std::string>{"GetThirdPartyJobDetails", "AcknowledgeThirdPartyJob",
                                      "PutThirdPartyJobSuccessResult"}));
  EXPECT_EQ(the_call(run.calls, "GetThirdPartyJobDetails").body,
            json({{"jobId", kJobId}, {"clientToken", kToken}}));
  // The nonce is the one the details carry (a third-party poll has none).
  EXPECT_EQ(the_call(run.calls, "AcknowledgeThirdPartyJob").body,
            json({{"jobId", kJobId}, {"nonce", "nonce-from-details"}, {"clientToken", kToken}}));
  const json& result = the_call(run.calls, "PutThirdPartyJobSuccessResult").body;
  EXPECT_EQ(result["jobId"], kJobId);
  EXPECT_EQ(result["clientToken"], kToken);
  EXPECT_FALSE(result.contains("continuationToken")) << result;
  EXPECT_NE(run.log.find(kJobId), std::string::npos) << run.log;
}

TEST(worker_test, an_invalid_nonce_on_acknowledge_drops_the_job) {
  const auto run =
      run_worker({{"PollForThirdPartyJobs", {third_party_poll(), kNoJobs}},
                  {"GetThirdPartyJobDetails", {details(job_data())}},
                  {"AcknowledgeThirdPartyJob",
                   {test::error_response("InvalidNonceException", "the nonce is not the job's")}},
                  {"PutThirdPartyJobSuccessResult", {kEmpty200}}},
                 kThirdPartyType, polls_after("AcknowledgeThirdPartyJob", 2));
  expect_clean_stop(run);
  // No result, and nothing else about the job: only polls after the ack.
  EXPECT_EQ(work_calls(run.calls, 2),
            (std::vector<std::string>{"GetThirdPartyJobDetails", "AcknowledgeThirdPartyJob"}));
  EXPECT_NE(run.log.find("InvalidNonceException"), std::string::npos) << run.log;
}

TEST(worker_test, job_not_found_on_details_drops_the_job) {
  const auto run = run_worker(
      {{"PollForThirdPartyJobs", {third_party_poll(), kNoJobs}},
       {"GetThirdPartyJobDetails", {test::error_response("JobNotFoundException", "no such job")}}},
      kThirdPartyType, polls_after("GetThirdPartyJobDetails", 2));
  expect_clean_stop(run);
  EXPECT_EQ(work_calls(run.calls, 1), (std::vector<std::string>{"GetThirdPartyJobDetails"}));
}

TEST(worker_test, a_job_of_an_unknown_client_id_is_skipped) {
  const auto run = run_worker(
      {{"PollForThirdPartyJobs", {third_party_poll("ffffffff-0000-4000-8000-000000000000")}}},
      kThirdPartyType, polls(3));
  expect_clean_stop(run);
  for (const auto& call : run.calls) EXPECT_TRUE(is_poll(call)) << call.operation;
  EXPECT_NE(run.log.find("ffffffff-0000-4000-8000-000000000000"), std::string::npos) << run.log;
}

TEST(worker_test, a_custom_job_is_acknowledged_with_the_poll_nonce_and_fails_when_asked) {
  const auto run = run_worker({{"PollForJobs", {custom_poll(job_data("fail"), "nonce-7"), kNoJobs}},
                               {"AcknowledgeJob", {kInProgress}},
                               {"PutJobFailureResult", {kEmpty200}}},
                              kCustomType, polls_after("PutJobFailureResult", 2), SIGINT);
  expect_clean_stop(run);
  EXPECT_EQ(run.calls[0].body["actionTypeId"], json::parse(kCustomType));
  EXPECT_EQ(work_calls(run.calls, 2),
            (std::vector<std::string>{"AcknowledgeJob", "PutJobFailureResult"}));
  EXPECT_EQ(the_call(run.calls, "AcknowledgeJob").body,
            json({{"jobId", kJobId}, {"nonce", "nonce-7"}}));
  const json& failure = the_call(run.calls, "PutJobFailureResult").body;
  EXPECT_EQ(failure["jobId"], kJobId);
  EXPECT_EQ(failure["failureDetails"]["type"], "JobFailed");
  EXPECT_TRUE(failure["failureDetails"]["message"].is_string());
}

TEST(worker_test, a_continue_outcome_sends_a_continuation_token_once) {
  // The job comes back with the token it was given, and is then finished.
  const auto run =
      run_worker({{"PollForJobs",
                   {custom_poll(job_data("continue"), "nonce-1"),
                    custom_poll(job_data("continue", "step-2"), "nonce-2"), kNoJobs}},
                  {"AcknowledgeJob", {kInProgress}},
                  {"PutJobSuccessResult", {kEmpty200}}},
                 kCustomType, [](const Calls& calls) {
                   return std::count_if(calls.begin(), calls.end(), [](const RecordedCall& call) {
                            return call.operation == "PutJobSuccessResult";
                          }) == 2;
                 });
  expect_clean_stop(run);
  std::vector<json> results;
  for (const auto& call : run.calls)
    if (call.operation == "PutJobSuccessResult") results.push_back(call.body);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["continuationToken"], "step-2");
  EXPECT_FALSE(results[1].contains("continuationToken")) << results[1];
  std::vector<std::string> nonces;
  for (const auto& call : run.calls)
    if (call.operation == "AcknowledgeJob") nonces.push_back(call.body["nonce"]);
  EXPECT_EQ(nonces, (std::vector<std::string>{"nonce-1", "nonce-2"}));
}

TEST(worker_test, failing_polls_back_off_instead_of_spinning) {
  const auto started = std::chrono::steady_clock::now();
  const auto run = run_worker(
      {{"PollForJobs",
        {test::error_response("ThrottlingException", "Rate exceeded"),
         test::http_response(502, "<html>502</html>", "", "text/html"), "garbage\r\n\r\n",
         test::error_response("ServiceUnavailable", "try later", 503)}}},
      kCustomType, polls(5));
  const auto took = std::chrono::steady_clock::now() - started;
  expect_clean_stop(run);
  // Waits of 100, 200, 400 and 800 ms come before the fifth poll.
  EXPECT_GE(took, 1400ms);
  EXPECT_NE(run.log.find("ThrottlingException"), std::string::npos) << run.log;
}

TEST(worker_test, unusable_settings_exit_2_with_a_reason) {
  struct Case {
    std::vector<std::string> env;
    const char* reason;
  };
  for (
      const auto& c : std::vector<Case>{
          {{"CPCT_ACTION_TYPE=" + std::string(kCustomType)}, "CPCT_ENDPOINT is not set"},
          {{"CPCT_ENDPOINT=http://127.0.0.1:1",
            R"(CPCT_ACTION_TYPE={"category":"Deploy","owner":"AWS","provider":"S3","version":"1"})"},
           "owner 'AWS'"},
          {{"CPCT_ENDPOINT=http://127.0.0.1:1", "CPCT_ACTION_TYPE={\"owner\": \"Custom\"}"},
           "CPCT_ACTION_TYPE has no string member category"},
          {{"CPCT_ENDPOINT=http://127.0.0.1:1", "CPCT_ACTION_TYPE=" + std::string(kThirdPartyType),
            "CPCT_CLIENT_TOKENS=[1]"},
           "CPCT_CLIENT_TOKENS is not a JSON object"},
          {{"CPCT_ENDPOINT=ftp://example.com", "CPCT_ACTION_TYPE=" + std::string(kCustomType)},
           "ftp"}}) {
    const std::string log_path = ::testing::TempDir() + "cpct-worker-settings.log";
    test::ChildProcess worker({CPCT_REFERENCE_WORKER}, c.env, false, log_path);
    EXPECT_EQ(worker.wait(3s), 2) << c.reason;
    std::ifstream file(log_path);
    std::stringstream text;
    text << file.rdbuf();
    EXPECT_NE(text.str().find(c.reason), std::string::npos) << text.str();
  }
}

}  // namespace
}  // namespace cpct::reference_client
