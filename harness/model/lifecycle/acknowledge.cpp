// AcknowledgeThirdPartyJob and AcknowledgeJob: the worker that holds the
// job's current nonce claims it; the job goes in progress.
#include "model/lifecycle/board.hpp"
#include "model/lifecycle/job_lookup.hpp"
#include "model/requirement_ids.hpp"

namespace cpct::model::lifecycle {

using nlohmann::json;

Outcome acknowledge(Board& board, const OperationInfo& op, const json& input) {
  const auto rule_id = [&op](ids::Semantic rule) { return ids::semantic(op.name, rule); };
  const Lookup found = look_up(board, op, input);
  if (found.refused) return *found.refused;
  const std::size_t index = *found.index;
  const JobState& state = board.states()[index];
  const std::string nonce = input.value("nonce", "");
  if (state.status == "Succeeded" || state.status == "Failed" || state.status == "TimedOut") {
    // The model declares no error for this: the status answers it, and a
    // refusal of the stale nonce is as defensible.
    Outcome out =
        success_outcome(json{{"status", state.status}}, rule_id(ids::Semantic::kFinishedJob));
    out.question = "acknowledge-finished";
    out.choice = "200 with the final status";
    out.choice_source = {SourceKind::kProject, "docs/worker.md"};
    out.others.push_back({"InvalidNonceException",
                          "InvalidNonceException",
                          {SourceKind::kAwsDocs, "API reference, " + std::string(op.name) +
                                                     ", Errors: InvalidNonceException"}});
    return out;
  }
  if (state.nonce.empty() || nonce != state.nonce ||
      (state.status != "Dispatched" && state.status != "InProgress"))
    return error_outcome(
        "InvalidNonceException",
        "The nonce does not acknowledge job '" + board.fixtures().jobs[index].id + "' now",
        rule_id(ids::Semantic::kWrongNonce));
  Outcome out =
      success_outcome(json{{"status", "InProgress"}}, rule_id(ids::Semantic::kAcknowledge));
  if (state.status != "InProgress") {
    out.transitions.push_back(board.move(index, "InProgress"));
    out.changed = true;
  }
  return out;
}

}  // namespace cpct::model::lifecycle
