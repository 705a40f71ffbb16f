// The lifecycle model (model/lifecycle): the rules of the ten operations on
// a Board, the fixtures checks, and a LiveBoard under concurrent pollers.
#include "model/lifecycle/board.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "model/lifecycle/check.hpp"
#include "model/model_file.hpp"

namespace lc = cpct::model::lifecycle;
using cpct::model::FixturesError;
using cpct::model::JobKind;
using nlohmann::json;

namespace {

const json kType = {
    {"category", "Deploy"}, {"owner", "ThirdParty"}, {"provider", "Acme"}, {"version", "1"}};
const json kCustomType = {
    {"category", "Build"}, {"owner", "Custom"}, {"provider", "Builder"}, {"version", "1"}};

std::string uuid(int n, char prefix = 'a') {
  char text[40];
  std::snprintf(text, sizeof text, "%c0000000-0000-4000-8000-%012d", prefix, n);
  return text;
}

json third_party_job(int n, const std::string& state = "Queued") {
  return {
      {"state", state},
      {"clientId", "11111111-1111-4111-8111-111111111111"},
      {"clientToken", "ct-1"},
      {"jobDetails",
       {{"id", uuid(n)}, {"nonce", "n" + std::to_string(n)}, {"data", {{"actionTypeId", kType}}}}}};
}

json custom_job(int n) {
  return {{"state", "Queued"},
          {"kind", "custom"},
          {"clientToken", "unused"},
          {"jobDetails", {{"id", uuid(n, 'c')}, {"data", {{"actionTypeId", kCustomType}}}}}};
}

std::shared_ptr<const cpct::model::Fixtures> fixtures(const json& document) {
  return std::make_shared<const cpct::model::Fixtures>(
      cpct::model::parse_fixtures(document, "f.json", *cpct::model::embedded_spec()));
}

std::string error_of(const json& document) {
  try {
    fixtures(document);
    return "";
  } catch (const FixturesError& e) {
    return e.what();
  }
}

const lc::OperationInfo& op(const char* name) {
  return *lc::find_operation(name);
}

struct World {
  lc::Board board;
  lc::Clock::time_point now = lc::Clock::now();
  explicit World(const json& document) : board(fixtures(document), lc::Clock::now()) {}
  lc::Outcome call(const char* name, const json& input) {
    return board.apply(op(name), input, now);
  }
  json poll(int max = 1) {
    return *call("PollForThirdPartyJobs", {{"actionTypeId", kType}, {"maxBatchSize", max}}).body;
  }
  std::string nonce(int n) {
    return (*call("GetThirdPartyJobDetails", {{"jobId", uuid(n)}, {"clientToken", "ct-1"}})
                 .body)["jobDetails"]["nonce"];
  }
  lc::Outcome ack(int n, const std::string& nonce) {
    return call("AcknowledgeThirdPartyJob",
                {{"jobId", uuid(n)}, {"clientToken", "ct-1"}, {"nonce", nonce}});
  }
  lc::Outcome succeed(int n, std::optional<std::string> continuation = std::nullopt) {
    json input{{"jobId", uuid(n)}, {"clientToken", "ct-1"}};
    if (continuation) input["continuationToken"] = *continuation;
    return call("PutThirdPartyJobSuccessResult", input);
  }
};

}  // namespace

TEST(lifecycle_test, fixtures_without_lifecycle_keys_hold_jobs_in_progress) {
  const auto example =
      std::make_shared<const cpct::model::Fixtures>(cpct::model::load_fixtures_file(
          CPCT_SOURCE_DIR "/corpus/fixtures/example.json", *cpct::model::embedded_spec()));
  lc::Board board(example);
  for (std::size_t i = 0; i < example->jobs.size(); ++i) {
    EXPECT_EQ(board.states()[i].status, "InProgress");
    // The details answer is exactly the fixture's, as before the lifecycle.
    EXPECT_EQ((*board.states()[i].details)["jobDetails"], example->jobs[i].job_details);
  }
}

