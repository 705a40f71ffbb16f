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
  const auto* unselected = w.catalogue.find("awsJson1_1.server.no-reset");
  ASSERT_NE(unselected, nullptr);
  Results results(w.catalogue, {must, should, untouched});
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
    // Known but not selected for this run (--operations, a profile): skipped quietly.
    results.add(i, {{unselected->id, false, "ignored"}}, make);
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

// A checker and the catalogue that disagree on an ID are a bug: the finding
// must not vanish as if its requirement were only unselected.
TEST(results_test, a_finding_of_an_unknown_requirement_is_loud) {
  const auto& w = cpct::testing::world();
  const auto* must = w.catalogue.find("awsJson1_1.server.no-5xx");
  Results results(w.catalogue, {must});
  auto make = [](const Finding& f) {
    FailureRecord r;
    r.detail = f.detail;
    return r;
  };
  // A misspelt ID (one letter off a real one), failed or passed.
  EXPECT_THROW(results.add(0, {{"awsJson1_1.server.no-5xxx", false, "typo"}}, make),
               cpct::model::UnknownRequirement);
  EXPECT_THROW(
      results.add(1, {{must->id, false, "real"}, {"awsJson1_1.server.no_5xx", true, ""}}, make),
      cpct::model::UnknownRequirement);
  // Nothing of a rejected case is counted, not even its known findings.
  EXPECT_EQ(results.snapshot()[0].cases, 0u);
  results.add(2, {{must->id, false, "real"}}, make);
  EXPECT_EQ(results.snapshot()[0].failed_cases, 1u);
}

// Every ID a checker spells through model/requirement_ids.hpp is one the
// catalogue of a model with those parts has: the builders and the tables agree.
TEST(results_test, every_built_id_is_in_the_catalogue) {
  namespace ids = cpct::model::ids;
  const auto& w = cpct::testing::world();
  const cpct::model::Wire& wire = w.spec->wire;
  std::vector<std::string> built;
  for (int r = 0; r <= static_cast<int>(ids::Protocol::kNoReset); ++r)
    built.push_back(ids::protocol(wire, static_cast<ids::Protocol>(r)));
  for (int r = 0; r <= static_cast<int>(ids::Client::kReportsError); ++r)
    built.push_back(ids::client(wire, static_cast<ids::Client>(r)));
  for (int r = 0; r <= static_cast<int>(ids::Worker::kStopsOnSignal); ++r)
    built.push_back(ids::worker(static_cast<ids::Worker>(r)));
  for (const auto& e : cpct::model::client_error_encodings())
    built.push_back(ids::client_error(wire, e));
  built.push_back(ids::semantic("GetThirdPartyJobDetails", ids::Semantic::kKnownJob));
  built.push_back(ids::semantic("PollForJobs", ids::Semantic::kNeverTwice));
  built.push_back(ids::semantic("AcknowledgeJob", ids::Semantic::kWrongNonce));
  built.push_back(ids::client_round_trip("GetThirdPartyJobDetails"));
  for (const auto& id : built) EXPECT_NE(w.catalogue.find(id), nullptr) << id;
  EXPECT_THROW(ids::client_error(wire, "type-bar"), cpct::model::UnknownRequirement);
}
