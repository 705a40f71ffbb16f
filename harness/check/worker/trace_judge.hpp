#pragma once
// Judges the whole trace of a worker's calls in one scenario against the
// worker.* requirements (model/requirements.cpp, docs/worker.md).
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "check/finding.hpp"
#include "check/worker/scenario.hpp"
#include "check/worker/worker_endpoint.hpp"

namespace cpct::check::worker {

struct RunFacts {
  std::vector<Call> calls;
  std::size_t dropped = 0;                    // calls past the trace's bound
  std::map<std::string, std::string> states;  // each job's final state
  std::optional<std::string> crashed;         // how it ended before it was stopped
  std::string stop_status;                    // how it ended when stopped
  std::chrono::milliseconds stop_took{0};
  bool stop_killed = false;
  std::chrono::milliseconds idle_from{-1};  // when the last job ended (-1: never)
  std::chrono::milliseconds ended_at{0};    // when cpct stopped it
};

std::vector<Finding> judge_trace(const Scenario& scenario, const RunFacts& facts);

}  // namespace cpct::check::worker
