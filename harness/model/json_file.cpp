#include "model/json_file.hpp"

#include "model/input_file.hpp"

namespace cpct::model {

nlohmann::json read_json_file(const std::string& path, std::size_t max_bytes) {
  std::string bytes;
  try {
    bytes = read_input_file(path, max_bytes);
    check_json_depth(bytes);
  } catch (const InputFileError& e) {
    throw JsonFileError(e.what());
  }
  try {
    return nlohmann::json::parse(bytes);
  } catch (const nlohmann::json::exception& e) {
    throw JsonFileError(std::string("not valid JSON: ") + e.what());
  }
}

}  // namespace cpct::model
