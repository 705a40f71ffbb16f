#pragma once
// The lifecycle model (docs/worker.md): every job's state and what each of
// the ten operations does to it. `cpct serve` answers from a LiveBoard; the
// lifecycle check steps its own Board beside the endpoint under test and
// compares. A Board is a plain value: copying it copies the world.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/fixtures.hpp"
#include "model/lifecycle/operations.hpp"
#include "model/source.hpp"
#include "model/spec.hpp"

namespace cpct::model::lifecycle {

using Clock = std::chrono::steady_clock;

/// One job changing state, for `cpct serve --log` and traces.
struct Transition {
  std::string job_id;
  std::string from;
  std::string to;
};

/// Another error the documents allow for the same request.
struct OtherAnswer {
  std::string error_type;
  std::string choice;
  Source source;
};

/// What a conforming endpoint answers to one well-formed request.
struct Outcome {
  int status = 200;
  std::string error_type;  // empty on success
  std::string message;
  std::shared_ptr<const nlohmann::json> body;  // success: the output object
  std::shared_ptr<const std::string> text;     // body serialised, when kept ready
  std::string requirement;                     // the requirement ID that decided it
  bool changed = false;                        // the request changed the board
  /// JSON pointers into `body` whose value is the endpoint's to choose (the
  /// nonce of a job the fixtures only queue): compared as present, not equal.
  std::vector<std::string> endpoint_chosen;
  // Where the documents leave the answer open (protocol::Expected has the same).
  std::string question;
  std::string choice;
  Source choice_source;
  std::vector<OtherAnswer> others;
  std::vector<Transition> transitions;
};

struct JobState {
  std::string status;  // a JobStatus value
  std::string nonce;   // the current one; empty: none handed out and none in the fixture
  unsigned dispatches = 0;
  Clock::time_point dispatched_at{};
  nlohmann::json data;  // the job's data now (null: the fixture has none)
  // The details answer, rebuilt whenever nonce or data change.
  std::shared_ptr<const nlohmann::json> details;
  std::shared_ptr<const std::string> details_text;
};

class Board {
 public:
  explicit Board(std::shared_ptr<const Fixtures> fixtures, Clock::time_point now = Clock::now());

  /// The answer to `operation` (one of operations()) with a valid `input`.
  Outcome apply(const OperationInfo& operation, const nlohmann::json& input, Clock::time_point now);
  /// Back to the fixtures' initial state.
  void reset(Clock::time_point now = Clock::now());

  const Fixtures& fixtures() const { return *fixtures_; }
  const std::vector<JobState>& states() const { return states_; }
  /// Changes on every request that changes the board.
  std::uint64_t generation() const { return generation_; }

  /// The index of the job with this id, or nullopt.
  std::optional<std::size_t> find(const std::string& job_id) const;
  /// Whether a poll of `type` may hand job `index` out now.
  bool pollable(std::size_t index, const std::string& type_key, JobKind flavour,
                Clock::time_point now) const;
  bool registered(const std::string& type_key) const { return action_types_.count(type_key) != 0; }
  /// Up to `max` jobs a poll of `type_key` in `flavour` may hand out now and
  /// `accept` takes, in fixture order. Costs what it hands out, not the
  /// number of jobs (the queued and the dispatched are indexed).
  std::vector<std::size_t> candidates(const std::string& type_key, JobKind flavour,
                                      Clock::time_point now, std::size_t max,
                                      const std::function<bool(std::size_t)>& accept) const;
  std::chrono::milliseconds acknowledge_timeout() const;

  // Steps the rules take (one place each, so the check replays them).
  /// Marks a job dispatched with a fresh nonce.
  Transition dispatch(std::size_t index, Clock::time_point now);
  /// Sets a job's state, and data when given; rebuilds its details answer.
  Transition move(std::size_t index, const std::string& status);
  void set_data(std::size_t index, nlohmann::json data);
  /// The nonce an endpoint under check handed out for job `index` (empty:
  /// not seen yet); its acknowledgements are judged against it.
  void learn_nonce(std::size_t index, std::string nonce);

 private:
  void rebuild_details(std::size_t index);
  // The poll index: queued jobs by lane, and dispatched ones by the time
  // they were handed out (the oldest time out first).
  void unindex(std::size_t index);
  void reindex(std::size_t index);

  std::shared_ptr<const Fixtures> fixtures_;
  std::vector<JobState> states_;
  std::vector<std::string> lanes_;  // per job: flavour and action type ("" when not pollable)
  std::map<std::string, std::set<std::size_t>> queued_;
  std::map<std::string, std::set<std::pair<Clock::time_point, std::size_t>>> dispatched_;
  std::set<std::string> action_types_;
  std::uint64_t generation_ = 0;
};

/// The poll index's key: flavour and action type key.
std::string lane_of(JobKind flavour, const std::string& type_key);
/// "category/owner/provider/version" of an ActionTypeId object.
std::string action_type_key(const nlohmann::json& action_type);
/// The action type a fixture job is queued under, or null.
nlohmann::json action_type_of(const FixtureJob& job);

/// A Board many threads share: reads in parallel, changes one at a time.
class LiveBoard {
 public:
  explicit LiveBoard(std::shared_ptr<const Fixtures> fixtures)
      : board_(std::move(fixtures)), generation_(board_.generation()) {}
  Outcome apply(const OperationInfo& operation, const nlohmann::json& input);
  void reset();
  std::uint64_t generation() const;
  /// {"jobs": [{"id", "status", "dispatches"}]}: what `GET /_cpct/jobs` shows.
  nlohmann::json summary() const;

 private:
  mutable std::shared_mutex mutex_;
  Board board_;
  std::atomic<std::uint64_t> generation_;  // board_.generation(), published after each change
};

// The rules, one file each (they read and step the Board).
Outcome poll(Board& board, const OperationInfo& op, const nlohmann::json& input,
             Clock::time_point now);
Outcome acknowledge(Board& board, const OperationInfo& op, const nlohmann::json& input);
Outcome details(const Board& board, const OperationInfo& op, const nlohmann::json& input);
Outcome report_result(Board& board, const OperationInfo& op, const nlohmann::json& input);

/// One entry of a poll's `jobs` list for job `index`, as the output shape has it.
nlohmann::json poll_entry(const Board& board, std::size_t index);

/// Outcome helpers the rules share.
Outcome error_outcome(std::string type, std::string message, std::string requirement);
Outcome success_outcome(nlohmann::json body, std::string requirement);

}  // namespace cpct::model::lifecycle
