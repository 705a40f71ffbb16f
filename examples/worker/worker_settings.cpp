#include "worker_settings.hpp"

#include <cstdlib>

#include <nlohmann/json.hpp>

namespace cpct::worker {
namespace {

using nlohmann::json;

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

json parse_json(const char* name, const std::string& text) {
  // No exceptions from the parser: a message that names the variable instead.
  json value = json::parse(text, nullptr, false);
  if (value.is_discarded()) throw SettingsError(std::string(name) + " is not JSON");
  if (!value.is_object()) throw SettingsError(std::string(name) + " is not a JSON object");
  return value;
}

reference_client::ActionTypeId action_type_from(const std::string& text) {
  const json value = parse_json("CPCT_ACTION_TYPE", text);
  reference_client::ActionTypeId type;
  for (auto [name, member] :
       {std::pair{"category", &type.category}, std::pair{"owner", &type.owner},
        std::pair{"provider", &type.provider}, std::pair{"version", &type.version}}) {
    const auto it = value.find(name);
    if (it == value.end() || !it->is_string())
      throw SettingsError(std::string("CPCT_ACTION_TYPE has no string member ") + name);
    *member = it->get<std::string>();
  }
  return type;
}

std::map<std::string, std::string> tokens_from(const std::string& text) {
  std::map<std::string, std::string> tokens;
  if (text.empty()) return tokens;
  const json value = parse_json("CPCT_CLIENT_TOKENS", text);  // outlives the loop's items()
  for (const auto& [client_id, token] : value.items()) {
    // The message names the clientId only: a token is the partner's secret.
    if (!token.is_string())
      throw SettingsError("CPCT_CLIENT_TOKENS: the token of clientId '" + client_id +
                          "' is not a string");
    tokens[client_id] = token.get<std::string>();
  }
  return tokens;
}

std::chrono::milliseconds timeout_from(const std::string& text) {
  if (text.empty()) return std::chrono::milliseconds(900);
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (*end != '\0' || value <= 0 || value > 3'600'000)
    throw SettingsError("CPCT_TIMEOUT_MS='" + text +
                        "' is not a number of milliseconds (1..3600000)");
  return std::chrono::milliseconds(value);
}

}  // namespace

WorkerSettings settings_from_environment() {
  WorkerSettings settings;
  settings.endpoint = env("CPCT_ENDPOINT");
  if (settings.endpoint.empty()) throw SettingsError("CPCT_ENDPOINT is not set");
  const std::string type_text = env("CPCT_ACTION_TYPE");
  if (type_text.empty()) throw SettingsError("CPCT_ACTION_TYPE is not set");
  settings.action_type = action_type_from(type_text);
  const std::string& owner = *settings.action_type.owner;
  if (owner == "ThirdParty")
    settings.flavour = Flavour::kThirdParty;
  else if (owner == "Custom")
    settings.flavour = Flavour::kCustom;
  else
    throw SettingsError("CPCT_ACTION_TYPE has owner '" + owner +
                        "': a job worker polls for ThirdParty or Custom actions only");
  settings.client_tokens = tokens_from(env("CPCT_CLIENT_TOKENS"));
  settings.call_timeout = timeout_from(env("CPCT_TIMEOUT_MS"));
  return settings;
}

std::string describe(const reference_client::ActionTypeId& type) {
  return type.owner.value_or("?") + "/" + type.category.value_or("?") + "/" +
         type.provider.value_or("?") + "/" + type.version.value_or("?");
}

}  // namespace cpct::worker
