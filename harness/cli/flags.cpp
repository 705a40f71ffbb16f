#include "cli/flags.hpp"

#include <random>
#include <stdexcept>

#include "check/reproduce.hpp"

namespace cpct::cli {

CLI::Validator whole_number(long long min, long long max) {
  const std::string range = "from " + std::to_string(min) + " to " + std::to_string(max);
  const CLI::Range in_range(min, max);
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        const std::size_t sign = !text.empty() && text[0] == '-' ? 1 : 0;
        const bool digits =
            text.size() > sign && text.find_first_not_of("0123456789", sign) == std::string::npos;
        // Nineteen digits at most: no bound here is longer, and the
        // conversion never overflows.
        if (digits && text.size() - sign <= 19) {
          // Leading zeros go: 010 is ten, as it was before CLI11.
          const auto first = text.find_first_not_of('0', sign);
          text = first == std::string::npos ? "0" : text.substr(0, sign) + text.substr(first);
          if (in_range(text).empty()) return "";
        }
        return "must be a whole number " + range + ", not '" + text + "'";
      },
      range, "whole_number");
}

CLI::Validator one_of(std::initializer_list<const char*> choices) {
  std::vector<std::string> names(choices.begin(), choices.end());
  std::string shown = "one of ";
  for (std::size_t i = 0; i < names.size(); ++i) shown += (i ? ", " : "") + names[i];
  return CLI::IsMember(names).description(shown);
}

CLI::Validator non_empty() {
  return CLI::Validator(
      [](std::string& text) -> std::string { return text.empty() ? "must not be empty" : ""; }, "",
      "non_empty");
}

CLI::Option* add_model_flag(CLI::App& app, std::optional<std::string>& path) {
  return app
      .add_option("--model", path,
                  "botocore-format service model (service-2.json or .json.gz) instead of the "
                  "embedded CodePipeline model")
      ->type_name("FILE");
}

CLI::Option* add_seed_flag(CLI::App& app, std::optional<std::uint64_t>& seed, const char* what) {
  return add_number(app, "--seed", seed, what, 0, 1LL << 62)->default_str("random, printed");
}

std::uint64_t seed_or_random(const std::optional<std::uint64_t>& seed) {
  return seed ? *seed : std::random_device{}() >> 1;
}

CLI::Option* add_retries_flag(CLI::App& app, std::size_t& retries) {
  retries = 2;
  return add_number(app, "--retries", retries,
                    "runs a failing case again up to N times; a failure that does not reproduce "
                    "is reported as flaky",
                    0, 10);
}

CLI::Option* add_timeout_flag(CLI::App& app, long long& timeout_ms, const char* what) {
  timeout_ms = 5000;
  return add_number(app, "--timeout-ms", timeout_ms, what, 10, 600'000);
}

CLI::Option* add_report_dir_flag(CLI::App& app, std::optional<std::string>& dir) {
  return app
      .add_option("--report-dir", dir,
                  "write index.html, results.json, junit.xml, summary.md, results.sarif there "
                  "(created if needed)")
      ->type_name("DIR");
}

std::string command_path(const CLI::App& app) {
  std::string path;
  for (const CLI::App* a = &app; a != nullptr && a->get_parent() != nullptr; a = a->get_parent())
    path = a->get_name() + (path.empty() ? "" : " " + path);
  return path;
}

std::string rerun_command(const CLI::App& app, const std::map<std::string, std::string>& used) {
  for (const auto& [name, value] : used)
    if (app.get_option_no_throw("--" + name) == nullptr)
      throw std::logic_error("rerun_command: cpct " + command_path(app) + " has no --" + name);
  std::string out = "cpct " + command_path(app);
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_lnames().empty()) continue;
    const std::string& name = option->get_lnames().front();
    const auto it = used.find(name);
    if (it == used.end()) continue;
    const std::string& value = it->second;
    const bool at_default = value.empty() || value == option->get_default_str();
    if (option->count() == 0 && at_default) continue;
    if (option->get_expected_max() == 0) {  // a switch: given or not
      if (value == "true") out += " --" + name;
      continue;
    }
    const bool bare = !value.empty() && value.find_first_not_of("0123456789/") == std::string::npos;
    out += " --" + name + " " + (bare ? value : check::shell_quote(value));
  }
  return out;
}

}  // namespace cpct::cli
