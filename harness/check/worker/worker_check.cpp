#include "check/worker/worker_check.hpp"

#include <thread>

#include "check/worker/trace_judge.hpp"
#include "check/worker/worker_endpoint.hpp"
#include "check/worker/worker_process.hpp"
#include "model/lifecycle/board.hpp"

namespace cpct::check::worker {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
namespace lc = model::lifecycle;

// The jobs the worker is expected to end: those of its action type.
bool all_ended(const Scenario& scenario, const std::map<std::string, std::string>& states) {
  const std::string key = lc::action_type_key(scenario.action_type);
  for (const auto& job : scenario.fixtures->jobs) {
    if (lc::action_type_key(lc::action_type_of(job)) != key) continue;
    const auto it = states.find(job.id);
    if (it == states.end() || (it->second != "Succeeded" && it->second != "Failed")) return false;
  }
  return true;
}

json timeline(const std::vector<Call>& calls) {
  json out = json::array();
  for (const auto& c : calls) {
    json entry{{"atMs", c.at.count()},
               {"operation", c.operation.empty() ? "(not an operation)" : c.operation},
               {"status", c.status}};
    if (c.input.is_object() && c.input.contains("jobId")) entry["jobId"] = c.input["jobId"];
    if (!c.error_type.empty()) entry["error"] = c.error_type;
    if (!c.fault.empty()) entry["fault"] = c.fault;
    if (!c.handed.empty()) entry["handed"] = c.handed;
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

std::vector<const model::Requirement*> requirements(const model::Catalogue& catalogue) {
  std::vector<const model::Requirement*> out;
  for (const auto& r : catalogue.all())
    if (r.family == model::Family::kWorker) out.push_back(&r);
  return out;
}

Outcome run(const std::shared_ptr<const model::Spec>& spec, const std::vector<Scenario>& scenarios,
            const Options& options, Results& results,
            const std::function<void(const Scenario&)>& on_scenario) {
  Outcome outcome;
  for (std::size_t index = 0; index < scenarios.size(); ++index) {
    const Scenario& scenario = scenarios[index];
    WorkerEndpoint endpoint(spec, scenario);
    try {
      endpoint.start();
    } catch (const std::exception& e) {
      outcome.setup_error = std::string("cannot start cpct's endpoint: ") + e.what();
      return outcome;
    }
    json tokens = json::object();
    for (const auto& [client, token] : scenario.client_tokens) tokens[client] = token;
    auto env = options.credentials;
    env.insert(env.end(), {{"CPCT_ENDPOINT", endpoint.url()},
                           {"CPCT_ACTION_TYPE", scenario.action_type.dump()},
                           {"CPCT_CLIENT_TOKENS", tokens.dump()}});
    WorkerProcess process(options.command, env);
    if (!process.start()) {
      outcome.setup_error = "cannot start the worker: " + process.why();
      return outcome;
    }
    const auto started = Clock::now();
    RunFacts facts;
    std::optional<Clock::time_point> quiet_since;
    for (;;) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      const auto now = Clock::now();
      if ((facts.crashed = process.ended())) break;
      if (now - started >= options.scenario_time) break;
      if (!quiet_since && all_ended(scenario, endpoint.states())) {
        quiet_since = now;
        facts.idle_from = std::chrono::duration_cast<std::chrono::milliseconds>(now - started);
      }
      if (quiet_since && now - *quiet_since >= options.idle_window) break;
    }
    facts.ended_at = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    if (!facts.crashed) {
      const auto [status, took] = process.stop(std::chrono::milliseconds(2000));
      facts.stop_status = status;
      facts.stop_took = took;
      facts.stop_killed = status.find("killed") != std::string::npos &&
                          status.find("signal 15") == std::string::npos;
    }
    endpoint.stop();
    facts.calls = endpoint.calls();
    facts.dropped = endpoint.dropped();
    facts.states = endpoint.states();
    outcome.calls += facts.calls.size() + facts.dropped;
    ++outcome.scenarios;
    // A worker that could not even start (sh: not found) is a setup error.
    if (facts.crashed && *facts.crashed == "exit status 127" && facts.calls.empty()) {
      outcome.setup_error = "the worker command exited 127 at once (command not found?): " +
                            process.output_tail().substr(0, 300);
      return outcome;
    }
    const auto findings = judge_trace(scenario, facts);
    model::Redactor redactor(spec->operation("GetThirdPartyJobDetails").output,
                             scenario.fixtures.get());
    for (const auto& [client, token] : scenario.client_tokens) redactor.add_secret(token);
    redactor.add_environment_secrets();
    results.count_case();
    results.add(index, findings, [&](const Finding& f) {
      FailureRecord record;
      record.case_info = {{"id", scenario.name},
                          {"kind", "worker"},
                          {"name", scenario.name + ": " + scenario.description},
                          {"timeline", timeline(facts.calls)}};
      record.detail = f.detail;
      record.observed = {{"output", redactor.text(process.output_tail())},
                         {"calls", facts.calls.size()}};
      record.reproduce = options.rerun.find(" --scenario ") == std::string::npos
                             ? options.rerun + " --scenario " + scenario.name
                             : options.rerun;
      return record;
    });
    if (on_scenario) on_scenario(scenario);
  }
  return outcome;
}

}  // namespace cpct::check::worker
