// cpct-reference-adapter: the reference client behind the adapter protocol
// (docs/contracts.md), so `cpct check client` can test it like any client:
//   CPCT_ENDPOINT=http://127.0.0.1:PORT cpct-reference-adapter < cases.jsonl
// Environment: CPCT_ENDPOINT (required), CPCT_TIMEOUT_MS (per request,
// default 5000), AWS_REGION / AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN.
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "client/adapter.hpp"
#include "client/client.hpp"
#include "client/json_codec.hpp"
#include "client/wire.hpp"

namespace {

using namespace cpct::client;

constexpr const char* kUsage =
    "usage: CPCT_ENDPOINT=http://HOST:PORT cpct-reference-adapter\n"
    "Reads {\"id\", \"operation\", \"input\"} lines on stdin, answers each with one line\n"
    "on stdout. CPCT_TIMEOUT_MS sets the per-request timeout (default 5000).\n";

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

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) {
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
