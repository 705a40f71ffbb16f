// A case made ahead is the case the plan has at that index, whether it was
// started, started for another index, or not started at all.
#include "check/server/case_prefetch.hpp"

#include <gtest/gtest.h>

#include "check_fixture.hpp"

namespace {

std::string fingerprint(const cpct::check::Case& c) {
  return c.name + "|" + c.request.target.value_or("<none>") + "|" + c.request.body;
}

}  // namespace

TEST(case_prefetch_test, made_ahead_or_now_it_is_the_plans_case) {
  const auto& w = cpct::testing::world();
  const cpct::check::Plan plan(*w.spec, *w.fixtures, {5, 200, {}});
  ASSERT_GT(plan.size(), plan.planned());
  cpct::check::CasePrefetch ahead(plan);
  const std::size_t last = plan.size() - 1;
  for (std::size_t i = 0; i < plan.size(); i += 7) {
    ahead.start(i);
    EXPECT_EQ(fingerprint(ahead.take(i)), fingerprint(plan.at(i))) << i;
    ahead.start(last - i);  // started, then another one taken
    EXPECT_EQ(fingerprint(ahead.take(i + 1)), fingerprint(plan.at(i + 1))) << i;
    EXPECT_EQ(ahead.take(i + 2).index, i + 2);  // none started
  }
  ahead.start(last);  // left running when the prefetch goes
}
