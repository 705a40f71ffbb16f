#pragma once
// The case planner: from the model and the fixtures, every request
// `cpct check server` sends. The same seed gives the same plan.
#include <cstdint>
#include <mutex>
#include <vector>

#include <rapidcheck.h>

#include "check/case.hpp"
#include "model/fixtures.hpp"
#include "model/spec.hpp"

namespace cpct::check {

struct PlanOptions {
  std::uint64_t seed = 1;
  std::size_t generated = 200;  // RapidCheck-generated cases after the planned ones
  std::string operation = "GetThirdPartyJobDetails";
};

/// Every planned case (positive, boundary, violation, semantic, protocol)
/// followed by `generated` generated ones, indexed in order. Generated cases
/// are made when asked for, so a million-case run holds none in memory.
class Plan {
 public:
  Plan(const model::Spec& spec, const model::Fixtures& fixtures, PlanOptions options);

  std::size_t size() const { return planned_.size() + options_.generated; }
  std::size_t planned() const { return planned_.size(); }
  Case at(std::size_t index) const;
  const PlanOptions& options() const { return options_; }

 private:
  PlanOptions options_;
  std::vector<Case> planned_;
  rc::Gen<Case> generator_;
};

/// A generated case, reproducible from (seed, size); used by the planner
/// and, through its shrink tree, by the shrinker.
rc::Gen<Case> generated_case(const model::Spec& spec, const model::Fixtures& fixtures,
                             const std::string& operation);

/// RapidCheck's generation context is process-global, not per thread: every
/// call that runs a generator (or walks a shrink tree) holds this lock.
std::mutex& rapidcheck_mutex();

/// splitmix64: independent seeds for each case from one run seed.
std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t index);

}  // namespace cpct::check
