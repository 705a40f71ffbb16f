#include "check/child_environment.hpp"

#include <unistd.h>

#include <string_view>

namespace cpct::check {

ChildEnvironment::ChildEnvironment(const std::vector<std::pair<std::string, std::string>>& set) {
  for (char** at = ::environ; at != nullptr && *at != nullptr; ++at) {
    const std::string_view entry(*at);
    const std::string_view name = entry.substr(0, entry.find('='));
    if (name.rfind("AWS_", 0) == 0) continue;  // credentials, profiles, roles: none passes
    bool overridden = false;
    for (const auto& [key, value] : set) overridden = overridden || key == name;
    if (!overridden) entries_.emplace_back(entry);
  }
  for (const auto& [key, value] : set) entries_.push_back(key + "=" + value);
  for (auto& entry : entries_) pointers_.push_back(entry.data());
  pointers_.push_back(nullptr);
}

}  // namespace cpct::check
