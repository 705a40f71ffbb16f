#pragma once
// The lifecycle's requirements, one set per operation, each with its
// sources: the catalogue adds them for the operations a model has.
#include <vector>

#include "model/lifecycle/operations.hpp"
#include "model/requirements.hpp"

namespace cpct::model::lifecycle {

std::vector<Requirement> requirements_of(const OperationInfo& op);

}  // namespace cpct::model::lifecycle
