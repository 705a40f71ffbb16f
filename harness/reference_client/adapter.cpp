#include "reference_client/adapter.hpp"

#include "model/json_depth.hpp"

#include <exception>
#include <istream>
#include <ostream>

namespace cpct::reference_client {
namespace {

using nlohmann::json;

std::string dump(const json& value) {
  // One line whatever the strings hold (escapes keep newlines out); bytes
  // that are not UTF-8 (a header echoed into a code) become U+FFFD.
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The id leads each reply, so a person reading the stream can follow it.
std::string reply_line(const json& id, const char* kind, const json& value) {
  return "{\"id\":" + dump(id) + ",\"" + kind + "\":" + dump(value) + "}";
}

std::string error_line(const json& id, const std::string& code, const std::string& message) {
  return reply_line(id, "error", {{"code", code}, {"message", message}});
}

// The string id of a line that is not JSON, when `"id": "..."` is readable.
json salvage_id(std::string_view line) {
  const auto key = line.find("\"id\"");
  if (key == std::string_view::npos) return nullptr;
  auto at = line.find_first_not_of(" \t", key + 4);
  if (at == std::string_view::npos || line[at] != ':') return nullptr;
  at = line.find_first_not_of(" \t", at + 1);
  if (at == std::string_view::npos || line[at] != '"') return nullptr;
  const auto end = line.find_first_of("\"\\", at + 1);
  if (end == std::string_view::npos || line[end] != '"') return nullptr;
  return json(std::string(line.substr(at + 1, end - at - 1)));
}

constexpr std::size_t kMaxNesting = 256;

std::string reply(std::string_view line, const Operations& operations) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  // Copies of a deep value recurse; no real input nests this far.
  if (model::json_nesting_depth(line, kMaxNesting) > kMaxNesting)
    return error_line(salvage_id(line), kInvalidAdapterRequest, "the line nests too deeply");
  const json request = json::parse(line, nullptr, false);
  if (request.is_discarded())
    return error_line(salvage_id(line), kInvalidAdapterRequest, "the line is not JSON");
  if (!request.is_object())
    return error_line(nullptr, kInvalidAdapterRequest,
                      std::string("the line is JSON but not an object: ") + request.type_name());
  // Ids are strings in the protocol; scalars are echoed too. A structured id
  // is not copied or printed: that recurses, and a deep one would overflow.
  const auto id_it = request.find("id");
  const json id = id_it != request.end() && id_it->is_primitive() ? *id_it : json(nullptr);
  const auto op = request.find("operation");
  if (op == request.end() || !op->is_string())
    return error_line(id, kInvalidAdapterRequest, "the request has no operation name");
  const CaseHandler* handler = operations(op->get<std::string>());
  if (!handler)
    return error_line(id, kUnknownOperation,
                      "this adapter does not serve operation '" + op->get<std::string>() + "'");
  const auto input = request.find("input");
  static const json kNoInput = json::object();
  const json& input_value = input == request.end() ? kNoInput : *input;  // no copy (see id)
  const Result<json> result = (*handler)(input_value);
  if (!result) return error_line(id, result.error().code, result.error().message);
  return reply_line(id, "output", result.value());
}

}  // namespace

std::string reply_to_line(std::string_view line, const Operations& operations) {
  try {
    return reply(line, operations);
  } catch (const std::exception& e) {
    // Out of memory and the like: the case still gets its one line.
    return error_line(nullptr, codes::kInternalError, e.what());
  }
}

int serve_lines(std::istream& in, std::ostream& out, const Operations& operations) {
  std::string line;
  while (std::getline(in, line)) {
    out << reply_to_line(line, operations) << '\n';
    out.flush();
    if (!out) return 1;
  }
  return 0;
}

}  // namespace cpct::reference_client
