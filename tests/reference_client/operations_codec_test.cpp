// The codec over every operation's input and output: values the model
// allows round-trip exactly (JSON → struct → JSON, and struct → JSON →
// struct), timestamps are epoch seconds, integers are integers, inputs
// need their required members, and printing redacts a polled job's
// credentials.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <sstream>

#include "client_samples.hpp"
#include "gen/shape_gen.hpp"
#include "model/model_file.hpp"
#include "reference_client/json_codec.hpp"
#include "reference_client/redaction.hpp"

namespace cpct::reference_client {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

const model::Spec& spec() {
  static const auto loaded = model::load_spec("");
  return *loaded;
}

// Every JSON value the model allows for T's shape comes back unchanged,
// and the struct it decodes to survives its own JSON.
template <Message T>
bool round_trips(const model::Shape* shape, const std::string& what) {
  if (!shape) {  // no output in the model: {} is the whole output
    const auto result = decode<T>(json::object());
    return result.ok() && to_json(result.value()) == json::object();
  }
  return rc::check(what, [shape] {
    const json body = *gen::valid_value(*shape);
    const auto result = decode<T>(body);
    RC_ASSERT(result.ok());
    RC_ASSERT(to_json(result.value()) == body);
    const auto again = decode<T>(to_json(result.value()));
    RC_ASSERT(again.ok());
    RC_ASSERT(again.value() == result.value());
  });
}

TEST(operations_codec_test, every_input_and_output_the_model_allows_round_trips) {
  std::apply(
      [](auto... input) {
        (
            [] {
              using Input = decltype(input);
              using Output = OutputOf<Input>;
              const auto& operation = spec().operation(Operation<Input>::kName);
              EXPECT_TRUE(round_trips<Input>(operation.input, operation.name + " input"));
              EXPECT_TRUE(round_trips<Output>(operation.output, operation.name + " output"));
            }(),
            ...);
      },
      JobWorkerInputs{});
}

PutJobSuccessResultInput full_success_input() {
  return {"job-1",
          CurrentRevision{"rev-9", "change-9", Timestamp(1'700'000'000'123ms), "the summary"},
          "step-2", ExecutionDetails{"half done", "ext-1", 50},
          std::map<std::string, std::string>{{"Out", "value"}}};
}

TEST(operations_codec_test, a_typed_value_survives_its_json) {
  const auto input = full_success_input();
  const auto back = decode<PutJobSuccessResultInput>(to_json(input));
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(back.value(), input);
  const PutThirdPartyJobFailureResultInput failure{
      "job-2", "ct-2", FailureDetails{"JobFailed", "it broke", std::nullopt}};
  EXPECT_EQ(to_json(failure), json::parse(R"({"jobId": "job-2", "clientToken": "ct-2",
      "failureDetails": {"type": "JobFailed", "message": "it broke"}})"));
  EXPECT_EQ(decode<PutThirdPartyJobFailureResultInput>(to_json(failure)).value(), failure);
}

TEST(operations_codec_test, timestamps_are_epoch_seconds) {
  auto input = full_success_input();
  EXPECT_EQ(to_json(input)["currentRevision"]["created"], 1700000000.123);
  input.current_revision->created = Timestamp(1'700'000'000'000ms);
  const json whole = to_json(input)["currentRevision"]["created"];
  EXPECT_TRUE(whole.is_number_integer()) << whole;
  EXPECT_EQ(whole, 1700000000);
  for (const auto& [created, ms] :
       std::vector<std::pair<json, long long>>{{json(0), 0},
                                               {json(1.5), 1500},
                                               {json(-2.25), -2250},
                                               {json(1700000000.001), 1700000000001}}) {
    json body = to_json(full_success_input());
    body["currentRevision"]["created"] = created;
    const auto result = decode<PutJobSuccessResultInput>(body);
    ASSERT_TRUE(result.ok()) << created << ": " << result.error();
    EXPECT_EQ(result.value().current_revision->created->time_since_epoch().count(), ms) << created;
  }
  for (const json& bad : {json("2024-01-01T00:00:00Z"), json(1e300), json::array()}) {
    json body = to_json(full_success_input());
    body["currentRevision"]["created"] = bad;
    const auto result = decode<PutJobSuccessResultInput>(body);
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_NE(result.error().message.find("member currentRevision.created"), std::string::npos)
        << result.error().message;
  }
}

TEST(operations_codec_test, integers_must_be_whole_and_32_bit) {
  EXPECT_EQ(decode<PollForJobsInput>({{"actionTypeId", json::object()}, {"maxBatchSize", 7}})
                .value()
                .max_batch_size,
            7);
  for (const json& bad : {json(1.5), json("7"), json(4294967296LL), json(-4294967296LL)}) {
    const auto result =
        decode<PollForJobsInput>({{"actionTypeId", json::object()}, {"maxBatchSize", bad}});
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_EQ(result.error().kind, ErrorKind::kInvalidInput);
    EXPECT_NE(result.error().message.find("PollForJobs input: member maxBatchSize"),
              std::string::npos)
        << result.error().message;
  }
}

TEST(operations_codec_test, an_input_needs_its_required_members) {
  const auto result = decode<AcknowledgeThirdPartyJobInput>({{"jobId", "j"}, {"nonce", "3"}});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "InvalidInput");
  EXPECT_EQ(result.error().message,
            "the input is not an AcknowledgeThirdPartyJob input: member clientToken: a required "
            "member is absent");
  const auto nested = decode<PutJobFailureResultInput>(
      {{"jobId", "j"}, {"failureDetails", {{"type", "JobFailed"}}}});
  ASSERT_FALSE(nested.ok());
  EXPECT_NE(nested.error().message.find("member failureDetails.message"), std::string::npos)
      << nested.error().message;
  // Answers stay tolerant: a job with nothing in it is still a job.
  const auto poll = decode<PollForJobsOutput>({{"jobs", {json::object()}}});
  ASSERT_TRUE(poll.ok()) << poll.error();
  EXPECT_EQ(poll.value().jobs->size(), 1u);
}

