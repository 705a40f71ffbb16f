#include "model/lifecycle/operations.hpp"

#include <stdexcept>

namespace cpct::model::lifecycle {

const std::vector<OperationInfo>& operations() {
  using enum Verb;
  static const std::vector<OperationInfo> all{
      {"PollForThirdPartyJobs", kPoll, JobKind::kThirdParty},
      {"GetThirdPartyJobDetails", kDetails, JobKind::kThirdParty},
      {"AcknowledgeThirdPartyJob", kAcknowledge, JobKind::kThirdParty},
      {"PutThirdPartyJobSuccessResult", kSucceed, JobKind::kThirdParty},
      {"PutThirdPartyJobFailureResult", kFail, JobKind::kThirdParty},
      {"PollForJobs", kPoll, JobKind::kCustom},
      {"GetJobDetails", kDetails, JobKind::kCustom},
      {"AcknowledgeJob", kAcknowledge, JobKind::kCustom},
      {"PutJobSuccessResult", kSucceed, JobKind::kCustom},
      {"PutJobFailureResult", kFail, JobKind::kCustom},
  };
  return all;
}

const OperationInfo* find_operation(std::string_view name) {
  for (const auto& op : operations())
    if (name == op.name) return &op;
  return nullptr;
}

const OperationInfo& operation_for(Verb verb, JobKind flavour) {
  for (const auto& op : operations())
    if (op.verb == verb && op.flavour == flavour) return op;
  throw std::logic_error("lifecycle: no operation for this verb and flavour");
}

}  // namespace cpct::model::lifecycle
