#pragma once
// What a report says about the run itself.
#include <string>

#include <nlohmann/json.hpp>

namespace cpct::report {

struct RunInfo {
  std::string version;  // cpct's
  std::uint64_t seed = 0;
  nlohmann::json target;  // {"kind": "server", "endpoint": ..., "fixtures": ...}
  nlohmann::json model;   // {"service": ..., "apiVersion": ...}
  std::string started;    // ISO 8601, UTC
  double seconds = 0;
  std::string rerun;  // the command that runs exactly this check again
  std::string operation = "GetThirdPartyJobDetails";  // the operation checked
  /// {"file", "recorded", "gone": [{"id", "reason"}]} with --baseline; else null.
  nlohmann::json baseline;
  /// {"index", "count", "plan"} for a server check (--shard); else null.
  nlohmann::json shard;
  /// Why and when the run was cut short: {"reason": "max-seconds" |
  /// "signal", "after_ms", and "bound_ms" or "signal"}; null when it ran to
  /// its end.
  nlohmann::json stopped;
};

}  // namespace cpct::report
