#pragma once
// The lifecycle part of `cpct check server`: random sequences of the ten
// operations against an endpoint reset to its fixtures before each, every
// answer judged by the lifecycle Board, failing sequences shrunk to the
// shortest that still fails; then two pollers at once, which must never
// receive the same job.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "check/lifecycle/sut.hpp"
#include "check/results.hpp"

namespace cpct::check::lifecycle {

struct Options {
  std::uint64_t seed = 0;
  std::size_t sequences = 30;
  int max_length = 30;               // RapidCheck size: sequences grow up to about this
  std::size_t shrink_runs = 200;     // sequences re-run while shrinking one failure
  std::size_t first_case_index = 0;  // results' case indices continue from here
  /// --shard I/N: only the sequences (and the race) whose case index is
  /// I modulo N run here, as with the planned cases.
  std::size_t shard_index = 0;
  std::size_t shard_count = 1;
  std::string endpoint_text;  // for reproducers
  std::size_t pollers = 2;
  /// The run's bound: no sequence (or shrink run, or race) starts after it,
  /// and one it cuts short (its exchanges end at Endpoint's limits.not_after)
  /// is dropped, not judged.
  std::chrono::steady_clock::time_point stop_at = std::chrono::steady_clock::time_point::max();
};

struct Outcome {
  std::size_t sequences_run = 0;
  std::size_t calls = 0;
  std::string setup_error;  // set when the endpoint cannot be reset: nothing ran
  bool stopped = false;     // the run's bound came before the last sequence
};

/// The lifecycle requirements of the model's operations (what the check
/// reports on, untested until a sequence touches them).
std::vector<const model::Requirement*> requirements(const model::Catalogue& catalogue);

Outcome run(const Context& context, const protocol::Oracle& oracle,
            const Endpoint::Config& endpoint, const Options& options, Results& results,
            const std::function<void()>& on_sequence);

}  // namespace cpct::check::lifecycle
