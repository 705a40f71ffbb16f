// The adapter protocol: the line handling in process, then the reference
// adapter and the faulty one as `cpct check client` runs them.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "child_process.hpp"
#include "model/model_file.hpp"
#include "model/requirements.hpp"
#include "reference_client/adapter.hpp"
#include "scenario_server.hpp"

namespace cpct::reference_client {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// An operation "Echo" that returns its input, or fails when it has "fail".
const CaseHandler kEcho = [](const json& input) -> Result<json> {
  if (input.contains("fail")) return ClientError{"FooError", "it failed", 400, ErrorKind::kService};
  return input;
};
const Operations kOperations = [](const std::string& name) -> const CaseHandler* {
  return name == "Echo" ? &kEcho : nullptr;
};

json reply(const std::string& line) {
  const std::string text = reply_to_line(line, kOperations);
  EXPECT_EQ(text.find('\n'), std::string::npos);
  return json::parse(text);
}

TEST(adapter_lines, an_output_or_an_error_per_request) {
  EXPECT_EQ(reply(R"({"id": "c1", "operation": "Echo", "input": {"a": "b"}})"),
            json::parse(R"({"id": "c1", "output": {"a": "b"}})"));
  EXPECT_EQ(reply(R"({"id": "c2", "operation": "Echo", "input": {"fail": 1}})"),
            json::parse(R"({"id": "c2", "error": {"code": "FooError", "message": "it failed"}})"));
  // The id leads the line, whatever JSON it is.
  EXPECT_EQ(reply_to_line(R"({"operation": "Echo", "id": 7, "input": {}})", kOperations),
            R"({"id":7,"output":{}})");
  EXPECT_EQ(reply("{\"id\": \"c3\", \"operation\": \"Echo\", \"input\": {}}\r")["output"],
            json::object());
}

TEST(adapter_lines, lines_that_are_not_requests_get_an_error_line) {
  struct Case {
    std::string line;
    json id;
    std::string code;
  };
  for (const auto& c : std::vector<Case>{
           {"garbage", nullptr, "InvalidAdapterRequest"},
           {"", nullptr, "InvalidAdapterRequest"},
           {R"({"id": "c9", "operation": "Echo", "input": )", "c9", "InvalidAdapterRequest"},
           {"[1, 2]", nullptr, "InvalidAdapterRequest"},
           {R"({"id": "c4"})", "c4", "InvalidAdapterRequest"},
           {R"({"id": "c5", "operation": 5})", "c5", "InvalidAdapterRequest"},
           {R"({"id": "c6", "operation": "PollForJobs", "input": {}})", "c6", "UnknownOperation"},
           {"\xff\xfe", nullptr, "InvalidAdapterRequest"}}) {
    const json out = reply(c.line);
    EXPECT_EQ(out["id"], c.id) << c.line;
    EXPECT_EQ(out["error"]["code"], c.code) << c.line;
    EXPECT_TRUE(out["error"]["message"].is_string());
  }
}

TEST(adapter_lines, deeply_nested_lines_do_not_overflow_the_stack) {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  EXPECT_EQ(reply(deep)["error"]["code"], "InvalidAdapterRequest");
  EXPECT_EQ(reply(R"({"id": )" + deep + R"(, "operation": "Nope"})")["id"], nullptr);
  const Operations get = [](const std::string&) -> const CaseHandler* {
    static const CaseHandler decode = [](const json& input) -> Result<json> {
      return input.is_object() ? Result<json>(json::object())
                               : Result<json>(ClientError{"InvalidInput", "not an object"});
    };
    return &decode;
  };
  const auto text = reply_to_line(R"({"id": "c1", "operation": "X", "input": )" + deep + "}", get);
  EXPECT_EQ(json::parse(text)["error"]["code"], "InvalidAdapterRequest");
}

TEST(adapter_lines, serve_lines_answers_each_line_and_flushes) {
  std::istringstream in(
      "{\"id\": \"a\", \"operation\": \"Echo\", \"input\": {}}\nnope\n"
      "{\"id\": \"b\", \"operation\": \"Echo\", \"input\": {\"fail\": true}}\n");
  std::ostringstream out;
  EXPECT_EQ(serve_lines(in, out, kOperations), 0);
  EXPECT_EQ(out.str(),
            "{\"id\":\"a\",\"output\":{}}\n"
            "{\"id\":null,\"error\":{\"code\":\"InvalidAdapterRequest\",\"message\":\"the line is "
            "not JSON\"}}\n"
            "{\"id\":\"b\",\"error\":{\"code\":\"FooError\",\"message\":\"it failed\"}}\n");
}

std::string request_line(const std::string& id, const std::string& job_id) {
  return json{{"id", id},
              {"operation", "GetThirdPartyJobDetails"},
              {"input", {{"jobId", job_id}, {"clientToken", "ct-1"}}}}
             .dump() +
         "\n";
}

class adapter_process : public ::testing::Test {
 protected:
  adapter_process() : server_(test::serve_scenarios) {}

