#pragma once
// GetThirdPartyJobDetails: every fixture job with its token, unknown and
// near-miss job ids, wrong and near-miss tokens, another job's token
// (model/lifecycle/details.cpp decides the answers).
#include "check/semantics/operation_cases.hpp"

namespace cpct::check::semantics {

class JobDetailsCases final : public OperationCases {
 public:
  std::optional<nlohmann::json> known_request(const model::Fixtures& fixtures) const override;
  void plan(const model::Operation& op, const model::Fixtures& fixtures,
            CaseSink& sink) const override;
  std::optional<Named> generate(const model::Operation& op,
                                const model::Fixtures& fixtures) const override;
};

}  // namespace cpct::check::semantics
