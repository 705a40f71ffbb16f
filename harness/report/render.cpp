#include "report/render.hpp"

#include <fstream>
#include <sstream>

#include "model/input_file.hpp"
#include "model/redact.hpp"
#include "report/html.hpp"
#include "report/junit.hpp"
#include "report/sarif.hpp"
#include "report/summary_md.hpp"

namespace cpct::report {
namespace {

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  if (!(out << text) || !out.flush()) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

std::string results_document_problem(const nlohmann::json& doc) {
  if (!doc.is_object()) return "not a JSON object";
  if (doc.value("tool", nlohmann::json()) != "cpct") return "no \"tool\": \"cpct\" member";
  if (!doc.contains("summary") || !doc["summary"].is_object()) return "no \"summary\" object";
  if (!doc.contains("requirements") || !doc["requirements"].is_array())
    return "no \"requirements\" array";
  for (const auto& r : doc["requirements"])
    if (!r.is_object() || !r.contains("id") || !r["id"].is_string())
      return "a requirement without an \"id\"";
  return {};
}

nlohmann::json load_results_file(const std::filesystem::path& file) {
  std::string text;
  try {
    // Results of a big run are tens of MB; a cap keeps /dev/zero out.
    text = model::read_input_file(file.string(), 1u << 30);
    model::check_json_depth(text);
  } catch (const model::InputFileError& e) {
    throw ResultsFileError(file.string() + ": " + e.what() +
                           " (write it with cpct check ... --report-dir DIR)");
  }
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw ResultsFileError(file.string() + ": not valid JSON at byte " + std::to_string(e.byte));
  } catch (const nlohmann::json::exception& e) {
    // out_of_range: a number beyond double (1e999).
    throw ResultsFileError(file.string() + ": not valid JSON: " + e.what());
  }
  if (const auto problem = results_document_problem(doc); !problem.empty())
    throw ResultsFileError(file.string() + ": not a cpct results.json (" + problem + ")");
  return doc;
}

void write_rendered(const std::filesystem::path& dir, const nlohmann::json& doc) {
  write_text(dir / "junit.xml", junit_xml(doc));
  write_text(dir / "summary.md", summary_markdown(doc));
  write_text(dir / "index.html", html_report(doc));
  write_text(
      dir / "results.sarif",
      sarif_report(doc).dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

void render_report_dir(const std::filesystem::path& dir) {
  nlohmann::json doc = load_results_file(dir / "results.json");
  model::Redactor redactor;
  redactor.add_environment_secrets();
  write_rendered(dir, redactor.strings(doc));
}

}  // namespace cpct::report
