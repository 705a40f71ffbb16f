#pragma once
// The lifecycle check's commands, as RapidCheck state::Commands: each draws
// its arguments when generated and, when run, makes one call through the
// Sut, which judges it. RapidCheck generates, and shrinks, the sequences.
#include <memory>
#include <vector>

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include "check/lifecycle/sut.hpp"

namespace cpct::check::lifecycle {

/// The state::Command model: what generation needs to know (the fixtures'
/// shape). The lifecycle state itself lives in the Sut's Board, because an
/// endpoint's choices (which jobs a poll hands out) are known only when run.
struct Plan {
  const Context* context = nullptr;
};

using Command = rc::state::Command<Plan, Sut>;
using Commands = std::vector<std::shared_ptr<const Command>>;

/// Sequences of `size`-bounded length over the ten operations.
rc::Gen<Commands> sequences(const Context& context);

/// One line per command, numbered, for messages.
std::string show(const Commands& commands);

}  // namespace cpct::check::lifecycle
