#pragma once
// The outputs rendered from a results.json document (index.html and
// results.sarif), shared by `check --report-dir` and `cpct report DIR`.
#include <filesystem>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace cpct::report {

/// A results.json that cannot be read or is not cpct's.
class ResultsFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Why `doc` is not a results.json cpct wrote; empty when it is one.
std::string results_document_problem(const nlohmann::json& doc);

/// Reads and checks a results.json. Throws ResultsFileError naming the file.
nlohmann::json load_results_file(const std::filesystem::path& file);

/// Writes index.html and results.sarif into `dir`. Throws std::runtime_error
/// naming the file on failure.
void write_rendered(const std::filesystem::path& dir, const nlohmann::json& doc);

}  // namespace cpct::report
