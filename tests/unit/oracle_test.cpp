#include "protocol/oracle.hpp"

#include <gtest/gtest.h>

#include "model/model_file.hpp"
#include "protocol/json_body.hpp"

using cpct::protocol::Expected;
using cpct::protocol::Oracle;
using cpct::protocol::Request;
using nlohmann::json;

namespace {

constexpr const char* kTarget = "CodePipeline_20150709.GetThirdPartyJobDetails";

const Oracle& oracle() {
  static const Oracle o = [] {
    auto spec = cpct::model::embedded_spec();
    auto fixtures = std::make_shared<cpct::model::Fixtures>(
        cpct::model::parse_fixtures(json::parse(R"({"jobs": [
          {"clientToken": "ct-1", "jobDetails": {"id": "job-1", "nonce": "3"}},
          {"clientToken": "ct-2", "kind": "custom", "jobDetails": {"id": "job-2"}}]})"),
                                    "inline", *spec));
    return Oracle(spec, fixtures);
  }();
  return o;
}

Expected expect(std::string body, std::optional<std::string> target = kTarget,
                std::string content_type = "application/x-amz-json-1.1") {
  return oracle().expect(Request{std::move(target), std::move(content_type), std::move(body)});
}

void expect_error(const Expected& e, const std::string& type, const std::string& requirement) {
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.error_type, type);
  ASSERT_FALSE(e.requirements.empty());
  EXPECT_EQ(e.requirements.front(), requirement);
  EXPECT_EQ((*e.body)["__type"], type);
  EXPECT_EQ((*e.body)["message"], e.message);
}

}  // namespace

TEST(oracle_test, known_job_gets_its_details) {
  const auto e = expect(R"({"jobId": "job-1", "clientToken": "ct-1"})");
  EXPECT_EQ(e.status, 200);
  EXPECT_FALSE(e.is_error());
  EXPECT_EQ(*e.body, json::parse(R"({"jobDetails": {"id": "job-1", "nonce": "3"}})"));
  EXPECT_EQ(e.requirements.front(), "GetThirdPartyJobDetails.semantics.known-job");
  // The ready-made text servers send is the body, serialised.
  ASSERT_NE(e.body_text, nullptr);
  EXPECT_EQ(*e.body_text, e.body->dump());
}

TEST(oracle_test, errors_have_no_ready_made_text) {
  EXPECT_EQ(expect(R"({"jobId": "nope", "clientToken": "ct-1"})").body_text, nullptr);
}

TEST(oracle_test, routing_comes_first) {
  expect_error(expect("not json", std::nullopt), "UnknownOperationException",
               "awsJson1_1.request.unknown-target");
  expect_error(expect("{}", "CodePipeline_20150709.GetThirdPartyJobDetail"),
               "UnknownOperationException", "awsJson1_1.request.unknown-target");
  expect_error(expect("{}", "codepipeline_20150709.GetThirdPartyJobDetails"),
               "UnknownOperationException", "awsJson1_1.request.unknown-target");
  expect_error(expect("{}", "GetThirdPartyJobDetails"), "UnknownOperationException",
               "awsJson1_1.request.unknown-target");
}

TEST(oracle_test, bytes_that_are_not_a_json_object) {
  expect_error(expect("{\"jobId\": \"\xff\"}"), "SerializationException",
               "awsJson1_1.request.invalid-utf8");
  expect_error(expect(R"({"jobId": "\ud800", "clientToken": "t"})"), "SerializationException",
               "awsJson1_1.request.invalid-utf8");
  expect_error(expect(R"({"jobId": "\udc00x"})"), "SerializationException",
               "awsJson1_1.request.invalid-utf8");
  for (const char* bad : {"{", "{\"jobId\": }", "{'jobId': 'x'}", "{} x", "{/*c*/}", "nul", " "})
    expect_error(expect(bad), "SerializationException", "awsJson1_1.request.malformed-json");
  for (const char* not_object : {"[]", "\"s\"", "1", "null", "true"})
    expect_error(expect(not_object), "SerializationException",
                 "awsJson1_1.request.non-object-body");
}

