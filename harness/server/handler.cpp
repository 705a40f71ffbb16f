#include "server/handler.hpp"

#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include "server/generated_output.hpp"

namespace cpct::server {
namespace {

namespace beast = boost::beast;

// Beast 1.74 speaks boost::string_view.
std::string_view std_view(beast::string_view s) {
  return {s.data(), s.size()};
}
beast::string_view beast_view(std::string_view s) {
  return {s.data(), s.size()};
}

// Client-supplied text quoted in a message is cut short: it is for humans.
std::string quote(std::string_view text) {
  constexpr std::size_t kMax = 200;
  if (text.size() <= kMax) return std::string(text);
  return std::string(text.substr(0, kMax)) + "...";
}

Reply make_reply_bytes(http::status status, std::string body, std::string error_type,
                       unsigned version, std::string_view request_id,
                       std::string_view content_type) {
  Reply reply;
  auto& res = reply.response;
  res.result(status);
  res.version(version);
  res.set(http::field::content_type, beast_view(content_type));
  res.set("x-amzn-RequestId", beast_view(request_id));
  res.body() = std::move(body);
  res.content_length(res.body().size());
  reply.error_type = std::move(error_type);
  return reply;
}

// Messages may quote bytes that are not UTF-8 (a header value): replace
// them rather than throw, the body stays valid JSON.
std::string serialise(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Reply make_reply(http::status status, const nlohmann::json& body, std::string error_type,
                 unsigned version, std::string_view request_id, std::string_view content_type) {
  return make_reply_bytes(status, serialise(body), std::move(error_type), version, request_id,
                          content_type);
}

Reply ask_oracle(const Request& request, const protocol::Oracle& oracle,
                 std::string_view request_id, AnswerCache* cache) {
  protocol::Request in;
  if (const auto it = request.find("X-Amz-Target"); it != request.end())
    in.target = std::string(std_view(it->value()));
  const std::string& body = request.body();
  if (cache != nullptr) cache->sync(oracle.board().generation());
  const std::string& content_type = oracle.spec().wire.content_type;
  if (cache != nullptr && in.target) {
    if (const std::string* answer = cache->find(*in.target, body))
      return make_reply_bytes(http::status::ok, *answer, "", request.version(), request_id,
                              content_type);
  }
  if (const auto it = request.find(http::field::content_type); it != request.end())
    in.content_type = std::string(std_view(it->value()));
  in.body = body;
  protocol::Expected expected = oracle.expect(in);
  if (expected.declared_outcome) {
    // No semantics decide: a mock's answer, an output drawn from the model.
    expected.body_text = std::make_shared<const std::string>(generated_output(
        oracle.spec().operation(expected.operation), in.target.value_or(""), body));
    expected.cacheable = true;
  }
  Reply reply =
      expected.body_text
          ? make_reply_bytes(static_cast<http::status>(expected.status), *expected.body_text,
                             expected.error_type, request.version(), request_id, content_type)
          : make_reply(static_cast<http::status>(expected.status), *expected.body,
                       expected.error_type, request.version(), request_id, content_type);
  if (cache != nullptr && in.target && expected.status == 200 && expected.cacheable)
    cache->store(*in.target, body, reply.response.body());
  reply.decision = Reply::Decision{std::move(in), std::move(expected)};
  return reply;
}

// cpct's own paths beside the API (docs/worker.md): the jobs' states, and
// a reset to the fixtures for test suites.
std::optional<Reply> control(const Request& request, std::string_view path,
                             const protocol::Oracle& oracle, std::string_view request_id) {
  if (path == kJobsPath && request.method() == http::verb::get)
    return make_reply(http::status::ok, oracle.board().summary(), "", request.version(), request_id,
                      oracle.spec().wire.content_type);
  if (path == kResetPath && request.method() == http::verb::post) {
    oracle.board().reset();
    return make_reply(http::status::ok, nlohmann::json{{"reset", true}}, "", request.version(),
                      request_id, oracle.spec().wire.content_type);
  }
  return std::nullopt;
}

}  // namespace

Reply error_reply(http::status status, std::string_view type, std::string_view message,
                  unsigned version, std::string_view request_id, std::string_view content_type) {
  Reply reply = make_reply(status, protocol::error_body(std::string(type), std::string(message)),
                           std::string(type), version, request_id, content_type);
  reply.response.keep_alive(false);
  return reply;
}

Reply handle(const Request& request, const protocol::Oracle& oracle, std::string_view request_id,
             AnswerCache* cache) {
  const std::string_view target = std_view(request.target());
  const std::string_view path = target.substr(0, target.find('?'));
  Reply reply;
  const model::Wire& wire = oracle.spec().wire;
  if (auto answer = control(request, path, oracle, request_id)) {
    reply = std::move(*answer);
  } else if (path != "/") {
    reply = make_reply(http::status::not_found,
                       protocol::error_body(kNotFound, "No resource at '" + quote(path) + "'; " +
                                                           wire.name + " requests go to POST /"),
                       kNotFound, request.version(), request_id, wire.content_type);
  } else if (request.method() != http::verb::post) {
    reply =
        make_reply(http::status::method_not_allowed,
                   protocol::error_body(kMethodNotAllowed,
                                        "Method " + quote(std_view(request.method_string())) +
                                            " is not allowed; " + wire.name + " requests are POST"),
                   kMethodNotAllowed, request.version(), request_id, wire.content_type);
    reply.response.set(http::field::allow, "POST");
  } else {
    reply = ask_oracle(request, oracle, request_id, cache);
  }
  reply.response.keep_alive(request.keep_alive());
  // A response to HEAD announces the body's length but carries none.
  if (request.method() == http::verb::head) reply.response.body().clear();
  return reply;
}

std::optional<Reply> reply_to_read_error(boost::beast::error_code ec, unsigned version,
                                         std::string_view request_id,
                                         std::string_view content_type) {
  if (ec == http::error::end_of_stream) return std::nullopt;
  if (ec == http::error::body_limit)
    return error_reply(http::status::payload_too_large, kTooLarge,
                       "The request body is larger than this server accepts", version, request_id,
                       content_type);
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow)
    return error_reply(http::status::request_header_fields_too_large, kHeaderTooLarge,
                       "The request line and headers are larger than this server accepts", version,
                       request_id, content_type);
  if (ec == http::error::partial_message)
    return error_reply(http::status::bad_request, kBadRequest,
                       "The request ended before it was complete", version, request_id,
                       content_type);
  // Every other error of Beast's HTTP category is a malformed request; any
  // other category is the socket failing, with nobody left to answer.
  if (&ec.category() == &http::make_error_code(http::error::bad_method).category())
    return error_reply(http::status::bad_request, kBadRequest,
                       "Malformed HTTP request: " + ec.message(), version, request_id,
                       content_type);
  return std::nullopt;
}

}  // namespace cpct::server
