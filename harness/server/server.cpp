#include "server/server.hpp"

#include <csignal>

#include <boost/asio/post.hpp>

#include "server/listener.hpp"
#include "server/tls_context.hpp"

namespace cpct::server {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

tcp::endpoint resolve(asio::io_context& ioc, const std::string& host, std::uint16_t port) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (!ec) return {address, port};
  tcp::resolver resolver(ioc);
  const auto results = resolver.resolve(host, std::to_string(port), ec);
  if (ec || results.empty())
    throw ServerError("cannot resolve host '" + host +
                      "': " + (ec ? ec.message() : std::string("no address")));
  return results.begin()->endpoint();
}

}  // namespace

Server::Server(ServerOptions options, std::shared_ptr<const protocol::Oracle> oracle)
    : options_(std::move(options)),
      oracle_(std::move(oracle)),
      // One thread: tell Asio, so it can skip some locking.
      ioc_(static_cast<int>(options_.threads == 0 ? 1 : options_.threads)) {}

Server::~Server() {
  stop();
  wait();
}

void Server::start() {
  // A bad certificate or key is found before the port is taken.
  std::shared_ptr<boost::asio::ssl::context> tls;
  if (!options_.tls_cert_file.empty() || !options_.tls_key_file.empty())
    tls = server_tls_context(options_.tls_cert_file, options_.tls_key_file);
  const tcp::endpoint wanted = resolve(ioc_, options_.host, options_.port);
  const std::string where = options_.host + ":" + std::to_string(options_.port);
  auto strand = asio::make_strand(ioc_);
  tcp::acceptor acceptor(strand);
  boost::system::error_code ec;
  auto check = [&](const char* what) {
    if (ec) throw ServerError("cannot listen on " + where + ": " + what + ": " + ec.message());
  };
  acceptor.open(wanted.protocol(), ec);
  check("open");
  // Restarting on the same port must not wait for TIME_WAIT; a port held by
  // a live listener still fails, as it should.
  acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  check("set SO_REUSEADDR");
  acceptor.bind(wanted, ec);
  check("bind");
  acceptor.listen(asio::socket_base::max_listen_connections, ec);
  check("listen");
  endpoint_ = acceptor.local_endpoint(ec);
  check("local address");

  auto context = std::make_shared<SessionContext>();
  context->oracle = oracle_;
  context->tls = std::move(tls);
  context->limits = options_.limits;
  if (options_.log) context->log = std::make_shared<RequestLog>(stderr);
  static std::atomic<std::uint64_t> next_serial{1};
  // Serial 0 means no cache (session.hpp).
  context->serial = options_.handler || !options_.answer_cache ? 0 : next_serial++;
  context->handler = options_.handler;
  listener_ = std::make_shared<Listener>(ioc_, strand, std::move(acceptor), std::move(context));
  listener_->start();

  if (options_.handle_signals) {
    signals_.emplace(ioc_, SIGINT, SIGTERM);
    signals_->async_wait([this](boost::system::error_code wait_ec, int) {
      if (!wait_ec) stop();
    });
  }
  const unsigned threads = options_.threads == 0 ? 1 : options_.threads;
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { ioc_.run(); });
}

void Server::stop() {
  if (!listener_ || stopping_.exchange(true)) return;
  asio::post(ioc_, [this] {
    if (signals_) {
      boost::system::error_code ec;
      signals_->cancel(ec);  // else the pending wait keeps the threads running
    }
    listener_->stop();
  });
}

void Server::wait() {
  for (auto& thread : threads_)
    if (thread.joinable()) thread.join();
  threads_.clear();
}

std::string Server::url() const {
  const auto address = endpoint_.address();
  const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  const bool tls = !options_.tls_cert_file.empty();
  return (tls ? "https://" : "http://") + host + ":" + std::to_string(endpoint_.port());
}

std::size_t Server::connections() const {
  return listener_ ? listener_->connections() : 0;
}

std::uint64_t Server::accepted() const {
  return listener_ ? listener_->accepted() : 0;
}

}  // namespace cpct::server