TEST(oracle_test, a_paired_surrogate_escape_is_fine) {
  const auto e = expect(R"({"jobId": "\ud83d\ude00", "clientToken": "t"})");
  expect_error(e, "JobNotFoundException", "GetThirdPartyJobDetails.semantics.unknown-job");
}

TEST(oracle_test, wrong_types_before_constraints) {
  const auto e = expect(R"({"jobId": 5, "clientToken": ""})");
  expect_error(e, "SerializationException", "GetThirdPartyJobDetails.input.jobId.type");
  ASSERT_EQ(e.violations.size(), 1u);
}

TEST(oracle_test, constraints_list_every_violation) {
  const auto e = expect(R"({"clientToken": ""})");
  expect_error(e, "ValidationException", "GetThirdPartyJobDetails.input.jobId.required");
  EXPECT_EQ(e.requirements[1], "GetThirdPartyJobDetails.input.clientToken.length-min");
  EXPECT_EQ(e.message.rfind("2 validation errors detected: ", 0), 0u);
}

TEST(oracle_test, empty_body_is_an_empty_object) {
  const auto e = expect("");
  expect_error(e, "ValidationException", "GetThirdPartyJobDetails.input.jobId.required");
  EXPECT_NE(
      std::find(e.requirements.begin(), e.requirements.end(), "awsJson1_1.request.empty-body"),
      e.requirements.end());
}

TEST(oracle_test, null_is_absent_and_unknown_members_are_ignored) {
  const auto e =
      expect(R"({"jobId": "job-1", "clientToken": "ct-1", "extra": {"x": 1}, "nonce": null})");
  EXPECT_EQ(e.status, 200);
  const std::vector<std::string> traits(e.requirements.begin() + 1, e.requirements.end());
  EXPECT_EQ(traits, (std::vector<std::string>{"awsJson1_1.request.null-member",
                                              "awsJson1_1.request.unknown-member"}));
  expect_error(expect(R"({"jobId": "job-1", "clientToken": null})"), "ValidationException",
               "GetThirdPartyJobDetails.input.clientToken.required");
}

TEST(oracle_test, semantics_in_order) {
  expect_error(expect(R"({"jobId": "job-3", "clientToken": "ct-1"})"), "JobNotFoundException",
               "GetThirdPartyJobDetails.semantics.unknown-job");
  expect_error(expect(R"({"jobId": "job-2", "clientToken": "wrong"})"), "InvalidJobException",
               "GetThirdPartyJobDetails.semantics.not-third-party-job");
  expect_error(expect(R"({"jobId": "job-1", "clientToken": "ct-2"})"),
               "InvalidClientTokenException",
               "GetThirdPartyJobDetails.semantics.wrong-client-token");
  expect_error(expect(R"({"jobId": "JOB-1", "clientToken": "ct-1"})"), "JobNotFoundException",
               "GetThirdPartyJobDetails.semantics.unknown-job");
}

TEST(oracle_test, content_type_parameters_are_accepted) {
  const auto e = expect(R"({"jobId": "job-1", "clientToken": "ct-1"})", kTarget,
                        "application/x-amz-json-1.1; charset=utf-8");
  EXPECT_EQ(e.status, 200);
  EXPECT_EQ(e.requirements.back(), "awsJson1_1.request.content-type-parameters");
}

TEST(oracle_test, operations_without_semantics_are_validated_then_any_declared_answer) {
  const auto bad = expect("{}", "CodePipeline_20150709.AcknowledgeThirdPartyJob");
  EXPECT_EQ(bad.error_type, "ValidationException");
  const auto good = expect("{}", "CodePipeline_20150709.ListPipelines");
  EXPECT_TRUE(good.declared_outcome);
  EXPECT_FALSE(good.is_error());
  EXPECT_EQ(good.requirements.front(), "awsJson1_1.response.declared-outcome");
  const auto invalid = expect(R"({"nextToken": ""})", "CodePipeline_20150709.ListPipelines");
  EXPECT_FALSE(invalid.declared_outcome);
  EXPECT_EQ(invalid.error_type, "ValidationException");
}

