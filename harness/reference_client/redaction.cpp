#include "reference_client/redaction.hpp"

#include <ostream>

#include "reference_client/encode.hpp"

namespace cpct::reference_client {
namespace {

std::string dump(const nlohmann::json& value) {
  // Replace, never throw: a debug printer must not fail on odd bytes.
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

nlohmann::json to_redacted_json(const GetThirdPartyJobDetailsOutput& output) {
  return detail::Encoder(true)(output, false);
}

std::string to_debug_string(const GetThirdPartyJobDetailsOutput& output) {
  return dump(to_redacted_json(output));
}

std::string to_debug_string(const AWSSessionCredentials& credentials) {
  return dump(detail::Encoder(true)(credentials, false));
}

std::string to_debug_string(const ClientError& error) {
  std::string out = error.code + " (" + to_string(error.kind);
  if (error.http_status != 0) out += ", HTTP " + std::to_string(error.http_status);
  return out + "): " + error.message;
}

std::ostream& operator<<(std::ostream& out, const GetThirdPartyJobDetailsOutput& output) {
  return out << to_debug_string(output);
}

std::ostream& operator<<(std::ostream& out, const AWSSessionCredentials& credentials) {
  return out << to_debug_string(credentials);
}

std::ostream& operator<<(std::ostream& out, const ClientError& error) {
  return out << to_debug_string(error);
}

template <Message T>
nlohmann::json to_redacted_json(const T& value) {
  return detail::Encoder(true)(value, false);
}

template <Message T>
std::string to_debug_string(const T& value) {
  return dump(to_redacted_json(value));
}

template <Message T>
std::ostream& operator<<(std::ostream& out, const T& value) {
  return out << to_debug_string(value);
}

// The templates for every input and output (operations.hpp).
#define CPCT_REDACTION_MESSAGE(T)                              \
  template nlohmann::json to_redacted_json<T>(const T& value); \
  template std::string to_debug_string<T>(const T& value);     \
  template std::ostream& operator<< <T>(std::ostream& out, const T& value);
#define CPCT_REDACTION_OPERATION(Name) \
  CPCT_REDACTION_MESSAGE(Name##Input)  \
  CPCT_REDACTION_MESSAGE(Name##Output)
CPCT_FOR_EACH_OPERATION(CPCT_REDACTION_OPERATION)
#undef CPCT_REDACTION_OPERATION
#undef CPCT_REDACTION_MESSAGE

}  // namespace cpct::reference_client
