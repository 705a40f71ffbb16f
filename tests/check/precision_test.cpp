// Precision of the checker where a model or a profile changes what may be
// judged: event-stream operations, a case's own secrets, shrink limits and
// the sources a profile gives.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>

#include "check/case_secrets.hpp"
#include "check/client/planner.hpp"
#include "check/event_streams.hpp"
#include "check/server/judge.hpp"
#include "check/shrink.hpp"
#include "model/importer.hpp"
#include "protocol/oracle.hpp"
#include "protocol/profile.hpp"

using cpct::check::Case;
using nlohmann::json;

namespace {

// Subscribe's output is an event stream (botocore's "eventstream"), as
// Kinesis's SubscribeToShard; Get is a plain operation beside it.
std::shared_ptr<const cpct::model::Spec> stream_spec() {
  static const auto spec = std::shared_ptr<const cpct::model::Spec>(
      cpct::model::import_spec(nlohmann::ordered_json::parse(R"({
    "metadata": {"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "Stream_1",
                 "serviceId": "Stream", "apiVersion": "1"},
    "operations": {
      "Subscribe": {"name": "Subscribe", "input": {"shape": "SubscribeInput"},
                    "output": {"shape": "SubscribeOutput"}},
      "Get": {"name": "Get", "input": {"shape": "SubscribeInput"},
              "output": {"shape": "GetOutput"}}},
    "shapes": {
      "SubscribeInput": {"type": "structure", "required": ["Id"],
                         "members": {"Id": {"shape": "Id"}, "Key": {"shape": "Key"}}},
      "SubscribeOutput": {"type": "structure", "required": ["Events"],
                          "members": {"Events": {"shape": "Events"}}},
      "GetOutput": {"type": "structure", "members": {"Id": {"shape": "Id"}}},
      "Events": {"type": "structure", "eventstream": true,
                 "members": {"Record": {"shape": "Record"}}},
      "Record": {"type": "structure", "event": true, "required": ["Id"],
                 "members": {"Id": {"shape": "Id"}}},
      "Id": {"type": "string", "min": 3, "max": 8},
      "Key": {"type": "string", "min": 1, "max": 64, "sensitive": true}
    }})"),
                               "stream"));
  return spec;
}

Case stream_case(const std::string& operation, const json& body) {
  Case c;
  c.operation = operation;
  c.request = {"Stream_1." + operation, "application/x-amz-json-1.1", body.dump()};
  return c;
}

// What an event-stream success looks like: framed bytes, another type.
cpct::net::HttpResponse event_stream_200() {
  cpct::net::HttpResponse r;
  r.status = 200;
  r.headers = {{"content-type", "application/vnd.amazon.eventstream"}};
  r.body = std::string("\x00\x00\x00\x3e\x00\x00\x00\x20\x9a\x1b", 10) + "binary event frames";
  return r;
}

std::map<std::string, bool> verdicts(const std::vector<cpct::check::Finding>& findings) {
  std::map<std::string, bool> out;
  for (const auto& f : findings) {
    auto [it, fresh] = out.emplace(f.requirement, f.ok);
    if (!fresh) it->second = it->second && f.ok;
  }
  return out;
}

}  // namespace

TEST(precision_test, the_importer_reads_event_streams) {
  const auto spec = stream_spec();
  EXPECT_TRUE(spec->operation("Subscribe").output_event_stream);
  EXPECT_FALSE(spec->operation("Subscribe").input_event_stream);
  EXPECT_FALSE(spec->operation("Get").output_event_stream);
  EXPECT_TRUE(spec->find_shape("Events")->event_stream);
  // The reduction keeps the trait: a reduced model loads the same.
  const auto reduced = cpct::model::reduce_model(nlohmann::ordered_json::parse(R"({
    "metadata": {"protocol": "json", "targetPrefix": "S"},
    "operations": {"Op": {"name": "Op", "output": {"shape": "Out"}}},
    "shapes": {"Out": {"type": "structure", "members": {"E": {"shape": "E"}}},
               "E": {"type": "structure", "eventstream": true, "members": {}}}})"),
                                                 "r");
  EXPECT_TRUE(reduced["shapes"]["E"].value("eventstream", false));
  const auto untested = cpct::check::untested_streams(*spec, {"Get", "Subscribe"});
  EXPECT_EQ(untested, json::parse(R"([{"operation": "Subscribe",
                                        "reason": "event-stream output: not checked"}])"));
}

