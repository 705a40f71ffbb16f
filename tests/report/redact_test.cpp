// The Redactor and the secrets of the environment: every form an echo may
// take is hidden, ordinary text is left alone, deep values do not recurse.
#include "model/redact.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "model/redacted.hpp"

namespace cpct::model {
namespace {

using nlohmann::json;

constexpr const char* kSecret = "hostile/SECRET+key=0123";
constexpr const char* kToken = "tok/EN+==session9";

class redact_test : public ::testing::Test {
 protected:
  void SetUp() override {
    ::setenv("AWS_SECRET_ACCESS_KEY", kSecret, 1);
    ::setenv("AWS_SESSION_TOKEN", kToken, 1);
    redactor.add_environment_secrets();
  }
  void TearDown() override {
    ::unsetenv("AWS_SECRET_ACCESS_KEY");
    ::unsetenv("AWS_SESSION_TOKEN");
  }
  Redactor redactor;
};

TEST_F(redact_test, environment_secrets_in_every_form) {
  for (const std::string& form :
       {std::string(kSecret), std::string("hostile\\/SECRET+key=0123"),  // not a form we know
        std::string("hostile%2FSECRET%2Bkey%3D0123"), std::string("hostile%2fSECRET%2bkey%3d0123"),
        std::string(kToken), std::string("tok%2FEN%2B%3D%3Dsession9")}) {
    const std::string out = redactor.text("x-amz-security-token: " + form + ";");
    if (form.find("\\/") != std::string::npos) {
      EXPECT_EQ(out.find(model::kRedacted), std::string::npos) << form;  // kept as it is
      continue;
    }
    EXPECT_EQ(out, std::string("x-amz-security-token: ") + model::kRedacted + ";") << form;
  }
  // In a JSON value, keys too.
  const json echoed = {{"message", std::string("key ") + kSecret}, {kToken, {1, kToken}}};
  const std::string dumped = redactor.strings(echoed).dump();
  EXPECT_EQ(dumped.find("SECRET"), std::string::npos) << dumped;
  EXPECT_EQ(dumped.find("session9"), std::string::npos) << dumped;
}

TEST_F(redact_test, signatures_are_redacted_and_other_text_is_not) {
  const std::string header =
      "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/codepipeline/aws4_request, "
      "SignedHeaders=host, Signature=" +
      std::string(64, 'a');
  EXPECT_EQ(redactor.text(header),
            header.substr(0, header.size() - 64) + std::string(model::kRedacted));
  // Too short to be a signature, and text that merely looks alike, stay.
  const std::vector<std::string> plain{"Signature=abc", "no secret here: hostile/SECRET",
                                       "Sig=" + std::string(64, 'a')};
  for (const auto& text : plain) EXPECT_EQ(redactor.text(text), text);
}

TEST_F(redact_test, deep_values_become_a_placeholder_not_a_crash) {
  json deep = json::array();
  json* tip = &deep;
  for (int i = 0; i < 100000; ++i) tip = &tip->emplace_back(json::array());
  const json out = redactor.strings(deep);
  const json* at = &out;
  std::size_t depth = 0;
  while (at->is_array()) at = &(*at)[0], ++depth;
  EXPECT_TRUE(at->is_string());
  EXPECT_LT(depth, 1000u);
  // nlohmann destroys values iteratively, so letting `deep` go is safe.
}

}  // namespace
}  // namespace cpct::model