TEST(lifecycle_test, contradicting_fixtures_are_refused_with_the_job_named) {
  json bad_state = {{"jobs", {third_party_job(1, "Sleeping")}}};
  EXPECT_NE(error_of(bad_state).find("state \"Sleeping\" is not a JobStatus"), std::string::npos)
      << error_of(bad_state);
  json no_client = {{"jobs", {third_party_job(1)}}};
  no_client["jobs"][0].erase("clientId");
  EXPECT_NE(error_of(no_client).find("needs a clientId"), std::string::npos);
  json two_tokens = {{"jobs", {third_party_job(1), third_party_job(2)}}};
  two_tokens["jobs"][1]["clientToken"] = "ct-other";
  EXPECT_NE(error_of(two_tokens).find("has another clientToken"), std::string::npos);
  json custom_client = {{"jobs", {custom_job(1)}}};
  custom_client["jobs"][0]["clientId"] = "11111111-1111-4111-8111-111111111111";
  EXPECT_NE(error_of(custom_client).find("a custom job has no client"), std::string::npos);
  json untyped = {{"jobs", {third_party_job(1)}}};
  untyped["jobs"][0]["jobDetails"].erase("data");
  EXPECT_NE(error_of(untyped).find("needs an actionTypeId"), std::string::npos);
  json unnonced = {{"jobs", {third_party_job(1, "Dispatched")}}};
  unnonced["jobs"][0]["jobDetails"].erase("nonce");
  EXPECT_NE(error_of(unnonced).find("needs a nonce"), std::string::npos);
  // The poll's answer is checked against the model: a queued job needs a UUID id.
  json not_uuid = {{"jobs", {third_party_job(1)}}};
  not_uuid["jobs"][0]["jobDetails"]["id"] = "job-1";
  EXPECT_NE(error_of(not_uuid).find("as a PollForThirdPartyJobs answer"), std::string::npos);
  json bad_type = {{"actionTypes",
                    {{{"category", "Deploy"},
                      {"owner", "ThirdParty"},
                      {"provider", "no spaces"},
                      {"version", "1"}}}},
                   {"jobs", json::array()}};
  EXPECT_NE(error_of(bad_type).find("actionTypes entry"), std::string::npos);
  EXPECT_EQ(error_of({{"jobs", {third_party_job(1), custom_job(2)}}}), "");
}

TEST(lifecycle_test, a_poll_dispatches_queued_jobs_of_its_type_up_to_the_batch_size) {
  World w(json{{"jobs", {third_party_job(1), third_party_job(2), third_party_job(3)}}});
  const json first = w.poll(2);
  ASSERT_EQ(first["jobs"].size(), 2u);
  EXPECT_EQ(first["jobs"][0]["jobId"], uuid(1));
  EXPECT_EQ(first["jobs"][0]["clientId"], "11111111-1111-4111-8111-111111111111");
  EXPECT_EQ(w.board.states()[0].status, "Dispatched");
  EXPECT_EQ(w.poll(5)["jobs"].size(), 1u);
  EXPECT_TRUE(w.poll(5)["jobs"].empty());  // nothing handed out twice
  const auto other = w.call("PollForThirdPartyJobs", {{"actionTypeId", kCustomType}});
  EXPECT_EQ(other.error_type, "ActionTypeNotFoundException");
  EXPECT_EQ(other.requirement, "PollForThirdPartyJobs.semantics.unknown-action-type");
  const auto owner = w.call("PollForJobs", {{"actionTypeId", kType}});
  EXPECT_EQ(owner.requirement, "PollForJobs.semantics.custom-owner-only");
}

TEST(lifecycle_test, acknowledge_then_result_ends_a_job_and_refuses_a_second) {
  World w(json{{"jobs", {third_party_job(1)}}});
  w.poll();
  EXPECT_EQ(w.ack(1, "wrong").error_type, "InvalidNonceException");
  EXPECT_EQ(w.succeed(1).error_type, "InvalidJobStateException");  // not acknowledged yet
  const auto ack = w.ack(1, w.nonce(1));
  EXPECT_EQ((*ack.body)["status"], "InProgress");
  EXPECT_EQ(w.board.states()[0].status, "InProgress");
  EXPECT_EQ(w.succeed(1).status, 200);
  EXPECT_EQ(w.board.states()[0].status, "Succeeded");
  EXPECT_EQ(w.succeed(1).requirement, "PutThirdPartyJobSuccessResult.semantics.not-in-progress");
  const auto finished = w.ack(1, w.nonce(1));
  EXPECT_EQ((*finished.body)["status"], "Succeeded");
  ASSERT_EQ(finished.others.size(), 1u);  // InvalidNonceException is as defensible
  const auto token = w.call("PutThirdPartyJobFailureResult",
                            {{"jobId", uuid(1)},
                             {"clientToken", "ct-x"},
                             {"failureDetails", {{"type", "JobFailed"}, {"message", "m"}}}});
  EXPECT_EQ(token.error_type, "InvalidClientTokenException");
}

