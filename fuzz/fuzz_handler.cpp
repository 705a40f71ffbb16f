// fuzz_handler: request bytes -> the reference endpoint's handler, in process,
// with the example fixtures loaded.
//
// Contract (differential against the oracle, docs/aws-facts.md "What a server
// must answer"): for every input, server::handle() answers with
//   - the oracle's answer to the request as sent (target, content type and
//     body handed over unchanged): its status, its error type, and a body
//     byte-equal to its expected body as nlohmann dumps it;
//   - Content-Type application/x-amz-json-1.1, a matching Content-Length and
//     an x-amzn-RequestId;
//   - a JSON object body; on an error, a non-empty "__type" that resolves to
//     the oracle's error type;
//   - never a 5xx.
// A broken contract prints both sides and aborts.
//
// Input: one selector byte (target, content type, HTTP version; see
// handler_input.hpp) and the body. The target is GetThirdPartyJobDetails,
// any of the lifecycle's ten operations, two operations of the model the
// endpoint does not serve, or a wrong one. The model-aware mutator
// (json_mutator.hpp, hooked in by handler_mutator_hooks.cpp) rewrites the
// body as JSON guided by the model, for the input shape of the operation
// the selector names.
//
// The handler is stateful (a result ends a job, an acknowledgement claims
// it): every input starts from the fixtures' jobs, the oracle's board reset
// when the input before changed it, so an input answers alike whatever ran
// before it (the lifecycle over several requests is fuzz_lifecycle's).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include <boost/beast/http/field.hpp>

#include "fuzz_support.hpp"
#include "handler_input.hpp"
#include "model/validator.hpp"
#include "protocol/error_type.hpp"
#include "server/answer_cache.hpp"
#include "server/handler.hpp"

namespace {

namespace http = boost::beast::http;
using cpct::fuzz::broken;
using cpct::fuzz::require;

constexpr const char* kRequestId = "00000000-0000-4000-8000-000000000000";

std::string header(const cpct::server::Response& res, boost::beast::string_view name) {
  const auto it = res.find(name);
  return it == res.end() ? std::string() : std::string(it->value());
}

std::string describe(const cpct::protocol::Request& r) {
  return "target " + r.target.value_or("(absent)") + "\ncontent type " + r.content_type +
         "\nbody " + r.body;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  cpct::fuzz::world();
  cpct::fuzz::start_clock();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& world = cpct::fuzz::world();
  const auto input = cpct::fuzz::decode_handler_input(data, size);
  // Back to the fixtures' jobs when the last input changed one (a reset
  // changes the generation, which empties the answer cache: only then).
  static std::uint64_t clean = world.oracle->board().generation();
  if (world.oracle->board().generation() != clean) {
    world.oracle->board().reset();
    clean = world.oracle->board().generation();
  }

  cpct::server::Request req{http::verb::post, "/", input.version};
  if (input.target) req.set("X-Amz-Target", *input.target);
  if (input.content_type) req.set(http::field::content_type, *input.content_type);
  req.body() = std::string(input.body);
  req.prepare_payload();

  // A cache as `cpct serve` keeps one: a repeated request is answered from
  // it, and must still equal the oracle's answer.
  static cpct::server::AnswerCache cache;
  const auto reply = cpct::server::handle(req, *world.oracle, kRequestId, &cache);
  const cpct::protocol::Request sent{input.target, input.content_type.value_or(""),
                                     std::string(input.body)};
  // The oracle's answer to the request as sent. When the handler asked the
  // oracle, it hands over the question and the answer: the question must be
  // the request as sent, and the answer is not asked for twice (the oracle
  // is a pure function; prop_oracle checks it answers alike every time).
  // On a cache hit the oracle is asked here.
  std::optional<cpct::protocol::Expected> asked_here;
  if (reply.decision && reply.decision->asked != sent)
    broken("the handler asked the oracle about another request", "sent", describe(sent), "asked",
           describe(reply.decision->asked));
  if (!reply.decision) asked_here = world.oracle->expect(sent);
  const auto& expected = reply.decision ? reply.decision->answer : *asked_here;

  const auto& res = reply.response;
  const int status = static_cast<int>(res.result_int());
  // A fixture job's answer is serialised once by the oracle (body_text):
  // checked against the body the first time it is seen, then trusted.
  static std::set<const std::string*> checked_texts;
  std::string expected_body;
  if (expected.declared_outcome) {
    // No semantics decide: the handler answers a generated output, which
    // must be a 200 whose body conforms to the operation's output shape.
    if (status != 200 || !reply.error_type.empty())
      broken("a declared outcome not answered with a generated output", "handler",
             std::to_string(status) + " " + reply.error_type + "\n" + res.body());
    const auto body = nlohmann::json::parse(res.body(), nullptr, false);
    const auto& op = world.spec->operation(expected.operation);
    if (!body.is_object())
      broken("a generated output that is not a JSON object", "body", res.body());
    if (op.output) {
      const auto violations =
          cpct::model::validate(op.name, cpct::model::Direction::kOutput, *op.output, body);
      if (!violations.empty())
        broken("a generated output that violates the output shape", "body", res.body(), "violation",
               violations.front().message);
    }
    cpct::fuzz::note_outcome("generated " + op.name);
    return 0;
  }
  try {
    if (expected.body_text && checked_texts.contains(expected.body_text.get())) {
      expected_body = *expected.body_text;
    } else {
      expected_body = expected.body->dump();
      if (expected.body_text) {
        if (*expected.body_text != expected_body)
          broken("the oracle's ready-made body differs from its body", "body", expected_body,
                 "text", *expected.body_text);
        checked_texts.insert(expected.body_text.get());
      }
    }
  } catch (const nlohmann::json::type_error& e) {
    // Not expected: an oracle body that is not UTF-8 cannot be sent as JSON.
    broken("the oracle's expected body is not valid UTF-8", "error", e.what());
  }
  if (status != expected.status || res.body() != expected_body ||
      reply.error_type != expected.error_type)
    broken("handler differs from the oracle", "oracle",
           std::to_string(expected.status) + " " + expected.error_type + "\n" + expected_body,
           "handler", std::to_string(status) + " " + reply.error_type + "\n" + res.body());

  require(status < 500, "a 5xx response");
  if (header(res, "Content-Type") != cpct::protocol::kContentType)
    broken("wrong Content-Type", "expected", cpct::protocol::kContentType, "observed",
           header(res, "Content-Type"));
  require(header(res, "Content-Length") == std::to_string(res.body().size()),
          "Content-Length does not match the body");
  require(header(res, "x-amzn-RequestId") == kRequestId, "x-amzn-RequestId missing");

  // The body equals expected_body byte for byte, so its JSON is *expected.body:
  // no second parse needed to check its form.
  if (!expected.body->is_object())
    broken("the response body is not a JSON object", "body", res.body());
  if (status != 200) {
    const auto type = expected.body->find("__type");
    if (type == expected.body->end() || !type->is_string() ||
        type->get_ref<const std::string&>().empty())
      broken("an error body without a non-empty __type", "body", res.body());
    const auto resolved = cpct::protocol::resolve_error_type(std::nullopt, *expected.body);
    if (resolved != expected.error_type)
      broken("the error type does not resolve to the oracle's", "oracle", expected.error_type,
             "resolved", resolved.value_or("(none)"));
  }
  cpct::fuzz::note_outcome(status == 200 ? "200" : expected.error_type);
  return 0;
}
