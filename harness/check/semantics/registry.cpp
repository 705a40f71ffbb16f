// The operations whose semantics the planner knows, one entry each.
#include <map>

#include "check/semantics/job_details_cases.hpp"
#include "check/semantics/operation_cases.hpp"

namespace cpct::check::semantics {

const OperationCases* find(const std::string& operation) {
  static const JobDetailsCases job_details;
  static const std::map<std::string, const OperationCases*> registered{
      {"GetThirdPartyJobDetails", &job_details}};
  const auto it = registered.find(operation);
  return it == registered.end() ? nullptr : it->second;
}

}  // namespace cpct::check::semantics
