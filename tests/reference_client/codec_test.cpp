// The codec as a client reads a response (docs/aws-facts.md): tolerant of
// unknown and null members and of constraint violations, strict about JSON
// types.
#include <gtest/gtest.h>

#include "client_samples.hpp"
#include "model/model_file.hpp"
#include "reference_client/json_codec.hpp"

namespace cpct::reference_client {
namespace {

using nlohmann::json;
using test::full_output;

TEST(codec_test, reads_every_member_into_the_typed_structs) {
  const auto result = decode_output(full_output());
  ASSERT_TRUE(result.ok()) << result.error();
  const auto& details = *result.value().job_details;
  EXPECT_EQ(details.id, "job-1");
  EXPECT_EQ(details.nonce, "3");
  const auto& data = *details.data;
  EXPECT_EQ(data.action_type_id->category, "Deploy");
  EXPECT_EQ(data.action_type_id->version, "2");
  EXPECT_EQ(data.action_configuration->configuration->at("Region"), "eu-west-1");
  EXPECT_EQ(data.pipeline_context->stage->name, "Production");
  EXPECT_EQ(data.pipeline_context->action->action_execution_id, "exec-1");
  EXPECT_EQ(data.pipeline_context->pipeline_execution_id, "3f6b9e2a-8c4d-4a1b-b7e5-0d9c2f8a6e41");
  ASSERT_EQ(data.input_artifacts->size(), 1u);
  EXPECT_EQ((*data.input_artifacts)[0].location->s3_location->object_key, "in/key.zip");
  EXPECT_TRUE(data.output_artifacts->empty());  // present and empty, not absent
  EXPECT_EQ(data.artifact_credentials->secret_access_key, test::kPlantedSecret);
  EXPECT_EQ(data.continuation_token, "token");
  EXPECT_EQ(data.encryption_key->type, "KMS");
  EXPECT_EQ(to_json(result.value()), full_output());
}

TEST(codec_test, absent_members_stay_absent) {
  for (const json& body : {json::object(), json{{"jobDetails", json::object()}},
                           json{{"jobDetails", {{"data", json::object()}}}}}) {
    const auto result = decode_output(body);
    ASSERT_TRUE(result.ok()) << body.dump();
    EXPECT_EQ(to_json(result.value()), body);
  }
  EXPECT_FALSE(decode_output(json::object()).value().job_details);
}

// Every structure level of the output, as a JSON pointer into full_output().
const char* const kStructures[] = {"",
                                   "/jobDetails",
                                   "/jobDetails/data",
                                   "/jobDetails/data/actionTypeId",
                                   "/jobDetails/data/actionConfiguration",
                                   "/jobDetails/data/pipelineContext",
                                   "/jobDetails/data/pipelineContext/stage",
                                   "/jobDetails/data/pipelineContext/action",
                                   "/jobDetails/data/inputArtifacts/0",
                                   "/jobDetails/data/inputArtifacts/0/location",
                                   "/jobDetails/data/inputArtifacts/0/location/s3Location",
                                   "/jobDetails/data/artifactCredentials",
                                   "/jobDetails/data/encryptionKey"};

TEST(codec_test, unknown_members_are_ignored_at_every_level) {
  for (const char* pointer : kStructures) {
    json body = full_output();
    body[json::json_pointer(pointer)]["someNewMember"] = {{"nested", {1, 2, 3}}};
    body[json::json_pointer(pointer)]["__type"] = "ignored";
    const auto result = decode_output(body);
    ASSERT_TRUE(result.ok()) << pointer << ": " << result.error();
    EXPECT_EQ(to_json(result.value()), full_output()) << pointer;
  }
}

TEST(codec_test, null_members_are_absent_at_every_level) {
  for (const char* pointer : kStructures) {
    json body = full_output();
    json expected = full_output();
    auto& target = body[json::json_pointer(pointer)];
    auto& expected_target = expected[json::json_pointer(pointer)];
    const auto first = target.begin().key();
    target[first] = nullptr;
    expected_target.erase(first);
    const auto result = decode_output(body);
    ASSERT_TRUE(result.ok()) << pointer << ": " << result.error();
    EXPECT_EQ(to_json(result.value()), expected) << pointer;
  }
}

TEST(codec_test, constraint_traits_are_not_enforced) {
  json body = full_output();
  auto& data = body["jobDetails"]["data"];
  body["jobDetails"]["nonce"] = std::string(51, 'n');       // length 1–50
  data["actionTypeId"]["category"] = "Compute";             // newer enum value
  data["actionTypeId"].erase("owner");                      // required
  data["inputArtifacts"][0]["name"] = "not a valid name!";  // pattern
  data["actionConfiguration"]["configuration"][""] = "";    // key and value length
  data["encryptionKey"] = json::object();                   // both required
  const auto result = decode_output(body);
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(to_json(result.value()), body);
}

struct WrongType {
  const char* pointer;
  json value;
  const char* path;  // what the message names
};

TEST(codec_test, a_member_of_the_wrong_type_is_an_error) {
  const WrongType cases[] = {
      {"/jobDetails", "text", "member jobDetails: expected a structure (JSON object), got string"},
      {"/jobDetails/id", 42, "member jobDetails.id: expected a string, got number"},
      {"/jobDetails/nonce", true, "member jobDetails.nonce: expected a string, got boolean"},
      {"/jobDetails/data", json::array(), "member jobDetails.data: expected a structure"},
      {"/jobDetails/data/actionTypeId/category", json::array({"Deploy"}),
       "member jobDetails.data.actionTypeId.category: expected a string, got array"},
      {"/jobDetails/data/actionConfiguration/configuration", json::array(),
       "member jobDetails.data.actionConfiguration.configuration: expected a map"},
      {"/jobDetails/data/actionConfiguration/configuration/Region", 1,
       "member jobDetails.data.actionConfiguration.configuration{}: expected a string"},
      {"/jobDetails/data/actionConfiguration/configuration/Region", nullptr,
       "configuration{}: a map value is null"},
      {"/jobDetails/data/inputArtifacts", json::object(),
       "member jobDetails.data.inputArtifacts: expected a list (JSON array), got object"},
      {"/jobDetails/data/inputArtifacts/0", "artifact",
       "member jobDetails.data.inputArtifacts[0]: expected a structure"},
      {"/jobDetails/data/inputArtifacts/0", nullptr,
       "member jobDetails.data.inputArtifacts[0]: a list element is null"},
      {"/jobDetails/data/inputArtifacts/0/location/s3Location/objectKey", 1.5,
       "inputArtifacts[0].location.s3Location.objectKey: expected a string, got number"},
      {"/jobDetails/data/pipelineContext/stage/name", json::object(),
       "pipelineContext.stage.name: expected a string, got object"},
      {"/jobDetails/data/encryptionKey/type", 0, "encryptionKey.type: expected a string"},
  };
  for (const auto& c : cases) {
    json body = full_output();
    body[json::json_pointer(c.pointer)] = c.value;
    const auto result = decode_output(body);
    ASSERT_FALSE(result.ok()) << c.pointer;
    EXPECT_EQ(result.error().code, "MalformedResponse");
    EXPECT_EQ(result.error().kind, ErrorKind::kMalformedResponse);
    EXPECT_NE(result.error().message.find(c.path), std::string::npos) << result.error().message;
  }
}

// Smithy (awsJson1_1 response tests): an empty body means no output member.
TEST(codec_test, an_empty_body_is_the_empty_output) {
  const auto result = parse_output("");
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result.value(), GetThirdPartyJobDetailsOutput{});
  EXPECT_FALSE(result.value().job_details);
  EXPECT_EQ(to_json(result.value()), json::object());
}

TEST(codec_test, a_body_of_white_space_is_not_json) {
  for (const char* body : {" ", "\n", "\r\n", "\t", " \r\n\t "}) {
    const auto result = parse_output(body);
    ASSERT_FALSE(result.ok()) << "'" << body << "'";
    EXPECT_EQ(result.error().code, "MalformedResponse");
    EXPECT_EQ(result.error().kind, ErrorKind::kMalformedResponse);
    EXPECT_NE(result.error().message.find("not JSON"), std::string::npos) << result.error().message;
  }
}

TEST(codec_test, a_body_that_is_not_an_output_object_is_an_error) {
  for (const char* body : {" ", "[]", "\"jobDetails\"", "null", "42", "{", "{\"jobDetails\":}",
                           "<html><body>502 Bad Gateway</body></html>",
                           "{\"jobDetails\": {\"id\": \"\xff\"}}",        // not UTF-8
                           "{\"jobDetails\": {\"id\": \"\\ud800\"}}"}) {  // lone surrogate
    const auto result = parse_output(body);
    ASSERT_FALSE(result.ok()) << body;
    EXPECT_EQ(result.error().code, "MalformedResponse") << body;
    EXPECT_FALSE(result.error().message.empty());
  }
}

TEST(codec_test, deep_nesting_is_read_or_rejected_without_overflow) {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  EXPECT_TRUE(parse_output(R"({"jobDetails": {"id": "j", "future": )" + deep + "}}").ok());
  EXPECT_FALSE(parse_output(R"({"jobDetails": )" + deep + "}").ok());
  EXPECT_FALSE(parse_output(deep).ok());
}

TEST(codec_test, non_ascii_strings_survive_unchanged) {
  json body = full_output();
  const std::string text = "caf\u00e9 \u65e5\u672c \U0001F600 \u2028 \ufeff";
  body["jobDetails"]["nonce"] = text;
  const auto result = parse_output(body.dump());
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value().job_details->nonce, text);
  EXPECT_EQ(to_json(result.value()), body);
}

