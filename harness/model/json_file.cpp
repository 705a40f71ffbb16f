#include "model/json_file.hpp"

#include <fstream>

namespace cpct::model {

nlohmann::json read_json_file(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw JsonFileError("cannot open it");
  // One byte past the cap tells a file at the cap from a larger one.
  std::string bytes(max_bytes + 1, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (bytes.size() > max_bytes)
    throw JsonFileError("larger than " + std::to_string(max_bytes >> 20) + " MiB");
  try {
    return nlohmann::json::parse(bytes);
  } catch (const nlohmann::json::exception& e) {
    throw JsonFileError(std::string("not valid JSON: ") + e.what());
  }
}

}  // namespace cpct::model
