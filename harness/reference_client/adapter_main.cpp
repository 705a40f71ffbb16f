// cpct-reference-adapter: the reference client behind the adapter protocol
// (docs/contracts.md), so `cpct check client` can test it like any client:
//   CPCT_ENDPOINT=http://127.0.0.1:PORT cpct-reference-adapter < cases.jsonl
//   CPCT_ENDPOINT=... cpct-reference-adapter --model service-2.json   (any operation)
// Environment: CPCT_ENDPOINT (required, http:// or https://),
// CPCT_TIMEOUT_MS (per request, default 5000), CPCT_CA_FILE (a PEM file
// of CAs to trust for https://), CPCT_INSECURE=1 (verify nothing),
// AWS_REGION / AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN.
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "model/model_file.hpp"
#include "reference_client/adapter.hpp"
#include "reference_client/client.hpp"
#include "reference_client/json_codec.hpp"
#include "reference_client/model_codec.hpp"
#include "reference_client/transport.hpp"
#include "reference_client/wire.hpp"

namespace {

using namespace cpct::reference_client;

constexpr const char* kUsage =
    "usage: CPCT_ENDPOINT=http://HOST:PORT cpct-reference-adapter [--model FILE]\n"
    "Without --model it serves GetThirdPartyJobDetails through the typed client; with\n"
    "a botocore aws-json model, every operation of it, read from the model.\n"
    "Reads {\"id\", \"operation\", \"input\"} lines on stdin, answers each with one line\n"
    "on stdout. CPCT_TIMEOUT_MS sets the per-request timeout (default 5000); for an\n"
    "https:// endpoint CPCT_CA_FILE names a PEM file of CAs to trust (default: the\n"
    "system's) and CPCT_INSECURE=1 turns verification off (test servers only).\n";

// CPCT_TIMEOUT_MS as a positive number of milliseconds, else the default.
std::chrono::milliseconds timeout_from_environment() {
  const char* text = std::getenv("CPCT_TIMEOUT_MS");
  if (!text || !*text) return std::chrono::milliseconds(5000);
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (*end != '\0' || value <= 0 || value > 3'600'000) {
    std::cerr << "cpct-reference-adapter: ignoring CPCT_TIMEOUT_MS='" << text
              << "' (not a number of milliseconds in 1..3600000); using 5000\n";
    return std::chrono::milliseconds(5000);
  }
  return std::chrono::milliseconds(value);
}

// Every operation of the model at `path`, called from the model alone.
int serve_model(const std::string& path, const ClientConfig& config) {
  std::shared_ptr<const cpct::model::Spec> spec;
  std::optional<Transport> transport;
  try {
    spec = cpct::model::load_spec_file(path);
    transport.emplace(TransportConfig{cpct::net::Url::parse(config.endpoint), config.region,
                                      config.credentials, config.timeout, config.max_body_bytes,
                                      spec->metadata.signing_name, config.tls});
    if (transport->config().url.tls) cpct::net::check_tls_options(config.tls);
  } catch (const std::exception& e) {
    std::cerr << "cpct-reference-adapter: " << e.what() << "\n";
    return 2;
  }
  std::map<std::string, CaseHandler> handlers;
  for (const auto& [name, op] : spec->operations) {
    handlers.emplace(
        name, [&spec, &transport, &op = op](const nlohmann::json& input) -> Result<nlohmann::json> {
          if (!input.is_object())
            return ClientError{codes::kInvalidInput, "the input is not a JSON object", 0,
                               ErrorKind::kInvalidInput};
          auto request = make_model_request(*spec, op, input, transport->config().url.path);
          return read_model_response(transport->send(std::move(request)), op.output);
        });
  }
  const Operations operations = [&](const std::string& name) -> const CaseHandler* {
    const auto it = handlers.find(name);
    return it == handlers.end() ? nullptr : &it->second;
  };
  return serve_lines(std::cin, std::cout, operations);
}

}  // namespace

int main(int argc, char** argv) {
  std::string model_path;
  if (argc == 3 && std::strcmp(argv[1], "--model") == 0) {
    model_path = argv[2];
  } else if (argc > 1) {
    const bool help = std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0;
    (help ? std::cout : std::cerr) << kUsage;
    return help ? 0 : 2;
  }
  // A closed pipe is a write error to report, not a signal that kills us.
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);

  const char* endpoint = std::getenv("CPCT_ENDPOINT");
  if (!endpoint || !*endpoint) {
    std::cerr << "cpct-reference-adapter: CPCT_ENDPOINT is not set\n" << kUsage;
    return 2;
  }
  auto config = ClientConfig::from_environment(endpoint);
  config.timeout = timeout_from_environment();
  if (config.tls.insecure)
    std::cerr << "cpct-reference-adapter: CPCT_INSECURE=1: an https:// endpoint's certificate is "
                 "not verified\n";
  if (!model_path.empty()) return serve_model(model_path, config);
  Client client(std::move(config));
  if (client.configuration_error()) {
    std::cerr << "cpct-reference-adapter: " << client.configuration_error()->message << "\n";
    return 2;
  }

  const CaseHandler get_job_details =
      [&client](const nlohmann::json& json_input) -> Result<nlohmann::json> {
    auto input = decode_input(json_input);
    if (!input) return input.error();
    auto output = client.get_third_party_job_details(input.value());
    if (!output) return output.error();
    return to_json(output.value());
  };
  const Operations operations = [&](const std::string& name) -> const CaseHandler* {
    return name == kOperation ? &get_job_details : nullptr;
  };
  return serve_lines(std::cin, std::cout, operations);
}