TEST(precision_test, an_event_stream_success_is_not_judged_as_json) {
  const auto spec = stream_spec();
  const cpct::model::Catalogue catalogue(*spec);
  const cpct::protocol::Oracle oracle(spec, nullptr);
  const cpct::check::Judge judge(*spec, catalogue);
  // Right in another way: framed events for a valid request pass.
  const Case valid = stream_case("Subscribe", {{"Id", "abcd"}});
  const auto passed =
      verdicts(judge.judge(valid, oracle.expect(valid.request), event_stream_200()));
  for (const auto& [id, ok] : passed) EXPECT_TRUE(ok) << id;
  EXPECT_FALSE(passed.count("awsJson1_1.response.content-type"));
  // The same bytes from a plain operation are wrong, and blamed so.
  const Case plain = stream_case("Get", {{"Id", "abcd"}});
  const auto wrong = verdicts(judge.judge(plain, oracle.expect(plain.request), event_stream_200()));
  EXPECT_FALSE(wrong.at("awsJson1_1.response.content-type"));
  EXPECT_FALSE(wrong.at("awsJson1_1.response.json-body"));
  // Wrong: an invalid request accepted with an event stream is blamed on
  // the input requirement, not on the body's form.
  const Case invalid = stream_case("Subscribe", {{"Id", "ab"}});
  const auto blamed =
      verdicts(judge.judge(invalid, oracle.expect(invalid.request), event_stream_200()));
  EXPECT_FALSE(blamed.at("Subscribe.input.Id.length-min"));
  EXPECT_FALSE(blamed.count("awsJson1_1.response.json-body"));
  // Its errors are plain aws-json: one without a type still fails.
  cpct::net::HttpResponse untyped;
  untyped.status = 400;
  untyped.headers = {{"content-type", "application/x-amz-json-1.1"}};
  untyped.body = R"({"message": "no"})";
  const auto error = verdicts(judge.judge(invalid, oracle.expect(invalid.request), untyped));
  EXPECT_FALSE(error.at("awsJson1_1.response.error-type"));
}

TEST(precision_test, a_client_plan_serves_no_success_of_an_event_stream) {
  const auto spec = stream_spec();
  const cpct::check::ClientPlan plan(*spec, {1, 10, {"Subscribe", "Get"}});
  std::size_t subscribe = 0, get_200 = 0;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const auto c = plan.at(i);
    if (c.operation == "Subscribe") {
      ++subscribe;
      EXPECT_FALSE(c.status == 200 && (!c.raw || c.raw->rfind("HTTP/", 0) == 0)) << c.name;
      EXPECT_NE(c.requirement, "client.Subscribe.output.round-trip") << c.name;
    } else {
      get_200 += c.status == 200;
    }
  }
  EXPECT_GT(subscribe, 10u);  // its errors are still served
  EXPECT_GT(get_200, 10u);    // and the plain operation keeps its outputs
}

TEST(precision_test, a_cases_own_secrets_are_learned) {
  const auto spec = stream_spec();
  const auto& op = spec->operation("Get");
  EXPECT_EQ(cpct::check::request_secrets(&op, R"({"Id": "abcd", "Key": "s3cr3t-value"})"),
            std::vector<std::string>{"s3cr3t-value"});
  // A violation's value of another type is a secret too; a bad body has none.
  EXPECT_EQ(cpct::check::request_secrets(&op, R"({"Key": 12345})"),
            std::vector<std::string>{"12345"});
  EXPECT_TRUE(cpct::check::request_secrets(&op, "{nope").empty());
  const cpct::model::Redactor base;
  const cpct::check::CaseRedactor none(base, {});
  EXPECT_EQ(&none.get(), &base);  // no copy without a secret
  const cpct::check::CaseRedactor own(base, {"s3cr3t-value"});
  EXPECT_EQ(own.get().text("echo: s3cr3t-value"), "echo: *** Sensitive Data Redacted ***");
  EXPECT_EQ(base.text("echo: s3cr3t-value"), "echo: s3cr3t-value");  // the run's is untouched
}

