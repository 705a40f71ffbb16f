// Properties of the codec over the model's whole output shape: valid
// outputs round-trip exactly (so the typed structs cover the model), and
// no bytes, however wrong, make parsing throw.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "gen/shape_gen.hpp"
#include "model/model_file.hpp"
#include "reference_client/json_codec.hpp"

namespace cpct::reference_client {
namespace {

using nlohmann::json;

const model::Shape& output_shape() {
  return *model::embedded_spec()->operation("GetThirdPartyJobDetails").output;
}

// Any JSON value, small: what a broken server might put anywhere.
json draw_any_json(int depth) {
  switch (*rc::gen::inRange(0, depth > 2 ? 5 : 7)) {
    case 0:
      return nullptr;
    case 1:
      return *rc::gen::arbitrary<bool>();
    case 2:
      return *rc::gen::arbitrary<int>();
    case 3:
      return *rc::gen::arbitrary<double>();
    case 4:
      return *rc::gen::container<std::string>(rc::gen::inRange<char>(0x20, 0x7f));
    case 5: {
      json out = json::array();
      for (int n = *rc::gen::inRange(0, 4); n > 0; --n) out.push_back(draw_any_json(depth + 1));
      return out;
    }
    default: {
      json out = json::object();
      for (int n = *rc::gen::inRange(0, 4); n > 0; --n)
        out["m" + std::to_string(n)] = draw_any_json(depth + 1);
      return out;
    }
  }
}

// Every location in `value` a mutation could replace, as JSON pointers.
void locations(const json& value, const json::json_pointer& at,
               std::vector<json::json_pointer>& out) {
  out.push_back(at);
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) locations(member, at / key, out);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) locations(value[i], at / i, out);
  }
}

RC_GTEST_PROP(codec_property, valid_outputs_round_trip_exactly, ()) {
  const json body = *gen::valid_value(output_shape());
  const auto result = parse_output(body.dump());
  RC_ASSERT(result.ok());
  RC_ASSERT(to_json(result.value()) == body);
}

RC_GTEST_PROP(codec_property, parsing_arbitrary_bytes_never_throws, (const std::string& bytes)) {
  const auto result = parse_output(bytes);
  if (result.ok()) RC_ASSERT(decode_output(to_json(result.value())).ok());
}

RC_GTEST_PROP(codec_property, a_valid_body_with_bytes_edited_never_throws, ()) {
  std::string bytes = (*gen::valid_value(output_shape())).dump();
  for (int edits = *rc::gen::inRange(1, 6); edits > 0 && !bytes.empty(); --edits) {
    const auto at = *rc::gen::inRange<std::size_t>(0, bytes.size());
    const auto byte = *rc::gen::arbitrary<char>();
    switch (*rc::gen::inRange(0, 3)) {
      case 0:
        bytes[at] = byte;
        break;
      case 1:
        bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(at), byte);
        break;
      default:
        bytes.erase(at, 1);
    }
  }
  const auto result = parse_output(bytes);
  // Plain bools: RC_ASSERT's operator capture would evaluate both sides of ||.
  const bool read_or_rejected = result.ok() || result.error().kind == ErrorKind::kMalformedResponse;
  RC_ASSERT(read_or_rejected);
}

RC_GTEST_PROP(codec_property, a_mutated_output_is_read_or_rejected_never_thrown, ()) {
  json body = *gen::valid_value(output_shape());
  std::vector<json::json_pointer> where;
  locations(body, json::json_pointer(), where);
  const auto at = *rc::gen::elementOf(where);
  const json replacement = draw_any_json(0);
  if (at.empty())
    body = replacement;
  else
    body[at] = replacement;
  const auto result = parse_output(body.dump());
  if (result.ok()) {
    // What was read is stable: reading its JSON gives it again.
    const auto again = decode_output(to_json(result.value()));
    RC_ASSERT(again.ok());
    RC_ASSERT(again.value() == result.value());
  } else {
    RC_ASSERT(result.error().kind == ErrorKind::kMalformedResponse);
  }
}

}  // namespace
}  // namespace cpct::reference_client
