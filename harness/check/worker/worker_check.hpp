#pragma once
// `cpct check worker`: each scenario on a fresh endpoint, the worker started
// against it, stopped once its jobs have ended (and a quiet second has shown
// how it polls an empty queue) or the scenario's time is up; then the trace
// judged. A worker that hangs, crashes or floods is a finding, not a stuck run.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "check/results.hpp"
#include "check/worker/scenario.hpp"
#include "model/redact.hpp"

namespace cpct::check::worker {

struct Options {
  std::string command;
  std::chrono::milliseconds scenario_time{8000};                 // the most one scenario may take
  std::chrono::milliseconds idle_window{700};                    // watched after the last job ended
  std::vector<std::pair<std::string, std::string>> credentials;  // AWS_* for the worker
  std::string rerun;  // the run's rerun line; a failure's reproducer adds --scenario
};

struct Outcome {
  std::size_t scenarios = 0;
  std::size_t calls = 0;
  std::string setup_error;  // the worker cannot be started
};

std::vector<const model::Requirement*> requirements(const model::Catalogue& catalogue);

Outcome run(const std::shared_ptr<const model::Spec>& spec, const std::vector<Scenario>& scenarios,
            const Options& options, Results& results,
            const std::function<void(const Scenario&)>& on_scenario);

}  // namespace cpct::check::worker
