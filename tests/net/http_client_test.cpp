// HttpClient against scripted servers: every way a server can misbehave
// must come back as an outcome, on time.
#include "net/http_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

#include "scripted_server.hpp"

using cpct::net::ClientLimits;
using cpct::net::HttpClient;
using cpct::net::HttpRequest;
using cpct::net::HttpResponse;
using cpct::net::Url;
using cpct::net::testing::ok_response;
using cpct::net::testing::Peer;
using cpct::net::testing::ScriptedServer;
using Outcome = HttpResponse::Outcome;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;

HttpRequest json_request(const std::string& body = "{}") {
  HttpRequest request;
  request.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                     {"X-Amz-Target", "CodePipeline_20150709.GetThirdPartyJobDetails"}};
  request.body = body;
  return request;
}

ClientLimits limits_with_timeout(std::chrono::milliseconds timeout) {
  ClientLimits limits;
  limits.timeout = timeout;
  return limits;
}

// Answers every request on a connection with the same keep-alive response.
void answer_all(Peer& peer) {
  while (peer.read_request()) {
    if (!peer.write(ok_response("{\"n\":" + std::to_string(peer.index()) + "}"))) return;
  }
}

// The keep-alive race: the first connection answers once, then drops the
// next request unanswered; later connections answer everything.
void answer_once_then_drop(Peer& peer) {
  if (peer.index() != 0) return answer_all(peer);
  if (!peer.read_request()) return;
  peer.write(ok_response("{\"first\":true}"));
  peer.read_request();  // ... and close without answering
}

// A local port nothing listens on (bound, then closed).
unsigned short closed_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

struct Timed {
  HttpResponse response;
  std::chrono::milliseconds elapsed;
};

Timed timed_send(HttpClient& client, const HttpRequest& request) {
  auto start = Clock::now();
  HttpResponse response = client.send(request);
  return {std::move(response),
          std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start)};
}

TEST(http_client_test, normal_response) {
  std::mutex mutex;
  std::string seen_host, seen_length, seen_target, seen_body;
  ScriptedServer server([&](Peer& peer) {
    auto request = peer.read_request();
    if (!request) return;
    {
      std::lock_guard lock(mutex);
      seen_host = std::string((*request)["Host"]);
      seen_length = std::string((*request)["Content-Length"]);
      seen_target = std::string((*request)["X-Amz-Target"]);
      seen_body = request->body();
    }
    peer.write(
        "HTTP/1.1 400 Bad Request\r\nX-Amzn-ErrorType: ValidationException\r\n"
        "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 16\r\n\r\n"
        "{\"__type\":\"Foo\"}");
    peer.wait_for_close();
  });
  HttpClient client(Url::parse(server.url()), ClientLimits{});
  HttpResponse response = client.send(json_request("{\"jobId\":\"j\"}"));
  ASSERT_EQ(response.outcome, Outcome::kResponse) << response.error;
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.body, "{\"__type\":\"Foo\"}");
  EXPECT_TRUE(response.error.empty());
  EXPECT_GT(response.latency.count(), 0);
  EXPECT_EQ(response.header("x-amzn-errortype"), "ValidationException");
  EXPECT_EQ(response.header("X-AMZN-ERRORTYPE"), "ValidationException");
  ASSERT_FALSE(response.headers.empty());
  EXPECT_EQ(response.headers[0].name, "x-amzn-errortype");  // lower-cased
  std::lock_guard lock(mutex);
  EXPECT_EQ(seen_host, client.url().authority());
  EXPECT_EQ(seen_length, "13");
  EXPECT_EQ(seen_target, "CodePipeline_20150709.GetThirdPartyJobDetails");
  EXPECT_EQ(seen_body, "{\"jobId\":\"j\"}");
}

