#pragma once
// What every fuzz target shares: the embedded model and example fixtures,
// the oracle over them, one way to report a broken contract, and a record
// of which oracle outcomes a run has reached (for the time-to-outcome
// benchmark).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "model/fixtures.hpp"
#include "model/spec.hpp"
#include "protocol/oracle.hpp"

namespace cpct::fuzz {

/// corpus/fixtures/example.json, compiled in.
std::string_view embedded_fixtures_json();
/// corpus/fixtures/lifecycle.json, compiled in (fuzz_lifecycle's jobs).
std::string_view embedded_lifecycle_fixtures_json();

/// The embedded CodePipeline spec, the example fixtures and an oracle over
/// both; built on first use, shared for the process's lifetime.
struct World {
  std::shared_ptr<const model::Spec> spec;
  std::shared_ptr<const model::Fixtures> fixtures;
  std::shared_ptr<const protocol::Oracle> oracle;
};
const World& world();
/// The same over the lifecycle fixtures (queued jobs of both flavours, an
/// action type without jobs): what fuzz_lifecycle steps.
const World& lifecycle_world();

/// Prints "cpct-fuzz: contract broken: <what>" and each labelled side in
/// full, then aborts: the fuzzer keeps the input as a crash.
[[noreturn]] void broken(std::string_view what, std::string_view expected_label = {},
                         std::string_view expected = {}, std::string_view observed_label = {},
                         std::string_view observed = {});

/// Aborts with `what` unless `condition` holds.
inline void require(bool condition, std::string_view what) {
  if (!condition) broken(what);
}

/// Notes that `outcome` ("200", "ValidationException", ...) was reached.
/// The first time, prints "cpct-fuzz: outcome <name> first reached after
/// <n> inputs, <s> s" (seconds since the process began fuzzing).
void note_outcome(std::string_view outcome);

/// Call once at start-up (LLVMFuzzerInitialize): starts the outcome clock.
void start_clock();

/// The target header for `operation`: "CodePipeline_20150709.<operation>".
std::string target_for(const std::string& operation);

}  // namespace cpct::fuzz
