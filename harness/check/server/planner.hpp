#pragma once
// The case planner: from the model and the fixtures, every request
// `cpct check server` sends, for every selected operation. The same seed
// gives the same plan.
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include <rapidcheck.h>

#include "check/case.hpp"
#include "gen/shape_gen.hpp"
#include "model/fixtures.hpp"
#include "model/spec.hpp"

namespace cpct::check {

struct PlanOptions {
  std::uint64_t seed = 1;
  std::size_t generated = 200;  // RapidCheck-generated cases after the planned ones
  /// The operations checked, in the order planned; empty: every operation
  /// of the model.
  std::vector<std::string> operations;
  /// Bytes of drawn bodies (positive, boundary, violation) the plan holds
  /// whole; past them, a case's body is drawn again each time it is asked
  /// for, so a large model's plan stays small in memory.
  std::size_t held_bodies = std::size_t{64} << 20;
};

/// What a run leaves out of its plan (a service profile's requirements
/// turned off). Empty members: nothing.
struct PlanFilter {
  /// A requirement not checked: no case is planned or generated to break it.
  std::function<bool(const std::string& id)> skip;
  /// A planned case to send; one it refuses is left out of the plan (the
  /// answer it expects rests on a requirement not checked).
  std::function<bool(const Case&)> keep;
};

/// Every planned case (per operation: positive, boundary, violation,
/// semantic; then the protocol's) followed by `generated` generated ones,
/// indexed in order. Generated cases are made when asked for, so a
/// million-case run holds none in memory.
class Plan {
 public:
  Plan(const model::Spec& spec, const model::Fixtures& fixtures, PlanOptions options,
       PlanFilter filter = {});

  std::size_t size() const { return planned_.size() + options_.generated; }
  std::size_t planned() const { return planned_.size(); }
  Case at(std::size_t index) const;
  const PlanOptions& options() const { return options_; }
  const PlanFilter& filter() const { return filter_; }

  /// How a planned case's drawn body is drawn again when the case is asked
  /// for, and the hash of the body it drew when planned.
  struct Remake {
    std::function<nlohmann::json()> make;  // empty: the case holds its body
    std::size_t hash = 0;
  };

 private:
  PlanOptions options_;
  PlanFilter filter_;
  std::vector<Case> planned_;
  std::vector<Remake> remakes_;  // one per planned case
  rc::Gen<Case> generator_;
};

/// `operations`, or every operation of `spec` when it is empty.
std::vector<std::string> operations_or_all(const model::Spec& spec,
                                           const std::vector<std::string>& operations);

/// A generated case of one of `operations` (every one when empty),
/// reproducible from (seed, size); used by the planner and, through its
/// shrink tree, by the shrinker.
rc::Gen<Case> generated_case(const model::Spec& spec, const model::Fixtures& fixtures,
                             const std::vector<std::string>& operations,
                             const std::function<bool(const std::string&)>& skip = {});

using gen::rapidcheck_mutex;

/// splitmix64: independent seeds for each case from one run seed.
std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t index);

}  // namespace cpct::check
