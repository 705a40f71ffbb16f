#include "model/fixtures.hpp"

#include <gtest/gtest.h>

#include "model/model_file.hpp"

using cpct::model::FixturesError;
using cpct::model::parse_fixtures;
using nlohmann::json;

namespace {

std::string error_of(const json& document) {
  try {
    parse_fixtures(document, "f.json", *cpct::model::embedded_spec());
    return "";
  } catch (const FixturesError& e) {
    return e.what();
  }
}

}  // namespace

TEST(fixtures_test, example_fixtures_load) {
  const auto fixtures = cpct::model::load_fixtures_file(
      CPCT_SOURCE_DIR "/corpus/fixtures/example.json", *cpct::model::embedded_spec());
  ASSERT_GE(fixtures.jobs.size(), 4u);
  bool custom = false;
  bool every_data_member = false;
  for (const auto& job : fixtures.jobs) {
    custom = custom || job.kind == cpct::model::JobKind::kCustom;
    const auto data = job.job_details.find("data");
    every_data_member = every_data_member || (data != job.job_details.end() && data->size() == 8);
    EXPECT_EQ(fixtures.find(job.id), &job);
  }
  EXPECT_TRUE(custom);
  EXPECT_TRUE(every_data_member) << "one job should use every member of ThirdPartyJobData";
  EXPECT_EQ(fixtures.find("nope"), nullptr);
}

TEST(fixtures_test, errors_name_file_job_and_path) {
  EXPECT_EQ(error_of(json::array()), "fixtures f.json: must be a JSON object {\"jobs\": [...]}");
  EXPECT_EQ(error_of({{"jobz", json::array()}}),
            "fixtures f.json: unknown key \"jobz\" (expected \"jobs\", \"actionTypes\", "
            "\"acknowledgeTimeoutMs\")");
  EXPECT_EQ(
      error_of(
          {{"jobs", {{{"clientToken", "t"}, {"kind", "odd"}, {"jobDetails", {{"id", "j"}}}}}}}),
      "fixtures f.json: job 1 (id 'j'): kind: must be \"third-party\" or \"custom\", not \"odd\"");
  EXPECT_EQ(error_of({{"jobs", {{{"jobDetails", {{"id", "j"}}}}}}}),
            "fixtures f.json: job 1 (id 'j'): clientToken: missing");
  EXPECT_EQ(error_of({{"jobs", {{{"clientToken", 5}, {"jobDetails", {{"id", "j"}}}}}}}),
            "fixtures f.json: job 1 (id 'j'): clientToken: must be a JSON string");
  EXPECT_EQ(error_of({{"jobs", {{{"clientToken", "t"}, {"jobDetails", {{"nonce", "1"}}}}}}}),
            "fixtures f.json: job 1: jobDetails.id: missing (a job needs an id)");
  EXPECT_EQ(error_of({{"jobs", {{{"clientToken", ""}, {"jobDetails", {{"id", "j"}}}}}}}),
            "fixtures f.json: job 1 (id 'j'): as a request, Value '' at 'clientToken' failed to "
            "satisfy constraint: Member must have length greater than or equal to 1");
  EXPECT_EQ(
      error_of({{"jobs", {{{"clientToken", "t"}, {"jobDetails", {{"id", "j"}, {"nonce", ""}}}}}}}),
      "fixtures f.json: job 1 (id 'j'): Value '' at 'jobDetails.nonce' failed to satisfy "
      "constraint: Member must have length greater than or equal to 1");
  EXPECT_EQ(error_of({{"jobs",
                       {{{"clientToken", "t"}, {"jobDetails", {{"id", "j"}}}},
                        {{"clientToken", "u"}, {"jobDetails", {{"id", "j"}}}}}}}),
            "fixtures f.json: job 2 (id 'j'): duplicate job id 'j'");
  EXPECT_EQ(
      error_of({{"jobs", {{{"clientToken", "t"}, {"extra", 1}, {"jobDetails", {{"id", "j"}}}}}}}),
      "fixtures f.json: job 1 (id 'j'): unknown key \"extra\" (expected clientToken, kind, "
      "jobDetails, state, clientId, actionTypeId, nonce)");
}

TEST(fixtures_test, an_empty_job_list_is_allowed) {
  EXPECT_EQ(error_of({{"jobs", json::array()}}), "");
}
