// GetThirdPartyJobDetails and GetJobDetails: the job's details now (its
// current nonce and data), in any state. Changes nothing.
#include "model/lifecycle/board.hpp"
#include "model/lifecycle/job_lookup.hpp"
#include "model/requirement_ids.hpp"

namespace cpct::model::lifecycle {

Outcome details(const Board& board, const OperationInfo& op, const nlohmann::json& input) {
  const Lookup found = look_up(board, op, input);
  if (found.refused) return *found.refused;
  const JobState& state = board.states()[*found.index];
  Outcome out;
  out.body = state.details;
  out.text = state.details_text;
  out.requirement = ids::semantic(op.name, ids::Semantic::kKnownJob);
  // A queued job's nonce is made up when it is handed out: the fixture's is
  // only cpct serve's choice.
  const std::string& initial = board.fixtures().jobs[*found.index].state;
  if (op.flavour == JobKind::kThirdParty && (initial == "Queued" || initial == "Created"))
    out.endpoint_chosen.push_back("/jobDetails/nonce");
  return out;
}

}  // namespace cpct::model::lifecycle
