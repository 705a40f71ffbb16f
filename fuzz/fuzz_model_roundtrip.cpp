// fuzz_model_roundtrip: input bytes steer a value builder (FuzzedDataProvider)
// through a shape of the CodePipeline model.
//
// Contract: a value built from the model's constraints for an operation's
// input or output, or for any structure of the model,
//   - serialises as UTF-8 JSON and parses back (as awsJson1_1 reads a body)
//     to an equal value that serialises to the same text;
//   - has no violation when the validator checks it;
//   - as a request body for its operation, is answered by the oracle with
//     neither SerializationException nor ValidationException.
// The client parse-back half of this contract comes with the reference
// client (issue 6, target 3).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz_support.hpp"
#include "model/validator.hpp"
#include "protocol/json_body.hpp"
#include "value_builder.hpp"

namespace {

using cpct::fuzz::broken;
using cpct::model::Direction;
using cpct::model::Shape;

class ProviderChooser final : public cpct::fuzz::Chooser {
 public:
  explicit ProviderChooser(FuzzedDataProvider& provider) : provider_(provider) {}
  std::uint64_t in_range(std::uint64_t lo, std::uint64_t hi) override {
    return provider_.ConsumeIntegralInRange<std::uint64_t>(lo, hi);
  }

 private:
  FuzzedDataProvider& provider_;
};

struct Root {
  std::string operation;  // empty for a structure that is no operation's root
  Direction direction = Direction::kInput;
  const Shape* shape = nullptr;
};

const std::vector<Root>& roots() {
  static const std::vector<Root> all = [] {
    std::vector<Root> out;
    const auto& spec = *cpct::fuzz::world().spec;
    for (const auto& [name, op] : spec.operations) {
      if (op.input) out.push_back({name, Direction::kInput, op.input});
      if (op.output) out.push_back({name, Direction::kOutput, op.output});
    }
    for (const auto& [name, shape] : spec.shapes)
      if (shape.type == cpct::model::ShapeType::kStructure && !shape.exception)
        out.push_back({"", Direction::kOutput, &shape});
    return out;
  }();
  return all;
}

std::string describe(const std::vector<cpct::model::Violation>& violations) {
  std::string out;
  for (const auto& v : violations) out += v.requirement_id + ": " + v.message + "\n";
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  roots();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider provider(data, size);
  ProviderChooser chooser(provider);
  const auto& root = roots()[chooser.in_range(0, roots().size() - 1)];
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
  return 0;
}
