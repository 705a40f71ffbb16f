// The services' profiles against AWS's own example answers: where a model's
// output constraint is wrong for live output (a count of 0 under a min of
// 1), the answer AWS documents must pass once the profile is applied, and
// must fail without it (else the profile entry is not what saves it).
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "check/server/judge.hpp"
#include "model/model_file.hpp"
#include "protocol/oracle.hpp"
#include "protocol/profile.hpp"
#include "protocol/profile_unions.hpp"

using nlohmann::json;

namespace {

struct Service {
  std::shared_ptr<const cpct::model::Spec> spec;
  std::unique_ptr<cpct::model::Catalogue> catalogue;
  cpct::protocol::Profile profile;
};

Service load(const std::string& model, const std::string& profile) {
  Service s;
  const std::string profile_path = std::string(CPCT_SOURCE_DIR) + "/profiles/" + profile;
  // As the CLI reads them: the profile's unions are marked while the model loads.
  const auto unions = cpct::protocol::profile_unions(profile_path);
  s.spec = cpct::model::load_spec(
      std::string(CPCT_BOTOCORE_DATA) + "/" + model,
      [&](cpct::model::ModelJson& json) { cpct::protocol::mark_unions(unions, json); });
  s.catalogue = std::make_unique<cpct::model::Catalogue>(*s.spec);
  s.profile = cpct::protocol::load_profile(profile_path, *s.spec, *s.catalogue);
  cpct::protocol::apply_profile(s.profile, *s.catalogue, s.spec->wire);
  return s;
}

// The output requirements a 200 with `output` fails for a valid `input`.
std::map<std::string, bool> output_verdicts(const Service& s, const std::string& operation,
                                            const json& input, const json& output) {
  const cpct::protocol::Oracle oracle(s.spec, nullptr, s.profile.validation_error);
  const cpct::check::Judge judge(*s.spec, *s.catalogue, s.profile.validation_error,
                                 s.profile.messages);
  cpct::check::Case c;
  c.operation = operation;
  c.request = {s.spec->metadata.target_prefix + "." + operation,
               "application/x-amz-json-" + s.spec->metadata.json_version, input.dump()};
  cpct::net::HttpResponse r;
  r.status = 200;
  r.headers = {{"content-type", "application/x-amz-json-" + s.spec->metadata.json_version}};
  r.body = output.dump();
  std::map<std::string, bool> out;
  for (const auto& f : judge.judge(c, oracle.expect(c.request), r))
    if (f.requirement.find(".output.") != std::string::npos) out[f.requirement] = f.ok;
  return out;
}

}  // namespace

TEST(profile_output_test, kinesis_put_records_with_no_failure_passes_under_the_profile) {
  const auto s = load("kinesis/2013-12-02/service-2.json", "kinesis.json");
  // awscli/examples/kinesis/put-records.rst (aws/aws-cli): every record written.
  const json output = {
      {"FailedRecordCount", 0},
      {"Records",
       {{{"SequenceNumber", "49600883331171471519674795588238531498465399900093808706"},
         {"ShardId", "shardId-000000000004"}}}},
      {"EncryptionType", "KMS"}};
  const json input = {{"StreamName", "samplestream"},
                      {"Records", {{{"Data", "YmxvYjE="}, {"PartitionKey", "partitionkey1"}}}}};
  const auto verdicts = output_verdicts(s, "PutRecords", input, output);
  const std::string id = "PutRecords.output.FailedRecordCount.range-min";
  ASSERT_TRUE(verdicts.count(id));
  EXPECT_FALSE(verdicts.at(id));  // the model alone fails it
  EXPECT_TRUE(s.profile.excludes(id));
  for (const auto& [other, ok] : verdicts) {
    if (!s.profile.excludes(other)) {
      EXPECT_TRUE(ok) << other;
    }
  }
  // Wrong in a way the profile does not excuse: only the minimum is off,
  // so a count sent as a string is still a type error.
  json wrong = output;
  wrong["FailedRecordCount"] = "0";
  EXPECT_FALSE(output_verdicts(s, "PutRecords", input, wrong)
                   .at("PutRecords.output.FailedRecordCount.type"));
}

TEST(profile_output_test, dynamodb_new_table_passes_under_the_profile) {
  const auto s = load("dynamodb/2012-08-10/service-2.json", "dynamodb.json");
  // awscli/examples/dynamodb/describe-table.rst (aws/aws-cli), cut to the
  // members that matter: a table never scaled down today.
  const json output = {
      {"Table",
       {{"TableName", "MusicCollection"},
        {"TableStatus", "ACTIVE"},
        {"ItemCount", 0},
        {"TableSizeBytes", 0},
        {"ProvisionedThroughput",
         {{"NumberOfDecreasesToday", 0}, {"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 5}}}}}};
  const auto verdicts =
      output_verdicts(s, "DescribeTable", {{"TableName", "MusicCollection"}}, output);
  const std::string id =
      "DescribeTable.output.Table.ProvisionedThroughput.NumberOfDecreasesToday.range-min";
  ASSERT_TRUE(verdicts.count(id));
  EXPECT_FALSE(verdicts.at(id));
  EXPECT_TRUE(s.profile.excludes(id));
  for (const auto& [other, ok] : verdicts) {
    if (!s.profile.excludes(other)) {
      EXPECT_TRUE(ok) << other;
    }
  }
  // Wrong in a way the profile does not excuse: ReadCapacityUnits is a
  // NonNegativeLongObject, so -1 still fails.
  json wrong = output;
  wrong["Table"]["ProvisionedThroughput"]["ReadCapacityUnits"] = -1;
  const auto blamed =
      output_verdicts(s, "DescribeTable", {{"TableName", "MusicCollection"}}, wrong);
  EXPECT_FALSE(
      blamed.at("DescribeTable.output.Table.ProvisionedThroughput.ReadCapacityUnits.range-min"));
}
