#pragma once
// The checks every operation on one job makes first, in the project's order
// (docs/worker.md): the job exists in the operation's flavour, then the
// client token is its own (third-party operations).
#include <optional>

#include "model/lifecycle/board.hpp"

namespace cpct::model::lifecycle {

struct Lookup {
  std::optional<std::size_t> index;  // set when found
  std::optional<Outcome> refused;    // set when not
};

Lookup look_up(const Board& board, const OperationInfo& op, const nlohmann::json& input);

}  // namespace cpct::model::lifecycle