TEST(http_client_test, chunked_response) {
  ScriptedServer server([](Peer& peer) {
    while (peer.read_request()) {
      peer.write(
          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
          "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
    }
  });
  HttpClient client(Url::parse(server.url()), ClientLimits{});
  for (int i = 0; i < 2; ++i) {
    HttpResponse response = client.send(json_request());
    ASSERT_EQ(response.outcome, Outcome::kResponse) << response.error;
    EXPECT_EQ(response.body, "hello world");
  }
  EXPECT_EQ(server.connections(), 1);
}

TEST(http_client_test, keep_alive_reuses_one_connection) {
  ScriptedServer server(answer_all);
  HttpClient client(Url::parse(server.url()), ClientLimits{});
  for (int i = 0; i < 3; ++i) {
    HttpResponse response = client.send(json_request());
    ASSERT_EQ(response.outcome, Outcome::kResponse) << response.error;
    EXPECT_EQ(response.body, "{\"n\":0}");
  }
  EXPECT_EQ(server.connections(), 1);
}

TEST(http_client_test, reconnects_when_server_closed_between_requests) {
  // Keep-alive response, then the server hangs up while the client is idle.
  ScriptedServer server([](Peer& peer) {
    if (peer.read_request())
      peer.write(ok_response("{\"n\":" + std::to_string(peer.index()) + "}"));
  });
  HttpClient client(Url::parse(server.url()), ClientLimits{});
  for (int i = 0; i < 3; ++i) {
    HttpResponse response = client.send(json_request());
    ASSERT_EQ(response.outcome, Outcome::kResponse) << "send " << i << ": " << response.error;
    EXPECT_EQ(response.body, "{\"n\":" + std::to_string(i) + "}");
    std::this_thread::sleep_for(20ms);  // let the close arrive
  }
  EXPECT_EQ(server.connections(), 3);
}

TEST(http_client_test, retries_once_when_reused_connection_dies_unanswered) {
  // The keep-alive race: the server drops the idle connection just as the
  // next request arrives. The client must not report a reset.
  ScriptedServer server(answer_once_then_drop);
  HttpClient client(Url::parse(server.url()), ClientLimits{});
  ASSERT_EQ(client.send(json_request()).outcome, Outcome::kResponse);
  HttpResponse second = client.send(json_request());
  ASSERT_EQ(second.outcome, Outcome::kResponse) << second.error;
  EXPECT_EQ(second.body, "{\"n\":1}");
  EXPECT_EQ(server.connections(), 2);
}

TEST(http_client_test, fresh_connection_closed_unanswered_is_a_reset) {
  ScriptedServer server([](Peer& peer) { peer.read_request(); });
  HttpClient client(Url::parse(server.url()), ClientLimits{});
  HttpResponse response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kReset);
  EXPECT_FALSE(response.error.empty());
  EXPECT_EQ(server.connections(), 1);  // no retry on a fresh connection
}

TEST(http_client_test, connection_close_reconnects) {
  ScriptedServer server([](Peer& peer) {
    if (peer.read_request()) peer.write(ok_response("{}", /*close=*/true));
    peer.wait_for_close();  // the client must hang up, not wait for us
  });
  HttpClient client(Url::parse(server.url()), limits_with_timeout(2000ms));
  for (int i = 0; i < 2; ++i) {
    HttpResponse response = client.send(json_request());
    ASSERT_EQ(response.outcome, Outcome::kResponse) << response.error;
    EXPECT_EQ(response.header("connection"), "close");
  }
  EXPECT_EQ(server.connections(), 2);
}

TEST(http_client_test, never_answers_times_out) {
  ScriptedServer server([](Peer& peer) { peer.wait_for_close(); });
  HttpClient client(Url::parse(server.url()), limits_with_timeout(300ms));
  Timed t = timed_send(client, json_request());
  EXPECT_EQ(t.response.outcome, Outcome::kTimeout) << t.response.error;
  EXPECT_EQ(t.response.error, "no complete response within 300 ms");
  EXPECT_GE(t.elapsed, 290ms);
  EXPECT_LT(t.elapsed, 1000ms);
}

TEST(http_client_test, slow_drip_past_deadline_times_out) {
  ScriptedServer server([](Peer& peer) {
    if (!peer.read_request()) return;
    std::string response = ok_response(std::string(100, 'x'));
    for (char c : response) {
      if (!peer.write(std::string(1, c))) return;
      std::this_thread::sleep_for(20ms);
    }
  });
  HttpClient client(Url::parse(server.url()), limits_with_timeout(300ms));
  Timed t = timed_send(client, json_request());
  EXPECT_EQ(t.response.outcome, Outcome::kTimeout) << t.response.error;
  EXPECT_GE(t.elapsed, 290ms);
  EXPECT_LT(t.elapsed, 1000ms);
}

