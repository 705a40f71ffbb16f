#pragma once
// Every distinct `pattern` of the JSON-protocol models botocore ships, for
// properties that run over all of them.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cpct::testing {

struct Bounds {
  std::size_t min_len = 0;
  std::size_t max_len = 256;
};

// Every distinct `pattern` of the JSON-protocol models, with the bounds of
// the first string shape that carries it.
inline std::map<std::string, Bounds> botocore_json_patterns(const std::filesystem::path& data) {
  std::map<std::string, Bounds> patterns;
  std::vector<std::filesystem::path> files;
  for (const auto& service : std::filesystem::directory_iterator(data)) {
    if (!service.is_directory()) continue;
    for (const auto& version : std::filesystem::directory_iterator(service.path())) {
      const auto file = version.path() / "service-2.json";
      if (std::filesystem::exists(file)) files.push_back(file);
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file);
    const auto model = nlohmann::json::parse(in);
    if (model.value("/metadata/protocol"_json_pointer, std::string()) != "json") continue;
    for (const auto& [name, shape] : model.at("shapes").items()) {
      if (!shape.contains("pattern")) continue;
      Bounds bounds;
      if (shape.contains("min")) bounds.min_len = shape.at("min").get<std::size_t>();
      if (shape.contains("max")) bounds.max_len = shape.at("max").get<std::size_t>();
      patterns.emplace(shape.at("pattern").get<std::string>(), bounds);
    }
  }
  return patterns;
}

}  // namespace cpct::testing
