// fuzz_session: raw bytes from a client -> one reference-server session
// (server/session.hpp) over Beast's in-memory test::stream, the way Beast
// fuzzes its own HTTP parser: no socket, no threads.
//
// Contract: whatever the client sends before it closes its side,
//   - the session finishes (every handler runs, the session object is
//     freed) without waiting on a timer: no hang, no leak;
//   - what it wrote is a sequence of complete, well-formed HTTP responses
//     (possibly none: a clean close), at most one per request plus one for
//     a request it could not read;
//   - each response is below 500, has Content-Type
//     application/x-amz-json-1.1 and an x-amzn-RequestId, and a JSON object
//     body (empty only for HEAD) whose "__type" is non-empty on an error;
//   - the bytes written stay bounded (64 KiB per response).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "fuzz_support.hpp"
#include "server/session.hpp"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using cpct::fuzz::broken;

constexpr std::size_t kMaxResponseBytes = 64 * 1024;

const std::shared_ptr<const cpct::server::SessionContext>& context() {
  static const auto instance = [] {
    auto c = std::make_shared<cpct::server::SessionContext>();
    c->oracle = cpct::fuzz::world().oracle;
    return std::shared_ptr<const cpct::server::SessionContext>(std::move(c));
  }();
  return instance;
}

// Feeds `bytes` to `parser` until a message is done; at the end of the
// bytes the peer's close is the end of the stream. Returns bytes consumed.
template <class Parser>
std::size_t parse_one(Parser& parser, std::string_view bytes, beast::error_code& ec) {
  std::size_t used = 0;
  while (!parser.is_done()) {
    if (used == bytes.size()) {
      parser.put_eof(ec);
      break;
    }
    const std::size_t n =
        parser.put(boost::asio::buffer(bytes.data() + used, bytes.size() - used), ec);
    used += n;
    if (ec == http::error::need_more) ec = {};
    if (ec) break;
    // No progress: the parser wants bytes that will never come.
    if (n == 0) {
      parser.put_eof(ec);
      break;
    }
  }
  return used;
}

// The methods of the requests in `bytes` as Beast parses them with the
// session's limits: a response to HEAD carries no body, and the response
// parser must be told.
std::vector<http::verb> request_methods(std::string_view bytes) {
  std::vector<http::verb> methods;
  const auto& limits = context()->limits;
  while (!bytes.empty()) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(limits.header_bytes);
    parser.body_limit(limits.body_bytes);
    parser.eager(true);
    beast::error_code ec;
    const std::size_t used = parse_one(parser, bytes, ec);
    if (ec || !parser.is_done() || used == 0) break;
    methods.push_back(parser.get().method());
    if (!parser.get().keep_alive()) break;
    bytes.remove_prefix(used);
  }
  return methods;
}

void check_response(const http::response<http::string_body>& res, bool head, std::string_view all) {
  const auto field = [&](beast::string_view name) {
    const auto it = res.find(name);
    return it == res.end() ? std::string() : std::string(it->value());
  };
  if (res.result_int() >= 500) broken("a 5xx response", "responses", all);
  if (field("Content-Type") != cpct::protocol::kContentType)
    broken("a response without Content-Type application/x-amz-json-1.1", "responses", all);
  if (field("x-amzn-RequestId").empty())
    broken("a response without x-amzn-RequestId", "responses", all);
  if (head) return;
  const auto body = nlohmann::json::parse(res.body(), nullptr, false);
  if (!body.is_object()) broken("a response body that is not a JSON object", "responses", all);
  if (res.result_int() != 200) {
    const auto type = body.find("__type");
    if (type == body.end() || !type->is_string() || type->get_ref<const std::string&>().empty())
      broken("an error response without a non-empty __type", "responses", all);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  context();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  boost::asio::io_context ioc;
  beast::test::stream server(ioc);
  beast::test::stream client(ioc);
  server.connect(client);
  server.append(beast::string_view(input.data(), input.size()));
  server.close_remote();  // the client sent everything and closed its side

  std::weak_ptr<void> alive;
  {
    auto session =
        std::make_shared<cpct::server::Session<beast::test::stream>>(std::move(server), context());
    alive = session;
    session->start();
  }
  // In-memory I/O completes at once; only a timer could keep this waiting.
  ioc.run_for(std::chrono::seconds(5));
  if (!ioc.stopped()) broken("the session did not finish (waiting on a timer?)");
  if (!alive.expired()) broken("the session object outlived its connection");

  const std::string written(client.str());
  const auto methods = request_methods(input);
  std::string_view rest = written;
  std::size_t responses = 0;
  while (!rest.empty()) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(kMaxResponseBytes);
    parser.eager(true);
    const bool head = responses < methods.size() && methods[responses] == http::verb::head;
    parser.skip(head);
    beast::error_code ec;
    const std::size_t used = parse_one(parser, rest, ec);
    if (ec || !parser.is_done() || used == 0)
      broken("the session wrote a malformed or partial HTTP response", "error",
             ec ? ec.message() : "incomplete", "written", written);
    check_response(parser.get(), head, written);
    rest.remove_prefix(used);
    ++responses;
  }
  if (responses > methods.size() + 1)
    broken("more responses than requests", "requests", std::to_string(methods.size()), "written",
           written);
  if (written.size() > kMaxResponseBytes * (responses + 1))
    broken("unbounded output", "bytes", std::to_string(written.size()));
  return 0;
}