TEST(lifecycle_test, a_continuation_queues_the_job_again_with_the_token_in_its_data) {
  World w(json{{"jobs", {third_party_job(1)}}});
  w.poll();
  const std::string first_nonce = w.nonce(1);
  w.ack(1, first_nonce);
  const auto done = w.succeed(1, "step-2");
  EXPECT_EQ(done.requirement, "PutThirdPartyJobSuccessResult.semantics.continuation");
  EXPECT_EQ(w.board.states()[0].status, "Queued");
  ASSERT_EQ(w.poll()["jobs"].size(), 1u);
  const auto details =
      *w.call("GetThirdPartyJobDetails", {{"jobId", uuid(1)}, {"clientToken", "ct-1"}}).body;
  EXPECT_EQ(details["jobDetails"]["data"]["continuationToken"], "step-2");
  // A new dispatch, a new nonce: the old one no longer acknowledges it.
  EXPECT_NE(w.nonce(1), first_nonce);
  EXPECT_EQ(w.ack(1, first_nonce).error_type, "InvalidNonceException");
  EXPECT_EQ(w.ack(1, w.nonce(1)).status, 200);
}

TEST(lifecycle_test, an_unacknowledged_job_is_handed_out_again_after_the_timeout) {
  json document = {{"acknowledgeTimeoutMs", 1000}, {"jobs", {third_party_job(1)}}};
  World w(document);
  w.poll();
  const std::string nonce = w.nonce(1);
  w.now += std::chrono::milliseconds(999);
  EXPECT_TRUE(w.poll()["jobs"].empty());
  w.now += std::chrono::milliseconds(1);
  EXPECT_EQ(w.poll()["jobs"].size(), 1u);
  EXPECT_EQ(w.board.states()[0].dispatches, 2u);
  EXPECT_EQ(w.ack(1, nonce).error_type, "InvalidNonceException");
}

TEST(lifecycle_test, custom_jobs_carry_data_and_nonce_in_the_poll) {
  World w(json{{"jobs", {custom_job(1), third_party_job(2)}}});
  const auto polled = w.call("PollForJobs", {{"actionTypeId", kCustomType}});
  const json& job = (*polled.body)["jobs"][0];
  EXPECT_EQ(job["id"], uuid(1, 'c'));
  EXPECT_EQ(job["data"]["actionTypeId"], kCustomType);
  const auto ack = w.call("AcknowledgeJob", {{"jobId", uuid(1, 'c')}, {"nonce", job["nonce"]}});
  EXPECT_EQ((*ack.body)["status"], "InProgress");
  // The other flavour's operations do not find it.
  EXPECT_EQ(w.call("GetJobDetails", {{"jobId", uuid(2)}}).error_type, "JobNotFoundException");
  EXPECT_EQ(
      w.call("GetThirdPartyJobDetails", {{"jobId", uuid(1, 'c')}, {"clientToken", "x"}}).error_type,
      "InvalidJobException");
  EXPECT_EQ(
      w.call("PutJobFailureResult", {{"jobId", uuid(1, 'c')},
                                     {"failureDetails", {{"type", "JobFailed"}, {"message", "m"}}}})
          .status,
      200);
  EXPECT_EQ(w.board.states()[0].status, "Failed");
}

TEST(lifecycle_test, concurrent_pollers_never_get_the_same_job) {
  json jobs = json::array();
  for (int n = 1; n <= 400; ++n) jobs.push_back(third_party_job(n));
  lc::LiveBoard live(fixtures({{"jobs", jobs}}));
  std::vector<std::vector<std::string>> got(8);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < got.size(); ++t)
    threads.emplace_back([&, t] {
      for (;;) {
        const auto out =
            live.apply(op("PollForThirdPartyJobs"), {{"actionTypeId", kType}, {"maxBatchSize", 3}});
        if ((*out.body)["jobs"].empty()) return;
        for (const auto& job : (*out.body)["jobs"]) got[t].push_back(job["jobId"]);
      }
    });
  for (auto& t : threads) t.join();
  std::set<std::string> all;
  std::size_t total = 0;
  for (const auto& list : got) {
    total += list.size();
    all.insert(list.begin(), list.end());
  }
  EXPECT_EQ(total, 400u);
  EXPECT_EQ(all.size(), 400u);
}
