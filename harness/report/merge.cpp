#include "report/merge.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "check/results.hpp"

namespace cpct::report {
namespace {

using nlohmann::json;

bool is_count(const json& v) {
  return v.is_number_unsigned() || (v.is_number_integer() && v.get<std::int64_t>() >= 0);
}

std::uint64_t count(const json& object, const char* key) {
  return object.at(key).get<std::uint64_t>();
}

// The first member of `keys` that is absent or not a count, or "".
std::string not_counts(const json& object, std::initializer_list<const char*> keys) {
  for (const char* key : keys)
    if (!object.contains(key) || !is_count(object[key])) return key;
  return "";
}

bool is_string_member(const json& object, const char* key) {
  return object.contains(key) && object[key].is_string();
}

// The status a requirement's counts give (check::RequirementResult::status).
std::string status_of(const std::string& level, std::uint64_t cases, std::uint64_t failed) {
  if (cases == 0) return "untested";
  if (failed == 0) return "passed";
  return level == "MUST" ? "failed" : "warning";
}

std::string requirement_problem(const json& r) {
  if (!r.is_object()) return "a requirement that is not an object";
  if (!is_string_member(r, "id")) return "a requirement without an \"id\"";
  const std::string id = r["id"].get<std::string>();
  if (!is_string_member(r, "level") || (r["level"] != "MUST" && r["level"] != "SHOULD"))
    return "requirement " + id + ": \"level\" is not MUST or SHOULD";
  if (!is_string_member(r, "family")) return "requirement " + id + ": no \"family\"";
  if (const auto bad = not_counts(r, {"cases", "failedCases"}); !bad.empty())
    return "requirement " + id + ": \"" + bad + "\" is not a count";
  if (!is_string_member(r, "status")) return "requirement " + id + ": no \"status\"";
  if (count(r, "failedCases") > count(r, "cases"))
    return "requirement " + id + ": more failed cases than cases";
  if (r["status"] != status_of(r["level"], count(r, "cases"), count(r, "failedCases")))
    return "requirement " + id + ": \"status\" disagrees with its counts";
  if (!r.contains("failures") || !r["failures"].is_array() || r["failures"].size() > 3)
    return "requirement " + id + ": \"failures\" is not an array of at most 3";
  for (const auto& f : r["failures"])
    if (!f.is_object() || !f.contains("case") || !f["case"].is_object() ||
        !is_string_member(f["case"], "id"))
      return "requirement " + id + ": a failure without a case id";
  if (r.contains("baseline") &&
      (!r["baseline"].is_object() || !is_string_member(r["baseline"], "reason")))
    return "requirement " + id + ": \"baseline\" without a \"reason\"";
  return {};
}

std::string shard_problem(const json& shard) {
  if (!shard.is_object()) return "\"shard\" is not an object";
  if (!shard.contains("count") || !is_count(shard["count"]) || count(shard, "count") == 0)
    return "\"shard\" has no count of at least 1";
  if (!shard.contains("plan") || !shard["plan"].is_object()) return "\"shard\" has no \"plan\"";
  const auto n = count(shard, "count");
  if (shard.contains("merged")) {
    if (!shard["merged"].is_array() || shard["merged"].empty())
      return "\"shard\".\"merged\" is not a list of shards";
    for (const auto& i : shard["merged"])
      if (!is_count(i) || i.get<std::uint64_t>() >= n)
        return "\"shard\".\"merged\" holds an index outside 0.." + std::to_string(n - 1);
    return {};
  }
  if (!shard.contains("index") || !is_count(shard["index"]) || count(shard, "index") >= n)
    return "\"shard\".\"index\" is not below its count";
  return {};
}

std::string latency_problem(const json& latency) {
  if (!latency.is_object() || !latency.contains("buckets") || !latency.contains("counts"))
    return "\"latency\" without buckets and counts";
  const json expected = check::LatencyHistogram::kLowerUs;
  if (latency["buckets"] != expected) return "\"latency\" buckets are not cpct's";
  const auto& counts = latency["counts"];
  if (!counts.is_array() || counts.size() != expected.size() ||
      !std::all_of(counts.begin(), counts.end(), is_count))
    return "\"latency\" counts do not fit its buckets";
  return {};
}

std::string profile_problem(const json& profile) {
  if (!profile.is_array()) return "\"profile\" is not an array";
  for (const auto& q : profile) {
    if (!q.is_object() || !is_string_member(q, "question") || !is_string_member(q, "text") ||
        !q.contains("answers") || !q["answers"].is_array())
      return "a \"profile\" entry without question, text and answers";
    for (const auto& a : q["answers"])
      if (!a.is_object() || !is_string_member(a, "answer") || !a.contains("cases") ||
          !is_count(a["cases"]))
        return "a \"profile\" answer without answer and cases";
  }
  return {};
}

std::string baseline_problem(const json& baseline) {
  if (!baseline.is_object() || !is_string_member(baseline, "file") || !baseline.contains("gone") ||
      !baseline["gone"].is_array())
    return "\"baseline\" without file and gone";
  for (const auto& g : baseline["gone"])
    if (!g.is_object() || !is_string_member(g, "id") || !is_string_member(g, "reason"))
      return "a \"baseline\".\"gone\" entry without id and reason";
  return {};
}

// The order Results keeps failures in: planned and generated cases (cN)
// by index, then lifecycle sequences (sK), then the pollers' race; all of
// them sit at higher case indexes than every planned case.
std::pair<int, std::uint64_t> case_order(const json& failure) {
  const std::string id = failure["case"]["id"].get<std::string>();
  if (id.empty()) return {3, 0};
  auto number = [&](std::size_t from) -> std::optional<std::uint64_t> {
    if (id.size() <= from || id.size() > from + 19 ||
        id.find_first_not_of("0123456789", from) != std::string::npos)
      return std::nullopt;
    return std::stoull(id.substr(from));
  };
  if (id[0] == 'c')
    if (const auto n = number(1)) return {0, *n};
  if (id[0] == 's')
    if (const auto n = number(1)) return {1, *n};
  return {id == "race" ? 2 : 3, 0};
}

std::set<std::uint64_t> covered(const json& shard) {
  std::set<std::uint64_t> out;
  if (shard.contains("merged"))
    for (const auto& i : shard["merged"]) out.insert(i.get<std::uint64_t>());
  else
    out.insert(count(shard, "index"));
  return out;
}

std::string shards_text(const std::set<std::uint64_t>& shards, std::uint64_t n) {
  std::string out;
  for (const auto i : shards)
    out += (out.empty() ? "" : ", ") + std::to_string(i) + "/" + std::to_string(n);
  return out;
}

std::string brief(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  return text.size() <= 80 ? text : text.substr(0, 77) + "...";
}

// Why `doc` is not of the same plan as `first`, or "".
std::string plan_difference(const json& first, const json& doc) {
  auto member = [](const json& object, const char* key) {
    return object.contains(key) ? object[key] : json();
  };
  auto differs = [&](const char* what, const json& a, const json& b) -> std::string {
    if (a == b) return "";
    return std::string(what) + " " + brief(b) + ", not " + brief(a);
  };
  std::string why;
  const json& ft = first["target"];
  const json& dt = doc["target"];
  for (const auto& [what, a, b] : std::vector<std::tuple<const char*, json, json>>{
           {"cpct version", first["version"], doc["version"]},
           {"seed", first["seed"], doc["seed"]},
           {"model", first["model"], doc["model"]},
           {"kind", member(ft, "kind"), member(dt, "kind")},
           {"operations", member(ft, "operations"), member(dt, "operations")},
           {"fixtures", member(ft, "fixtures"), member(dt, "fixtures")},
           {"baseline", member(member(first, "baseline"), "file"),
            member(member(doc, "baseline"), "file")},
           {"shard count", first["shard"]["count"], doc["shard"]["count"]},
           {"plan options", first["shard"]["plan"], doc["shard"]["plan"]}})
    if (why = differs(what, a, b); !why.empty()) return why;
  const auto& fr = first["requirements"];
  const auto& dr = doc["requirements"];
  if (fr.size() != dr.size())
    return std::to_string(dr.size()) + " requirements, not " + std::to_string(fr.size());
  for (std::size_t i = 0; i < fr.size(); ++i)
    if (fr[i]["id"] != dr[i]["id"] || fr[i]["level"] != dr[i]["level"])
      return "requirement " + brief(dr[i]["id"]) + " where the first has " + brief(fr[i]["id"]);
  return {};
}

json merge_requirement(const std::vector<const json*>& parts) {
  json out = *parts.front();
  std::uint64_t cases = 0, failed = 0;
  std::vector<json> failures;
  for (const json* r : parts) {
    cases += count(*r, "cases");
    failed += count(*r, "failedCases");
    for (const auto& f : (*r)["failures"]) failures.push_back(f);
    if (!out.contains("baseline") && r->contains("baseline")) out["baseline"] = (*r)["baseline"];
  }
  // The first three by case index, as one run would have kept them.
  std::stable_sort(failures.begin(), failures.end(),
                   [](const json& a, const json& b) { return case_order(a) < case_order(b); });
  if (failures.size() > check::Results::kKept) failures.resize(check::Results::kKept);
  out["cases"] = cases;
  out["failedCases"] = failed;
  out["failures"] = failures;
  out["status"] = status_of(out["level"], cases, failed);
  // A baseline records failures and warnings only.
  if (out["status"] == "passed" || out["status"] == "untested") out.erase("baseline");
  return out;
}

json merge_profile(const std::vector<MergeInput>& inputs) {
  std::map<std::string, std::string> texts;
  std::map<std::string, std::map<std::string, std::uint64_t>> answers;
  for (const auto& in : inputs)
    for (const auto& q : in.doc["profile"]) {
      const std::string question = q["question"];
      texts.emplace(question, q["text"].get<std::string>());
      for (const auto& a : q["answers"])
        answers[question][a["answer"].get<std::string>()] += a["cases"].get<std::uint64_t>();
    }
  json out = json::array();
  for (auto& [question, counts] : answers) {
    // The same bound as one run's: beyond it, answers count together.
    std::map<std::string, std::uint64_t> kept;
    std::uint64_t other = 0;
    for (const auto& [answer, cases] : counts) {
      if (answer != "(other answers)" && kept.size() < check::Results::kAnswersKept)
        kept[answer] = cases;
      else
        other += cases;
    }
    if (other > 0) kept["(other answers)"] += other;
    json entry = {{"question", question}, {"text", texts[question]}, {"answers", json::array()}};
    for (const auto& [answer, cases] : kept)
      entry["answers"].push_back({{"answer", answer}, {"cases", cases}});
    out.push_back(std::move(entry));
  }
  return out;
}

json merge_latency(const std::vector<MergeInput>& inputs) {
  check::LatencyHistogram histogram;
  for (const auto& in : inputs) {
    if (!in.doc.contains("latency")) continue;
    const auto& counts = in.doc["latency"]["counts"];
    for (std::size_t i = 0; i < histogram.counts.size(); ++i)
      histogram.counts[i] += counts[i].get<std::uint64_t>();
  }
  if (histogram.total() == 0) return nullptr;
  return {{"unit", "microseconds"},
          {"buckets", histogram.kLowerUs},
          {"counts", histogram.counts},
          {"p50", histogram.quantile(0.50)},
          {"p99", histogram.quantile(0.99)}};
}

// The baseline over the union: an entry is gone when some shard tested its
// requirements without a failure and no shard saw one of them fail.
json merge_baseline(const std::vector<MergeInput>& inputs, const json& requirements) {
  std::set<std::string> still, reasons;
  std::size_t recorded = 0;
  for (const auto& r : requirements) {
    if (!r.contains("baseline")) continue;
    ++recorded;
    if (r["baseline"].contains("id")) still.insert(r["baseline"].value("id", ""));
    reasons.insert(r["baseline"].value("reason", ""));
  }
  json gone = json::array();
  std::set<std::string> listed;
  for (const auto& in : inputs)
    for (const auto& g : in.doc["baseline"]["gone"]) {
      const std::string id = g["id"];
      // A file without the entry's ID in its requirements (cpct before
      // merging existed) is matched by reason.
      if (still.count(id) || (still.empty() && reasons.count(g["reason"].get<std::string>())))
        continue;
      if (listed.insert(id).second) gone.push_back(g);
    }
  return {{"file", inputs.front().doc["baseline"]["file"]}, {"recorded", recorded}, {"gone", gone}};
}

}  // namespace

std::string merge_shape_problem(const json& doc) {
  if (!doc.is_object()) return "not a JSON object";
  if (doc.value("tool", json()) != "cpct") return "no \"tool\": \"cpct\" member";
  if (!is_string_member(doc, "version")) return "no \"version\"";
  if (!doc.contains("seed") || !is_count(doc["seed"])) return "no \"seed\" count";
  if (!doc.contains("target") || !doc["target"].is_object() ||
      !is_string_member(doc["target"], "kind"))
    return "no \"target\" with a kind";
  if (!doc.contains("model") || !doc["model"].is_object()) return "no \"model\" object";
  if (!is_string_member(doc, "started") || !is_string_member(doc, "rerun") ||
      !doc.contains("seconds") || !doc["seconds"].is_number())
    return "no \"started\", \"seconds\" and \"rerun\"";
  if (!doc.contains("summary") || !doc["summary"].is_object()) return "no \"summary\" object";
  if (const auto bad = not_counts(
          doc["summary"], {"requirements", "passed", "failed", "warnings", "untested", "cases"});
      !bad.empty())
    return "\"summary\".\"" + bad + "\" is not a count";
  if (const auto why = profile_problem(doc.value("profile", json())); !why.empty()) return why;
  if (doc.contains("latency"))
    if (const auto why = latency_problem(doc["latency"]); !why.empty()) return why;
  if (doc.contains("baseline"))
    if (const auto why = baseline_problem(doc["baseline"]); !why.empty()) return why;
  if (!doc.contains("requirements") || !doc["requirements"].is_array())
    return "no \"requirements\" array";
  std::set<std::string> ids;
  for (const auto& r : doc["requirements"]) {
    if (const auto why = requirement_problem(r); !why.empty()) return why;
    if (!ids.insert(r["id"].get<std::string>()).second)
      return "requirement " + r["id"].get<std::string>() + " listed twice";
  }
  if (doc.contains("shard"))
    if (const auto why = shard_problem(doc["shard"]); !why.empty()) return why;
  return {};
}

json merge_results(const std::vector<MergeInput>& inputs) {
  if (inputs.empty()) throw MergeError("nothing to merge: name the shards' report directories");
  std::map<std::uint64_t, std::string> holder;  // shard index -> the input that holds it
  for (const auto& in : inputs) {
    if (const auto why = merge_shape_problem(in.doc); !why.empty())
      throw MergeError(in.name + ": not a results.json of docs/results.schema.json's shape (" +
                       why + ")");
    if (!in.doc.contains("shard"))
      throw MergeError(in.name +
                       ": not a shard (no \"shard\" member: write it with cpct check server "
                       "--shard I/N --report-dir DIR)");
    if (const auto why = plan_difference(inputs.front().doc, in.doc); !why.empty())
      throw MergeError(in.name + ": not a shard of the plan of " + inputs.front().name + ": " +
                       why);
    const auto n = count(in.doc["shard"], "count");
    for (const auto i : covered(in.doc["shard"])) {
      const auto [it, fresh] = holder.emplace(i, in.name);
      if (!fresh)
        throw MergeError(in.name + ": shard " + shards_text({i}, n) + " is also in " + it->second);
    }
  }
  const json& first = inputs.front().doc;
  const auto n = count(first["shard"], "count");

  json out = first;
  out.erase("latency");
  out.erase("baseline");
  // The endpoints may differ (each shard its own machine); the plan may not.
  std::vector<std::string> endpoints;
  std::string started = first["started"];
  double seconds = 0;
  for (const auto& in : inputs) {
    const std::string endpoint = in.doc["target"].value("endpoint", "");
    if (std::find(endpoints.begin(), endpoints.end(), endpoint) == endpoints.end())
      endpoints.push_back(endpoint);
    started = std::min(started, in.doc["started"].get<std::string>());
    // Shards run side by side: the merged run took as long as the longest.
    seconds = std::max(seconds, in.doc["seconds"].get<double>());
  }
  if (out["target"].contains("endpoint")) {
    std::string joined;
    for (const auto& e : endpoints) joined += (joined.empty() ? "" : ", ") + e;
    out["target"]["endpoint"] = joined;
  }
  out["started"] = started;
  out["seconds"] = seconds;
  // The command of the whole plan: the shard's own flag taken out (a bare
  // I/N, after the quoted endpoint in the flag table's order).
  if (!first["shard"].contains("merged")) {
    std::string rerun = first["rerun"];
    const std::string flag =
        " --shard " + std::to_string(count(first["shard"], "index")) + "/" + std::to_string(n);
    if (const auto at = rerun.rfind(flag); at != std::string::npos) rerun.erase(at, flag.size());
    out["rerun"] = rerun;
  }

  json requirements = json::array();
  for (std::size_t j = 0; j < first["requirements"].size(); ++j) {
    std::vector<const json*> parts;
    for (const auto& in : inputs) parts.push_back(&in.doc["requirements"][j]);
    requirements.push_back(merge_requirement(parts));
  }
  json summary = {{"requirements", requirements.size()},
                  {"passed", 0},
                  {"failed", 0},
                  {"warnings", 0},
                  {"untested", 0},
                  {"cases", 0}};
  for (const auto& r : requirements) {
    const std::string status = r["status"];
    const char* key = status == "passed"    ? "passed"
                      : status == "failed"  ? "failed"
                      : status == "warning" ? "warnings"
                                            : "untested";
    summary[key] = summary[key].get<std::uint64_t>() + 1;
  }
  std::uint64_t cases = 0;
  for (const auto& in : inputs) cases += count(in.doc["summary"], "cases");
  summary["cases"] = cases;
  if (first.contains("baseline")) {
    out["baseline"] = merge_baseline(inputs, requirements);
    summary["recorded"] = out["baseline"]["recorded"];
  }
  out["summary"] = summary;
  out["requirements"] = std::move(requirements);
  out["profile"] = merge_profile(inputs);
  if (json latency = merge_latency(inputs); !latency.is_null()) out["latency"] = latency;

  json merged = json::array(), missing = json::array();
  for (std::uint64_t i = 0; i < n; ++i) (holder.count(i) ? merged : missing).push_back(i);
  out["shard"] = {
      {"count", n}, {"plan", first["shard"]["plan"]}, {"merged", merged}, {"missing", missing}};
  return out;
}

std::vector<std::size_t> missing_shards(const json& merged) {
  std::vector<std::size_t> out;
  if (!merged.contains("shard")) return out;
  for (const auto& i : merged["shard"].value("missing", json::array()))
    out.push_back(i.get<std::size_t>());
  return out;
}

}  // namespace cpct::report
