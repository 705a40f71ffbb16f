#pragma once
// The fixtures file (docs/contracts.md): which jobs exist on the server under
// test. Loaded strictly: every error names the file, the job and the path.
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/spec.hpp"

namespace cpct::model {

enum class JobKind { kThirdParty, kCustom };
const char* to_string(JobKind kind);  // "third-party" / "custom"

struct FixtureJob {
  std::string id;
  std::string client_token;
  JobKind kind = JobKind::kThirdParty;
  nlohmann::json job_details;  // exactly as in the file

  // The lifecycle (docs/worker.md); every key optional in the file.
  std::string state = "InProgress";  // initial JobStatus: a job a worker already holds
  std::string client_id;             // handed out by a third-party poll
  nlohmann::json action_type;        // null: jobDetails.data.actionTypeId, if any
  std::string nonce;                 // empty: jobDetails.nonce, if any
};

class FixturesError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Fixtures {
 public:
  std::string origin;  // the file name, for messages
  std::vector<FixtureJob> jobs;
  /// Action types registered with no job (the jobs' own are registered too).
  std::vector<nlohmann::json> action_types;
  /// How long a dispatched job waits for its acknowledgement before a poll
  /// hands it out again.
  long long acknowledge_timeout_ms = 30000;

  const FixtureJob* find(const std::string& id) const;
  void index();  // rebuilds the id index after jobs change

 private:
  std::unordered_map<std::string, std::size_t> by_id_;
};

/// The operation whose fixtures these are.
inline constexpr const char* kFixturesOperation = "GetThirdPartyJobDetails";

/// Checks `document` against `spec` (GetThirdPartyJobDetails's input and
/// output shapes). Throws FixturesError.
Fixtures parse_fixtures(const nlohmann::json& document, const std::string& origin,
                        const Spec& spec);

/// Reads and parses a fixtures file. Throws FixturesError.
Fixtures load_fixtures_file(const std::string& path, const Spec& spec);

}  // namespace cpct::model