TEST(codec_test, input_round_trips_and_rejects_what_it_cannot_send) {
  const GetThirdPartyJobDetailsInput input{"job-1", "ct-1"};
  EXPECT_EQ(to_json(input), json({{"jobId", "job-1"}, {"clientToken", "ct-1"}}));
  const auto back = decode_input({{"jobId", "job-1"}, {"clientToken", "ct-1"}, {"extra", 1}});
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.value(), input);
  // Constraints are the server's to check: an empty id is sent as it is.
  EXPECT_TRUE(decode_input({{"jobId", ""}, {"clientToken", "x"}}).ok());
  for (const json& bad :
       {json::array(), json{{"jobId", "j"}}, json{{"jobId", 1}, {"clientToken", "c"}},
        json{{"jobId", "j"}, {"clientToken", nullptr}}}) {
    const auto result = decode_input(bad);
    ASSERT_FALSE(result.ok()) << bad.dump();
    EXPECT_EQ(result.error().code, "InvalidInput");
  }
}

TEST(codec_test, field_tables_name_every_member_of_the_model) {
  // Walks the model's output shape alongside a maximal value: every member
  // the model has must come back through the typed structs.
  const auto spec = model::embedded_spec();
  const auto* output = spec->operation("GetThirdPartyJobDetails").output;
  std::function<json(const model::Shape&)> fill = [&](const model::Shape& shape) -> json {
    switch (shape.type) {
      case model::ShapeType::kStructure: {
        json out = json::object();
        for (const auto& member : shape.members) out[member.name] = fill(*member.shape);
        return out;
      }
      case model::ShapeType::kList:
        return json::array({fill(*shape.list_member.shape)});
      case model::ShapeType::kMap:
        return json{{"k", fill(*shape.map_value.shape)}};
      default:
        return "v";
    }
  };
  const json body = fill(*output);
  const auto result = decode_output(body);
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(to_json(result.value()), body);
}

}  // namespace
}  // namespace cpct::reference_client
