#include "check/results.hpp"

#include <gtest/gtest.h>

#include "check_fixture.hpp"

using cpct::check::FailureRecord;
using cpct::check::Finding;
using cpct::check::Results;
using cpct::check::Status;

TEST(results_test, counts_once_per_case_and_keeps_the_lowest_failures) {
  const auto& w = cpct::testing::world();
  const auto* must = w.catalogue.find("awsJson1_1.server.no-5xx");
  const auto* should = w.catalogue.find("awsJson1_1.response.error-type-form");
  const auto* untouched = w.catalogue.find("awsJson1_1.server.no-hang");
  Results results({must, should, untouched});
  std::size_t built = 0;
  auto make = [&](const Finding& f) {
    ++built;
    FailureRecord r;
    r.detail = f.detail;
    return r;
  };
  for (std::size_t i : {9u, 3u, 7u, 1u, 5u}) {
    results.add(i, {{must->id, false, "bad " + std::to_string(i)}, {must->id, true, ""}}, make);
    results.add(i, {{should->id, i != 3, "meh"}}, make);
    results.add(i, {{"not.selected", false, "ignored"}}, make);
  }
  const auto snapshot = results.snapshot();
  EXPECT_EQ(snapshot[0].cases, 5u);
  EXPECT_EQ(snapshot[0].failed_cases, 5u);
  EXPECT_EQ(snapshot[0].status(), Status::kFailed);
  ASSERT_EQ(snapshot[0].failures.size(), Results::kKept);
  EXPECT_EQ(snapshot[0].failures[0].case_index, 1u);
  EXPECT_EQ(snapshot[0].failures[2].case_index, 5u);
  EXPECT_EQ(snapshot[1].status(), Status::kWarning);
  EXPECT_EQ(snapshot[2].status(), Status::kUntested);
  EXPECT_LE(built, 5u + 1u);
  const auto summary = results.summary();
  EXPECT_EQ(summary.failed, 1u);
  EXPECT_EQ(summary.warnings, 1u);
  EXPECT_EQ(summary.untested, 1u);
  EXPECT_EQ(summary.must_failed, 1u);
  EXPECT_FALSE(results.would_keep(must->id, 6));
  EXPECT_TRUE(results.would_keep(must->id, 0));
}