TEST(operations_codec_test, a_put_result_answer_is_empty_or_an_object) {
  for (const char* body : {"", "{}", R"({"someNewMember": 1})"}) {
    const auto result = parse_output<PutJobSuccessResultOutput>(body);
    EXPECT_TRUE(result.ok()) << "'" << body << "': " << result.error();
  }
  for (const char* body : {" ", "null", "[]", "{"}) {
    const auto result = parse_output<PutThirdPartyJobFailureResultOutput>(body);
    ASSERT_FALSE(result.ok()) << body;
    EXPECT_EQ(result.error().code, "MalformedResponse") << body;
  }
}

TEST(operations_codec_test, a_polled_job_prints_its_credentials_redacted) {
  json job = test::full_output()["jobDetails"];
  job["accountId"] = "123456789012";
  const auto output = decode<PollForJobsOutput>({{"jobs", {job}}});
  ASSERT_TRUE(output.ok()) << output.error();
  std::ostringstream printed;
  printed << output.value();
  for (const std::string& text : {printed.str(), to_debug_string(output.value())}) {
    EXPECT_EQ(text.find(test::kPlantedSecret), std::string::npos) << text;
    EXPECT_EQ(text.find(test::kPlantedToken), std::string::npos) << text;
    EXPECT_NE(text.find(kRedacted), std::string::npos) << text;
    EXPECT_NE(text.find("123456789012"), std::string::npos) << text;  // the rest is there
  }
  // The codec itself keeps the values: a worker needs them.
  EXPECT_EQ(to_json(output.value())["jobs"][0]["data"]["artifactCredentials"]["secretAccessKey"],
            test::kPlantedSecret);
}

}  // namespace
}  // namespace cpct::reference_client