TEST(precision_test, the_run_budget_bounds_shrinking) {
  Case c;
  c.request = {"T", "application/x-amz-json-1.1",
               R"({"jobId": ")" + std::string(600, 'a') + R"(", "clientToken": "tok"})"};
  std::size_t sent = 0;
  auto still_fails = [&](const Case& k) {
    ++sent;
    const auto body = json::parse(k.request.body);
    return body.contains("jobId") && body["jobId"].get<std::string>().size() > 512;
  };
  std::atomic<std::size_t> budget{5};
  const auto cut = cpct::check::shrink_case(c, nullptr, still_fails, {64, 32, &budget});
  EXPECT_EQ(sent, 5u);
  EXPECT_EQ(budget.load(), 0u);
  EXPECT_EQ(cut.stop, cpct::check::ShrinkStop::kBudget);
  // Nothing left: nothing is sent at all.
  sent = 0;
  EXPECT_EQ(cpct::check::shrink_case(c, nullptr, still_fails, {64, 32, &budget}).stop,
            cpct::check::ShrinkStop::kBudget);
  EXPECT_EQ(sent, 0u);
  // Enough budget: the minimal case, and said to be minimal.
  std::atomic<std::size_t> plenty{1000};
  const auto full = cpct::check::shrink_case(c, nullptr, still_fails, {200, 32, &plenty});
  EXPECT_EQ(json::parse(full.minimal.request.body), json({{"jobId", std::string(513, 'a')}}));
  EXPECT_EQ(full.stop, cpct::check::ShrinkStop::kMinimal);
  EXPECT_EQ(plenty.load(), 1000 - full.attempts);
  // Candidates in a row that do not fail stop it early.
  sent = 0;
  const auto stalled =
      cpct::check::shrink_case(c, nullptr, [&](const Case&) { return ++sent, false; }, {64, 3});
  EXPECT_EQ(sent, 3u);
  EXPECT_EQ(stalled.stop, cpct::check::ShrinkStop::kStalled);
}

TEST(precision_test, a_profiles_validation_error_source_is_cited) {
  const auto spec = stream_spec();
  const std::string path = ::testing::TempDir() + "/stream-profile.json";
  {
    std::ofstream(path) << R"({"service": "Stream", "validationErrorType": {
        "type": "InvalidParameterException",
        "source": {"kind": "observed", "ref": "seen in the wild"}}})";
  }
  cpct::model::Catalogue catalogue(*spec);
  const auto profile = cpct::protocol::load_profile(path, *spec, catalogue);
  cpct::protocol::apply_profile(profile, catalogue, spec->wire);
  const auto cites = [&](const std::string& id) {
    const auto& s = catalogue.find(id)->sources;
    return s.front().ref.find("validationErrorType InvalidParameterException: seen in the wild") !=
           std::string::npos;
  };
  EXPECT_TRUE(cites("Get.input.Id.length-min"));
  EXPECT_TRUE(cites("awsJson1_1.response.validation-message"));
  EXPECT_FALSE(cites("Get.output.Id.length-min"));  // an output is no error answer
  EXPECT_FALSE(cites("awsJson1_1.response.content-type"));
  // Without the entry, the catalogue's own sources only.
  cpct::model::Catalogue plain(*spec);
  std::ofstream(path) << R"({"service": "Stream"})";
  cpct::protocol::apply_profile(cpct::protocol::load_profile(path, *spec, plain), plain,
                                spec->wire);
  EXPECT_EQ(plain.find("Get.input.Id.length-min")->sources,
            cpct::model::Catalogue(*spec).find("Get.input.Id.length-min")->sources);
}
