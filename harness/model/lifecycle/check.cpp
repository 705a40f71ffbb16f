#include "model/lifecycle/check.hpp"

#include <map>
#include <memory>

#include "model/lifecycle/board.hpp"
#include "model/validator.hpp"

namespace cpct::model::lifecycle {
namespace {

using nlohmann::json;

// The JobStatus values, as the acknowledgement's output has them.
std::vector<std::string> job_states(const Spec& spec) {
  const Operation* ack = spec.find_operation("AcknowledgeJob");
  if (ack == nullptr || ack->output == nullptr) return {};
  const Member* status = ack->output->find_member("status");
  return status != nullptr && status->shape != nullptr ? status->shape->enum_values
                                                       : std::vector<std::string>{};
}

struct Checker {
  const Fixtures& fixtures;
  const Spec& spec;
  std::vector<std::string> problems;

  void problem(const FixtureJob& job, const std::string& what) {
    problems.push_back("job '" + job.id + "': " + what);
  }
  // Every violation of `value` as `op`'s input or output, as problems.
  void valid_as(const FixtureJob* job, const char* op_name, Direction direction, const json& value,
                const std::string& what) {
    const Operation* op = spec.find_operation(op_name);
    if (op == nullptr) return;
    const Shape* root = direction == Direction::kInput ? op->input : op->output;
    if (root == nullptr) return;
    for (const auto& v : validate(op->name, direction, *root, value)) {
      if (job != nullptr)
        problem(*job, what + ": " + v.message);
      else
        problems.push_back(what + ": " + v.message);
    }
  }
};

}  // namespace

std::vector<std::string> check_fixtures(const Fixtures& fixtures, const Spec& spec) {
  Checker c{fixtures, spec, {}};
  const std::vector<std::string> states = job_states(spec);
  for (const auto& type : fixtures.action_types)
    c.valid_as(nullptr, "PollForJobs", Direction::kInput, json{{"actionTypeId", type}},
               "actionTypes entry " + action_type_key(type));
  auto shared = std::make_shared<Fixtures>(fixtures);
  shared->index();
  // A scratch board: each job is dispatched on it once to see its poll entry.
  Board board(shared);
  std::map<std::string, std::string> token_of_client;
  for (std::size_t i = 0; i < fixtures.jobs.size(); ++i) {
    const FixtureJob& job = fixtures.jobs[i];
    if (!states.empty() && std::find(states.begin(), states.end(), job.state) == states.end()) {
      std::string list;
      for (const auto& s : states) list += (list.empty() ? "" : ", ") + s;
      c.problem(job, "state \"" + job.state + "\" is not a JobStatus (" + list + ")");
      continue;
    }
    const bool third_party = job.kind == JobKind::kThirdParty;
    if (!third_party && !job.client_id.empty())
      c.problem(job, "clientId is for third-party jobs; a custom job has no client");
    if (third_party && !job.client_id.empty()) {
      const auto [it, fresh] = token_of_client.emplace(job.client_id, job.client_token);
      if (!fresh && it->second != job.client_token)
        c.problem(job, "clientId '" + job.client_id +
                           "' has another clientToken in an earlier job (a client has one token)");
    }
    if (job.state == "Dispatched" && board.states()[i].nonce.empty())
      c.problem(job, "a Dispatched job needs a nonce (its worker acknowledges with it)");
    const bool handed_out = job.state == "Queued" || job.state == "Dispatched";
    if (handed_out) {
      const json type = action_type_of(job);
      if (!type.is_object()) {
        c.problem(job, "a " + job.state +
                           " job needs an actionTypeId (or jobDetails.data.actionTypeId) to be "
                           "polled for");
        continue;
      }
      const OperationInfo& poll_op = operation_for(Verb::kPoll, job.kind);
      c.valid_as(&job, poll_op.name, Direction::kInput, json{{"actionTypeId", type}},
                 "actionTypeId");
      if (third_party && job.client_id.empty()) {
        c.problem(job,
                  "a " + job.state + " third-party job needs a clientId (a poll hands it out)");
      } else {
        board.dispatch(i, Clock::now());
        c.valid_as(&job, poll_op.name, Direction::kOutput,
                   json{{"jobs", json::array({poll_entry(board, i)})}},
                   "as a " + std::string(poll_op.name) + " answer");
      }
    }
    // A custom job GetJobDetails can ask for must have details it can answer.
    if (!third_party) {
      const json request{{"jobId", job.id}};
      const Operation* op = spec.find_operation("GetJobDetails");
      if (op != nullptr && op->input != nullptr &&
          validate(op->name, Direction::kInput, *op->input, request).empty())
        c.valid_as(&job, "GetJobDetails", Direction::kOutput, *board.states()[i].details,
                   "as a GetJobDetails answer");
    }
  }
  return c.problems;
}

}  // namespace cpct::model::lifecycle
