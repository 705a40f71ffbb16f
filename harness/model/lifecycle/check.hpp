#pragma once
// What the lifecycle needs of a fixtures file, checked against the model:
// states the model's JobStatus has, action types a poll can name, answers
// (poll entries, details) that are valid output, and no contradictions.
#include <string>
#include <vector>

#include "model/fixtures.hpp"
#include "model/spec.hpp"

namespace cpct::model::lifecycle {

/// One line per problem, naming the job; empty when the file is usable.
std::vector<std::string> check_fixtures(const Fixtures& fixtures, const Spec& spec);

}  // namespace cpct::model::lifecycle
