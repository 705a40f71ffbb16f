// Baselines: what a file may say, and what a run's results become with one.
#include "check/baseline.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "model/model_file.hpp"

namespace {

using cpct::check::Baseline;
using cpct::check::BaselineError;
using cpct::check::RequirementResult;

std::string write(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("cpct-baseline-" + name + ".json");
  std::ofstream(path) << text;
  return path.string();
}

struct Fixture {
  std::shared_ptr<const cpct::model::Spec> spec = cpct::model::load_spec("");
  cpct::model::Catalogue catalogue{*spec};

  RequirementResult result(const std::string& id, std::size_t cases, std::size_t failed) const {
    RequirementResult r;
    r.requirement = catalogue.find(id);
    r.cases = cases;
    r.failed_cases = failed;
    return r;
  }
};

TEST(baseline_test, a_list_with_globs_records_failures_and_says_which_are_gone) {
  Fixture f;
  const auto path = write("list", R"({"description": "d", "baseline": [
    {"id": "GetThirdPartyJobDetails.input.jobId.*", "reason": "no length check", "source": "x:1"},
    {"id": "awsJson1_1.server.no-5xx", "reason": "fixed since"},
    {"id": "awsJson1_1.server.no-hang", "reason": "a race", "intermittent": true},
    {"id": "awsJson1_1.server.no-reset", "reason": "not run this time"}]})");
  const Baseline baseline = cpct::check::load_baseline(path, f.catalogue);
  ASSERT_EQ(baseline.entries.size(), 4u);
  std::vector<RequirementResult> results = {
      f.result("GetThirdPartyJobDetails.input.jobId.length-max", 3, 2),        // recorded
      f.result("GetThirdPartyJobDetails.input.jobId.length-min", 3, 0),        // same glob passes
      f.result("GetThirdPartyJobDetails.input.clientToken.length-max", 3, 1),  // new
      f.result("awsJson1_1.server.no-5xx", 5, 0),                              // gone
      f.result("awsJson1_1.server.no-hang", 5, 0),    // intermittent: never gone
      f.result("awsJson1_1.server.no-reset", 0, 0)};  // untested: neither
  const auto outcome = cpct::check::apply_baseline(baseline, results);
  EXPECT_EQ(outcome.recorded, 1u);
  EXPECT_EQ(outcome.recorded_must, 1u);
  ASSERT_NE(results[0].baseline, nullptr);
  EXPECT_EQ(results[0].baseline->reason, "no length check");
  EXPECT_EQ(results[2].baseline, nullptr);
  ASSERT_EQ(outcome.gone.size(), 1u);
  EXPECT_EQ(outcome.gone[0]->pattern, "awsJson1_1.server.no-5xx");
}

TEST(baseline_test, an_earlier_results_json_records_what_failed_or_warned_there) {
  Fixture f;
  const auto path = write("results", R"({"tool": "cpct", "requirements": [
    {"id": "awsJson1_1.server.no-5xx", "status": "failed"},
    {"id": "awsJson1_1.response.error-type-form", "status": "warning"},
    {"id": "awsJson1_1.server.no-hang", "status": "passed"}]})");
  const Baseline baseline = cpct::check::load_baseline(path, f.catalogue);
  ASSERT_EQ(baseline.entries.size(), 2u);
  EXPECT_NE(baseline.find("awsJson1_1.server.no-5xx"), nullptr);
  EXPECT_EQ(baseline.find("awsJson1_1.server.no-hang"), nullptr);
}

TEST(baseline_test, bad_files_are_refused_naming_what_is_wrong) {
  Fixture f;
  const std::vector<std::pair<std::string, std::string>> bad = {
      {R"({"baseline": [{"id": "Nope.*", "reason": "r"}]})", "names no requirement"},
      {R"({"baseline": [{"id": "awsJson1_1.server.no-5xx"}]})", "\"reason\" must be"},
      {R"({"baseline": [{"id": "awsJson1_1.server.no-5xx", "reason": "r", "why": 1}]})",
       "unknown key \"why\""},
      {R"({"baseline": [{"id": "awsJson1_1.server.no-5xx", "reason": "r", "intermittent": 1}]})",
       "must be true or false"},
      {R"({"other": []})", "neither"},
      {R"({"baseline": )", "not valid JSON"},
      {R"([])", "must be a JSON object"}};
  for (std::size_t i = 0; i < bad.size(); ++i) {
    const auto path = write("bad" + std::to_string(i), bad[i].first);
    try {
      cpct::check::load_baseline(path, f.catalogue);
      ADD_FAILURE() << "accepted: " << bad[i].first;
    } catch (const BaselineError& e) {
      EXPECT_NE(std::string(e.what()).find(bad[i].second), std::string::npos) << e.what();
    }
  }
}

}  // namespace
