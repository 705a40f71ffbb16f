// The cpct binary as scripts meet it: the first line, exit codes, --log,
// and SIGTERM in the middle of load.
#include <gtest/gtest.h>

#include <signal.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "test_client.hpp"

namespace cpct::server::test {
namespace {

using Clock = std::chrono::steady_clock;
const std::string kMinimal = R"({"jobId": "job-minimal", "clientToken": "ct-minimal"})";

std::vector<std::string> serve(std::vector<std::string> extra = {}) {
  std::vector<std::string> argv = {CPCT_BINARY, "serve", "--fixtures", example_fixtures_path()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

TEST(process_test, prints_the_listening_line_and_stops_on_sigint) {
  Child child(serve({"--threads", "2"}));
  const auto line = child.first_line(10s);
  ASSERT_TRUE(line);
  const unsigned short port = port_of(*line);
  ASSERT_NE(port, 0) << *line;
  const auto response = round_trip(port, post(kMinimal));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result_int(), 200u);
  child.signal(SIGINT);
  EXPECT_EQ(child.wait(5s), 0);
}

// Without the answer cache every request goes to the oracle; the answers
// are the same bytes as with it.
TEST(process_test, no_answer_cache_answers_the_same) {
  Child cached(serve({"--threads", "1"}));
  Child uncached(serve({"--threads", "1", "--no-answer-cache"}));
  const auto cached_line = cached.first_line(10s);
  const auto uncached_line = uncached.first_line(10s);
  ASSERT_TRUE(cached_line && uncached_line);
  for (int i = 0; i < 3; ++i) {
    const auto a = round_trip(port_of(*cached_line), post(kMinimal));
    const auto b = round_trip(port_of(*uncached_line), post(kMinimal));
    ASSERT_TRUE(a && b);
    EXPECT_EQ(b->result_int(), 200u);
    EXPECT_EQ(a->body(), b->body());
  }
  cached.signal(SIGTERM);
  uncached.signal(SIGTERM);
  EXPECT_EQ(cached.wait(5s), 0);
  EXPECT_EQ(uncached.wait(5s), 0);
}

TEST(process_test, bad_fixtures_exit_2_with_the_loaders_message) {
  const std::string bad = std::string(CPCT_SOURCE_DIR) + "/tests/cli/bad/bad-enum-fixtures.json";
  Child child({CPCT_BINARY, "serve", "--fixtures", bad});
  EXPECT_EQ(child.wait(10s), 2);
  const auto text = child.stderr_text();
  EXPECT_NE(text.find("cpct: "), std::string::npos) << text;
  EXPECT_NE(text.find("failed to satisfy constraint"), std::string::npos) << text;
  EXPECT_FALSE(child.first_line(100ms));  // never said it was listening

  Child missing({CPCT_BINARY, "serve", "--fixtures", "/nonexistent.json"});
  EXPECT_EQ(missing.wait(10s), 2);
}

// Without fixtures there are no jobs: every valid request is answered with
// an output generated from the model (a mock of the service).
TEST(process_test, without_fixtures_it_answers_generated_outputs) {
  Child none({CPCT_BINARY, "serve"});
  const auto line = none.first_line(10s);
  ASSERT_TRUE(line);
  const auto response = round_trip(port_of(*line), post(kMinimal));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result_int(), 200u);
  EXPECT_TRUE(nlohmann::json::parse(response->body()).is_object());
  none.signal(SIGTERM);
  EXPECT_EQ(none.wait(5s), 0);
}

TEST(process_test, port_in_use_or_bad_host_exit_2_with_one_line) {
  LocalServer holder;
  Child child(serve({"--port", std::to_string(holder.port())}));
  EXPECT_EQ(child.wait(10s), 2);
  const auto text = child.stderr_text();
  EXPECT_NE(text.find("cpct: cannot listen on 127.0.0.1:" + std::to_string(holder.port())),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("in use"), std::string::npos) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;

  Child bad_host(serve({"--host", "no.such.host.invalid"}));
  EXPECT_EQ(bad_host.wait(20s), 2);
  const auto host_text = bad_host.stderr_text();
  EXPECT_NE(host_text.find("cpct: cannot resolve host 'no.such.host.invalid'"), std::string::npos)
      << host_text;

  Child bad_flag(serve({"--threads", "0"}));
  EXPECT_EQ(bad_flag.wait(10s), 2);
}

TEST(process_test, log_has_one_line_per_request_and_no_secrets) {
  Child child(serve({"--log", "--threads", "1"}));
  const auto line = child.first_line(10s);
  ASSERT_TRUE(line);
  const unsigned short port = port_of(*line);
  // The job with artifactCredentials: its secrets are in the response only.
  const std::string secret_job =
      R"({"jobId": "6a3c4b2e-1f0d-4e8a-9c7b-2d5e8f1a0b3c", "clientToken": "0f9c2e8e-7a51-4d59-9d2c-4d7b3f2a9c11"})";
  const auto response = round_trip(port, post(secret_job));
  ASSERT_TRUE(response);
  ASSERT_NE(response->body().find("fixture-secret-access-key-never-print-me"), std::string::npos);
  ASSERT_TRUE(round_trip(port, post(R"({"jobId": "nope", "clientToken": "x"})")));
  ASSERT_TRUE(round_trip(port, "GET /x HTTP/1.1\r\nHost: x\r\n\r\n"));
  child.signal(SIGTERM);
  EXPECT_EQ(child.wait(5s), 0);
  const auto log = child.stderr_text();
  EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 3) << log;
  EXPECT_NE(log.find("target=CodePipeline_20150709.GetThirdPartyJobDetails status=200 error=-"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("status=400 error=JobNotFoundException"), std::string::npos) << log;
  EXPECT_NE(log.find("method=GET path=/x target=- status=404 error=NotFoundException"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("latency_ms="), std::string::npos);
  for (const char* secret : {"fixture-secret-access-key-never-print-me",
                             "fixture-session-token-never-print-me", "ASIAEXAMPLEFIXTURE01"})
    EXPECT_EQ(log.find(secret), std::string::npos) << secret;
}

// Clients keep requests going on keep-alive connections; SIGTERM arrives in
// the middle. Every request written before the signal must get a complete
// response; the process must exit 0.
TEST(process_test, sigterm_under_load_loses_no_response_in_flight) {
  Child child(serve({"--threads", "2"}));
  const auto line = child.first_line(10s);
  ASSERT_TRUE(line);
  const unsigned short port = port_of(*line);
  ASSERT_NE(port, 0);

  std::atomic<bool> signalled{false};
  std::atomic<long long> signal_at{0};
  std::atomic<int> answered{0};
  std::atomic<int> lost{0};
  std::atomic<int> sent_before{0};
  auto now_ns = [] { return Clock::now().time_since_epoch().count(); };
  std::vector<std::thread> clients;
  for (int c = 0; c < 16; ++c) {
    clients.emplace_back([&, c] {
      const std::string request = post(kMinimal);
      while (!signalled || now_ns() < signal_at.load() + 500'000'000) {
        Connection connection(port);
        if (!connection.connected()) return;  // stopped listening
        for (int r = 0; r < 20 + c; ++r) {
          if (!connection.send(request)) break;
          // Sent completely before the signal? Then it must be answered.
          const bool before = !signalled.load();
          const auto response = connection.read(5000ms);
          if (response && response->result_int() == 200) {
            ++answered;
            if (before) ++sent_before;
            if (!response->keep_alive()) break;
          } else {
            if (before) ++lost;
            break;
          }
        }
      }
    });
  }
  std::this_thread::sleep_for(700ms);
  signal_at = now_ns();
  signalled = true;  // from here on a request may or may not be answered
  child.signal(SIGTERM);
  for (auto& client : clients) client.join();
  EXPECT_EQ(child.wait(10s), 0);
  EXPECT_EQ(lost.load(), 0);
  EXPECT_GT(sent_before.load(), 100);  // the load was real
}

}  // namespace
}  // namespace cpct::server::test
