#include "cli/operation_globs.hpp"

#include <fnmatch.h>

#include "check/event_streams.hpp"

namespace cpct::cli {

CLI::Option* add_operations_flag(CLI::App& app, std::string& globs) {
  return app
      .add_option("--operations", globs,
                  "operations to check, as shell globs, e.g. 'Get*,ListPipelines'")
      ->type_name("GLOB,...")
      ->default_str("every operation");
}

std::vector<std::string> select_operations(const model::Spec& spec, const std::string& globs) {
  std::vector<std::string> out;
  if (globs.empty()) {
    for (const auto& [name, op] : spec.operations) out.push_back(name);
    return out;
  }
  std::vector<bool> chosen(spec.operations.size(), false);
  std::size_t start = 0;
  while (start <= globs.size()) {
    const auto comma = globs.find(',', start);
    const std::string glob =
        globs.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    start = comma == std::string::npos ? globs.size() + 1 : comma + 1;
    if (glob.empty()) throw UsageError("--operations: an empty name in '" + globs + "'");
    bool any = false;
    std::size_t i = 0;
    for (const auto& [name, op] : spec.operations) {
      if (fnmatch(glob.c_str(), name.c_str(), 0) == 0) chosen[i] = any = true;
      ++i;
    }
    if (!any) {
      std::string some;
      std::size_t shown = 0;
      for (const auto& [name, op] : spec.operations) {
        if (shown++ == 5) break;
        some += (some.empty() ? "" : ", ") + name;
      }
      throw UsageError("--operations: '" + glob + "' selects no operation of " +
                       spec.metadata.service_id + " (it has " +
                       std::to_string(spec.operations.size()) + ": " + some +
                       (spec.operations.size() > 5 ? ", ...; see cpct spec --model FILE)" : ")"));
    }
  }
  std::size_t i = 0;
  for (const auto& [name, op] : spec.operations)
    if (chosen[i++]) out.push_back(name);
  return out;
}

CheckedOperations checked_operations(const model::Spec& spec, const std::string& globs) {
  const auto selected = select_operations(spec, globs);
  CheckedOperations out{check::without_input_streams(spec, selected),
                        check::untested_streams(spec, selected)};
  if (out.operations.empty())
    throw UsageError(
        "every selected operation has an event-stream input, which cpct does not check: " +
        check::untested_line(out.untested));
  return out;
}

}  // namespace cpct::cli
