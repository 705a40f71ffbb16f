#include "check/server/planner.hpp"

#include <gtest/gtest.h>

#include <set>

#include "check_fixture.hpp"

using cpct::check::CaseKind;
using cpct::check::Plan;

namespace {
std::string fingerprint(const cpct::check::Case& c) {
  return c.name + "|" + c.method + c.path + "|" + c.request.target.value_or("<none>") + "|" +
         c.request.content_type + "|" + c.request.body;
}
}  // namespace

TEST(planner_test, same_seed_same_plan_other_seed_other_plan) {
  const auto& w = cpct::testing::world();
  const Plan a(*w.spec, *w.fixtures, {7, 50, {"GetThirdPartyJobDetails"}});
  const Plan b(*w.spec, *w.fixtures, {7, 50, {"GetThirdPartyJobDetails"}});
  const Plan c(*w.spec, *w.fixtures, {8, 50, {"GetThirdPartyJobDetails"}});
  ASSERT_EQ(a.size(), b.size());
  std::size_t differ = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(fingerprint(a.at(i)), fingerprint(b.at(i))) << i;
    EXPECT_EQ(a.at(i).index, i);
    if (i < c.size()) differ += fingerprint(a.at(i)) != fingerprint(c.at(i));
  }
  EXPECT_GT(differ, 20u);
}

// A body past the plan's budget is drawn again when asked for: the same
// request as when it was held, for every operation, with fixtures and without.
TEST(planner_test, bodies_drawn_again_are_the_bodies_planned) {
  const auto& w = cpct::testing::world();
  const cpct::model::Fixtures none;
  for (const auto* fixtures : {w.fixtures.get(), &none}) {
    cpct::check::PlanOptions held{3, 0, {}};
    cpct::check::PlanOptions drawn = held;
    drawn.held_bodies = 0;
    const Plan a(*w.spec, *fixtures, held);
    const Plan b(*w.spec, *fixtures, drawn);
    ASSERT_EQ(a.size(), b.size());
    ASSERT_GT(a.size(), 100u);
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(fingerprint(a.at(i)), fingerprint(b.at(i))) << i;
      EXPECT_EQ(b.at(i).request.body, b.at(i).request.body) << i;
    }
  }
}

TEST(planner_test, covers_every_kind_and_every_input_requirement) {
  const auto& w = cpct::testing::world();
  const Plan plan(*w.spec, *w.fixtures, {1, 20, {"GetThirdPartyJobDetails"}});
  std::set<CaseKind> kinds;
  std::set<std::string> exercised;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const auto c = plan.at(i);
    kinds.insert(c.kind);
    for (const auto& id : w.oracle.expect(c.request).requirements) exercised.insert(id);
  }
  EXPECT_EQ(kinds.size(), 6u);
  for (const auto* r : w.catalogue.for_operation("GetThirdPartyJobDetails")) {
    const bool server_side = r->family == cpct::model::Family::kInputConstraints ||
                             r->family == cpct::model::Family::kSemantics ||
                             r->id.rfind("awsJson1_1.request.", 0) == 0;
    if (server_side) {
      EXPECT_TRUE(exercised.count(r->id)) << r->id << " has no planned case";
    }
  }
}

TEST(planner_test, boundaries_are_at_the_model_limits_in_code_points) {
  const auto& w = cpct::testing::world();
  const Plan plan(*w.spec, *w.fixtures, {1, 0, {"GetThirdPartyJobDetails"}});
  std::size_t at_max_non_ascii = 0;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const auto c = plan.at(i);
    if (c.kind != CaseKind::kBoundary) continue;
    const auto e = w.oracle.expect(c.request);
    EXPECT_NE(e.error_type, "ValidationException") << c.name;
    if (c.name == "jobId at 512 code points (non-ASCII)") {
      ++at_max_non_ascii;
      EXPECT_GT(c.request.body.size(), 512u + 40);
    }
  }
  EXPECT_EQ(at_max_non_ascii, 1u);
}

TEST(planner_test, generated_cases_are_made_on_demand) {
  const auto& w = cpct::testing::world();
  const Plan plan(*w.spec, *w.fixtures, {3, 1'000'000, {"GetThirdPartyJobDetails"}});
  EXPECT_EQ(plan.size(), plan.planned() + 1'000'000);
  const auto last = plan.at(plan.size() - 1);
  EXPECT_EQ(last.kind, CaseKind::kGenerated);
  ASSERT_TRUE(last.generated_from);
  EXPECT_EQ(fingerprint(last), fingerprint(plan.at(plan.size() - 1)));
}

TEST(planner_test, cases_from_smithy_tests_cite_their_id) {
  const auto& w = cpct::testing::world();
  const Plan plan(*w.spec, *w.fixtures, {7, 0, {"GetThirdPartyJobDetails"}});
  std::set<std::string> sources;
  for (std::size_t i = 0; i < plan.size(); ++i)
    if (const auto c = plan.at(i); !c.source.empty()) {
      sources.insert(c.source);
      EXPECT_EQ(c.request.content_type, "application/x-amz-json-1.1; charset=utf-8");
    }
  EXPECT_EQ(sources, std::set<std::string>{"AwsJson11MustSupportParametersInContentType"});
}
