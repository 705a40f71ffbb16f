#pragma once
// cpct serve's answer to a valid request that no semantics decide: an output
// drawn from the operation's output shape, the same for the same request
// (seeded by its bytes), so a client under test sees a stable mock.
#include <string>
#include <string_view>

#include "model/spec.hpp"

namespace cpct::server {

/// The JSON text of a valid output of `op` for the request (`target`,
/// `body`); "{}" when the operation has no output.
std::string generated_output(const model::Operation& op, std::string_view target,
                             std::string_view body);

}  // namespace cpct::server
