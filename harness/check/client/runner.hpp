#pragma once
// Runs a client plan: for each case, arm the mock endpoint with the case's
// response, hand the adapter one line, judge what comes back (and what the
// client sent), shrink failures to a minimal response. One case is in
// flight at a time, so every request the endpoint gets belongs to it
// (docs/client.md): nothing in the request has to name the case.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "check/client/adapter_process.hpp"
#include "check/client/judge.hpp"
#include "check/client/mock_endpoint.hpp"
#include "check/client/planner.hpp"
#include "check/results.hpp"
#include "check/shrink.hpp"
#include "model/redact.hpp"

namespace cpct::check {

struct ClientRunConfig {
  std::string adapter;  // the command, as given
  std::chrono::milliseconds timeout{5000};
  std::size_t shrink_attempts = 48;        // candidates per failing requirement
  std::optional<std::size_t> only_case;    // --case cN
  std::string rerun_prefix;                // "cpct check client --adapter ... --seed N"
  std::size_t retries = 2;                 // --retries: a failing case runs again up to this often
  const std::atomic<int>* stop = nullptr;  // non-zero: stop after the case in flight (SIGTERM)
  /// --shrink-budget: shrink candidates (adapter lines) the whole run may
  /// send; 0: no shrinking.
  std::size_t shrink_budget = 1000;
};

class ClientRunner {
 public:
  ClientRunner(const model::Spec& spec, const model::Redactor& redactor, ClientRunConfig config);
  ~ClientRunner();

  /// Starts the mock endpoint and the adapter and asks it once per
  /// operation; false with why() if the adapter cannot be started, does not
  /// answer a first request, or serves none of the plan's operations.
  bool start(const std::vector<std::string>& operations, std::uint64_t seed);
  /// The operations the adapter answered UnknownOperation for: their
  /// cases are not run (untested, not failed).
  const std::vector<std::string>& unsupported() const { return unsupported_; }
  bool supports(const std::string& operation) const;
  const std::string& why() const { return why_; }

  /// Runs `plan` (of the operations the adapter serves); it must outlive the call.
  void run(const ClientPlan& plan, Results& results);
  std::string stderr_tail() const { return adapter_ ? adapter_->stderr_tail() : ""; }
  std::size_t adapter_starts() const { return adapter_ ? adapter_->starts() : 0; }
  std::size_t total(const ClientPlan& plan) const;

 private:
  using Exchange = ClientExchange;
  Exchange exchange(const ClientCase& c);
  FailureRecord record(const ClientCase& c, const Exchange& e, const Finding& f) const;
  /// The case as a report shows it (results.json "case", "shrunkFrom").
  nlohmann::json case_json(const ClientCase& c) const;
  nlohmann::json redact_output(const ClientCase& c, const nlohmann::json& value) const;
  struct Shrunk {
    std::optional<std::pair<ClientCase, Exchange>> minimal;  // none: not one step smaller
    ShrinkStop stop = ShrinkStop::kMinimal;
  };
  Shrunk shrink(const ClientCase& c, const std::string& requirement);
  std::string not_minimal(const Shrunk& s) const;

  const model::Spec& spec_;
  const ClientPlan* plan_ = nullptr;  // while run() runs
  const model::Redactor& redactor_;
  ClientRunConfig config_;
  std::unique_ptr<MockEndpoint> mock_;
  std::unique_ptr<AdapterProcess> adapter_;
  std::mutex armed_mutex_;
  std::optional<ClientCase> armed_;  // the case being answered
  std::vector<std::string> unsupported_;
  std::string why_;
  std::size_t shrink_left_ = 0;  // of config_.shrink_budget; one case at a time
};

}  // namespace cpct::check
