// fuzz_model_roundtrip: input bytes steer a value builder (FuzzedDataProvider)
// through a shape of the CodePipeline model.
//
// Contract: a value built from the model's constraints for an operation's
// input or output, or for any structure of the model,
//   - serialises as UTF-8 JSON and parses back (as awsJson1_1 reads a body)
//     to an equal value that serialises to the same text;
//   - has no violation when the validator checks it;
//   - as a request body for its operation, is answered by the oracle with
//     neither SerializationException nor ValidationException;
//   - for the operation the reference client speaks (GetThirdPartyJobDetails):
//     the client reads an output as a 200 response and gives back an equal
//     value (to_json), and turns an input into a request whose body is an
//     equal value.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz_support.hpp"
#include "model/validator.hpp"
#include "protocol/json_body.hpp"
#include "reference_client/json_codec.hpp"
#include "reference_client/wire.hpp"
#include "roundtrip_roots.hpp"
#include "value_builder.hpp"

namespace {

using cpct::fuzz::broken;
using cpct::model::Direction;

// The reference client's half: what the model builds, the client reads back.
void check_client(const cpct::fuzz::RoundTripRoot& root, const nlohmann::json& value,
                  const std::string& text) {
  if (root.operation != cpct::reference_client::kOperation) return;
  if (root.direction == Direction::kOutput) {
    cpct::net::HttpResponse response;
    response.status = 200;
    response.headers.push_back({"content-type", cpct::protocol::kContentType});
    response.body = text;
    const auto read = cpct::reference_client::read_response(response);
    if (!read)
      broken("the client rejects a valid output", "body", text, "error", read.error().message);
    const auto back = cpct::reference_client::to_json(read.value());
    if (back != value)
      broken("the client reads a valid output back changed", "built", text, "client", back.dump());
    return;
  }
  const auto input = cpct::reference_client::decode_input(value);
  if (!input)
    broken("the client rejects a valid input", "input", text, "error", input.error().message);
  const auto request = cpct::reference_client::make_request(input.value());
  const auto sent = nlohmann::json::parse(request.body, nullptr, false);
  if (sent != value)
    broken("the client's request body differs from the input", "input", text, "sent", request.body);
}

std::string describe(const std::vector<cpct::model::Violation>& violations) {
  std::string out;
  for (const auto& v : violations) out += v.requirement_id + ": " + v.message + "\n";
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  cpct::fuzz::roundtrip_roots();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider provider(data, size);
  cpct::fuzz::ProviderChooser chooser(provider);
  const auto& root = cpct::fuzz::pick_root(provider);
  const auto value = cpct::fuzz::build_valid(*root.shape, chooser);
  // Some choices lead nowhere valid (a pattern without that length): no value, no claim.
  if (!value) return 0;

  std::string text;
  try {
    text = value->dump();
  } catch (const nlohmann::json::type_error& e) {
    // Not expected: the builder must only make UTF-8 strings.
    broken("a built value is not UTF-8", "error", e.what());
  }
  const auto parsed = cpct::protocol::parse_body(text, false);
  if (parsed.problem != cpct::protocol::BodyParse::Problem::kNone)
    broken("a serialised valid value does not parse back", "text", text, "problem", parsed.detail);
  if (parsed.value != *value || parsed.value.dump() != text)
    broken("the round trip changed the value", "built", text, "parsed", parsed.value.dump());

  const std::string name = root.operation.empty() ? root.shape->name : root.operation;
  const auto violations = cpct::model::validate(name, root.direction, *root.shape, parsed.value);
  if (!violations.empty())
    broken("the validator rejects a value built from the model", "value", text, "violations",
           describe(violations));

  if (!root.operation.empty() && root.direction == Direction::kInput) {
    const auto expected = cpct::fuzz::world().oracle->expect(cpct::protocol::Request{
        cpct::fuzz::target_for(root.operation), cpct::protocol::kContentType, text});
    if (expected.error_type == "SerializationException" ||
        expected.error_type == "ValidationException")
      broken("the oracle rejects a valid input", "input", text, "oracle",
             expected.error_type + ": " + expected.message);
  }
  check_client(root, parsed.value, text);
  return 0;
}
