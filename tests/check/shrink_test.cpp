#include "check/shrink.hpp"

#include <gtest/gtest.h>

#include "check/reproduce.hpp"
#include "check/server/planner.hpp"
#include "check_fixture.hpp"

using cpct::check::Case;

TEST(shrink_test, json_bodies_lose_everything_the_failure_does_not_need) {
  Case c;
  c.request = {"T", "application/x-amz-json-1.1",
               R"({"jobId": ")" + std::string(600, 'a') +
                   R"(", "clientToken": "tok", "extra": {"a": [1, 2, 3]}})"};
  // The "endpoint" fails whenever jobId is over 512 characters.
  auto still_fails = [](const Case& candidate) {
    const auto body = nlohmann::json::parse(candidate.request.body);
    return body.contains("jobId") && body["jobId"].is_string() &&
           body["jobId"].get<std::string>().size() > 512;
  };
  const auto result = cpct::check::shrink_case(c, nullptr, still_fails, 200);
  EXPECT_EQ(nlohmann::json::parse(result.minimal.request.body),
            nlohmann::json({{"jobId", std::string(513, 'a')}}));
  EXPECT_GT(result.steps, 3u);
  EXPECT_LE(result.attempts, 200u);
}

TEST(shrink_test, generated_cases_walk_the_rapidcheck_tree) {
  const auto& w = cpct::testing::world();
  const cpct::check::Plan plan(*w.spec, *w.fixtures, {5, 200, {"GetThirdPartyJobDetails"}});
  const auto gen = cpct::check::generated_case(*w.spec, *w.fixtures, {"GetThirdPartyJobDetails"});
  // Find a generated case with a long body, then shrink on "body over 40 bytes".
  for (std::size_t i = plan.planned(); i < plan.size(); ++i) {
    const auto c = plan.at(i);
    if (c.request.body.size() < 200) continue;
    const auto result = cpct::check::shrink_case(
        c, &gen, [](const Case& k) { return k.request.body.size() > 40; }, 100);
    EXPECT_LT(result.minimal.request.body.size(), c.request.body.size());
    EXPECT_GT(result.minimal.request.body.size(), 40u);
    EXPECT_GT(result.steps, 0u);
    return;
  }
  FAIL() << "no long generated case";
}

TEST(shrink_test, non_json_bodies_are_left_alone) {
  Case c;
  c.request = {"T", "x", "{not json"};
  const auto result = cpct::check::shrink_case(c, nullptr, [](const Case&) { return true; });
  EXPECT_EQ(result.minimal.request.body, "{not json");
  EXPECT_EQ(result.steps, 0u);
}

TEST(reproduce_test, curl_commands_keep_every_byte_and_no_secret) {
  EXPECT_EQ(cpct::check::shell_quote("abc"), "'abc'");
  EXPECT_EQ(cpct::check::shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(cpct::check::shell_quote("a\xff\n"), "$'a\\xFF\\x0A'");
  Case c;
  c.request = {"CodePipeline_20150709.GetThirdPartyJobDetails", "application/x-amz-json-1.1", "{}"};
  const auto command =
      cpct::check::curl_command(c, {"http://127.0.0.1:8080/", "eu-west-1", "codepipeline", {}});
  EXPECT_EQ(
      command,
      "curl -sS -i -X POST 'http://127.0.0.1:8080/' --aws-sigv4 'aws:amz:eu-west-1:codepipeline' "
      "--user \"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\" -H 'Content-Type: "
      "application/x-amz-json-1.1' -H 'X-Amz-Target: "
      "CodePipeline_20150709.GetThirdPartyJobDetails' --data-binary '{}'");
}