  std::vector<std::string> env(const std::string& timeout_ms = "2000") const {
    return {"CPCT_ENDPOINT=" + server_.url(), "CPCT_TIMEOUT_MS=" + timeout_ms,
            "AWS_ACCESS_KEY_ID=AKIDEXAMPLE",  "AWS_SECRET_ACCESS_KEY=secret",
            "AWS_REGION=us-east-1",           "AWS_DEFAULT_REGION=us-east-1"};
  }

  net::testing::ScriptedServer server_;
};

TEST_F(adapter_process, answers_three_cases_and_a_garbage_line_then_exits_0) {
  test::ChildProcess adapter({CPCT_REFERENCE_ADAPTER}, env());
  ASSERT_TRUE(adapter.started());
  ASSERT_TRUE(adapter.write(request_line("c1", "ok") + request_line("c2", "not-found") +
                            request_line("c3", "header") + "this is not json\n"));
  auto line = adapter.read_line(10s);
  ASSERT_TRUE(line);
  EXPECT_EQ(json::parse(*line), json({{"id", "c1"}, {"output", test::full_output()}}));
  line = adapter.read_line(10s);
  ASSERT_TRUE(line);
  EXPECT_EQ(json::parse(*line), json::parse(R"({"id": "c2", "error": {"code":
            "JobNotFoundException", "message": "no such job"}})"));
  line = adapter.read_line(10s);
  ASSERT_TRUE(line);
  EXPECT_EQ(json::parse(*line)["error"]["code"], "FooError");
  line = adapter.read_line(10s);
  ASSERT_TRUE(line);
  EXPECT_EQ(json::parse(*line)["error"]["code"], "InvalidAdapterRequest");
  adapter.close_stdin();
  EXPECT_FALSE(adapter.read_line(10s));  // EOF
  EXPECT_EQ(adapter.wait(10s), 0);
  EXPECT_EQ(server_.connections(), 1);  // one kept-alive connection
}

TEST_F(adapter_process, reports_a_hang_as_an_error_within_its_timeout) {
  test::ChildProcess adapter({CPCT_REFERENCE_ADAPTER}, env("300"));
  ASSERT_TRUE(adapter.write(request_line("h1", "hang") + request_line("h2", "ok")));
  const auto line = adapter.read_line(5s);
  ASSERT_TRUE(line);
  EXPECT_EQ(json::parse(*line)["error"]["code"], "RequestTimeout");
  const auto next = adapter.read_line(5s);
  ASSERT_TRUE(next);
  EXPECT_TRUE(json::parse(*next).contains("output")) << *next;
}

