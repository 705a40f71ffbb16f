// Values of artifactCredentials (sensitive in the model) never reach a
// ClientError message or debug output, whatever the response looks like.
#include <gtest/gtest.h>

#include <sstream>

#include "client_samples.hpp"
#include "reference_client/json_codec.hpp"
#include "reference_client/redaction.hpp"
#include "reference_client/wire.hpp"

namespace cpct::reference_client {
namespace {

using nlohmann::json;
using test::full_output;
using test::kPlantedSecret;
using test::kPlantedToken;

void expect_no_secret(const std::string& text, const std::string& context = "") {
  EXPECT_EQ(text.find(kPlantedSecret), std::string::npos) << context << ": " << text;
  EXPECT_EQ(text.find(kPlantedToken), std::string::npos) << context << ": " << text;
  // Nor a recognisable piece of one.
  EXPECT_EQ(text.find("PLANTED"), std::string::npos) << context << ": " << text;
}

TEST(redaction_test, debug_output_of_a_full_output_redacts_the_credentials) {
  const auto output = decode_output(full_output()).value();
  const std::string text = to_debug_string(output);
  expect_no_secret(text);
  EXPECT_NE(text.find(kRedacted), std::string::npos);
  EXPECT_NE(text.find("Production"), std::string::npos);  // the rest is there
  std::ostringstream streamed;
  streamed << output << *output.job_details->data->artifact_credentials;
  expect_no_secret(streamed.str());
  const json redacted = to_redacted_json(output);
  EXPECT_EQ(redacted["jobDetails"]["data"]["artifactCredentials"]["secretAccessKey"], kRedacted);
  EXPECT_EQ(redacted["jobDetails"]["nonce"], "3");
}

TEST(redaction_test, wrong_types_next_to_secrets_name_paths_only) {
  for (const char* pointer :
       {"/jobDetails/data/artifactCredentials/accessKeyId", "/jobDetails/data/artifactCredentials",
        "/jobDetails/data/encryptionKey/id", "/jobDetails/nonce"}) {
    json body = full_output();
    body[json::json_pointer(pointer)] = json::array({kPlantedSecret, 12345});
    const auto result = parse_output(body.dump());
    ASSERT_FALSE(result.ok()) << pointer;
    expect_no_secret(result.error().message, pointer);
    expect_no_secret(to_debug_string(result.error()), pointer);
  }
  json body = full_output();
  body["jobDetails"]["data"]["artifactCredentials"]["secretAccessKey"] = 987654321;
  const auto result = parse_output(body.dump());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message.find("987654321"), std::string::npos) << result.error().message;
}

TEST(redaction_test, a_body_cut_anywhere_never_echoes_a_secret) {
  const std::string text = full_output().dump();
  // From one byte: zero bytes are the empty output (codec_test).
  for (std::size_t cut = 1; cut < text.size(); ++cut) {
    const auto result = parse_output(std::string_view(text).substr(0, cut));
    ASSERT_FALSE(result.ok()) << cut;
    expect_no_secret(result.error().message, "cut at " + std::to_string(cut));
  }
}

TEST(redaction_test, bad_bytes_inside_a_secret_are_not_echoed) {
  std::string text = full_output().dump();
  const auto at = text.find(kPlantedSecret);
  ASSERT_NE(at, std::string::npos);
  for (const std::string& bad :
       {std::string("\xff"), std::string("\\ud800"), std::string("\\x"), std::string("\x01")}) {
    std::string broken = text;
    broken.insert(at + 8, bad);
    const auto result = parse_output(broken);
    ASSERT_FALSE(result.ok());
    expect_no_secret(result.error().message);
  }
}

TEST(redaction_test, error_bodies_that_are_not_json_are_never_quoted) {
  net::HttpResponse response;
  response.status = 500;
  response.body = std::string("<html>") + kPlantedSecret + "</html>";
  const auto error = read_error(response);
  EXPECT_EQ(error.code, "UnknownError");
  expect_no_secret(error.message);
}

}  // namespace
}  // namespace cpct::reference_client
