#include "model/validator.hpp"

#include <gtest/gtest.h>

#include "model/model_file.hpp"
#include "test_models.hpp"

using cpct::model::Direction;
using cpct::model::validate;
using cpct::model::validation_message;
using nlohmann::json;

namespace {

const cpct::model::Operation& get_job() {
  return cpct::model::embedded_spec()->operation("GetThirdPartyJobDetails");
}

std::vector<cpct::model::Violation> input(const json& value) {
  return validate("GetThirdPartyJobDetails", Direction::kInput, *get_job().input, value);
}

std::vector<cpct::model::Violation> output(const json& value) {
  return validate("GetThirdPartyJobDetails", Direction::kOutput, *get_job().output, value);
}

std::vector<std::string> ids(const std::vector<cpct::model::Violation>& violations) {
  std::vector<std::string> out;
  for (const auto& v : violations) out.push_back(v.requirement_id);
  return out;
}

}  // namespace

TEST(validator_test, valid_input_is_clean) {
  EXPECT_TRUE(input({{"jobId", "j"}, {"clientToken", "t"}}).empty());
  EXPECT_TRUE(input({{"jobId", "j"}, {"clientToken", "t"}, {"unknown", 1}}).empty());
}

TEST(validator_test, aws_message_form_for_one_violation) {
  const auto v = input({{"jobId", std::string(513, 'a')}, {"clientToken", "t"}});
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].requirement_id, "GetThirdPartyJobDetails.input.jobId.length-max");
  EXPECT_EQ(validation_message(v), "1 validation error detected: Value '" + std::string(513, 'a') +
                                       "' at 'jobId' failed to satisfy constraint: Member must "
                                       "have length less than or equal to 512");
}

TEST(validator_test, missing_and_null_are_the_same_violation) {
  for (const json& value : {json{{"jobId", "j"}}, json{{"jobId", "j"}, {"clientToken", nullptr}}}) {
    const auto v = input(value);
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].message,
              "Value null at 'clientToken' failed to satisfy constraint: Member must not be null");
  }
}

TEST(validator_test, several_violations_are_all_listed_in_model_order) {
  const auto v = input({{"clientToken", ""}});
  EXPECT_EQ(ids(v),
            (std::vector<std::string>{"GetThirdPartyJobDetails.input.jobId.required",
                                      "GetThirdPartyJobDetails.input.clientToken.length-min"}));
  EXPECT_EQ(validation_message(v),
            "2 validation errors detected: Value null at 'jobId' failed to satisfy constraint: "
            "Member must not be null; Value '' at 'clientToken' failed to satisfy constraint: "
            "Member must have length greater than or equal to 1");
}

TEST(validator_test, lengths_count_code_points) {
  std::string at_max;
  for (int i = 0; i < 512; ++i) at_max += "\xE6\x97\xA5";  // 日: 3 bytes, 1 code point
  EXPECT_TRUE(input({{"jobId", at_max}, {"clientToken", "\xF0\x9F\x98\x80"}}).empty());
  EXPECT_EQ(ids(input({{"jobId", at_max + "\xF0\x9F\x98\x80"}, {"clientToken", "t"}})),
            (std::vector<std::string>{"GetThirdPartyJobDetails.input.jobId.length-max"}));
}

TEST(validator_test, wrong_types_are_type_violations) {
  for (const json& bad : {json(1), json(true), json::array(), json::object(), json(1.5)}) {
    const auto v = input({{"jobId", bad}, {"clientToken", "t"}});
    ASSERT_EQ(v.size(), 1u) << bad;
    EXPECT_EQ(v[0].requirement_id, "GetThirdPartyJobDetails.input.jobId.type");
    EXPECT_TRUE(cpct::model::has_type_violation(v));
  }
}

TEST(validator_test, nested_output_paths_and_locations) {
  json details = {
      {"jobDetails",
       {{"data",
         {{"inputArtifacts", json::array({{{"name", "ok"}}, {{"name", "bad name!"}}})},
          {"actionTypeId", {{"category", "Sauce"}, {"owner", "AWS"}, {"version", "1"}}}}}}}};
  const auto v = output(details);
  EXPECT_EQ(ids(v),
            (std::vector<std::string>{
                "GetThirdPartyJobDetails.output.jobDetails.data.actionTypeId.category.enum",
                "GetThirdPartyJobDetails.output.jobDetails.data.actionTypeId.provider.required",
                "GetThirdPartyJobDetails.output.jobDetails.data.inputArtifacts[].name.pattern"}));
  EXPECT_EQ(v[2].location, "jobDetails.data.inputArtifacts.2.member.name");
  EXPECT_NE(v[0].message.find("Member must satisfy enum value set: [Source, Build, Deploy"),
            std::string::npos);
}

