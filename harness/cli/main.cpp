// cpct: contract tests and fuzzing for the AWS CodePipeline third-party job
// API. main() finds the subcommand, parses its flags and runs it; every
// error a user can cause ends here as one line on stderr and exit code 2.
#include <algorithm>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "model/fixtures.hpp"
#include "model/pattern.hpp"
#include "model/spec.hpp"

namespace {

using cpct::cli::Command;

void print_overview(std::ostream& out) {
  out << "usage: cpct <command> [options]\n\n"
         "Contract tests and fuzzing for the AWS CodePipeline third-party job API.\n\ncommands:\n";
  for (const Command* command : cpct::cli::all_commands()) {
    std::string name = "  " + std::string(command->name);
    name.resize(std::max<std::size_t>(name.size() + 1, 18), ' ');
    out << name << command->summary << "\n";
  }
  out << "\n'cpct <command> --help' describes a command's options.\n"
         "Exit codes: 0 success, 1 a MUST requirement failed, 2 usage or setup error.\n";
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
    print_overview(std::cout);
    return words.empty() ? cpct::cli::kExitUsage : cpct::cli::kExitOk;
  }
  if (words[0] == "--version" || words[0] == "version") {
    std::cout << "cpct " << CPCT_VERSION << "\n";
    return cpct::cli::kExitOk;
  }
  try {
    // Commands may be two words ("check server"): the longest match wins.
    const Command* match = nullptr;
    std::size_t used = 0;
    for (const Command* command : cpct::cli::all_commands()) {
      const std::string name = command->name;
      std::string joined;
      for (std::size_t i = 0; i < words.size(); ++i) {
        joined += (i ? " " : "") + words[i];
        if (joined == name && i + 1 > used) match = command, used = i + 1;
      }
    }
    if (match == nullptr)
      throw cpct::cli::UsageError("unknown command '" + words[0] + "' (see: cpct --help)");
    const std::vector<std::string> rest(words.begin() + static_cast<long>(used), words.end());
    for (const auto& word : rest) {
      if (word == "--help" || word == "-h") {
        std::cout << cpct::cli::help_text(*match);
        return cpct::cli::kExitOk;
      }
    }
    return match->run(cpct::cli::Args(*match, rest));
  } catch (const cpct::cli::UsageError& e) {
    std::cerr << "cpct: " << e.what() << "\n";
  } catch (const cpct::model::SpecError& e) {
    std::cerr << "cpct: " << e.what() << "\n";
  } catch (const cpct::model::FixturesError& e) {
    std::cerr << "cpct: " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "cpct: internal error: " << e.what() << "\n";
  }
  return cpct::cli::kExitUsage;
}
