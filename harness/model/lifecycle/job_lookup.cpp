#include "model/lifecycle/job_lookup.hpp"
#include "model/requirement_ids.hpp"

namespace cpct::model::lifecycle {

Lookup look_up(const Board& board, const OperationInfo& op, const nlohmann::json& input) {
  const auto rule_id = [&op](ids::Semantic rule) { return ids::semantic(op.name, rule); };
  const std::string id = input.value("jobId", "");
  const auto index = board.find(id);
  if (!index)
    return {std::nullopt, error_outcome("JobNotFoundException", "No job with id '" + id + "'",
                                        rule_id(ids::Semantic::kUnknownJob))};
  const FixtureJob& job = board.fixtures().jobs[*index];
  if (job.kind != op.flavour) {
    // GetThirdPartyJobDetails declares InvalidJobException for this; the
    // other operations can only say the job is not found in their flavour.
    if (op.verb == Verb::kDetails && op.flavour == JobKind::kThirdParty) {
      Outcome out =
          error_outcome("InvalidJobException", "Job '" + id + "' is not a third-party job",
                        rule_id(ids::Semantic::kNotThirdPartyJob));
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
                          rule_id(ids::Semantic::kUnknownJob))};
  }
  if (op.flavour == JobKind::kThirdParty && input.value("clientToken", "") != job.client_token)
    return {std::nullopt, error_outcome("InvalidClientTokenException",
                                        "The client token does not match job '" + id + "'",
                                        rule_id(ids::Semantic::kWrongClientToken))};
  return {index, std::nullopt};
}

}  // namespace cpct::model::lifecycle
