#include "cli/args.hpp"

#include <charconv>

namespace cpct::cli {
namespace {

const Flag* find_flag(const Command& command, const std::string& name) {
  for (const auto& flag : command.flags)
    if (name == flag.name) return &flag;
  return nullptr;
}

std::string see_help(const Command& command) {
  return " (see: cpct " + std::string(command.name) + " --help)";
}

}  // namespace

Args::Args(const Command& command, const std::vector<std::string>& argv) : command_(command) {
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& word = argv[i];
    if (word.rfind("--", 0) != 0 || word == "--") {
      if (command.positional == nullptr || (positional_ && !command.many_positionals))
        throw UsageError("unexpected argument '" + word + "'" + see_help(command));
      if (!positional_) positional_ = word;
      positionals_.push_back(word);
      continue;
    }
    std::string name = word.substr(2);
    std::optional<std::string> inline_value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name.resize(eq);
    }
    const Flag* flag = find_flag(command, name);
    if (flag == nullptr) throw UsageError("unknown flag --" + name + see_help(command));
    if (flag->value_name == nullptr) {
      if (inline_value) throw UsageError("--" + name + " takes no value" + see_help(command));
      values_[name] = "";
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= argv.size())
        throw UsageError("--" + name + " needs a value (" + flag->value_name + ")" +
                         see_help(command));
      inline_value = argv[++i];
    }
    values_[name] = *inline_value;
  }
}

bool Args::has(const std::string& name) const {
  return values_.count(name) != 0;
}

std::optional<std::string> Args::get(const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Args::get_or(const std::string& name, const std::string& fallback) const {
  return get(name).value_or(fallback);
}

long long Args::get_int(const std::string& name, long long fallback, long long min,
                        long long max) const {
  const auto text = get(name);
  if (!text) return fallback;
  long long value = 0;
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || value < min || value > max)
    throw UsageError("--" + name + " must be a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max) + ", not '" + *text + "'");
  return value;
}

std::string help_text(const Command& command) {
  std::string out = "usage: cpct " + std::string(command.name) + " " + command.usage + "\n\n" +
                    command.summary + "\n";
  if (command.flags.empty()) return out;
  out += "\noptions:\n";
  for (const auto& flag : command.flags) {
    std::string left = "  --" + std::string(flag.name);
    if (flag.value_name != nullptr) left += " " + std::string(flag.value_name);
    if (left.size() < 26)
      left.resize(26, ' ');
    else
      left += "\n" + std::string(26, ' ');
    out += left + flag.help;
    if (flag.default_value != nullptr) out += " (default: " + std::string(flag.default_value) + ")";
    out += "\n";
  }
  return out;
}

}  // namespace cpct::cli