TEST(oracle_test, deep_nesting_does_not_crash) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  expect_error(expect(deep), "SerializationException", "awsJson1_1.request.non-object-body");
  const std::string deep_member = "{\"jobId\": " + deep + "}";
  expect_error(expect(deep_member), "SerializationException",
               "GetThirdPartyJobDetails.input.jobId.type");
}

// Where the documents allow several answers, the oracle gives them all.
TEST(oracle_test, open_questions_have_every_defensible_answer) {
  auto choices = [](const Expected& e) {
    std::vector<std::string> out{e.choice};
    for (const auto& a : e.alternatives) out.push_back(a.choice);
    return out;
  };
  const auto blank = expect(" \n");
  EXPECT_EQ(blank.question, "white-space-body");
  EXPECT_EQ(blank.error_type, "SerializationException");
  ASSERT_GE(blank.alternatives.size(), 2u);
  // Named answers come before the wildcard: the judge tries them in order.
  const auto& as_empty = blank.alternatives.front();
  EXPECT_EQ(as_empty.choice, "read as an empty body");
  EXPECT_TRUE(blank.alternatives.back().expected->any_client_error);
  EXPECT_EQ(as_empty.expected->error_type, "ValidationException");  // required members missing

  const auto empty = expect("");
  EXPECT_EQ(empty.question, "empty-body");
  EXPECT_EQ(empty.error_type, "ValidationException");
  EXPECT_EQ(choices(empty), (std::vector<std::string>{"read as {}", "400 SerializationException"}));

  const auto lone = expect(R"({"jobId": "\ud800", "clientToken": "t"})");
  EXPECT_EQ(lone.question, "lone-surrogate");
  EXPECT_TRUE(lone.alternatives.back().expected->any_answer);

  // Raw bytes that are not UTF-8 have one reading (RFC 8259 section 8.1).
  const auto raw = expect("{\"jobId\": \"\xff\", \"clientToken\": \"t\"}");
  EXPECT_EQ(raw.question, "unreadable-body");
  for (const auto& a : raw.alternatives) EXPECT_FALSE(a.expected->any_answer);

  const auto wrong_type = expect(R"({"jobId": 5, "clientToken": "t"})");
  EXPECT_EQ(wrong_type.question, "wrong-type");
  EXPECT_EQ(wrong_type.alternatives.front().choice, "400 ValidationException");

  const auto custom = expect(R"({"jobId": "job-2", "clientToken": "ct-2"})");
  EXPECT_EQ(custom.question, "custom-job");
  EXPECT_EQ(choices(custom),
            (std::vector<std::string>{"InvalidJobException", "JobNotFoundException"}));

  // One right answer: no question.
  EXPECT_TRUE(expect(R"({"jobId": "job-1", "clientToken": "ct-1"})").question.empty());
}

TEST(oracle_test, every_question_the_oracle_puts_is_in_the_table) {
  for (const char* body :
       {"", " \n", "{", R"({"jobId": "\ud800", "clientToken": "t"})",
        R"({"jobId": 5, "clientToken": "t"})", R"({"jobId": "job-2", "clientToken": "ct-2"})"}) {
    const auto e = expect(body);
    ASSERT_FALSE(e.question.empty()) << body;
    EXPECT_NE(cpct::protocol::find_question(e.question), nullptr) << e.question;
  }
  EXPECT_NE(cpct::protocol::find_question(expect("{}", "Nope.Op").question), nullptr);
}

