#pragma once
// The ten operations of the job-worker API, as the lifecycle sees them: a
// verb and a flavour. Each verb's rule lives in its own file (poll.cpp,
// acknowledge.cpp, details.cpp, result.cpp) and serves both flavours.
#include <string_view>
#include <vector>

#include "model/fixtures.hpp"

namespace cpct::model::lifecycle {

enum class Verb { kPoll, kAcknowledge, kDetails, kSucceed, kFail };

struct OperationInfo {
  const char* name;
  Verb verb;
  JobKind flavour;
};

/// All ten, third-party first.
const std::vector<OperationInfo>& operations();
/// The operation named, or null when the lifecycle has no rule for it.
const OperationInfo* find_operation(std::string_view name);
/// The operation of `verb` in `flavour`.
const OperationInfo& operation_for(Verb verb, JobKind flavour);

}  // namespace cpct::model::lifecycle
