#include "report/junit.hpp"

#include "report/html_text.hpp"

namespace cpct::report {
namespace {

using nlohmann::json;

// XML needs what HTML needs here; html_escape also makes invalid UTF-8 and
// control bytes printable, which XML 1.0 could not hold at all.
std::string xml_escape(const std::string& text) {
  return html_escape(text);
}

}  // namespace

std::string junit_xml(const json& doc) {
  const json& requirements = array_of(doc, "requirements");
  // A failure the baseline records is a skipped test: seen, not failing CI.
  auto recorded = [](const json& r) {
    return r.contains("baseline") && text_of(r, "status") == "failed";
  };
  std::size_t failures = 0, skipped = 0;
  for (const auto& r : requirements) {
    failures += text_of(r, "status") == "failed" && !recorded(r);
    skipped += text_of(r, "status") == "untested" || recorded(r);
  }
  const double seconds =
      doc.contains("seconds") && doc["seconds"].is_number() ? doc["seconds"].get<double>() : 0.0;
  const json target = doc.value("target", json::object());
  const std::string tests = std::to_string(requirements.size());
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"cpct\" tests=\"" + tests + "\" failures=\"" +
         std::to_string(failures) + "\" time=\"" + std::to_string(seconds) + "\">\n";
  out += "  <testsuite name=\"cpct " + xml_escape(text_of(target, "kind")) + " " +
         xml_escape(
             text_of(target, "endpoint", text_of(target, "adapter", text_of(target, "worker")))) +
         "\" tests=\"" + tests + "\" failures=\"" + std::to_string(failures) + "\" skipped=\"" +
         std::to_string(skipped) + "\">\n";
  for (const auto& r : requirements) {
    const std::string status = text_of(r, "status");
    out += "    <testcase classname=\"" + xml_escape(text_of(r, "family")) + "\" name=\"" +
           xml_escape(text_of(r, "id")) + "\"";
    if (recorded(r)) {
      out += ">\n      <skipped message=\"" +
             xml_escape("recorded in the baseline: " + text_of(r["baseline"], "reason")) +
             "\"/>\n    </testcase>\n";
      continue;
    }
    const json& kept = array_of(r, "failures");
    const std::string first_detail = kept.empty() ? "" : text_of(kept.front(), "detail");
    if (status == "passed") {
      out += "/>\n";
      continue;
    }
    if (status == "untested") {
      out +=
          ">\n      <skipped message=\"no case exercised this requirement\"/>\n    </testcase>\n";
      continue;
    }
    if (status == "warning") {
      out +=
          ">\n      <system-out>" +
          xml_escape("SHOULD requirement not met in " + std::to_string(count_of(r, "failedCases")) +
                     " case(s): " + first_detail + "\nsource: " + sources_of(r)) +
          "</system-out>\n    </testcase>\n";
      continue;
    }
    out += ">\n      <failure message=\"" + xml_escape(first_detail) + "\" type=\"" +
           xml_escape(text_of(r, "id")) + "\">";
    std::string text = text_of(r, "description") + "\nsource: " + sources_of(r) + "\nfailed in " +
                       std::to_string(count_of(r, "failedCases")) + " of " +
                       std::to_string(count_of(r, "cases")) + " cases\n";
    for (const auto& f : kept) {
      const json& c = object_of(f, "case");
      text += "\n" + text_of(c, "id") + " " + text_of(c, "name") + flaky_of(f) + "\n  " +
              text_of(f, "detail") + "\n  reproduce: " + text_of(f, "reproduce") + "\n";
    }
    out += xml_escape(text) + "</failure>\n    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace cpct::report
