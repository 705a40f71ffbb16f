#pragma once
// Every cpct subcommand, one file each; main() dispatches through this list.
#include <vector>

#include "cli/args.hpp"

namespace cpct::cli {

const Command& spec_command();
const Command& import_model_command();
const Command& fixtures_command();
const Command& serve_command();
const Command& check_server_command();
const Command& report_command();
const Command& check_client_command();
const Command& check_worker_command();

inline std::vector<const Command*> all_commands() {
  return {&spec_command(),         &fixtures_command(),     &import_model_command(),
          &serve_command(),        &check_server_command(), &check_client_command(),
          &check_worker_command(), &report_command()};
}

/// The --model flag, shared by every command that reads the model.
inline Flag model_flag() {
  return {"model", "FILE",
          "botocore-format service model (service-2.json or .json.gz) instead of the embedded "
          "CodePipeline model"};
}

/// --retries, shared by both checks (range 0..10, default 2).
inline Flag retries_flag() {
  return {"retries", "N",
          "runs a failing case again up to N times; a failure that does not reproduce is "
          "reported as flaky",
          "2"};
}
inline std::size_t retries_of(const Args& args) {
  return static_cast<std::size_t>(args.get_int("retries", 2, 0, 10));
}

}  // namespace cpct::cli