TEST(http_client_test, endless_chunked_body_is_too_large_fast) {
  ScriptedServer server([](Peer& peer) {
    if (!peer.read_request()) return;
    if (!peer.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")) return;
    std::string chunk = "1000\r\n" + std::string(4096, 'a') + "\r\n";
    while (peer.write(chunk)) {
    }
  });
  ClientLimits limits;
  limits.max_body_bytes = 64 * 1024;
  HttpClient client(Url::parse(server.url()), limits);
  Timed t = timed_send(client, json_request());
  EXPECT_EQ(t.response.outcome, Outcome::kTooLarge) << t.response.error;
  EXPECT_EQ(t.response.error, "response body over 65536 bytes");
  EXPECT_LT(t.elapsed, 2000ms);
}

TEST(http_client_test, endless_unframed_body_is_too_large_fast) {
  ScriptedServer server([](Peer& peer) {
    if (!peer.read_request()) return;
    if (!peer.write("HTTP/1.1 200 OK\r\n\r\n")) return;  // body runs to EOF
    std::string block(8192, 'b');
    while (peer.write(block)) {
    }
  });
  ClientLimits limits;
  limits.max_body_bytes = 64 * 1024;
  HttpClient client(Url::parse(server.url()), limits);
  Timed t = timed_send(client, json_request());
  EXPECT_EQ(t.response.outcome, Outcome::kTooLarge) << t.response.error;
  EXPECT_LT(t.elapsed, 2000ms);
}

TEST(http_client_test, huge_content_length_is_too_large_at_once) {
  ScriptedServer server([](Peer& peer) {
    if (peer.read_request()) peer.write("HTTP/1.1 200 OK\r\nContent-Length: 1000000000000\r\n\r\n");
    peer.wait_for_close();
  });
  HttpClient client(Url::parse(server.url()), ClientLimits{});
  Timed t = timed_send(client, json_request());
  EXPECT_EQ(t.response.outcome, Outcome::kTooLarge) << t.response.error;
  EXPECT_LT(t.elapsed, 1000ms);
}

TEST(http_client_test, huge_header_is_too_large) {
  ScriptedServer server([](Peer& peer) {
    if (!peer.read_request()) return;
    peer.write("HTTP/1.1 200 OK\r\nX-Big: " + std::string(100 * 1024, 'h') +
               "\r\nContent-Length: 0\r\n\r\n");
    peer.wait_for_close();
  });
  HttpClient client(Url::parse(server.url()), ClientLimits{});
  Timed t = timed_send(client, json_request());
  EXPECT_EQ(t.response.outcome, Outcome::kTooLarge) << t.response.error;
  EXPECT_EQ(t.response.error, "response header over 65536 bytes");
  EXPECT_LT(t.elapsed, 2000ms);
}

struct Malformed {
  const char* name;
  std::string bytes;
};

class MalformedResponse : public ::testing::TestWithParam<Malformed> {};

TEST_P(MalformedResponse, is_malformed) {
  const std::string bytes = GetParam().bytes;
  ScriptedServer server([&bytes](Peer& peer) {
    if (peer.read_request()) peer.write(bytes);
    peer.wait_for_close();
  });
  HttpClient client(Url::parse(server.url()), limits_with_timeout(2000ms));
  HttpResponse response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kMalformed) << response.error;
  EXPECT_FALSE(response.error.empty());
}

