#pragma once
// The scenarios `cpct check worker` serves a job worker: jobs of its action
// type (and of another, which it must leave alone), generated from the
// model's job data shape, and faults cpct answers instead of the lifecycle
// on chosen calls (throttling, a 5xx, bytes that are not JSON, a lost job).
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/fixtures.hpp"
#include "model/spec.hpp"

namespace cpct::check::worker {

enum class FaultKind { kThrottle, kServerError, kNotJson, kInvalidNonce, kJobNotFound };
const char* to_string(FaultKind kind);

struct Fault {
  std::string operation;  // one of the ten
  std::size_t call = 1;   // its n-th call in the scenario, from 1
  FaultKind kind = FaultKind::kThrottle;
};

struct Scenario {
  std::string name;
  std::string description;
  std::shared_ptr<const model::Fixtures> fixtures;
  nlohmann::json action_type;                        // what the worker polls for
  std::map<std::string, std::string> client_tokens;  // clientId → token (third-party)
  std::vector<Fault> faults;
};

/// The planned scenarios for a worker of `action_type` (owner ThirdParty or
/// Custom), then `generated` more from `seed`. Throws model::FixturesError if
/// the model cannot give a valid job (a --model without these shapes).
std::vector<Scenario> plan_scenarios(const model::Spec& spec, const nlohmann::json& action_type,
                                     std::uint64_t seed, std::size_t generated);

}  // namespace cpct::check::worker
