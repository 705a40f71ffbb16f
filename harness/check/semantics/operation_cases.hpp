#pragma once
// Operation semantics on the planner's side, registered per operation: the
// requests that exercise what an operation means (known jobs, near-miss
// tokens), which only fixtures can give. The planner, the judge and the
// oracle know no operation by name; an operation without an entry here is
// checked from its model alone.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "check/case.hpp"
#include "model/fixtures.hpp"
#include "model/spec.hpp"

namespace cpct::check::semantics {

/// Where an entry adds its cases; draws are reproducible from the plan's seed.
class CaseSink {
 public:
  virtual ~CaseSink() = default;
  virtual void add(CaseKind kind, std::string name, const nlohmann::json& body) = 0;
  /// A fresh seed for one random draw.
  virtual std::uint64_t next_seed() = 0;
};

/// A generated request: its name and body.
using Named = std::pair<std::string, nlohmann::json>;

class OperationCases {
 public:
  virtual ~OperationCases() = default;
  /// A request the fixtures make succeed: boundary cases vary one member of
  /// it, protocol cases send it broken. nullopt when the fixtures have none.
  virtual std::optional<nlohmann::json> known_request(const model::Fixtures& fixtures) const = 0;
  /// The positive and semantic cases the fixtures give.
  virtual void plan(const model::Operation& op, const model::Fixtures& fixtures,
                    CaseSink& sink) const = 0;
  /// A generated request of the operation's semantics, drawn inside
  /// rc::gen::exec; nullopt leaves the choice to the model-only generator.
  virtual std::optional<Named> generate(const model::Operation& op,
                                        const model::Fixtures& fixtures) const = 0;
};

/// The entry registered for `operation`, or null: checked from the model alone.
const OperationCases* find(const std::string& operation);

}  // namespace cpct::check::semantics