TEST(validator_test, map_keys_and_values) {
  json value = {{"jobDetails",
                 {{"data",
                   {{"actionConfiguration",
                     {{"configuration", {{std::string(51, 'k'), "v"}, {"ok", ""}}}}}}}}}};
  const auto v = output(value);
  EXPECT_EQ(ids(v),
            (std::vector<std::string>{
                "GetThirdPartyJobDetails.output.jobDetails.data.actionConfiguration.configuration{"
                "key}.length-max",
                "GetThirdPartyJobDetails.output.jobDetails.data.actionConfiguration.configuration{"
                "}.length-min"}));
  EXPECT_EQ(v[1].location, "jobDetails.data.actionConfiguration.configuration.ok");
  EXPECT_NE(v[0].message.find("Map keys must satisfy constraint: [Member must have length less"),
            std::string::npos);
}

TEST(validator_test, sensitive_values_never_appear) {
  const auto spec = cpct::testing::toy_spec();
  const auto& op = spec->operation("Put");
  const auto v =
      validate("Put", Direction::kInput, *op.input, {{"name", "ab"}, {"secret", "SECRET-VALUE"}});
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].requirement_id, "Put.input.secret.length-max");
  EXPECT_EQ(v[0].message.find("SECRET"), std::string::npos);
  EXPECT_NE(v[0].message.find(cpct::model::kRedacted), std::string::npos);
}

TEST(validator_test, every_shape_type) {
  const auto spec = cpct::testing::toy_spec();
  const auto& op = spec->operation("Put");
  auto check = [&](const json& value) {
    return ids(validate("Put", Direction::kInput, *op.input, value));
  };
  EXPECT_TRUE(check({{"name", "ab"},
                     {"tags", {"ab"}},
                     {"attrs", {{"ab", 3}}},
                     {"count", 10},
                     {"ratio", 0.5},
                     {"blob", "QUJD"},
                     {"flag", false},
                     {"items", {{{"kind", "A"}}}}})
                  .empty());
  EXPECT_EQ(check({{"name", "ab"}, {"tags", json::array()}}),
            (std::vector<std::string>{"Put.input.tags.length-min"}));
  EXPECT_EQ(check({{"name", "ab"}, {"tags", {"a", "b", "c", "d"}}}),
            (std::vector<std::string>{"Put.input.tags.length-max", "Put.input.tags[].length-min",
                                      "Put.input.tags[].length-min", "Put.input.tags[].length-min",
                                      "Put.input.tags[].length-min"}));
  EXPECT_EQ(check({{"name", "ab"}, {"count", 11}}),
            (std::vector<std::string>{"Put.input.count.range-max"}));
  EXPECT_EQ(check({{"name", "ab"}, {"count", 0}}),
            (std::vector<std::string>{"Put.input.count.range-min"}));
  EXPECT_EQ(check({{"name", "ab"}, {"count", 1.5}}),
            (std::vector<std::string>{"Put.input.count.type"}));
  EXPECT_EQ(check({{"name", "ab"}, {"count", 4294967296LL}}),
            (std::vector<std::string>{"Put.input.count.type"}));
  EXPECT_EQ(check({{"name", "ab"}, {"ratio", "NaN"}}), (std::vector<std::string>{}));
  EXPECT_EQ(check({{"name", "ab"}, {"ratio", "nan"}}),
            (std::vector<std::string>{"Put.input.ratio.type"}));
  EXPECT_EQ(check({{"name", "ab"}, {"blob", "QUJDREU="}}),
            (std::vector<std::string>{"Put.input.blob.length-max"}));
  EXPECT_EQ(check({{"name", "ab"}, {"blob", "not base64!"}}),
            (std::vector<std::string>{"Put.input.blob.type"}));
  EXPECT_EQ(check({{"name", "ab"}, {"flag", "true"}}),
            (std::vector<std::string>{"Put.input.flag.type"}));
  EXPECT_EQ(
      check({{"name", "ab"}, {"items", {json::object(), nullptr}}}),
      (std::vector<std::string>{"Put.input.items[].kind.required", "Put.input.items[].type"}));
  EXPECT_EQ(
      check({{"name", "ab"}, {"attrs", {{"a", 1}, {"bc", 1}, {"cd", 1}}}}),
      (std::vector<std::string>{"Put.input.attrs.length-max", "Put.input.attrs{key}.length-min"}));
}
