// The pure handler and the log line: no sockets.
#include "server/handler.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include <boost/beast/http/error.hpp>

#include "server/request_id.hpp"
#include "server/request_log.hpp"
#include "test_client.hpp"

namespace cpct::server {
namespace {

using nlohmann::json;
using test::example_oracle;

Request make_request(http::verb method, std::string target_path, std::string body,
                     std::optional<std::string> amz_target = test::kTarget, unsigned version = 11) {
  Request request(method, target_path, version);
  request.set(http::field::content_type, protocol::kContentType);
  if (amz_target) request.set("X-Amz-Target", *amz_target);
  request.body() = std::move(body);
  request.prepare_payload();
  return request;
}

std::string header(const Response& response, const char* name) {
  const auto it = response.find(name);
  return it == response.end() ? "" : std::string(it->value());
}

TEST(handler_test, success_is_the_oracle_body_byte_for_byte) {
  const std::string body = R"({"jobId": "job-build-7", "clientToken": "ct-build-7"})";
  const auto reply = handle(make_request(http::verb::post, "/", body), *example_oracle(), "id-1");
  const auto expected = example_oracle()->expect({test::kTarget, protocol::kContentType, body});
  EXPECT_EQ(reply.response.result_int(), 200u);
  EXPECT_EQ(reply.response.body(), expected.body->dump());
  EXPECT_EQ(header(reply.response, "Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(header(reply.response, "Content-Length"), std::to_string(reply.response.body().size()));
  EXPECT_EQ(header(reply.response, "x-amzn-RequestId"), "id-1");
  EXPECT_TRUE(reply.error_type.empty());
  EXPECT_TRUE(reply.response.keep_alive());
}

TEST(handler_test, other_paths_get_404_with_a_json_error) {
  const auto reply = handle(make_request(http::verb::post, "/jobs", "{}"), *example_oracle(), "i");
  EXPECT_EQ(reply.response.result_int(), 404u);
  const auto body = json::parse(reply.response.body());
  EXPECT_EQ(body["__type"], "NotFoundException");
  EXPECT_EQ(reply.error_type, "NotFoundException");
  EXPECT_EQ(header(reply.response, "Content-Type"), "application/x-amz-json-1.1");
  // A query string does not change the path.
  const auto query = handle(make_request(http::verb::post, "/?x=1", "{}"), *example_oracle(), "i");
  EXPECT_EQ(query.response.result_int(), 400u);  // routed: the oracle's validation error
}

TEST(handler_test, other_methods_get_405_with_allow) {
  for (const auto method : {http::verb::get, http::verb::put, http::verb::delete_,
                            http::verb::options, http::verb::patch}) {
    const auto reply = handle(make_request(method, "/", ""), *example_oracle(), "i");
    EXPECT_EQ(reply.response.result_int(), 405u);
    EXPECT_EQ(json::parse(reply.response.body())["__type"], "MethodNotAllowedException");
    EXPECT_EQ(header(reply.response, "Allow"), "POST");
  }
}

TEST(handler_test, head_announces_a_length_but_sends_no_body) {
  const auto reply = handle(make_request(http::verb::head, "/", ""), *example_oracle(), "i");
  EXPECT_EQ(reply.response.result_int(), 405u);
  EXPECT_TRUE(reply.response.body().empty());
  EXPECT_NE(header(reply.response, "Content-Length"), "0");
}

TEST(handler_test, keep_alive_follows_the_request) {
  auto request = make_request(http::verb::post, "/", "{}");
  request.keep_alive(false);
  EXPECT_FALSE(handle(request, *example_oracle(), "i").response.keep_alive());
  auto old = make_request(http::verb::post, "/", "{}", test::kTarget, 10);
  const auto reply = handle(old, *example_oracle(), "i");
  EXPECT_EQ(reply.response.version(), 10u);
  EXPECT_FALSE(reply.response.keep_alive());
}

TEST(handler_test, a_target_that_is_not_utf8_still_gets_valid_json) {
  const auto reply = handle(make_request(http::verb::post, "/", "{}", std::string("X\xff\xfe")),
                            *example_oracle(), "i");
  EXPECT_EQ(reply.response.result_int(), 400u);
  const auto body = json::parse(reply.response.body());
  EXPECT_EQ(body["__type"], "UnknownOperationException");
}

TEST(handler_test, read_errors_map_to_statuses) {
  auto status = [](http::error e) {
    const auto reply =
        reply_to_read_error(http::make_error_code(e), 11, "i", "application/x-amz-json-1.1");
    return reply ? static_cast<int>(reply->response.result_int()) : 0;
  };
  EXPECT_EQ(status(http::error::body_limit), 413);
  EXPECT_EQ(status(http::error::header_limit), 431);
  EXPECT_EQ(status(http::error::bad_method), 400);
  EXPECT_EQ(status(http::error::bad_chunk), 400);
  EXPECT_EQ(status(http::error::partial_message), 400);
  EXPECT_EQ(status(http::error::end_of_stream), 0);
  EXPECT_FALSE(reply_to_read_error(boost::asio::error::connection_reset, 11, "i",
                                   "application/x-amz-json-1.1"));
  // An awsJson1_0 model's endpoint answers in its own content type, here too.
  const auto reply = reply_to_read_error(http::make_error_code(http::error::body_limit), 11, "i",
                                         "application/x-amz-json-1.0");
  EXPECT_EQ(json::parse(reply->response.body())["__type"], "RequestEntityTooLargeException");
  EXPECT_EQ(reply->response[http::field::content_type], "application/x-amz-json-1.0");
  EXPECT_FALSE(reply->response.keep_alive());
}

TEST(request_id_test, is_a_fresh_uuid_v4) {
  static const std::regex v4(
      "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const auto id = new_request_id();
    ASSERT_TRUE(std::regex_match(id, v4)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(request_log_test, one_escaped_line_with_the_fields) {
  LogEntry entry;
  entry.time = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'700'000'000'123));
  entry.method = "POST";
  entry.path = "/";
  entry.target = "Evil\n target=forged";
  entry.status = 400;
  entry.error_type = "UnknownOperationException";
  entry.latency = std::chrono::microseconds(1534);
  entry.request_id = "abc";
  EXPECT_EQ(format_log_line(entry),
            "time=2023-11-14T22:13:20.123Z method=POST path=/ target=Evil\\x0a\\x20target=forged "
            "status=400 error=UnknownOperationException latency_ms=1.534 request_id=abc\n");
  entry.target = "";
  entry.error_type = "";
  const auto line = format_log_line(entry);
  EXPECT_NE(line.find(" target=- "), std::string::npos);
  EXPECT_NE(line.find(" error=- "), std::string::npos);
  entry.target = std::string(500, 'a');
  EXPECT_LT(format_log_line(entry).size(), 300u);
}

}  // namespace
}  // namespace cpct::server

namespace cpct::server {
namespace {

TEST(answer_cache_test, a_hit_is_the_oracles_answer_and_errors_are_not_kept) {
  AnswerCache cache;
  const std::string ok = R"({"jobId": "job-build-7", "clientToken": "ct-build-7"})";
  const std::string wrong = R"({"jobId": "job-build-7", "clientToken": "ct-nope"})";
  auto request = [](const std::string& body) {
    Request r(http::verb::post, "/", 11);
    r.set("X-Amz-Target", test::kTarget);
    r.body() = body;
    r.prepare_payload();
    return r;
  };
  const auto first = handle(request(ok), *example_oracle(), "a", &cache);
  ASSERT_NE(cache.find(test::kTarget, ok), nullptr);
  const auto second = handle(request(ok), *example_oracle(), "b", &cache);
  EXPECT_EQ(second.response.body(), first.response.body());
  EXPECT_EQ(second.response.body(), example_oracle()->expect({test::kTarget, "", ok}).body->dump());
  EXPECT_EQ(header(second.response, "x-amzn-RequestId"), "b");
  const auto error = handle(request(wrong), *example_oracle(), "c", &cache);
  EXPECT_EQ(error.response.result_int(), 400u);
  EXPECT_EQ(cache.find(test::kTarget, wrong), nullptr);
  // Another target with the same body is another request.
  EXPECT_EQ(cache.find("CodePipeline_20150709.Other", ok), nullptr);
  const auto other = handle(
      [&] {
        auto r = request(ok);
        r.set("X-Amz-Target", "CodePipeline_20150709.GetThirdPartyJobDetailz");
        return r;
      }(),
      *example_oracle(), "d", &cache);
  EXPECT_EQ(other.response.result_int(), 400u);
}

}  // namespace
}  // namespace cpct::server
