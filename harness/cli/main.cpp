// cpct: contract tests and fuzzing for AWS JSON-protocol APIs. main()
// builds the command tree from every command's CLI11 definitions, parses,
// and runs the command; every error a user can cause ends here as one line
// on stderr and exit code 2.
#include <exception>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/flags.hpp"
#include "cli/help.hpp"
#include "model/fixtures.hpp"
#include "model/spec.hpp"

namespace {

using namespace cpct::cli;

// Groups of commands that are not commands themselves.
const std::map<std::string, std::string> kGroups = {
    {"check", "Check a server, a client or a job worker against the contract"}};

CLI::App* child(CLI::App& parent, const std::string& name, const std::string& summary) {
  CLI::App* app = parent.add_subcommand(name, summary);
  // Each command parses its own words; one command per run.
  app->allow_extras();
  app->require_subcommand(0, 1);
  app->set_help_flag("-h,--help", "print this help");
  return app;
}

// The command chosen: the deepest parsed app.
CLI::App* chosen(CLI::App& root) {
  CLI::App* app = &root;
  for (auto subs = app->get_subcommands(); !subs.empty(); subs = app->get_subcommands())
    app = subs.front();
  return app;
}

// Words left over after parsing, nearest the command first: an unknown
// flag or a stray argument, said as one line.
void refuse_leftovers(const CLI::App& app) {
  for (const CLI::App* a = &app; a != nullptr; a = a->get_parent()) {
    const auto words = a->remaining();
    if (words.empty()) continue;
    const std::string& word = words.front();
    if (a->get_parent() == nullptr && &app == a)
      throw UsageError("unknown command '" + word + "' (see: cpct --help)");
    const std::string help = " (see: cpct " + command_path(app) + " --help)";
    if (word.size() > 1 && word[0] == '-') {
      const std::string name = word.substr(0, word.find('='));
      throw UsageError("unknown flag " + name + help);
    }
    throw UsageError("unexpected argument '" + word + "'" + help);
  }
}

int parse_and_run(int argc, char** argv) {
  CLI::App root("Contract tests and fuzzing for AWS JSON-protocol APIs", "cpct");
  root.formatter(std::make_shared<HelpFormatter>());
  // A flag given twice: the last one counts.
  root.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  root.allow_extras();
  root.require_subcommand(0, 1);
  root.set_help_flag();
  std::map<const CLI::App*, Run> runs;
  for (const Command* command : all_commands()) {
    std::istringstream words(command->name);
    std::vector<std::string> path{std::istream_iterator<std::string>(words), {}};
    CLI::App* parent = &root;
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
      const auto groups =
          parent->get_subcommands([&](const CLI::App* app) { return app->get_name() == path[i]; });
      parent = !groups.empty() ? groups.front() : child(*parent, path[i], kGroups.at(path[i]));
    }
    CLI::App* app = child(*parent, path.back(), command->summary);
    std::string footer = command->examples.size() == 1 ? "Example:" : "Examples:";
    for (const char* example : command->examples) footer += std::string("\n  ") + example;
    app->footer(footer);
    runs[app] = command->define(*app);
  }
  try {
    root.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << chosen(root)->help();
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    throw UsageError(usage_message(*chosen(root), e));
  }
  CLI::App* app = chosen(root);
  refuse_leftovers(*app);
  const auto run = runs.find(app);
  if (run == runs.end())
    throw UsageError("'cpct " + command_path(*app) + "' needs a command (see: cpct " +
                     command_path(*app) + " --help)");
  return run->second();
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
    print_overview(std::cout);
    return words.empty() ? kExitUsage : kExitOk;
  }
  if (words[0] == "--version" || words[0] == "version") {
    std::cout << "cpct " << CPCT_VERSION << "\n";
    return kExitOk;
  }
  try {
    return parse_and_run(argc, argv);
  } catch (const UsageError& e) {
    std::cerr << "cpct: " << e.what() << "\n";
  } catch (const cpct::model::SpecError& e) {
    std::cerr << "cpct: " << e.what() << "\n";
  } catch (const cpct::model::FixturesError& e) {
    std::cerr << "cpct: " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "cpct: internal error: " << e.what() << "\n";
  }
  return kExitUsage;
}
