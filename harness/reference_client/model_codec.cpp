#include "reference_client/model_codec.hpp"

#include <cmath>
#include <cstdint>
#include <limits>

#include "model/json_depth.hpp"
#include "protocol/json_body.hpp"
#include "reference_client/wire.hpp"

namespace cpct::reference_client {
namespace {

using model::ShapeType;
using nlohmann::json;

struct Malformed {
  std::string message;
};

// Deeper than any model nests: a hostile body must not overflow the stack.
constexpr int kMaxDepth = 128;

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw Malformed{(path.empty() ? std::string("the output") : path) + ": " + what};
}

std::string got(const json& value) {
  return std::string("got ") + value.type_name();
}

json read(const json& value, const model::Shape& shape, const std::string& path, int depth) {
  if (depth > kMaxDepth) fail(path, "nested too deeply");
  switch (shape.type) {
    case ShapeType::kStructure: {
      if (!value.is_object()) fail(path, "expected an object, " + got(value));
      json out = json::object();
      for (const auto& member : shape.members) {
        const auto it = value.find(member.name);
        if (it == value.end() || it->is_null()) continue;  // null is absent
        out[member.name] = read(*it, *member.shape, path + "." + member.name, depth + 1);
      }
      return out;  // members the model does not name are dropped
    }
    case ShapeType::kList: {
      if (!value.is_array()) fail(path, "expected a list (JSON array), " + got(value));
      json out = json::array();
      std::size_t index = 0;
      for (const auto& element : value) {
        const std::string at = path + "[" + std::to_string(index++) + "]";
        if (element.is_null()) fail(at, "a null list element");
        out.push_back(read(element, *shape.list_member.shape, at, depth + 1));
      }
      return out;
    }
    case ShapeType::kMap: {
      if (!value.is_object()) fail(path, "expected a map (JSON object), " + got(value));
      json out = json::object();
      for (const auto& [key, item] : value.items()) {
        const std::string at = path + "[key]";  // a key may be a secret's name: not printed
        if (item.is_null()) fail(at, "a null map value");
        out[key] = read(item, *shape.map_value.shape, at, depth + 1);
      }
      return out;
    }
    case ShapeType::kString:
    case ShapeType::kBlob:  // base64 text on the wire
      if (!value.is_string()) fail(path, "expected a string, " + got(value));
      return value;
    case ShapeType::kBoolean:
      if (!value.is_boolean()) fail(path, "expected a boolean, " + got(value));
      return value;
    case ShapeType::kInteger:
    case ShapeType::kLong: {
      if (!value.is_number_integer()) fail(path, "expected an integer, " + got(value));
      if (shape.type == ShapeType::kInteger) {
        const bool fits = value.is_number_unsigned()
                              ? value.get<std::uint64_t>() <= std::numeric_limits<int>::max()
                              : value.get<std::int64_t>() >= std::numeric_limits<int>::min() &&
                                    value.get<std::int64_t>() <= std::numeric_limits<int>::max();
        if (!fits) fail(path, "an integer out of the 32-bit range");
      }
      return value;
    }
    case ShapeType::kDouble:
    case ShapeType::kFloat:
      // Smithy's JSON protocols carry non-finite numbers as these strings.
      if (value.is_string()) {
        const auto& text = value.get_ref<const std::string&>();
        if (text == "NaN" || text == "Infinity" || text == "-Infinity") return value;
      }
      if (!value.is_number()) fail(path, "expected a number, " + got(value));
      return value;
    case ShapeType::kTimestamp:
      if (!value.is_number()) fail(path, "expected a timestamp (epoch seconds), " + got(value));
      return value;
    default:
      return value;  // documents: any JSON
  }
}

ClientError malformed(std::string message, int status) {
  return {codes::kMalformedResponse, std::move(message), status, ErrorKind::kMalformedResponse};
}

}  // namespace

net::HttpRequest make_model_request(const model::Spec& spec, const model::Operation& op,
                                    const json& input, const std::string& endpoint_path) {
  net::HttpRequest request;
  request.method = "POST";
  request.target = request_target(endpoint_path);
  request.headers = {{"Content-Type", spec.wire.content_type},
                     {"X-Amz-Target", spec.metadata.target_prefix + "." + op.name}};
  request.body = input.dump(-1, ' ', false, json::error_handler_t::replace);
  return request;
}

Result<json> read_by_shape(const json& value, const model::Shape& shape) {
  try {
    return read(value, shape, "", 0);
  } catch (const Malformed& e) {
    return malformed(e.message, 0);
  }
}

Result<json> read_model_response(const net::HttpResponse& response, const model::Shape* output) {
  if (response.outcome != net::HttpResponse::Outcome::kResponse) return transport_error(response);
  if (response.status < 200 || response.status > 299) return read_error(response);
  // Zero bytes are the empty output (Smithy, json_1_1_service_responds_with_no_payload).
  if (response.body.empty()) return json::object();
  if (constexpr auto limit = static_cast<std::size_t>(kMaxDepth);
      model::json_nesting_depth(response.body, limit) > limit)
    return malformed("the response body nests too deeply", response.status);
  // Depth checked just above: no second scan.
  const auto parsed = protocol::parse_body(response.body, false, protocol::kAnyJsonDepth);
  if (parsed.problem != protocol::BodyParse::Problem::kNone)
    return malformed("the response body is not JSON: " + parsed.detail, response.status);
  if (!parsed.value.is_object())
    return malformed(std::string("the response body is not an object: ") + parsed.value.type_name(),
                     response.status);
  if (output == nullptr) return json::object();
  auto out = read_by_shape(parsed.value, *output);
  if (!out) {
    ClientError error = out.error();
    error.http_status = response.status;
    return error;
  }
  return out;
}

}  // namespace cpct::reference_client
