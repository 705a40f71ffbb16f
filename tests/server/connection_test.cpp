// Connection handling: keep-alive, pipelining, chunked bodies, many
// connections, the connection cap, a graceful stop in process.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "test_client.hpp"

namespace cpct::server::test {
namespace {

using nlohmann::json;

const std::string kMinimal = R"({"jobId": "job-minimal", "clientToken": "ct-minimal"})";
const std::string kBuild = R"({"jobId": "job-build-7", "clientToken": "ct-build-7"})";

std::string job_id_of(const HttpResponse& response) {
  return json::parse(response.body())["jobDetails"]["id"];
}

TEST(connection_test, keep_alive_reuses_one_connection) {
  LocalServer local;
  Connection connection(local.port());
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(connection.send(post(kMinimal)));
    const auto response = connection.read();
    ASSERT_TRUE(response) << i;
    EXPECT_EQ(response->result_int(), 200u);
    EXPECT_TRUE(response->keep_alive());
  }
  EXPECT_EQ(local.server->accepted(), 1u);
}

TEST(connection_test, connection_close_is_honoured) {
  LocalServer local;
  Connection connection(local.port());
  ASSERT_TRUE(connection.send(post(kMinimal, kTarget, "Connection: close\r\n")));
  const auto response = connection.read();
  ASSERT_TRUE(response);
  EXPECT_FALSE(response->keep_alive());
  EXPECT_TRUE(connection.closed_within(2000ms));
}

TEST(connection_test, http_1_0_gets_an_answer_and_a_close) {
  LocalServer local;
  Connection connection(local.port());
  std::string request = post(kMinimal);
  request.replace(request.find("HTTP/1.1"), 8, "HTTP/1.0");
  ASSERT_TRUE(connection.send(request));
  const auto response = connection.read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->version(), 10u);
  EXPECT_EQ(response->result_int(), 200u);
  EXPECT_TRUE(connection.closed_within(2000ms));
}

TEST(connection_test, pipelined_requests_are_answered_in_order) {
  LocalServer local;
  Connection connection(local.port());
  ASSERT_TRUE(connection.send(post(kBuild) + post(kMinimal) + post("{}", "Nope")));
  const auto first = connection.read();
  const auto second = connection.read();
  const auto third = connection.read();
  ASSERT_TRUE(first && second && third);
  EXPECT_EQ(job_id_of(*first), "job-build-7");
  EXPECT_EQ(job_id_of(*second), "job-minimal");
  EXPECT_EQ(third->result_int(), 400u);
  EXPECT_EQ(json::parse(third->body())["__type"], "UnknownOperationException");
}

TEST(connection_test, chunked_request_body) {
  LocalServer local;
  Connection connection(local.port());
  std::string request = std::string("POST / HTTP/1.1\r\nHost: x\r\n") +
                        "Content-Type: application/x-amz-json-1.1\r\nX-Amz-Target: " + kTarget +
                        "\r\nTransfer-Encoding: chunked\r\n\r\n";
  const std::string a = kBuild.substr(0, 10);
  const std::string b = kBuild.substr(10);
  auto hex = [](std::size_t n) {
    char text[16];
    std::snprintf(text, sizeof text, "%zx", n);
    return std::string(text);
  };
  request +=
      hex(a.size()) + "\r\n" + a + "\r\n" + hex(b.size()) + ";ext=1\r\n" + b + "\r\n0\r\n\r\n";
  ASSERT_TRUE(connection.send(request));
  const auto response = connection.read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result_int(), 200u);
  EXPECT_EQ(job_id_of(*response), "job-build-7");
  // The connection is still good afterwards.
  ASSERT_TRUE(connection.send(post(kMinimal)));
  const auto next = connection.read();
  ASSERT_TRUE(next);
  EXPECT_EQ(job_id_of(*next), "job-minimal");
}

TEST(connection_test, a_thousand_sequential_connections) {
  LocalServer local;
  int ok = 0;
  for (int i = 0; i < 1000; ++i) {
    const auto response =
        round_trip(local.port(), post(kMinimal, kTarget, "Connection: close\r\n"));
    ok += response && response->result_int() == 200;
  }
  EXPECT_EQ(ok, 1000);
  EXPECT_EQ(local.server->accepted(), 1000u);
}

TEST(connection_test, two_hundred_concurrent_connections) {
  LocalServer local;
  std::vector<Connection> connections;
  for (int i = 0; i < 200; ++i) {
    connections.emplace_back(local.port());
    ASSERT_TRUE(connections.back().connected()) << i;
  }
  // All open at once, then each sends and is answered.
  for (auto& connection : connections) ASSERT_TRUE(connection.send(post(kMinimal)));
  int ok = 0;
  for (auto& connection : connections) {
    const auto response = connection.read();
    ok += response && response->result_int() == 200;
  }
  EXPECT_EQ(ok, 200);
  EXPECT_EQ(local.server->connections(), 200u);
  // And from 8 threads at once, 25 connections each with 4 requests.
  std::atomic<int> threaded{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int c = 0; c < 25; ++c) {
        Connection connection(local.port());
        for (int r = 0; r < 4; ++r) {
          if (!connection.send(post(kBuild))) break;
          const auto response = connection.read();
          threaded += response && response->result_int() == 200;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(threaded.load(), 800);
}

TEST(connection_test, over_the_cap_waits_for_a_free_slot) {
  Limits limits;
  limits.max_connections = 4;
  LocalServer local(limits);
  std::vector<Connection> first;
  for (int i = 0; i < 4; ++i) {
    first.emplace_back(local.port());
    ASSERT_TRUE(first.back().send(post(kMinimal)));
    ASSERT_TRUE(first.back().read());
  }
  // The fifth connects (kernel backlog) but is not served while four are open.
  Connection fifth(local.port());
  ASSERT_TRUE(fifth.connected());
  ASSERT_TRUE(fifth.send(post(kMinimal)));
  EXPECT_FALSE(fifth.read(300ms));
  EXPECT_EQ(local.server->connections(), 4u);
  first.front().close();
  const auto response = fifth.read(3000ms);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result_int(), 200u);
  EXPECT_LE(local.server->connections(), 4u);
}

TEST(connection_test, stop_answers_the_request_in_flight_then_closes) {
  LocalServer local;
  Connection idle(local.port());
  ASSERT_TRUE(idle.send(post(kMinimal)));
  ASSERT_TRUE(idle.read());
  Connection busy(local.port());
  // Half a request is in flight when the server is told to stop...
  const std::string request = post(kBuild);
  ASSERT_TRUE(busy.send(request.substr(0, 20)));
  std::this_thread::sleep_for(50ms);
  local.server->stop();
  // ...the idle connection is closed, the busy one still gets its answer.
  EXPECT_TRUE(idle.closed_within(2000ms));
  ASSERT_TRUE(busy.send(request.substr(20)));
  const auto response = busy.read();
  ASSERT_TRUE(response);
  EXPECT_EQ(job_id_of(*response), "job-build-7");
  EXPECT_FALSE(response->keep_alive());
  const auto start = std::chrono::steady_clock::now();
  local.server->wait();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  EXPECT_FALSE(Connection(local.port()).connected());
}

}  // namespace
}  // namespace cpct::server::test
