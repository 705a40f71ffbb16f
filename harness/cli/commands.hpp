#pragma once
// Every cpct subcommand, one file each; main() dispatches through this list.
#include <vector>

#include "cli/command.hpp"

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

}  // namespace cpct::cli
