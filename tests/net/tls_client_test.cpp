// HttpClient over TLS: a hostile TLS peer is an outcome on time, never a
// hang, and the reader's caps and deadline hold over TLS as over TCP. The
// certificates are made at run time by make_test_certs.sh (openssl).
#include <gtest/gtest.h>

#include <unistd.h>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "net/http_client.hpp"
#include "scripted_server.hpp"

using cpct::net::ClientLimits;
using cpct::net::HttpClient;
using cpct::net::HttpRequest;
using cpct::net::HttpResponse;
using cpct::net::TlsOptions;
using cpct::net::Url;
using cpct::net::testing::ok_response;
using cpct::net::testing::Peer;
using cpct::net::testing::ScriptedServer;
using Outcome = HttpResponse::Outcome;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;

namespace {

HttpRequest json_request() {
  HttpRequest request;
  request.headers = {{"Content-Type", "application/x-amz-json-1.1"}};
  request.body = "{}";
  return request;
}

ClientLimits tls_limits(std::chrono::milliseconds timeout, TlsOptions tls) {
  ClientLimits limits;
  limits.timeout = timeout;
  limits.tls = std::move(tls);
  return limits;
}

std::string https(const ScriptedServer& server) {
  return "https://" + server.url().substr(std::string("http://").size());
}

// The CA and server certificate of make_test_certs.sh, made once per run
// and removed at exit (throw-away keys, but no litter).
struct CertDir {
  std::string path;
  CertDir() {
    const std::string d = ::testing::TempDir() + "cpct-tls-client-test-" +
                          std::to_string(static_cast<long>(::getpid()));
    const std::string command = std::string("'") + CPCT_MAKE_TEST_CERTS + "' '" + d + "'";
    if (std::system(command.c_str()) == 0) path = d;
  }
  ~CertDir() {
    std::error_code ignored;
    if (!path.empty()) std::filesystem::remove_all(path, ignored);
  }
};

const std::string& certs() {
  static const CertDir dir;
  return dir.path;
}

// A TLS server on 127.0.0.1 running one script per connection after the
// handshake; a script writes raw HTTP bytes through TLS and ends when the
// client goes away.
class TlsConnection {
 public:
  TlsConnection(tcp::socket socket, ssl::context& context) : stream_(std::move(socket), context) {}
  bool handshake() {
    boost::system::error_code ec;
    stream_.handshake(ssl::stream_base::server, ec);
    return !ec;
  }
  // Bytes until the end of a request of ours (its body is "{}").
  bool read_request() {
    std::string data;
    char chunk[4096];
    boost::system::error_code ec;
    while (data.find("\r\n\r\n{}") == std::string::npos) {
      const std::size_t n = stream_.read_some(asio::buffer(chunk), ec);
      if (ec) return false;
      data.append(chunk, n);
    }
    return true;
  }
  bool write(const std::string& bytes) {
    boost::system::error_code ec;
    asio::write(stream_, asio::buffer(bytes), ec);
    return !ec;
  }
  void close() {
    boost::system::error_code ec;
    stream_.next_layer().close(ec);
  }

 private:
  ssl::stream<tcp::socket> stream_;
};

class TlsServer {
 public:
  using Script = std::function<void(TlsConnection&)>;

  TlsServer(const std::string& cert, const std::string& key, Script script)
      : context_(ssl::context::tls_server),
        script_(std::move(script)),
        acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    context_.use_certificate_chain_file(cert);
    context_.use_private_key_file(key, ssl::context::pem);
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { accept_loop(); });
  }
  ~TlsServer() {
    stopping_ = true;
    asio::io_context io;
    tcp::socket waker(io);
    boost::system::error_code ec;
    waker.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
    thread_.join();
    for (auto& t : peers_) t.join();
  }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  int connections() const { return connections_; }

 private:
  void accept_loop() {
    for (;;) {
      tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (stopping_ || ec) return;
      ++connections_;
      peers_.emplace_back([this, s = std::move(socket)]() mutable {
        TlsConnection connection(std::move(s), context_);
        if (connection.handshake()) script_(connection);
        connection.close();
      });
    }
  }

  ssl::context context_;
  Script script_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::vector<std::thread> peers_;
  std::thread thread_;
};

// Writes `unit` until the client goes away.
void write_forever(TlsConnection& c, const std::string& head, const std::string& unit) {
  if (!c.read_request() || !c.write(head)) return;
  while (c.write(unit)) {
  }
}

class tls_limits_test : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(certs().empty()) << "make_test_certs.sh (openssl) could not make the certificates";
  }
  std::string cert() const { return certs() + "/server.pem"; }
  std::string key() const { return certs() + "/server.key"; }
  TlsOptions trusted() const { return {certs() + "/ca.pem", false}; }
};

}  // namespace

TEST(tls_client_test, a_peer_silent_after_the_client_hello_times_out) {
  ScriptedServer server([](Peer& peer) { peer.wait_for_close(); });
  HttpClient client(Url::parse(https(server)), tls_limits(300ms, {}));
  const HttpResponse response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kTimeout) << response.error;
  EXPECT_EQ(response.error, "no TLS handshake within 300 ms");
}

TEST(tls_client_test, bytes_that_are_not_tls_are_malformed) {
  ScriptedServer server([](Peer& peer) {
    peer.read_until("\n");  // some of the ClientHello
    peer.write(ok_response("{}"));
    peer.wait_for_close();
  });
  HttpClient client(Url::parse(https(server)), tls_limits(5000ms, {}));
  const HttpResponse response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kMalformed) << response.error;
  EXPECT_NE(response.error.find("not a TLS handshake"), std::string::npos) << response.error;
}

