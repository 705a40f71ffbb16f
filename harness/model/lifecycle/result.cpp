// Put*SuccessResult and Put*FailureResult: a job in progress ends, or, with
// a continuation token, is queued again with that token in its data.
#include "model/lifecycle/board.hpp"
#include "model/lifecycle/job_lookup.hpp"
#include "model/requirement_ids.hpp"

namespace cpct::model::lifecycle {

using nlohmann::json;

Outcome report_result(Board& board, const OperationInfo& op, const json& input) {
  const auto rule_id = [&op](ids::Semantic rule) { return ids::semantic(op.name, rule); };
  const Lookup found = look_up(board, op, input);
  if (found.refused) return *found.refused;
  const std::size_t index = *found.index;
  const std::string status = board.states()[index].status;
  if (status != "InProgress")
    return error_outcome(
        "InvalidJobStateException",
        "Job '" + board.fixtures().jobs[index].id + "' is " + status + ", not InProgress",
        rule_id(ids::Semantic::kNotInProgress));
  Outcome out = success_outcome(json::object(), rule_id(ids::Semantic::kEndsJob));
  out.changed = true;
  const auto token = input.find("continuationToken");
  if (op.verb == Verb::kSucceed && token != input.end() && token->is_string()) {
    json data = board.states()[index].data;
    if (!data.is_object()) data = json::object();
    data["continuationToken"] = *token;
    board.set_data(index, std::move(data));
    out.transitions.push_back(board.move(index, "Queued"));
    out.requirement = rule_id(ids::Semantic::kContinuation);
    return out;
  }
  out.transitions.push_back(board.move(index, op.verb == Verb::kSucceed ? "Succeeded" : "Failed"));
  return out;
}

}  // namespace cpct::model::lifecycle
