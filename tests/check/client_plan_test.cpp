#include "check/client/client_cases.hpp"

#include <gtest/gtest.h>

#include "check_fixture.hpp"
#include "protocol/oracle.hpp"

using cpct::check::ClientCase;
using cpct::check::ClientPlan;

// The plan names requirements and profile questions by string: a typo would
// make a check vanish or a profile row lose its text, so each must resolve.
TEST(client_plan_test, every_case_names_a_known_requirement_and_question) {
  const auto& w = cpct::testing::world();
  const ClientPlan plan(*w.spec, {});
  std::size_t questions = 0, smithy = 0;
  for (std::size_t i = 0; i < plan.planned(); ++i) {
    const ClientCase c = plan.at(i);
    SCOPED_TRACE(c.name);
    EXPECT_NE(w.catalogue.find(c.requirement), nullptr) << c.requirement;
    if (!c.question.empty()) {
      ++questions;
      EXPECT_NE(cpct::protocol::find_question(c.question), nullptr) << c.question;
    }
    if (c.expect == ClientCase::Expect::kOneOf) EXPECT_GE(c.answers.size(), 2u);
    smithy += !c.source.empty();
  }
  EXPECT_GT(questions, 0u);
  EXPECT_GE(smithy, 11u);  // the ten encodings' tests and the foreign namespace
}
