// A generated case carries the value its body is the dump of, and the
// oracle reads that value instead of parsing the body again: the value is
// the body parsed, and the oracle's answer is the same either way, for every
// generated case of models with fixtures (jobs changing state) and without.
#include <gtest/gtest.h>

#include <rapidcheck.h>

#include "check/server/planner.hpp"
#include "check_fixture.hpp"
#include "model/model_file.hpp"

namespace {

using nlohmann::json;

// Everything a judge reads of an answer, as one JSON value.
json summary(const cpct::protocol::Expected& e) {
  json violations = json::array();
  for (const auto& v : e.violations)
    violations.push_back({v.requirement_id, v.location, v.message, v.contested});
  json alternatives = json::array();
  for (const auto& a : e.alternatives)
    alternatives.push_back(
        {a.choice, a.differs_from_aws, a.expected ? summary(*a.expected) : json()});
  return {{"status", e.status},
          {"type", e.error_type},
          {"message", e.message},
          {"body", *e.body},
          {"operation", e.operation},
          {"violations", violations},
          {"validationForm", e.validation_form},
          {"requirements", e.requirements},
          {"declared", e.declared_outcome},
          {"chosen", e.endpoint_chosen},
          {"transitions", e.transitions},
          {"question", e.question},
          {"choice", e.choice},
          {"alternatives", alternatives},
          {"anyClientError", e.any_client_error},
          {"anyAnswer", e.any_answer}};
}

// Draws `count` generated cases and asks two oracles with boards of their
// own, one reading the carried value and one parsing the body.
void same_answers(const std::shared_ptr<const cpct::model::Spec>& spec,
                  const std::shared_ptr<const cpct::model::Fixtures>& fixtures, int count) {
  const cpct::protocol::Oracle parsing(spec, fixtures);
  const cpct::protocol::Oracle reading(spec, fixtures);
  const auto gen = cpct::check::generated_case(*spec, *fixtures, {}, nullptr);
  std::size_t errors = 0;
  for (int i = 0; i < count; ++i) {
    const auto c = gen(rc::Random(static_cast<std::uint64_t>(i) * 7919 + 1), i % 100).value();
    ASSERT_NE(c.body_value, nullptr) << c.name;
    ASSERT_EQ(json::parse(c.request.body), *c.body_value) << c.name;
    const auto a = summary(parsing.expect(c.request));
    const auto b = summary(reading.expect(c.request, c.body_value.get()));
    ASSERT_EQ(a, b) << c.name << "\n" << c.request.body;
    errors += a["status"] != 200;
  }
  // Both kinds of answer occur, so the comparison covers validation too.
  EXPECT_GT(errors, static_cast<std::size_t>(count / 10));
  EXPECT_LT(errors, static_cast<std::size_t>(count));
}

}  // namespace

TEST(body_value_test, with_fixtures_jobs_change_state_alike) {
  const auto& w = cpct::testing::world();
  same_answers(w.spec, w.fixtures, 3000);
}

TEST(body_value_test, kinesis_and_dynamodb_without_fixtures) {
  const auto none = std::make_shared<const cpct::model::Fixtures>();
  for (const char* path : {CPCT_BOTOCORE_DATA "/kinesis/2013-12-02/service-2.json",
                           CPCT_BOTOCORE_DATA "/dynamodb/2012-08-10/service-2.json"}) {
    SCOPED_TRACE(path);
    same_answers(cpct::model::load_spec_file(path), none, 400);
  }
}

// A request the oracle derives from the valued one is parsed: a value given
// for another request object is not read.
TEST(body_value_test, the_value_is_read_for_its_own_request_only) {
  const auto& w = cpct::testing::world();
  const cpct::protocol::Oracle oracle(w.spec, w.fixtures);
  const cpct::protocol::Request request{"CodePipeline_20150709.GetThirdPartyJobDetails",
                                        "application/x-amz-json-1.1", ""};
  const json stray = {{"jobId", 7}};  // a wrong-type body, were it read
  const auto read = oracle.expect(request, &stray);
  const auto parsed = oracle.expect(request);
  EXPECT_EQ(summary(read), summary(parsed));
  const cpct::protocol::Request valued{request.target, request.content_type, stray.dump()};
  EXPECT_EQ(summary(oracle.expect(valued, &stray)), summary(oracle.expect(valued)));
  EXPECT_NE(summary(oracle.expect(valued)), summary(parsed));
}
