#include "protocol/error_type.hpp"

namespace cpct::protocol {
namespace {

std::optional<std::string> string_member(const nlohmann::json& body, const char* key) {
  if (!body.is_object()) return std::nullopt;
  const auto it = body.find(key);
  if (it == body.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

std::string sanitize_error_type(std::string_view raw) {
  if (const auto colon = raw.find(':'); colon != std::string_view::npos) raw = raw.substr(0, colon);
  if (const auto hash = raw.rfind('#'); hash != std::string_view::npos) raw = raw.substr(hash + 1);
  return std::string(raw);
}

std::optional<std::string> resolve_error_type(const std::optional<std::string>& header,
                                              const nlohmann::json& body) {
  for (const auto& candidate :
       {header, string_member(body, "code"), string_member(body, "__type")}) {
    if (!candidate) continue;
    auto type = sanitize_error_type(*candidate);
    if (!type.empty()) return type;
  }
  return std::nullopt;
}

std::optional<std::string> resolve_error_message(const nlohmann::json& body) {
  if (auto message = string_member(body, "message")) return message;
  return string_member(body, "Message");
}

}  // namespace cpct::protocol
