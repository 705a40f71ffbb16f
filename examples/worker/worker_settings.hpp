#pragma once
// What the reference worker reads from its environment (docs/worker.md,
// "The worker protocol"): where to call, which action type to poll for, and
// the client token of each clientId a third-party poll may hand out.
#include <chrono>
#include <map>
#include <stdexcept>
#include <string>

#include "reference_client/job_details.hpp"

namespace cpct::worker {

/// The two job-worker flavours; the action type's owner picks one.
enum class Flavour {
  kThirdParty,  // owner "ThirdParty": PollForThirdPartyJobs and friends
  kCustom,      // owner "Custom": PollForJobs and friends
};

struct WorkerSettings {
  std::string endpoint;                              // CPCT_ENDPOINT
  reference_client::ActionTypeId action_type;        // CPCT_ACTION_TYPE, all four members set
  Flavour flavour = Flavour::kCustom;                // from action_type.owner
  std::map<std::string, std::string> client_tokens;  // CPCT_CLIENT_TOKENS: clientId → token
  std::chrono::milliseconds call_timeout{900};       // CPCT_TIMEOUT_MS
};

/// A setting that is missing or unusable; what() says which and why.
class SettingsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Reads CPCT_ENDPOINT (required), CPCT_ACTION_TYPE (required: a JSON
/// ActionTypeId whose owner is ThirdParty or Custom), CPCT_CLIENT_TOKENS
/// (optional: a JSON object of strings) and CPCT_TIMEOUT_MS (optional).
/// Throws SettingsError. The AWS_* variables are ClientConfig's to read.
WorkerSettings settings_from_environment();

/// "ThirdParty/Deploy/Acme/1", for log lines.
std::string describe(const reference_client::ActionTypeId& type);

}  // namespace cpct::worker
