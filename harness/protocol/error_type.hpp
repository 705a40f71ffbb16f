#pragma once
// awsJson1_1 error types: how a reader resolves them (docs/aws-facts.md).
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace cpct::protocol {

/// Keeps what is before the first ':', then what is after the last '#':
/// "ns#FooError:http://..." → "FooError".
std::string sanitize_error_type(std::string_view raw);

/// The error type of a response: the X-Amzn-Errortype header first, then the
/// body's top-level "code", then its top-level "__type"; sanitised.
/// std::nullopt when none is a non-empty string.
std::optional<std::string> resolve_error_type(const std::optional<std::string>& header,
                                              const nlohmann::json& body);

/// The error message: top-level "message", else "Message".
std::optional<std::string> resolve_error_message(const nlohmann::json& body);

}  // namespace cpct::protocol
