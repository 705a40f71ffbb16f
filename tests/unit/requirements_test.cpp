#include "model/requirements.hpp"

#include <gtest/gtest.h>

#include <set>

#include "model/model_file.hpp"

using cpct::model::Catalogue;
using cpct::model::Level;

namespace {
const Catalogue& catalogue() {
  static const Catalogue c(*cpct::model::embedded_spec());
  return c;
}
}  // namespace

TEST(requirements_test, architecture_examples_exist_with_levels) {
  for (const char* id : {
           "GetThirdPartyJobDetails.input.jobId.required",
           "GetThirdPartyJobDetails.input.jobId.type",
           "GetThirdPartyJobDetails.input.jobId.length-min",
           "GetThirdPartyJobDetails.input.jobId.length-max",
           "GetThirdPartyJobDetails.input.clientToken.length-max",
           "GetThirdPartyJobDetails.output.jobDetails.nonce.length-max",
           "GetThirdPartyJobDetails.output.jobDetails.data.inputArtifacts[].revision.length-max",
           "GetThirdPartyJobDetails.output.jobDetails.data.actionTypeId.category.enum",
           "GetThirdPartyJobDetails.output.jobDetails.data.actionTypeId.provider.pattern",
           "GetThirdPartyJobDetails.output.jobDetails.data.actionConfiguration.configuration{key}."
           "length-max",
           "GetThirdPartyJobDetails.output.jobDetails.data.actionConfiguration.configuration{}."
           "length-max",
           "GetThirdPartyJobDetails.output.jobDetails.data.pipelineContext.pipelineArn.pattern",
           "GetThirdPartyJobDetails.output.jobDetails.data.artifactCredentials.secretAccessKey."
           "required",
           "GetThirdPartyJobDetails.semantics.known-job",
           "GetThirdPartyJobDetails.semantics.unknown-job",
           "GetThirdPartyJobDetails.semantics.wrong-client-token",
           "GetThirdPartyJobDetails.semantics.not-third-party-job",
           "awsJson1_1.request.unknown-target",
           "awsJson1_1.server.no-5xx",
           "client.GetThirdPartyJobDetails.output.round-trip",
           "client.awsJson1_1.error.header-namespace-uri",
       }) {
    const auto* r = catalogue().find(id);
    ASSERT_NE(r, nullptr) << id;
    EXPECT_EQ(r->level, Level::kMust) << id;
    EXPECT_FALSE(r->description.empty()) << id;
  }
  EXPECT_EQ(catalogue().find("awsJson1_1.request.unknown-member")->level, Level::kShould);
}

TEST(requirements_test, vacuous_constraints_are_not_requirements) {
  // Output members are optional: no "required" for jobDetails; min 0 is no rule.
  EXPECT_EQ(catalogue().find("GetThirdPartyJobDetails.output.jobDetails.required"), nullptr);
  EXPECT_EQ(catalogue().find("GetThirdPartyJobDetails.input.jobId.pattern"), nullptr);
  EXPECT_EQ(
      catalogue().find("GetThirdPartyJobDetails.output.jobDetails.data.inputArtifacts.length-min"),
      nullptr);
}

TEST(requirements_test, ids_are_unique_and_well_formed) {
  std::set<std::string> seen;
  for (const auto& r : catalogue().all()) {
    EXPECT_TRUE(seen.insert(r.id).second) << r.id;
    if (r.constraint) {
      const std::string suffix = std::string(".") + cpct::model::to_string(*r.constraint);
      EXPECT_EQ(r.id.substr(r.id.size() - suffix.size()), suffix) << r.id;
      EXPECT_EQ(
          cpct::model::to_id_path(cpct::model::parse_id_path(cpct::model::to_id_path(r.path))),
          cpct::model::to_id_path(r.path));
    }
  }
}

TEST(requirements_test, one_client_requirement_per_error_encoding) {
  EXPECT_EQ(cpct::model::client_error_encodings().size(), 11u);
  for (const auto& name : cpct::model::client_error_encodings())
    EXPECT_NE(catalogue().find("client.awsJson1_1.error." + name), nullptr) << name;
}

TEST(requirements_test, for_operation_keeps_shared_requirements) {
  const auto selected = catalogue().for_operation("GetThirdPartyJobDetails");
  std::set<std::string> ids;
  for (const auto* r : selected) ids.insert(r->id);
  EXPECT_TRUE(ids.count("awsJson1_1.request.malformed-json"));
  EXPECT_TRUE(ids.count("GetThirdPartyJobDetails.input.clientToken.required"));
  EXPECT_FALSE(ids.count("PollForThirdPartyJobs.input.actionTypeId.required"));
  EXPECT_TRUE(catalogue().find("PollForThirdPartyJobs.input.actionTypeId.required"));
}

TEST(requirements_test, every_requirement_has_a_source_and_must_has_a_normative_one) {
  for (const auto& r : catalogue().all()) {
    ASSERT_FALSE(r.sources.empty()) << r.id;
    for (const auto& s : r.sources) EXPECT_FALSE(s.ref.empty()) << r.id;
    if (r.level == Level::kMust) {
      EXPECT_TRUE(cpct::model::any_normative(r.sources)) << r.id;
    }
  }
}

TEST(requirements_test, levels_follow_the_sources) {
  // Conventions and project rules are SHOULD; Smithy-tested rules MUST.
  EXPECT_EQ(catalogue().find("client.awsJson1_1.error.message-case")->level, Level::kShould);
  EXPECT_EQ(catalogue().find("client.robustness.reports-error")->level, Level::kShould);
  EXPECT_EQ(catalogue().find("awsJson1_1.response.observed-error-type")->level, Level::kShould);
  EXPECT_EQ(catalogue().find("client.awsJson1_1.error.conflicting-types")->level, Level::kMust);
  EXPECT_EQ(catalogue().find("client.awsJson1_1.error.message")->level, Level::kMust);
  const auto* header = catalogue().find("client.awsJson1_1.error.header");
  ASSERT_NE(header, nullptr);
  EXPECT_EQ(header->sources.front().kind, cpct::model::SourceKind::kSmithyTest);
  EXPECT_EQ(header->sources.front().ref, "AwsJson11FooErrorUsingXAmznErrorType");
  const auto* length = catalogue().find("GetThirdPartyJobDetails.input.jobId.length-max");
  EXPECT_EQ(length->sources.front().kind, cpct::model::SourceKind::kModel);
}
