// PollForThirdPartyJobs and PollForJobs: hand out queued jobs of the polled
// action type, at most maxBatchSize, each to one poll only.
#include "model/lifecycle/board.hpp"
#include "model/requirement_ids.hpp"

namespace cpct::model::lifecycle {
namespace {

using nlohmann::json;

// PollForJobs' queryParam: only jobs whose action configuration has every
// mapped value (API reference, PollForJobs, queryParam).
bool matches_query(const json& data, const json& input) {
  const auto query = input.find("queryParam");
  if (query == input.end() || !query->is_object() || query->empty()) return true;
  if (!data.is_object()) return false;
  const auto config = data.find("actionConfiguration");
  if (config == data.end() || !config->is_object()) return false;
  const auto values = config->find("configuration");
  if (values == config->end() || !values->is_object()) return false;
  for (const auto& [key, value] : query->items()) {
    const auto it = values->find(key);
    if (it == values->end() || *it != value) return false;
  }
  return true;
}

}  // namespace

json poll_entry(const Board& board, std::size_t index) {
  const FixtureJob& job = board.fixtures().jobs[index];
  const JobState& state = board.states()[index];
  if (job.kind == JobKind::kThirdParty) return json{{"clientId", job.client_id}, {"jobId", job.id}};
  json out{{"id", job.id}, {"nonce", state.nonce}};
  if (!state.data.is_null()) out["data"] = state.data;
  if (const auto account = job.job_details.find("accountId"); account != job.job_details.end())
    out["accountId"] = *account;
  return out;
}

Outcome poll(Board& board, const OperationInfo& op, const json& input, Clock::time_point now) {
  const auto rule_id = [&op](ids::Semantic rule) { return ids::semantic(op.name, rule); };
  const json& type = input.at("actionTypeId");
  const std::string key = action_type_key(type);
  if (op.flavour == JobKind::kCustom && type.value("owner", "") != "Custom") {
    // Documented as "returns an error", without naming it.
    Outcome out = error_outcome("ActionTypeNotFoundException",
                                "PollForJobs serves action types owned by Custom only",
                                rule_id(ids::Semantic::kCustomOwnerOnly));
    out.question = "custom-owner";
    out.choice = "ActionTypeNotFoundException";
    out.choice_source = {SourceKind::kProject, "docs/worker.md"};
    out.others.push_back({"ValidationException",
                          "ValidationException",
                          {SourceKind::kAwsDocs, "API reference, PollForJobs (returns an error)"}});
    return out;
  }
  if (!board.registered(key))
    return error_outcome("ActionTypeNotFoundException", "No action type " + key + " is registered",
                         rule_id(ids::Semantic::kUnknownActionType));
  std::size_t max = 1;  // project rule: the model sets no default
  if (const auto it = input.find("maxBatchSize"); it != input.end() && it->is_number_integer())
    max = static_cast<std::size_t>(std::max<long long>(1, it->get<long long>()));
  Outcome out = success_outcome(json::object(), rule_id(ids::Semantic::kHandsOutQueued));
  json jobs = json::array();
  const auto chosen = board.candidates(key, op.flavour, now, max, [&](std::size_t i) {
    return matches_query(board.states()[i].data, input);
  });
  for (const std::size_t i : chosen) {
    out.transitions.push_back(board.dispatch(i, now));
    jobs.push_back(poll_entry(board, i));
  }
  out.changed = !jobs.empty();
  out.body = std::make_shared<const json>(json{{"jobs", std::move(jobs)}});
  return out;
}

}  // namespace cpct::model::lifecycle
