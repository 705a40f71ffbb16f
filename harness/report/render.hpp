#pragma once
// The outputs rendered from a results.json document (junit.xml, summary.md,
// index.html, results.sarif), shared by `check --report-dir` and `cpct
// report DIR`: one code path, so both write the same bytes.
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

/// The files rendered from a results.json, in the order they are written.
inline constexpr const char* kRenderedFiles[] = {"junit.xml", "summary.md", "index.html",
                                                 "results.sarif"};

/// Writes every file of kRenderedFiles into `dir`. Throws std::runtime_error
/// naming the file on failure.
void write_rendered(const std::filesystem::path& dir, const nlohmann::json& doc);

/// Reads `dir`/results.json (ResultsFileError if it is not one), redacts this
/// environment's secrets once more (a file from an older cpct may hold
/// them), and writes the rendered files beside it.
void render_report_dir(const std::filesystem::path& dir);

}  // namespace cpct::report
