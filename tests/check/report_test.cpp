#include "model/redact.hpp"
#include "report/junit.hpp"
#include "report/summary_md.hpp"
#include "report/writers.hpp"

#include <gtest/gtest.h>

#include "check_fixture.hpp"

using nlohmann::json;

TEST(redact_test, fixture_secrets_vanish_from_text_and_json) {
  const auto& w = cpct::testing::world();
  const auto& op = w.spec->operation("GetThirdPartyJobDetails");
  const cpct::model::Redactor redactor(op.output, w.fixtures.get());
  const std::string secret = "fixture-secret-access-key-never-print-me";
  EXPECT_EQ(redactor.text("x " + secret + " y"), std::string("x ") + cpct::model::kRedacted + " y");
  const json body = {{"jobDetails", w.fixtures->jobs.front().job_details}};
  const auto by_shape = redactor.by_shape(body, *op.output).dump();
  EXPECT_EQ(by_shape.find(secret), std::string::npos);
  EXPECT_EQ(by_shape.find("ASIAEXAMPLEFIXTURE01"), std::string::npos);
  EXPECT_NE(by_shape.find("web-frontend"), std::string::npos);  // the rest stays
  // A secret cpct never saw, in a body the endpoint made up, by shape.
  json invented = body;
  invented["jobDetails"]["data"]["artifactCredentials"]["sessionToken"] = "INVENTED-SECRET";
  EXPECT_EQ(redactor.by_shape(invented, *op.output).dump().find("INVENTED"), std::string::npos);
  EXPECT_EQ(redactor.strings(json{{"k", {secret, 1}}}).dump().find(secret), std::string::npos);
}

TEST(report_test, writers_produce_the_contracted_files) {
  const auto& w = cpct::testing::world();
  const auto* must = w.catalogue.find("awsJson1_1.server.no-5xx");
  const auto* passed = w.catalogue.find("awsJson1_1.server.no-hang");
  cpct::check::Results results(w.catalogue, {must, passed});
  results.count_case();
  results.add(4, {{must->id, false, "HTTP 500 <is> a server error"}, {passed->id, true, ""}},
              [](const cpct::check::Finding& f) {
                cpct::check::FailureRecord r;
                r.detail = f.detail;
                r.case_info = {{"id", "c4"}, {"name", "a case"}};
                r.reproduce = "curl ...";
                return r;
              });
  cpct::report::RunInfo info;
  info.version = "0.1.0";
  info.seed = 42;
  info.target = {{"kind", "server"}, {"endpoint", "http://x"}};
  const auto snapshot = results.snapshot();
  const auto summary = results.summary();
  const auto doc = cpct::report::results_json(info, summary, snapshot);
  EXPECT_EQ(doc["tool"], "cpct");
  EXPECT_EQ(doc["seed"], 42);
  EXPECT_EQ(doc["summary"]["failed"], 1);
  EXPECT_EQ(doc["summary"]["passed"], 1);
  EXPECT_EQ(doc["requirements"][0]["status"], "failed");
  EXPECT_EQ(doc["requirements"][0]["failures"][0]["reproduce"], "curl ...");
  // junit.xml and summary.md are renderings of the document alone.
  const auto junit = cpct::report::junit_xml(doc);
  EXPECT_NE(junit.find("<failure message=\"HTTP 500 &lt;is&gt; a server error\""),
            std::string::npos);
  EXPECT_NE(junit.find("name=\"awsJson1_1.server.no-hang\"/>"), std::string::npos);
  const auto md = cpct::report::summary_markdown(doc);
  EXPECT_EQ(md.rfind("# cpct conformance: FAIL", 0), 0u);
}

// The original case before shrinking is cut (a generated body, once per
// failure); the minimal case, the reader's reproducer, never is.
TEST(report_test, original_case_long_strings_are_cut_the_minimal_case_is_not) {
  const auto& w = cpct::testing::world();
  const auto* must = w.catalogue.find("awsJson1_1.server.no-5xx");
  cpct::check::Results results(w.catalogue, {must});
  results.count_case();
  std::string long_body = "{\"k\":\"";
  for (int i = 0; i < 400; ++i) long_body += "\xE6\x97\xA5";  // 3-byte characters
  long_body += "\"}";
  results.add(4, {{must->id, false, "HTTP 500"}}, [&](const cpct::check::Finding& f) {
    cpct::check::FailureRecord r;
    r.detail = f.detail;
    r.case_info = {{"id", "c4"}, {"name", "a case"}, {"body", long_body}};
    r.shrunk_from = {{"id", "c3"}, {"name", "before"}, {"body", long_body}, {"path", "/"}};
    r.reproduce = "curl ...";
    return r;
  });
  cpct::report::RunInfo info;
  info.target = {{"kind", "server"}, {"endpoint", "http://x"}};
  const auto doc = cpct::report::results_json(info, results.summary(), results.snapshot());
  const auto& failure = doc["requirements"][0]["failures"][0];
  EXPECT_EQ(failure["case"]["body"], long_body);
  const auto cut = failure["shrunkFrom"]["body"].get<std::string>();
  EXPECT_LT(cut.size(), long_body.size());
  const auto marker = cut.find("\xE2\x80\xA6 ");
  ASSERT_NE(marker, std::string::npos);
  EXPECT_EQ(long_body.compare(0, marker, cut, 0, marker), 0);  // a prefix, whole characters
  EXPECT_EQ((marker - 6) % 3, 0u);
  EXPECT_EQ(cut.substr(marker + 4), std::to_string(long_body.size() - marker) + " bytes more");
  EXPECT_EQ(failure["shrunkFrom"]["path"], "/");
  EXPECT_EQ(failure["shrunkFrom"]["id"], "c3");
  EXPECT_NO_THROW((void)doc.dump());  // valid UTF-8 throughout
}