TEST(tls_client_test, a_peer_that_hangs_up_in_the_handshake_is_a_reset) {
  ScriptedServer server([](Peer& peer) { peer.read_until("\n"); });
  HttpClient client(Url::parse(https(server)), tls_limits(5000ms, {}));
  const HttpResponse response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kReset) << response.error;
}

TEST(tls_client_test, an_unreadable_ca_file_is_refused_before_any_request) {
  EXPECT_THROW(cpct::net::check_tls_options({"/nonexistent/ca.pem", false}), std::invalid_argument);
  EXPECT_NO_THROW(cpct::net::check_tls_options({}));
  // A client made anyway says so on every send, and never throws.
  HttpClient client(Url::parse("https://127.0.0.1:1"),
                    tls_limits(1000ms, {"/nonexistent/ca.pem", false}));
  const HttpResponse response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kConnectFailed);
  EXPECT_EQ(response.error.rfind(cpct::net::kTlsFailurePrefix, 0), 0u) << response.error;
}

TEST_F(tls_limits_test, keep_alive_reuses_one_tls_connection) {
  TlsServer server(cert(), key(), [](TlsConnection& c) {
    while (c.read_request())
      if (!c.write(ok_response("{\"n\":1}"))) return;
  });
  HttpClient client(Url::parse(server.url()), tls_limits(5000ms, trusted()));
  for (int i = 0; i < 3; ++i) {
    const HttpResponse response = client.send(json_request());
    ASSERT_EQ(response.outcome, Outcome::kResponse) << response.error;
    EXPECT_EQ(response.body, "{\"n\":1}");
  }
  EXPECT_EQ(server.connections(), 1);
}

TEST_F(tls_limits_test, a_close_without_close_notify_after_a_whole_response_is_fine) {
  TlsServer server(cert(), key(), [](TlsConnection& c) {
    if (c.read_request()) c.write(ok_response("{}", true));
  });
  HttpClient client(Url::parse(server.url()), tls_limits(5000ms, trusted()));
  for (int i = 0; i < 2; ++i) {
    const HttpResponse response = client.send(json_request());
    EXPECT_EQ(response.outcome, Outcome::kResponse) << response.error;
  }
  EXPECT_EQ(server.connections(), 2);
}

TEST_F(tls_limits_test, the_system_store_does_not_trust_the_test_ca) {
  TlsServer server(cert(), key(), [](TlsConnection&) {});
  HttpClient client(Url::parse(server.url()), tls_limits(5000ms, {}));
  const HttpResponse response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kConnectFailed);
  EXPECT_EQ(response.error.rfind(cpct::net::kTlsFailurePrefix, 0), 0u) << response.error;
  EXPECT_NE(response.error.find("certificate verify failed"), std::string::npos) << response.error;
  // Verification off: the same server answers.
  TlsServer answering(cert(), key(), [](TlsConnection& c) {
    if (c.read_request()) c.write(ok_response("{}"));
  });
  HttpClient insecure(Url::parse(answering.url()), tls_limits(5000ms, {"", true}));
  EXPECT_EQ(insecure.send(json_request()).outcome, Outcome::kResponse);
}

TEST_F(tls_limits_test, header_cap_holds_over_tls) {
  TlsServer server(cert(), key(), [](TlsConnection& c) {
    write_forever(c, "HTTP/1.1 200 OK\r\n", "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaa\r\n");
  });
  ClientLimits limits = tls_limits(5000ms, trusted());
  limits.max_header_bytes = 4096;
  HttpClient client(Url::parse(server.url()), limits);
  const HttpResponse response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kTooLarge) << response.error;
  EXPECT_EQ(response.error, "response header over 4096 bytes");
}

TEST_F(tls_limits_test, body_cap_holds_over_tls) {
  TlsServer server(cert(), key(), [](TlsConnection& c) {
    write_forever(c, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                  "400\r\n" + std::string(1024, 'a') + "\r\n");
  });
  ClientLimits limits = tls_limits(5000ms, trusted());
  limits.max_body_bytes = 64 * 1024;
  HttpClient client(Url::parse(server.url()), limits);
  const HttpResponse response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kTooLarge) << response.error;
}

TEST_F(tls_limits_test, interim_cap_holds_over_tls) {
  TlsServer server(cert(), key(),
                   [](TlsConnection& c) { write_forever(c, "", "HTTP/1.1 100 Continue\r\n\r\n"); });
  HttpClient client(Url::parse(server.url()), tls_limits(5000ms, trusted()));
  const HttpResponse response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kTimeout) << response.error;
  EXPECT_EQ(response.error, "more than 100 interim (1xx) responses and no final response");
}

TEST_F(tls_limits_test, one_deadline_for_the_exchange_over_tls) {
  // A header, then nothing: the exchange's deadline ends it.
  TlsServer server(cert(), key(), [](TlsConnection& c) {
    if (!c.read_request() || !c.write("HTTP/1.1 200 OK\r\n")) return;
    std::this_thread::sleep_for(3s);
  });
  HttpClient client(Url::parse(server.url()), tls_limits(300ms, trusted()));
  const HttpResponse response = client.send(json_request());
  EXPECT_EQ(response.outcome, Outcome::kTimeout) << response.error;
  EXPECT_EQ(response.error, "no complete response within 300 ms");
}
