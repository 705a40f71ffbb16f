#include "cli/help.hpp"

#include <algorithm>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/flags.hpp"

namespace cpct::cli {
namespace {

constexpr std::size_t kColumn = 26;
constexpr std::size_t kWidth = 100;

// `text` wrapped at word boundaries to kWidth, the first line starting at
// column `at`, the others indented by `indent`.
std::string wrap(const std::string& text, std::size_t at, std::size_t indent) {
  std::string out;
  std::size_t column = at;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (column > indent && column + 1 + word.size() > kWidth) {
      out += "\n" + std::string(indent, ' ');
      column = indent;
    } else if (start > 0) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    start = end + 1;
  }
  return out;
}

// How help and errors name an option: --jobs, or FILE for a positional.
std::string display_name(const CLI::Option& option);

// "N:from 1 to 256" -> {"N", "from 1 to 256"}: CLI11 appends each
// validator's description to the type name.
std::pair<std::string, std::string> split_type(const std::string& type) {
  const auto colon = type.find(':');
  if (colon == std::string::npos) return {type, ""};
  std::string rest = type.substr(colon + 1);
  std::replace(rest.begin(), rest.end(), ':', ';');
  return {type.substr(0, colon), rest};
}

std::string display_name(const CLI::Option& option) {
  if (!option.get_positional()) return option.get_name();
  const auto type = option.get_type_name();
  return type.substr(0, type.find(':'));
}

std::string option_words(const CLI::Option& option) {
  const std::string value = split_type(option.get_type_name()).first;
  if (option.get_positional()) return value.empty() ? option.get_name() : value;
  return option.get_name() + (option.get_expected_min() > 0 ? " " + value : "");
}

std::string option_row(const CLI::Option& option) {
  std::string left = "  " + option_words(option);
  if (left.size() < kColumn)
    left.resize(kColumn, ' ');
  else
    left += "\n" + std::string(kColumn, ' ');
  std::vector<std::string> notes;
  if (option.get_required()) notes.push_back("required");
  if (const auto range = split_type(option.get_type_name()).second; !range.empty())
    notes.push_back(range);
  for (const CLI::Option* other : option.get_excludes())
    notes.push_back("not with " + display_name(*other));
  for (const CLI::Option* other : option.get_needs())
    notes.push_back("needs " + display_name(*other));
  if (!option.get_default_str().empty()) notes.push_back("default: " + option.get_default_str());
  std::string text = option.get_description();
  for (std::size_t i = 0; i < notes.size(); ++i) text += (i ? "; " : " (") + notes[i];
  if (!notes.empty()) text += ")";
  return left + wrap(text, kColumn, kColumn) + "\n";
}

bool shown(const CLI::Option* option, const CLI::App& app) {
  return option != app.get_help_ptr() && option != app.get_help_all_ptr();
}

}  // namespace

std::string HelpFormatter::make_help(const CLI::App* app, std::string, CLI::AppFormatMode) const {
  const std::string path = command_path(*app);
  const auto subcommands = app->get_subcommands([](const CLI::App*) { return true; });
  std::string out = "usage: cpct " + path;
  if (!subcommands.empty()) {
    // A group of commands ("check"): its members.
    out += " <command> [options]\n\n" + app->get_description() + "\n\ncommands:\n";
    for (const CLI::App* sub : subcommands) {
      std::string name = "  " + sub->get_name();
      name.resize(std::max<std::size_t>(name.size() + 1, 12), ' ');
      out += name + sub->get_description() + "\n";
    }
    return out + "\n'cpct " + path + " <command> --help' describes a command's options.\n";
  }
  const auto options = app->get_options([&](const CLI::Option* o) { return shown(o, *app); });
  bool optional = false;
  for (const CLI::Option* option : options) {
    if (option->get_positional())
      out +=
          option->get_required() ? " " + option_words(*option) : " [" + option_words(*option) + "]";
    else if (option->get_required())
      out += " " + option_words(*option);
    else
      optional = true;
  }
  out += optional ? " [options]\n\n" : "\n\n";
  out += wrap(app->get_description(), 0, 0) + "\n";
  if (!options.empty()) out += "\noptions:\n";
  for (const CLI::Option* option : options) out += option_row(*option);
  if (!app->get_footer().empty()) out += "\n" + app->get_footer() + "\n";
  return out;
}

void print_overview(std::ostream& out) {
  out << "usage: cpct <command> [options]\n\n"
         "Contract tests and fuzzing for AWS JSON-protocol APIs (awsJson1_0, awsJson1_1).\n\n"
         "commands:\n";
  for (const Command* command : all_commands()) {
    std::string name = "  " + std::string(command->name);
    name.resize(std::max<std::size_t>(name.size() + 1, 18), ' ');
    out << name << command->summary << "\n";
  }
  out << "\n'cpct <command> --help' describes a command's options, with examples.\n"
         "Exit codes: 0 success, 1 a MUST requirement failed, 2 usage or setup error.\n";
}

std::string usage_message(const CLI::App& app, const CLI::Error& error) {
  std::string what = error.what();
  // CLI11 names an option first: "--jobs: 1 required N missing",
  // "--endpoint is required". Said again with the option's value name; a
  // missing argument (DIR) as what to name.
  const CLI::Option* option = app.get_option_no_throw(what.substr(0, what.find_first_of(": ")));
  if (option != nullptr) {
    const std::string value = split_type(option->get_type_name()).first;
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr &&
        what.find("missing") != std::string::npos)
      what = option->get_name() + " needs a value (" + value + ")";
    else if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr)
      what = option->get_positional() ? "name " + option->get_description()
                                      : option->get_name() + " " + value + " is required";
  }
  // "--json excludes --summary": said as what to do.
  if (dynamic_cast<const CLI::ExcludesError*>(&error) != nullptr) {
    if (const auto at = what.find(" excludes "); at != std::string::npos)
      what = what.substr(0, at) + " cannot be used with " + what.substr(at + 10) +
             ": give one of them";
  }
  return what + " (see: cpct " + command_path(app) + " --help)";
}

}  // namespace cpct::cli