INSTANTIATE_TEST_SUITE_P(
    http_client_test, MalformedResponse,
    ::testing::Values(
        Malformed{"tls_bytes",
                  std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc garbage\r\n\r\n", 20)},
        Malformed{"html", "<html><body>500</body></html>\r\n\r\n"},
        Malformed{"bad_status", "HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n"},
        Malformed{"conflicting_lengths",
                  "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nab"},
        Malformed{"negative_length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"},
        Malformed{"bad_chunk_size",
                  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n"},
        Malformed{"space_in_header_name", "HTTP/1.1 200 OK\r\nBad Header Name: x\r\n\r\n"}),
    [](const ::testing::TestParamInfo<Malformed>& info) { return std::string(info.param.name); });

TEST(http_client_test, close_mid_body_is_a_reset) {
  ScriptedServer server([](Peer& peer) {
    if (peer.read_request()) peer.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789");
  });
  HttpClient client(Url::parse(server.url()), ClientLimits{});
  HttpResponse response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kReset) << response.error;
  EXPECT_EQ(response.error, "connection closed in the middle of the response");
  EXPECT_EQ(server.connections(), 1);  // something was read: never retried
}

TEST(http_client_test, refused_port_fails_fast) {
  const unsigned short port = closed_port();
  HttpClient client(Url::parse("http://127.0.0.1:" + std::to_string(port)),
                    limits_with_timeout(5000ms));
  Timed t = timed_send(client, json_request());
  EXPECT_EQ(t.response.outcome, Outcome::kConnectFailed);
  EXPECT_EQ(t.response.error, "connection refused by 127.0.0.1:" + std::to_string(port));
  EXPECT_LT(t.elapsed, 1000ms);
}

TEST(http_client_test, resolves_host_names) {
  ScriptedServer server(answer_all);
  std::string port = server.url().substr(server.url().rfind(':') + 1);
  HttpClient client(Url::parse("http://localhost:" + port), ClientLimits{});
  HttpResponse response = client.send(json_request());
  ASSERT_EQ(response.outcome, Outcome::kResponse) << response.error;
}

TEST(http_client_test, hand_made_url_with_bad_port_is_connect_failed) {
  Url url;
  url.host = "127.0.0.1";
  url.port = "99999";
  url.path = "/";
  HttpClient client(url, ClientLimits{});
  EXPECT_EQ(client.send(json_request()).outcome, Outcome::kConnectFailed);
}

TEST(http_client_test, unresolvable_host_is_connect_failed) {
  HttpClient client(Url::parse("http://cpct-no-such-host.invalid:80"), limits_with_timeout(3000ms));
  HttpResponse response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kConnectFailed) << response.error;
}

TEST(http_client_test, raw_bytes_are_sent_exactly) {
  const std::string raw =
      "POST / HTTP/1.1\r\nhost:  odd  \r\nX-Dup: 1\r\nX-Dup: 2\r\nContent-Length: 4\r\n\r\n{END";
  std::mutex mutex;
  std::string arrived;
  ScriptedServer server([&](Peer& peer) {
    std::string got = peer.read_until("{END");
    {
      std::lock_guard lock(mutex);
      arrived = got;
    }
    peer.write(ok_response("{}"));
    peer.wait_for_close();
  });
  HttpClient client(Url::parse(server.url()), ClientLimits{});
  HttpRequest request;
  request.raw = raw;
  HttpResponse response = client.send(request);
  ASSERT_EQ(response.outcome, Outcome::kResponse) << response.error;
  std::lock_guard lock(mutex);
  EXPECT_EQ(arrived, raw);
}

TEST(http_client_test, interim_100_continue_is_skipped) {
  ScriptedServer server([](Peer& peer) {
    if (peer.read_request()) peer.write("HTTP/1.1 100 Continue\r\n\r\n" + ok_response("{\"x\":1}"));
    peer.wait_for_close();
  });
  HttpClient client(Url::parse(server.url()), ClientLimits{});
  HttpResponse response = client.send(json_request());
  ASSERT_EQ(response.outcome, Outcome::kResponse) << response.error;
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "{\"x\":1}");
}

TEST(http_client_test, bytes_after_response_are_not_taken_for_the_next) {
  ScriptedServer server([](Peer& peer) {
    if (peer.index() == 0) {
      if (peer.read_request())
        peer.write(ok_response("{}") + "HTTP/1.1 500 Stale\r\nContent-Length: 0\r\n\r\n");
      peer.wait_for_close();
      return;
    }
    answer_all(peer);
  });
  HttpClient client(Url::parse(server.url()), ClientLimits{});
  ASSERT_EQ(client.send(json_request()).outcome, Outcome::kResponse);
  HttpResponse second = client.send(json_request());
  ASSERT_EQ(second.outcome, Outcome::kResponse) << second.error;
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.body, "{\"n\":1}");
  EXPECT_EQ(server.connections(), 2);
}

TEST(http_client_test, head_response_has_no_body) {
  ScriptedServer server([](Peer& peer) {
    while (peer.read_request()) peer.write("HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n");
  });
  HttpClient client(Url::parse(server.url()), limits_with_timeout(2000ms));
  HttpRequest request;
  request.method = "HEAD";
  HttpResponse response = client.send(request);
  ASSERT_EQ(response.outcome, Outcome::kResponse) << response.error;
  EXPECT_EQ(response.body, "");
}