TEST(oracle_test, a_pattern_matched_in_part_may_be_accepted) {
  constexpr const char* kGetPipeline = "CodePipeline_20150709.GetPipeline";
  // No part of "!!" matches [A-Za-z0-9.@\-_]+: off the pattern under any
  // reading, one answer.
  const auto off = expect(R"({"name": "!!"})", kGetPipeline);
  expect_error(off, "ValidationException", "GetPipeline.input.name.pattern");
  EXPECT_TRUE(off.question.empty());
  EXPECT_FALSE(off.violations.front().contested);

  // "my pipeline" matches in part: rejecting it (the whole value) and reading
  // it as valid (Smithy's unanchored pattern trait) are both right.
  const auto part = expect(R"({"name": "my pipeline"})", kGetPipeline);
  expect_error(part, "ValidationException", "GetPipeline.input.name.pattern");
  EXPECT_EQ(part.question, "pattern-anchoring");
  EXPECT_NE(cpct::protocol::find_question(part.question), nullptr);
  ASSERT_EQ(part.alternatives.size(), 1u);
  EXPECT_TRUE(part.alternatives.front().expected->any_answer);

  // With another violation beside it, the other reading still rejects, with
  // a message that lists only the other violation.
  const auto both = expect(R"({"name": "my pipeline", "version": 0})", kGetPipeline);
  ASSERT_EQ(both.violations.size(), 2u);
  ASSERT_EQ(both.alternatives.size(), 1u);
  const auto& rest = *both.alternatives.front().expected;
  EXPECT_EQ(rest.error_type, "ValidationException");
  ASSERT_EQ(rest.violations.size(), 1u);
  EXPECT_EQ(rest.violations.front().requirement_id, "GetPipeline.input.version.range-min");
  EXPECT_EQ(rest.message.rfind("1 validation error detected: ", 0), 0u);
}

// Response bodies are read at most kMaxJsonDepth deep, before any value is
// built; requests at any depth (the oracle judges what a server must do).
TEST(json_body_test, depth_bound) {
  using cpct::protocol::kMaxJsonDepth;
  using cpct::protocol::parse_body;
  using Problem = cpct::protocol::BodyParse::Problem;
  const auto nested = [](std::size_t n) { return std::string(n, '[') + std::string(n, ']'); };
  EXPECT_EQ(parse_body(nested(kMaxJsonDepth), false).problem, Problem::kNone);
  const auto deep = parse_body(nested(kMaxJsonDepth + 1), false);
  EXPECT_EQ(deep.problem, Problem::kMalformed);
  EXPECT_EQ(deep.detail.rfind("nested deeper than 1000 levels", 0), 0u) << deep.detail;
  EXPECT_EQ(parse_body(nested(kMaxJsonDepth + 1), false, cpct::protocol::kAnyJsonDepth).problem,
            Problem::kNone);
}

// And at most kMaxJsonValues members and elements, counted before any DOM
// (a wide body costs memory as a deep one does); strings' commas do not count.
TEST(json_body_test, width_bound) {
  using cpct::protocol::kMaxJsonValues;
  using cpct::protocol::parse_body;
  using Problem = cpct::protocol::BodyParse::Problem;
  const auto members = [](std::size_t n) {
    std::string out = "{";
    for (std::size_t i = 0; i < n; ++i) out += (i ? ",\"m" : "\"m") + std::to_string(i) + "\":1";
    return out + "}";
  };
  const auto elements = [](std::size_t n) {
    std::string out = "[0";
    for (std::size_t i = 1; i < n; ++i) out += ",0";
    return out + "]";
  };
  // The object counts as one value: kMaxJsonValues - 1 members fit exactly.
  EXPECT_EQ(parse_body(members(kMaxJsonValues - 1), false).problem, Problem::kNone);
  const auto wide = parse_body(members(kMaxJsonValues), false);
  EXPECT_EQ(wide.problem, Problem::kMalformed);
  EXPECT_EQ(wide.detail.rfind("more than 100000 members and elements", 0), 0u) << wide.detail;
  EXPECT_EQ(parse_body(elements(kMaxJsonValues + 1), false).problem, Problem::kMalformed);
  // Commas and brackets inside a string are text, not values.
  const std::string text = "{\"m\":\"" + std::string(2 * kMaxJsonValues, ',') + "[{\\\"\"}";
  EXPECT_EQ(parse_body(text, false).problem, Problem::kNone);
  EXPECT_EQ(parse_body(members(kMaxJsonValues), false, cpct::protocol::kAnyJsonDepth).problem,
            Problem::kNone);
}
