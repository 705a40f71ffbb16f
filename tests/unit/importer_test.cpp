#include "model/importer.hpp"

#include <zlib.h>

#include <gtest/gtest.h>
#include <filesystem>
#include <fstream>

#include "model/model_file.hpp"
#include "model/requirements.hpp"

using cpct::model::SpecError;
using nlohmann::json;

namespace {

// The error message of importing `text`, or "" when it imports.
std::string import_error(const std::string& text) {
  try {
    cpct::model::import_spec(nlohmann::ordered_json::parse(text), "t.json");
    return "";
  } catch (const SpecError& e) {
    return e.what();
  }
}

std::vector<std::string> ids(const cpct::model::Spec& spec) {
  std::vector<std::string> out;
  const cpct::model::Catalogue catalogue(spec);
  for (const auto& r : catalogue.all()) out.push_back(r.id);
  return out;
}

}  // namespace

TEST(importer_test, embedded_model_is_codepipeline) {
  const auto spec = cpct::model::embedded_spec();
  EXPECT_EQ(spec->metadata.protocol, "json");
  EXPECT_EQ(spec->metadata.json_version, "1.1");
  EXPECT_EQ(spec->metadata.target_prefix, "CodePipeline_20150709");
  EXPECT_EQ(spec->metadata.signing_name, "codepipeline");
  const auto& op = spec->operation("GetThirdPartyJobDetails");
  ASSERT_NE(op.input, nullptr);
  const auto* job_id = op.input->find_member("jobId");
  ASSERT_NE(job_id, nullptr);
  EXPECT_TRUE(job_id->required);
  EXPECT_EQ(job_id->shape->min, 1);
  EXPECT_EQ(job_id->shape->max, 512);
  EXPECT_EQ(op.errors.size(), 4u);
  EXPECT_TRUE(spec->find_shape("AWSSessionCredentials")->sensitive);
  EXPECT_EQ(spec->find_shape("ActionOwner")->enum_values,
            (std::vector<std::string>{"AWS", "ThirdParty", "Custom"}));
  EXPECT_NE(spec->find_shape("PipelineArn")->pattern, nullptr);
}

TEST(importer_test, reduction_keeps_everything_cpct_reads) {
  const auto original =
      cpct::model::read_model_file(CPCT_BOTOCORE_DATA "/codepipeline/2015-07-09/service-2.json");
  const auto reduced = cpct::model::reduce_model(original, "x");
  EXPECT_EQ(reduced.dump().find("documentation"), std::string::npos);
  EXPECT_EQ(ids(*cpct::model::import_spec(original, "a")),
            ids(*cpct::model::import_spec(reduced, "b")));
}

TEST(importer_test, reads_gzipped_models) {
  const auto path = std::filesystem::temp_directory_path() / "cpct-importer-test.json.gz";
  const std::string text = cpct::model::embedded_model_json().data();
  gzFile file = gzopen(path.c_str(), "wb");
  ASSERT_NE(file, nullptr);
  gzwrite(file, text.data(), static_cast<unsigned>(text.size()));
  gzclose(file);
  const auto spec = cpct::model::load_spec_file(path.string());
  EXPECT_NE(spec->find_operation("GetThirdPartyJobDetails"), nullptr);
  std::filesystem::remove(path);
}

TEST(importer_test, malformed_models_name_what_and_where) {
  EXPECT_EQ(import_error("[]"), "model t.json: the model is not a JSON object");
  EXPECT_EQ(import_error(R"({"shapes": {}, "operations": {}})"),
            "model t.json: missing \"metadata\"");
  EXPECT_EQ(import_error(R"({"metadata": {}, "shapes": [], "operations": {}})"),
            "model t.json: \"shapes\" must be a JSON object, not array");
  const std::string head = R"({"metadata": {}, "operations": {}, "shapes": )";
  EXPECT_EQ(import_error(head + R"({"S": {"type": "tuple"}}})"),
            "model t.json: shape S: unsupported shape type \"tuple\"");
  EXPECT_EQ(import_error(head + R"({"S": {"type": "string", "min": 5, "max": 2}}})"),
            "model t.json: shape S: min 5.000000 is greater than max 2.000000");
  EXPECT_EQ(import_error(head + R"({"S": {"type": "string", "min": "1"}}})"),
            "model t.json: shape S: \"min\" must be a JSON number, not string");
  EXPECT_EQ(
      import_error(head + R"({"S": {"type": "structure", "members": {"a": {"shape": "Nope"}}}}})"),
      "model t.json: shape S.members.a: refers to unknown shape \"Nope\"");
  EXPECT_EQ(
      import_error(head + R"({"S": {"type": "structure", "members": {}, "required": ["a"]}}})"),
      "model t.json: shape S: required member \"a\" is not a member");
  EXPECT_EQ(import_error(head + R"({"S": {"type": "list"}}})"),
            "model t.json: shape S: missing \"member\"");
  EXPECT_NE(
      import_error(head + R"({"S": {"type": "string", "pattern": "[a-"}}})").find("shape S: "),
      std::string::npos);
  EXPECT_EQ(import_error(R"({"metadata": {}, "shapes": {"S": {"type": "string"}},
                              "operations": {"Op": {"input": {"shape": "S"}}}})"),
            "model t.json: operation Op: input and output must be structures, \"S\" is a string");
  EXPECT_EQ(import_error(R"({"metadata": {}, "shapes": {},
                              "operations": {"Op": {"input": {"shape": "Missing"}}}})"),
            "model t.json: operation Op.input: refers to unknown shape \"Missing\"");
}

TEST(importer_test, unreadable_files_are_spec_errors) {
  EXPECT_THROW(cpct::model::load_spec_file("/nonexistent/service-2.json"), SpecError);
  EXPECT_THROW(cpct::model::load_spec_file("/"), SpecError);
}

TEST(importer_test, unknown_operation_lists_known_ones) {
  try {
    cpct::model::embedded_spec()->operation("GetThirdPartyJob");
    FAIL() << "no error";
  } catch (const SpecError& e) {
    EXPECT_NE(std::string(e.what()).find("GetThirdPartyJobDetails"), std::string::npos);
  }
}
