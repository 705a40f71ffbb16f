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
       {std::string(kSecret), std::string("hostile\\/SECRET+key=0123"),  // JSON's \/ for /
        std::string("hostile%2FSECRET%2Bkey%3D0123"), std::string("hostile%2fSECRET%2bkey%3d0123"),
        std::string(kToken), std::string("tok%2FEN%2B%3D%3Dsession9")}) {
    const std::string out = redactor.text("x-amz-security-token: " + form + ";");
    EXPECT_EQ(out, std::string("x-amz-security-token: ") + model::kRedacted + ";") << form;
  }
  // In a JSON value, keys too.
  const json echoed = {{"message", std::string("key ") + kSecret}, {kToken, {1, kToken}}};
  const std::string dumped = redactor.strings(echoed).dump();
  EXPECT_EQ(dumped.find("SECRET"), std::string::npos) << dumped;
  EXPECT_EQ(dumped.find("session9"), std::string::npos) << dumped;
}

// Echoes that encode only some characters, in either case, or mix
// percent-encoding with JSON escapes: a matcher of fixed forms misses them.
TEST_F(redact_test, partly_encoded_secrets_in_any_mix) {
  for (const std::string& form :
       {std::string("hostile%2FSECRET+key=0123"),              // one character encoded
        std::string("hostile/SECRET%2bkey%3D0123"),            // mixed case hex
        std::string("%68ostile/SECRET+key=0123"),              // an unreserved one encoded too
        std::string("hostile\\u002fSECRET%2Bkey\\u003D0123"),  // \u and %XX mixed
        std::string("hostile\\/SE\\u0043RET+key=0123"),        // JSON escapes only
        std::string("tok/EN%2b%3d=session9"),                  // the token, partly
        std::string("t%6Fk\\/EN+=%3Dsession9")}) {
    for (const std::string& where :
         {"x-amz-security-token: " + form, "{\"message\":\"" + form + "\"}", "k=" + form + "&x"}) {
      const std::string out = redactor.text(where);
      EXPECT_NE(out.find(model::kRedacted), std::string::npos) << where;
      EXPECT_EQ(out.find("SECRET"), std::string::npos) << out;
      EXPECT_EQ(out.find("session9"), std::string::npos) << out;
    }
  }
  // Only the secret goes: the text around it stays, and near misses stay whole.
  EXPECT_EQ(redactor.text("a %2F hostile%2FSECRET+key=0123 b"),
            std::string("a %2F ") + model::kRedacted + " b");
  for (const std::string miss : {"hostile%2FSECRET+key=012", "hostile%2FSECRET+key=0124",
                                 "hostile%2GSECRET+key=0123", "hostile%%2FSECRET+key=0123"})
    EXPECT_EQ(redactor.text(miss), miss);
}

TEST_F(redact_test, non_ascii_secrets_through_unicode_escapes) {
  Redactor r;
  r.add_secret("p\xc3\xa4ss\xf0\x9f\x94\x91word");  // U+00E4 and U+1F511
  for (const std::string form : {"p\\u00e4ss\\ud83d\\udd11word", "p%C3%A4ss\\uD83D\\uDD11word",
                                 "p\xc3\xa4ss%f0%9f%94%91word"})
    EXPECT_EQ(r.text("<" + form + ">"), std::string("<") + model::kRedacted + ">") << form;
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

// A secret of 1 to 3 characters is redacted where it stands as a whole
// token, plain or encoded, and kept inside longer words.
TEST(redact_short_secret, whole_tokens_go_and_words_stay) {
  for (const std::string secret : {"a", "ab", "abc"}) {
    Redactor r;
    r.add_secret(secret);
    const std::string m = model::kRedacted;
    // Percent-encoded and JSON-escaped forms of its first character.
    const std::string pct = "%" + std::string(1, "0123456789ABCDEF"[secret[0] >> 4]) +
                            "0123456789abcdef"[secret[0] & 15] + secret.substr(1);
    const std::string esc = "\\u00" + pct.substr(1);
    const std::vector<std::pair<std::string, std::string>> redacted{
        {"X-Amz-Security-Token: " + secret, "X-Amz-Security-Token: " + m},
        {"{\"token\":\"" + secret + "\"}", "{\"token\":\"" + m + "\"}"},
        {"k=" + secret + "&b=1", "k=" + m + "&b=1"},
        {secret, m},
        {"x-amz-security-token: " + pct + "\r\n", "x-amz-security-token: " + m + "\r\n"},
        {"{\"t\":\"" + esc + "\"}", "{\"t\":\"" + m + "\"}"},
        // Its delimiters encoded: '=' as %3D, '&' as %26, a space as \u0020, a newline as \n.
        {"q%3D" + secret + "%26", "q%3D" + m + "%26"},
        {"\"say\\u0020" + secret + "\"", "\"say\\u0020" + m + "\""},
        {"line\\n" + secret + "\\n", "line\\n" + m + "\\n"}};
    for (const auto& [in, out] : redacted) EXPECT_EQ(r.text(in), out) << secret << " in " << in;
    // Inside longer words, plain or with a neighbour encoded, it stays.
    for (const std::string& kept :
         {"f" + secret + "d", secret + "def", "x" + secret, "%41" + secret, "\\u0041" + secret,
          "key=f" + secret + "d&", "{\"t\":\"" + secret + "def\"}"})
      EXPECT_EQ(r.text(kept), kept) << secret;
  }
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
