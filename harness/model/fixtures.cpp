#include "model/fixtures.hpp"

#include <set>
#include <unordered_set>

#include "model/input_file.hpp"
#include "model/lifecycle/check.hpp"
#include "model/validator.hpp"

namespace cpct::model {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxFixturesBytes = 64u << 20;

[[noreturn]] void fail(const std::string& origin, const std::string& what) {
  throw FixturesError("fixtures " + origin + ": " + what);
}

std::string job_label(std::size_t index, const json& job) {
  std::string label = "job " + std::to_string(index + 1);
  if (job.is_object()) {
    const auto details = job.find("jobDetails");
    if (details != job.end() && details->is_object()) {
      const auto id = details->find("id");
      if (id != details->end() && id->is_string())
        label += " (id '" + id->get<std::string>() + "')";
    }
  }
  return label;
}

// "line L, column C" for a byte offset, which is how editors find it.
std::string line_column(const std::string& text, std::size_t byte) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

FixtureJob parse_job(const json& node, std::size_t index, const std::string& origin,
                     const Operation& op) {
  const std::string label = job_label(index, node);
  auto job_fail = [&](const std::string& what) { fail(origin, label + ": " + what); };
  if (!node.is_object()) job_fail("must be a JSON object");
  static const std::set<std::string> kKeys{"clientToken", "kind",         "jobDetails", "state",
                                           "clientId",    "actionTypeId", "nonce"};
  for (const auto& [key, value] : node.items()) {
    if (kKeys.count(key) == 0)
      job_fail("unknown key \"" + key +
               "\" (expected clientToken, kind, jobDetails, state, clientId, actionTypeId, "
               "nonce)");
  }
  FixtureJob job;
  if (const auto kind = node.find("kind"); kind != node.end()) {
    if (kind->is_string() && *kind == "third-party") {
      job.kind = JobKind::kThirdParty;
    } else if (kind->is_string() && *kind == "custom") {
      job.kind = JobKind::kCustom;
    } else {
      job_fail("kind: must be \"third-party\" or \"custom\", not " + kind->dump());
    }
  }
  const auto details = node.find("jobDetails");
  if (details == node.end()) job_fail("jobDetails: missing");
  if (!details->is_object()) job_fail("jobDetails: must be a JSON object");
  const auto id = details->find("id");
  if (id == details->end() || !id->is_string())
    job_fail("jobDetails.id: missing (a job needs an id)");
  const auto token = node.find("clientToken");
  if (token == node.end()) job_fail("clientToken: missing");
  if (!token->is_string()) job_fail("clientToken: must be a JSON string");
  job.id = id->get<std::string>();
  job.client_token = token->get<std::string>();
  job.job_details = *details;
  auto optional_string = [&](const char* key, std::string& out) {
    const auto it = node.find(key);
    if (it == node.end()) return;
    if (!it->is_string()) job_fail(std::string(key) + ": must be a JSON string");
    out = it->get<std::string>();
  };
  optional_string("state", job.state);
  optional_string("clientId", job.client_id);
  optional_string("nonce", job.nonce);
  if (const auto type = node.find("actionTypeId"); type != node.end()) {
    if (!type->is_object()) job_fail("actionTypeId: must be a JSON object");
    job.action_type = *type;
  }

  // The job must be requestable (id and token valid as input) and its
  // details a valid response: both checks read the model.
  const json request = {{"jobId", job.id}, {"clientToken", job.client_token}};
  for (const auto& v : validate(op.name, Direction::kInput, *op.input, request))
    job_fail("as a request, " + v.message);
  const json response = {{"jobDetails", job.job_details}};
  for (const auto& v : validate(op.name, Direction::kOutput, *op.output, response))
    job_fail(v.message);
  return job;
}

}  // namespace

const char* to_string(JobKind kind) {
  return kind == JobKind::kCustom ? "custom" : "third-party";
}

const FixtureJob* Fixtures::find(const std::string& id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &jobs[it->second];
}

void Fixtures::index() {
  by_id_.clear();
  for (std::size_t i = 0; i < jobs.size(); ++i) by_id_.emplace(jobs[i].id, i);
}

Fixtures parse_fixtures(const nlohmann::json& document, const std::string& origin,
                        const Spec& spec) {
  const Operation* op = spec.find_operation(kFixturesOperation);
  if (op == nullptr || op->input == nullptr || op->output == nullptr)
    fail(origin, std::string("the model has no ") + kFixturesOperation +
                     " operation with input and output, so it cannot check fixtures");
  if (!document.is_object()) fail(origin, "must be a JSON object {\"jobs\": [...]}");
  for (const auto& [key, value] : document.items()) {
    if (key != "jobs" && key != "actionTypes" && key != "acknowledgeTimeoutMs")
      fail(origin, "unknown key \"" + key +
                       "\" (expected \"jobs\", \"actionTypes\", \"acknowledgeTimeoutMs\")");
  }
  const auto jobs = document.find("jobs");
  if (jobs == document.end() || !jobs->is_array())
    fail(origin, "must have \"jobs\": a JSON array of jobs");
  Fixtures fixtures;
  fixtures.origin = origin;
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < jobs->size(); ++i) {
    FixtureJob job = parse_job((*jobs)[i], i, origin, *op);
    if (!seen.insert(job.id).second)
      fail(origin, job_label(i, (*jobs)[i]) + ": duplicate job id '" + job.id + "'");
    fixtures.jobs.push_back(std::move(job));
  }
  if (const auto types = document.find("actionTypes"); types != document.end()) {
    if (!types->is_array()) fail(origin, "actionTypes: must be a JSON array of action types");
    for (const auto& type : *types) {
      if (!type.is_object()) fail(origin, "actionTypes: each must be a JSON object");
      fixtures.action_types.push_back(type);
    }
  }
  if (const auto timeout = document.find("acknowledgeTimeoutMs"); timeout != document.end()) {
    if (!timeout->is_number_integer() || timeout->get<long long>() < 1 ||
        timeout->get<long long>() > 86'400'000)
      fail(origin, "acknowledgeTimeoutMs: must be an integer from 1 to 86400000");
    fixtures.acknowledge_timeout_ms = timeout->get<long long>();
  }
  fixtures.index();
  // The lifecycle keys against the model and each other (lifecycle/check.cpp).
  for (const auto& problem : lifecycle::check_fixtures(fixtures, spec)) fail(origin, problem);
  return fixtures;
}

Fixtures load_fixtures_file(const std::string& path, const Spec& spec) {
  std::string text;
  try {
    text = read_input_file(path, kMaxFixturesBytes);
    check_json_depth(text);
  } catch (const InputFileError& e) {
    fail(path, e.what());
  }
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& e) {
    fail(path,
         "not valid JSON at " + line_column(text, e.byte == 0 ? 0 : e.byte - 1) + ": " + e.what());
  } catch (const json::exception& e) {
    // out_of_range: a number beyond double (1e999); nlohmann gives no offset.
    fail(path, std::string("not valid JSON: ") + e.what());
  }
  return parse_fixtures(document, path, spec);
}

}  // namespace cpct::model
