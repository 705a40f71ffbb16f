#include "model/lifecycle/job_lookup.hpp"

namespace cpct::model::lifecycle {

Lookup look_up(const Board& board, const OperationInfo& op, const nlohmann::json& input) {
  const std::string prefix = std::string(op.name) + ".semantics.";
  const std::string id = input.value("jobId", "");
  const auto index = board.find(id);
  if (!index)
    return {std::nullopt, error_outcome("JobNotFoundException", "No job with id '" + id + "'",
                                        prefix + "unknown-job")};
  const FixtureJob& job = board.fixtures().jobs[*index];
  if (job.kind != op.flavour) {
    // GetThirdPartyJobDetails declares InvalidJobException for this; the
    // other operations can only say the job is not found in their flavour.
    if (op.verb == Verb::kDetails && op.flavour == JobKind::kThirdParty) {
      Outcome out =
          error_outcome("InvalidJobException", "Job '" + id + "' is not a third-party job",
                        prefix + "not-third-party-job");
      out.question = "custom-job";
      out.choice = "InvalidJobException";
      out.choice_source = {SourceKind::kAwsDocs,
                           "API reference, " + std::string(op.name) + ", Errors"};
      out.others.push_back({"JobNotFoundException",
                            "JobNotFoundException",
                            {SourceKind::kAwsDocs,
                             "API reference, " + std::string(op.name) +
                                 ", Errors: JobNotFoundException (the job cannot be found as a "
                                 "third-party job)"}});
      return {std::nullopt, std::move(out)};
    }
    return {std::nullopt,
            error_outcome("JobNotFoundException",
                          "No " + std::string(to_string(op.flavour)) + " job with id '" + id + "'",
                          prefix + "unknown-job")};
  }
  if (op.flavour == JobKind::kThirdParty && input.value("clientToken", "") != job.client_token)
    return {std::nullopt, error_outcome("InvalidClientTokenException",
                                        "The client token does not match job '" + id + "'",
                                        prefix + "wrong-client-token")};
  return {index, std::nullopt};
}

}  // namespace cpct::model::lifecycle
