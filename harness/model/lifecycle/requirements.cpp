#include "model/lifecycle/requirements.hpp"

#include <string>

#include "model/requirement_ids.hpp"

namespace cpct::model::lifecycle {
namespace {

using K = SourceKind;
using S = ids::Semantic;

Source api(const OperationInfo& op, const std::string& what) {
  return {K::kAwsDocs, "CodePipeline API reference, " + std::string(op.name) + ", " + what};
}

const Source kProjectRule{K::kProject, "docs/worker.md (the lifecycle model)"};

struct Builder {
  const OperationInfo& op;
  std::vector<Requirement> out;

  void add(ids::Semantic rule, Level level, std::string description, std::vector<Source> sources) {
    Requirement r;
    r.id = ids::semantic(op.name, rule);
    r.level = level;
    r.family = Family::kSemantics;
    r.description = std::move(description);
    r.sources = std::move(sources);
    r.operation = op.name;
    out.push_back(std::move(r));
  }
  void job_lookup() {
    add(S::kUnknownJob, Level::kMust,
        "A well-formed request for a job id that does not exist in this flavour gets "
        "JobNotFoundException",
        {api(op, "Errors: JobNotFoundException")});
    if (op.flavour == JobKind::kThirdParty)
      add(S::kWrongClientToken, Level::kMust,
          "A job with a client token that is not its own gets InvalidClientTokenException",
          {api(op, "Errors: InvalidClientTokenException")});
  }
};

}  // namespace

std::vector<Requirement> requirements_of(const OperationInfo& op) {
  Builder b{op, {}};
  switch (op.verb) {
    case Verb::kPoll:
      b.add(S::kHandsOutQueued, Level::kMust,
            "A poll answers 200 with at most maxBatchSize jobs, each queued under the polled "
            "action type, and dispatches them",
            {api(op, "maxBatchSize (the maximum number of jobs to return)"),
             api(op, "(returns the jobs to act on)")});
      b.add(S::kNeverTwice, Level::kMust,
            "No job is handed out to two polls while its nonce is current (two pollers at once "
            "never get the same job)",
            {{K::kAwsDocs,
              "CodePipeline API reference, AcknowledgeJob, nonce (ensures the job is worked on by "
              "only one job worker)"}});
      b.add(S::kUnknownActionType, Level::kMust,
            "A poll of an action type nobody registered gets ActionTypeNotFoundException",
            {api(op, "Errors: ActionTypeNotFoundException")});
      if (op.flavour == JobKind::kCustom)
        b.add(S::kCustomOwnerOnly, Level::kMust,
              "A poll of an action type whose owner is not Custom gets an error",
              {api(op, "(valid only for action types owned by Custom; otherwise an error)")});
      b.add(S::kRedispatch, Level::kShould,
            "A dispatched job not acknowledged within the fixtures' acknowledgeTimeoutMs is "
            "handed out again, with a new nonce",
            {kProjectRule});
      break;
    case Verb::kAcknowledge:
      b.job_lookup();
      b.add(S::kAcknowledge, Level::kMust,
            "An acknowledgement with the nonce of the job's dispatch gets 200 with status "
            "InProgress, and the job then takes a result",
            {api(op, "(confirms a job worker has received the job; answers its status)")});
      b.add(S::kWrongNonce, Level::kMust,
            "An acknowledgement with a nonce that is not the job's current one gets "
            "InvalidNonceException",
            {api(op, "Errors: InvalidNonceException"),
             api(op, "nonce (the number from the poll that returned the job)")});
      b.add(S::kFinishedJob, Level::kShould,
            "An acknowledgement of a finished job gets its final status or InvalidNonceException",
            {kProjectRule});
      break;
    case Verb::kDetails:
      b.job_lookup();
      b.add(S::kKnownJob, Level::kMust,
            "A job of this flavour gets 200 with its details (its current nonce and data)",
            {api(op, "(returns the job's details)")});
      break;
    case Verb::kSucceed:
    case Verb::kFail:
      b.job_lookup();
      b.add(S::kEndsJob, Level::kMust,
            "A result for a job in progress gets 200; the job ends (or, with a continuation "
            "token, is queued again)",
            {api(op, "(the result of the job as returned to the pipeline by a job worker)")});
      b.add(S::kNotInProgress, Level::kShould,
            "A result for a job that is not in progress gets InvalidJobStateException",
            {api(op, "Errors: InvalidJobStateException"), kProjectRule});
      if (op.verb == Verb::kSucceed)
        b.add(S::kContinuation, Level::kShould,
              "A success with a continuationToken queues the job again with the token in its "
              "data",
              {api(op, "continuationToken (future jobs use it to identify the running action)"),
               kProjectRule});
      break;
  }
  return b.out;
}

}  // namespace cpct::model::lifecycle
