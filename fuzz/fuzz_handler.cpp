// fuzz_handler: request bytes -> the reference endpoint's handler, in process,
// with the example fixtures loaded.
//
// Contract (differential against the oracle, AWS-FACTS.md "What the server
// must answer"): for every input, server::handle() answers with
//   - the oracle's status, and a body byte-equal to the oracle's expected
//     body as nlohmann dumps it;
//   - Content-Type application/x-amz-json-1.1, a matching Content-Length and
//     an x-amzn-RequestId;
//   - a JSON object body; on an error, a non-empty "__type" that resolves to
//     the oracle's error type;
//   - never a 5xx.
// A broken contract prints both sides and aborts.
//
// Input: one selector byte (target, content type, HTTP version; see
// handler_input.hpp) and the body. The model-aware mutator (json_mutator.hpp)
// rewrites the body as JSON guided by the model.
#include <cstddef>
#include <cstdint>
#include <string>

#include <boost/beast/http/field.hpp>

#include "fuzz_support.hpp"
#include "handler_input.hpp"
#include "json_mutator.hpp"
#include "protocol/error_type.hpp"
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

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  cpct::fuzz::world();
  cpct::fuzz::start_clock();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& world = cpct::fuzz::world();
  const auto input = cpct::fuzz::decode_handler_input(data, size);

  cpct::server::Request req{http::verb::post, "/", input.version};
  if (input.target) req.set("X-Amz-Target", *input.target);
  if (input.content_type) req.set(http::field::content_type, *input.content_type);
  req.body() = std::string(input.body);
  req.prepare_payload();

  const auto reply = cpct::server::handle(req, *world.oracle, kRequestId);
  const auto expected = world.oracle->expect(cpct::protocol::Request{
      input.target, input.content_type.value_or(""), std::string(input.body)});

  const auto& res = reply.response;
  const int status = static_cast<int>(res.result_int());
  std::string expected_body;
  try {
    expected_body = expected.body.dump();
  } catch (const nlohmann::json::type_error& e) {
    // Not expected: an oracle body that is not UTF-8 cannot be sent as JSON.
    broken("the oracle's expected body is not valid UTF-8", "error", e.what());
  }
  const std::string expected_side =
      std::to_string(expected.status) + " " + expected.error_type + "\n" + expected_body;
  const std::string observed_side =
      std::to_string(status) + " " + reply.error_type + "\n" + res.body();
  if (status != expected.status || res.body() != expected_body ||
      reply.error_type != expected.error_type)
    broken("handler differs from the oracle", "oracle", expected_side, "handler", observed_side);

  require(status < 500, "a 5xx response");
  if (header(res, "Content-Type") != cpct::protocol::kContentType)
    broken("wrong Content-Type", "expected", cpct::protocol::kContentType, "observed",
           header(res, "Content-Type"));
  require(header(res, "Content-Length") == std::to_string(res.body().size()),
          "Content-Length does not match the body");
  require(header(res, "x-amzn-RequestId") == kRequestId, "x-amzn-RequestId missing");

  const auto body = nlohmann::json::parse(res.body(), nullptr, false);
  if (!body.is_object()) broken("the response body is not a JSON object", "body", res.body());
  if (status != 200) {
    const auto type = body.find("__type");
    if (type == body.end() || !type->is_string() || type->get_ref<const std::string&>().empty())
      broken("an error body without a non-empty __type", "body", res.body());
    const auto resolved = cpct::protocol::resolve_error_type(std::nullopt, body);
    if (resolved != expected.error_type)
      broken("the error type does not resolve to the oracle's", "oracle", expected.error_type,
             "resolved", resolved.value_or("(none)"));
  }
  cpct::fuzz::note_outcome(status == 200 ? "200" : expected.error_type);
  return 0;
}

#if defined(CPCT_LIBFUZZER) && !defined(CPCT_FUZZ_BYTE_MUTATION_ONLY)
extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size,
                                               std::size_t max_size, unsigned int seed) {
  return cpct::fuzz::mutate_handler_input(data, size, max_size, seed, &LLVMFuzzerMutate);
}

extern "C" std::size_t LLVMFuzzerCustomCrossOver(const std::uint8_t* data1, std::size_t size1,
                                                 const std::uint8_t* data2, std::size_t size2,
                                                 std::uint8_t* out, std::size_t max_out_size,
                                                 unsigned int seed) {
  return cpct::fuzz::cross_over_handler_inputs(data1, size1, data2, size2, out, max_out_size, seed);
}
#endif