// Caps that count what arrives: each hostile stream ends as an
// outcome naming its cap, and the legal forms of the same framing pass.
namespace caps {

void write_forever(Peer& peer, const std::string& head, const std::string& block) {
  if (!peer.read_request() || !peer.write(head)) return;
  while (peer.write(block)) {
  }
}

TEST(http_client_test, interim_flood_is_no_final_response) {
  ScriptedServer server(
      [](Peer& peer) { write_forever(peer, "", std::string("HTTP/1.1 100 Continue\r\n\r\n")); });
  HttpClient client(Url::parse(server.url()), limits_with_timeout(5000ms));
  HttpResponse response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kTimeout) << response.error;
  EXPECT_EQ(response.error, "more than 100 interim (1xx) responses and no final response");
}

TEST(http_client_test, many_interim_responses_then_an_answer_pass) {
  ScriptedServer server([](Peer& peer) {
    std::string interim;
    for (int i = 0; i < 100; ++i) interim += "HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n";
    if (peer.read_request()) peer.write(interim + ok_response("{\"x\":1}"));
    peer.wait_for_close();
  });
  HttpClient client(Url::parse(server.url()), ClientLimits{});
  HttpResponse response = client.send(json_request());
  ASSERT_EQ(response.outcome, Outcome::kResponse) << response.error;
  EXPECT_EQ(response.body, "{\"x\":1}");
}

TEST(http_client_test, endless_chunk_extension_is_too_large) {
  ScriptedServer server([](Peer& peer) {
    write_forever(
        peer, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2;x=", std::string(65536, 'a'));
  });
  HttpClient client(Url::parse(server.url()), limits_with_timeout(5000ms));
  HttpResponse response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kTooLarge) << response.error;
  EXPECT_EQ(response.error, "response chunk-size line or trailer over 65536 bytes");
}

TEST(http_client_test, many_chunk_extensions_are_too_large) {
  ScriptedServer server([](Peer& peer) {
    write_forever(peer, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                  "1;" + std::string(1000, 'e') + "\r\n \r\n");
  });
  HttpClient client(Url::parse(server.url()), limits_with_timeout(5000ms));
  HttpResponse response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kTooLarge) << response.error;
  EXPECT_EQ(response.error, "response chunk extensions over 65536 bytes");
}

TEST(http_client_test, endless_trailer_is_too_large) {
  ScriptedServer server([](Peer& peer) {
    write_forever(peer,
                  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-T: ",
                  std::string(65536, 't'));
  });
  HttpClient client(Url::parse(server.url()), limits_with_timeout(5000ms));
  HttpResponse response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kTooLarge) << response.error;
  EXPECT_EQ(response.error, "response chunk-size line or trailer over 65536 bytes");
}

TEST(http_client_test, chunk_extensions_and_trailer_within_caps_pass) {
  ScriptedServer server([](Peer& peer) {
    if (peer.read_request())
      peer.write(
          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
          "3;name=\"" +
          std::string(1000, 'v') + "\"\r\n{\"x\r\n4;a;b=c\r\n\":1}\r\n0\r\nX-Check: yes\r\n\r\n");
    peer.wait_for_close();
  });
  HttpClient client(Url::parse(server.url()), ClientLimits{});
  HttpResponse response = client.send(json_request());
  ASSERT_EQ(response.outcome, Outcome::kResponse) << response.error;
  EXPECT_EQ(response.body, "{\"x\":1}");
  EXPECT_EQ(response.header("x-check"), "yes");
}

// With a body cap above what it announces, nothing is allocated up front:
// the body that never comes is a timeout, not std::bad_alloc.
TEST(http_client_test, absurd_content_length_allocates_nothing_up_front) {
  ScriptedServer server([](Peer& peer) {
    if (peer.read_request()) peer.write("HTTP/1.1 200 OK\r\nContent-Length: 99999999999\r\n\r\n{");
    peer.wait_for_close();
  });
  ClientLimits limits = limits_with_timeout(300ms);
  limits.max_body_bytes = std::size_t{1} << 40;
  HttpClient client(Url::parse(server.url()), limits);
  HttpResponse response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kTimeout) << response.error;
}

}  // namespace caps

}  // namespace