TEST_F(adapter_process, serves_thousands_of_cases_quickly) {
  test::ChildProcess adapter({CPCT_REFERENCE_ADAPTER}, env());
  constexpr int kCases = 2000;
  const auto start = std::chrono::steady_clock::now();
  // One at a time, as cpct drives it: write a line, wait for its reply.
  for (int i = 0; i < kCases; ++i) {
    ASSERT_TRUE(adapter.write(request_line("p" + std::to_string(i), "ok")));
    const auto line = adapter.read_line(5s);
    ASSERT_TRUE(line);
    ASSERT_EQ(line->rfind("{\"id\":\"p" + std::to_string(i) + "\",\"output\"", 0), 0u) << *line;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "[ adapter  ] " << kCases / seconds << " cases/s\n";
  // The goal is 2,000/s on loopback; the assertion leaves room for slow CI.
  EXPECT_LT(seconds, 10.0);
}

TEST(adapter_process_setup, without_an_endpoint_it_exits_2) {
  test::ChildProcess adapter({CPCT_REFERENCE_ADAPTER}, {"CPCT_ENDPOINT="});
  EXPECT_EQ(adapter.wait(10s), 2);
  test::ChildProcess bad({CPCT_REFERENCE_ADAPTER}, {"CPCT_ENDPOINT=ftp://example.com"});
  EXPECT_EQ(bad.wait(10s), 2);
}

// --- the faulty adapter -------------------------------------------------------

std::vector<std::pair<std::string, std::string>> faulty_defects() {
  test::ChildProcess lister({CPCT_FAULTY_ADAPTER, "--list"}, {});
  std::vector<std::pair<std::string, std::string>> out;
  while (auto line = lister.read_line(10s)) {
    const auto space = line->find(' ');
    out.emplace_back(line->substr(0, space), line->substr(space + 1));
  }
  return out;
}

TEST(faulty_adapter, lists_at_least_ten_defects_each_naming_a_catalogue_requirement) {
  const auto defects = faulty_defects();
  const model::Catalogue catalogue(*model::embedded_spec());
  std::set<std::string> names;
  for (const auto& [name, requirement] : defects) {
    EXPECT_TRUE(names.insert(name).second) << "duplicate " << name;
    if (requirement != "-") {
      EXPECT_NE(catalogue.find(requirement), nullptr) << name << " names " << requirement;
    }
  }
  EXPECT_GE(names.size(), 11u);  // "none" and at least ten defects
  EXPECT_TRUE(names.count("none"));
}

// The scenario in which each defect shows (jobId for the scenario server).
const std::map<std::string, std::string> kShowsIn = {
    {"none", "ok"},
    {"wrong-target", "echo"},
    {"json-content-type", "echo"},
    {"misnamed-body-member", "echo"},
    {"wrong-path", "echo"},
    {"unsigned", "echo"},
    {"type-namespace-kept", "type-namespace"},
    {"header-uri-kept", "header-uri"},
    {"header-ignored", "header"},
    {"code-ignored", "code"},
    {"type-before-code", "code-and-type"},
    {"body-before-header", "header-and-type"},
    {"lower-message-only", "message-capital"},
    {"nested-type-read", "nested-type"},
    {"capital-message-only", "message-lower"},
    {"unknown-member-rejected", "unknown-member"},
    {"long-strings-truncated", "long-string"},
    {"utf8-mangled", "non-ascii"},
    {"credentials-dropped", "ok"},
    {"null-rejected", "null-member"},
    {"malformed-as-empty", "wrong-type"},
    {"abort-on-invalid-json", "html-502"},
    {"hang-on-empty-body", "empty-200"},
};

class faulty_adapter_defect : public adapter_process {};

TEST_F(faulty_adapter_defect, each_defect_answers_differently_from_the_reference) {
  for (const auto& [name, requirement] : faulty_defects()) {
    SCOPED_TRACE(name);
    // Fails only some calls: faulty_client.flaky-transport checks it end to end.
    if (name == "flaky-transport") continue;
    const auto scenario = kShowsIn.find(name);
    ASSERT_NE(scenario, kShowsIn.end()) << "no scenario for defect " << name;
    const std::string request = request_line("d1", scenario->second);

    test::ChildProcess reference({CPCT_REFERENCE_ADAPTER}, env());
    ASSERT_TRUE(reference.write(request));
    const auto expected = reference.read_line(5s);
    ASSERT_TRUE(expected);

    test::ChildProcess faulty({CPCT_FAULTY_ADAPTER, "--defect", name}, env());
    ASSERT_TRUE(faulty.write(request));
    const auto observed = faulty.read_line(name == "hang-on-empty-body" ? 1500ms : 5s);
    if (name == "none") {
      EXPECT_EQ(observed, expected);
    } else if (name == "abort-on-invalid-json") {
      EXPECT_FALSE(observed);
      EXPECT_EQ(faulty.wait(5s), 128 + SIGABRT);
    } else if (name == "hang-on-empty-body") {
      EXPECT_FALSE(observed);
    } else {
      ASSERT_TRUE(observed);
      EXPECT_NE(*observed, *expected);
    }
  }
}

TEST(faulty_adapter, rejects_an_unknown_defect) {
  test::ChildProcess faulty({CPCT_FAULTY_ADAPTER, "--defect", "no-such-defect"},
                            {"CPCT_ENDPOINT=http://127.0.0.1:1"});
  EXPECT_EQ(faulty.wait(10s), 2);
}

}  // namespace
}  // namespace cpct::reference_client
