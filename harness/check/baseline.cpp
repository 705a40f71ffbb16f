#include "check/baseline.hpp"

#include <nlohmann/json.hpp>

#include "model/json_file.hpp"

namespace cpct::check {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxBaselineBytes = 64u << 20;  // a results.json of a long run

[[noreturn]] void fail(const std::string& origin, const std::string& what) {
  throw BaselineError("baseline " + origin + ": " + what);
}

json parse(const std::string& path) {
  try {
    return model::read_json_file(path, kMaxBaselineBytes);
  } catch (const model::JsonFileError& e) {
    fail(path, e.what());
  }
}

std::string text(const json& node, const char* key, const std::string& where,
                 const std::string& origin, bool required) {
  const auto it = node.find(key);
  if (it == node.end() && !required) return "";
  if (it == node.end() || !it->is_string() || it->get_ref<const std::string&>().empty())
    fail(origin, where + ": \"" + key + "\" must be a non-empty string");
  return it->get<std::string>();
}

// A list written by hand: {"description"?, "baseline": [{"id", "reason", "source"?}]}.
std::vector<BaselineEntry> from_list(const json& doc, const std::string& origin) {
  for (const auto& [key, value] : doc.items())
    if (key != "baseline" && key != "description")
      fail(origin, "unknown key \"" + key + "\" (a baseline has \"baseline\" and \"description\")");
  const auto& list = doc.at("baseline");
  if (!list.is_array()) fail(origin, "\"baseline\" must be an array of {\"id\", \"reason\"}");
  std::vector<BaselineEntry> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = "baseline[" + std::to_string(i) + "]";
    if (!list[i].is_object()) fail(origin, where + " must be an object {\"id\", \"reason\"}");
    for (const auto& [key, value] : list[i].items())
      if (key != "id" && key != "reason" && key != "source" && key != "intermittent")
        fail(origin, where + ": unknown key \"" + key + "\" (id, reason, source, intermittent)");
    const auto intermittent = list[i].find("intermittent");
    if (intermittent != list[i].end() && !intermittent->is_boolean())
      fail(origin, where + ": \"intermittent\" must be true or false");
    out.push_back(
        {text(list[i], "id", where, origin, true), text(list[i], "reason", where, origin, true),
         text(list[i], "source", where, origin, false), list[i].value("intermittent", false)});
  }
  return out;
}

// An earlier run's results.json: what failed or warned there is the record.
std::vector<BaselineEntry> from_results(const json& doc, const std::string& origin) {
  const auto& list = doc.at("requirements");
  if (!list.is_array()) fail(origin, "\"requirements\" must be an array (a results.json)");
  std::vector<BaselineEntry> out;
  for (const auto& r : list) {
    if (!r.is_object()) fail(origin, "a requirement that is not an object");
    const std::string status = r.value("status", "");
    if (status != "failed" && status != "warning") continue;
    out.push_back(
        {text(r, "id", "requirements[]", origin, true), status + " in " + origin, origin});
  }
  return out;
}

}  // namespace

const BaselineEntry* Baseline::find(const std::string& id) const {
  for (const auto& entry : entries)
    if (model::id_matches(entry.pattern, id)) return &entry;
  return nullptr;
}

Baseline load_baseline(const std::string& path, const model::Catalogue& catalogue) {
  const json doc = parse(path);
  if (!doc.is_object()) fail(path, "must be a JSON object");
  Baseline out{path, {}};
  if (doc.contains("baseline"))
    out.entries = from_list(doc, path);
  else if (doc.contains("requirements") && doc.value("tool", "") == "cpct")
    out.entries = from_results(doc, path);
  else
    fail(path, "neither {\"baseline\": [...]} nor a cpct results.json");
  for (const auto& entry : out.entries) {
    if (!catalogue.matches_any(entry.pattern))
      fail(path,
           "'" + entry.pattern + "' names no requirement of this model (cpct spec lists them)");
  }
  return out;
}

BaselineOutcome apply_baseline(const Baseline& baseline, std::vector<RequirementResult>& results) {
  BaselineOutcome out;
  // Per entry: did it match a tested requirement, and did any of them fail?
  std::vector<int> state(baseline.entries.size(), 0);  // 0 none, 1 tested, 2 still fails
  for (auto& r : results) {
    const BaselineEntry* entry = baseline.find(r.requirement->id);
    if (entry == nullptr) continue;
    auto& s = state[static_cast<std::size_t>(entry - baseline.entries.data())];
    const Status status = r.status();
    if (status == Status::kUntested) continue;
    if (status == Status::kPassed) {
      s = std::max(s, 1);
      continue;
    }
    s = 2;
    r.baseline = entry;
    ++out.recorded;
    out.recorded_must += status == Status::kFailed;
  }
  for (std::size_t i = 0; i < state.size(); ++i)
    if (state[i] == 1 && !baseline.entries[i].intermittent)
      out.gone.push_back(&baseline.entries[i]);
  return out;
}

}  // namespace cpct::check