// Name resolution is bounded by the exchange's deadline: a resolver that
// stalls (as getaddrinfo does behind a silent DNS server) is abandoned and
// the exchange ends as a connect failure that says so. The stall is injected
// (ClientLimits::resolver): no DNS server can be made to stall here.
TEST(http_client_test, stalled_name_resolution_is_abandoned) {
  auto released = std::make_shared<std::atomic<bool>>(false);
  ClientLimits limits = limits_with_timeout(200ms);
  limits.resolver = [released](const std::string&, const std::string&,
                               boost::system::error_code& ec) {
    while (!*released) std::this_thread::sleep_for(10ms);
    ec = boost::asio::error::host_not_found;
    return cpct::net::ResolveResults();
  };
  HttpClient client(Url::parse("http://stalls.invalid:80"), limits);
  const auto response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kConnectFailed);
  EXPECT_NE(response.error.find("cannot resolve host 'stalls.invalid' within the deadline"),
            std::string::npos)
      << response.error;
  *released = true;  // the abandoned lookup ends on its own
}

// A resolver that answers is used as it is (the path every name takes).
TEST(http_client_test, resolved_names_connect) {
  ScriptedServer server([](Peer& peer) {
    if (peer.read_request()) peer.write(ok_response("{}", true));
  });
  const std::string port = server.url().substr(server.url().rfind(':') + 1);
  ClientLimits limits = limits_with_timeout(2000ms);
  limits.resolver = [port](const std::string&, const std::string&, boost::system::error_code&) {
    const boost::asio::ip::tcp::endpoint loopback(boost::asio::ip::make_address("127.0.0.1"),
                                                  static_cast<unsigned short>(std::stoi(port)));
    return cpct::net::ResolveResults::create(loopback, "named.test", port);
  };
  HttpClient client(Url::parse("http://named.test:" + port), limits);
  const auto response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kResponse) << response.error;
  EXPECT_EQ(response.status, 200);
}

// `meanwhile` runs once the request is on the wire and before the answer is
// read: this server answers only once it has run, and it finds the request
// already received.
TEST(http_client_test, meanwhile_runs_between_the_write_and_the_read) {
  std::atomic<bool> received{false};
  std::atomic<bool> ran{false};
  ScriptedServer server([&](Peer& peer) {
    while (peer.read_request()) {
      received = true;
      for (int i = 0; i < 200 && !ran; ++i) std::this_thread::sleep_for(5ms);
      if (!ran) return;  // hangs up: a client reading first gets no answer
      if (!peer.write(ok_response("{}"))) return;
    }
  });
  HttpClient client(Url::parse(server.url()), limits_with_timeout(3000ms));
  for (int round = 0; round < 3; ++round) {
    received = false;
    ran = false;
    int calls = 0;
    bool seen_received = false;
    const HttpResponse response = client.send(json_request(), [&] {
      ++calls;
      for (int i = 0; i < 200 && !received; ++i) std::this_thread::sleep_for(5ms);
      seen_received = received;
      ran = true;
    });
    ASSERT_EQ(response.outcome, Outcome::kResponse) << response.error;
    EXPECT_EQ(calls, 1);
    EXPECT_TRUE(seen_received) << round;
  }
}

// Once per send, also when the reused connection died and the request went
// again; not at all when no connection took the request.
TEST(http_client_test, meanwhile_runs_once_or_not_at_all) {
  ScriptedServer server(answer_once_then_drop);
  HttpClient client(Url::parse(server.url()), ClientLimits{});
  int calls = 0;
  ASSERT_EQ(client.send(json_request(), [&] { ++calls; }).outcome, Outcome::kResponse);
  const HttpResponse second = client.send(json_request(), [&] { ++calls; });
  ASSERT_EQ(second.outcome, Outcome::kResponse) << second.error;
  EXPECT_EQ(server.connections(), 2);
  EXPECT_EQ(calls, 2);

  const unsigned short port = closed_port();
  HttpClient refused(Url::parse("http://127.0.0.1:" + std::to_string(port)),
                     limits_with_timeout(2000ms));
  bool ran = false;
  EXPECT_EQ(refused.send(json_request(), [&] { ran = true; }).outcome, Outcome::kConnectFailed);
  EXPECT_FALSE(ran);
}
