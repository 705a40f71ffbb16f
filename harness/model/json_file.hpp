#pragma once
// A small JSON file a user hands cpct (a profile, a baseline): read whole
// up to a cap, then parsed. Errors say what is wrong in words a caller puts
// after the file's name.
#include <cstddef>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace cpct::model {

class JsonFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The JSON in `path`. Throws JsonFileError: "cannot open it", "larger than
/// N MiB", "not valid JSON: ...".
nlohmann::json read_json_file(const std::string& path, std::size_t max_bytes);

}  // namespace cpct::model
