// A case made ahead is the case the plan has at that index, whether it was
// started, started for another index, or not started at all.
#include "check/server/case_prefetch.hpp"

#include <gtest/gtest.h>

#include "check_fixture.hpp"
#include "model/lifecycle/operations.hpp"

namespace {

std::string fingerprint(const cpct::check::Case& c) {
  return c.name + "|" + c.request.target.value_or("<none>") + "|" + c.request.body;
}

}  // namespace

TEST(case_prefetch_test, made_ahead_or_now_it_is_the_plans_case) {
  const auto& w = cpct::testing::world();
  const cpct::check::Plan plan(*w.spec, *w.fixtures, {5, 200, {}});
  ASSERT_GT(plan.size(), plan.planned());
  cpct::check::CasePrefetch ahead(plan, nullptr);
  const std::size_t last = plan.size() - 1;
  for (std::size_t i = 0; i < plan.size(); i += 7) {
    ahead.start(i);
    const auto made = ahead.take(i);
    EXPECT_EQ(fingerprint(made.c), fingerprint(plan.at(i))) << i;
    EXPECT_FALSE(made.expected.has_value());
    ahead.start(last - i);  // started, then another one taken
    EXPECT_EQ(fingerprint(ahead.take(i + 1).c), fingerprint(plan.at(i + 1))) << i;
    EXPECT_EQ(ahead.take(i + 2).c.index, i + 2);  // none started
  }
  ahead.start(last);  // left running when the prefetch goes
}

// Without jobs, the answer decided ahead is the one the oracle gives the
// case when asked at its turn.
TEST(case_prefetch_test, decided_ahead_without_jobs_it_is_the_oracles_answer) {
  const auto& w = cpct::testing::world();
  const auto none = std::make_shared<const cpct::model::Fixtures>();
  const cpct::protocol::Oracle oracle(w.spec, none);
  const cpct::check::Plan plan(*w.spec, *none, {9, 300, {}});
  cpct::check::CasePrefetch ahead(plan, &oracle);
  std::size_t errors = 0;
  for (std::size_t i = 0; i < plan.size(); i += 3) {
    ahead.start(i);
    const auto made = ahead.take(i);
    ASSERT_TRUE(made.expected.has_value()) << i;
    const auto now = oracle.expect(made.c.request);
    EXPECT_EQ(made.expected->status, now.status) << i;
    EXPECT_EQ(made.expected->error_type, now.error_type) << i;
    EXPECT_EQ(made.expected->message, now.message) << i;
    EXPECT_EQ(made.expected->requirements, now.requirements) << i;
    EXPECT_EQ(made.expected->alternatives.size(), now.alternatives.size()) << i;
    errors += now.is_error();
  }
  EXPECT_GT(errors, 10u);
}

// With fixture jobs, a request of a lifecycle operation steps the board and
// is left to be decided at its turn; every other one is decided ahead, and
// the answer is the oracle's.
TEST(case_prefetch_test, with_jobs_only_requests_that_step_no_board_are_decided_ahead) {
  const auto& w = cpct::testing::world();
  const cpct::protocol::Oracle oracle(w.spec, w.fixtures);
  const cpct::check::Plan plan(*w.spec, *w.fixtures, {11, 600, {}});
  cpct::check::CasePrefetch ahead(plan, &oracle);
  std::size_t ahead_count = 0;
  std::size_t at_turn = 0;
  for (std::size_t i = plan.planned(); i < plan.size(); ++i) {
    ahead.start(i);
    const auto made = ahead.take(i);
    const bool lifecycle = cpct::model::lifecycle::find_operation(made.c.operation) != nullptr;
    EXPECT_EQ(made.expected.has_value(), !lifecycle) << made.c.name;
    EXPECT_EQ(oracle.steps_board(made.c.request), lifecycle) << made.c.name;
    if (!made.expected) {
      ++at_turn;
      continue;
    }
    ++ahead_count;
    const auto now = oracle.expect(made.c.request);
    EXPECT_EQ(made.expected->status, now.status) << made.c.name;
    EXPECT_EQ(made.expected->message, now.message) << made.c.name;
    EXPECT_EQ(made.expected->requirements, now.requirements) << made.c.name;
  }
  EXPECT_GT(ahead_count, 100u);
  EXPECT_GT(at_turn, 10u);
}
