#pragma once
// cpct's stateful endpoint for one scenario: the lifecycle answers, except
// the calls the scenario's faults name; every call is recorded for the
// judge, bounded so a flooding worker cannot grow it without end.
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/worker/scenario.hpp"
#include "protocol/oracle.hpp"
#include "server/server.hpp"

namespace cpct::check::worker {

/// One call the worker made, as the judge needs it (no secrets: details
/// answers are reduced to their nonce).
struct Call {
  std::chrono::milliseconds at{0};  // since the scenario started
  std::string operation;            // empty when not one of the ten
  nlohmann::json input;             // the request body; null when not a JSON object
  int status = 0;
  std::string error_type;
  std::string fault;                // the injected answer, empty when the lifecycle answered
  std::vector<std::string> handed;  // job ids a poll answer handed out
  std::vector<std::string> nonces;  // with them (custom), or the details' nonce
};

class WorkerEndpoint {
 public:
  static constexpr std::size_t kMaxCalls = 20000;

  WorkerEndpoint(std::shared_ptr<const model::Spec> spec, const Scenario& scenario);
  void start();  // throws server::ServerError
  void stop();
  std::string url() const;

  std::vector<Call> calls() const;
  std::size_t dropped() const;  // calls past kMaxCalls, counted only
  /// Each job's state now: id → JobStatus.
  std::map<std::string, std::string> states() const;

 private:
  server::Reply answer(const server::Request& request, std::string_view request_id);

  const Scenario& scenario_;
  std::shared_ptr<const protocol::Oracle> oracle_;
  std::unique_ptr<server::Server> server_;
  std::chrono::steady_clock::time_point started_;
  mutable std::mutex mutex_;
  std::map<std::string, std::size_t> seen_;  // calls per operation
  std::vector<Call> calls_;
  std::size_t dropped_ = 0;
};

}  // namespace cpct::check::worker
