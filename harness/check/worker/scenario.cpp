#include "check/worker/scenario.hpp"

#include <rapidcheck.h>

#include "check/server/planner.hpp"
#include "gen/shape_gen.hpp"

namespace cpct::check::worker {
namespace {

using model::JobKind;
using nlohmann::json;

const model::Shape& member_shape(const model::Spec& spec, const char* operation, bool output,
                                 std::vector<const char*> path) {
  const model::Operation& op = spec.operation(operation);
  const model::Shape* shape = output ? op.output : op.input;
  for (const char* name : path) {
    const model::Shape* next = nullptr;
    if (shape != nullptr && shape->type == model::ShapeType::kList)
      shape = shape->list_member.shape;
    if (shape != nullptr)
      if (const auto* m = shape->find_member(name)) next = m->shape;
    if (next == nullptr)
      throw model::FixturesError(std::string("the model's ") + operation + " has no " + name +
                                 " to build a scenario from");
    shape = next;
  }
  return *shape;
}

struct Maker {
  const model::Spec& spec;
  json action_type;
  JobKind flavour;
  std::uint64_t seed;
  std::uint64_t draws = 0;
  std::map<std::string, std::string> tokens;

  template <class F>
  auto draw(F&& f) {
    return rc::gen::exec(std::forward<F>(f))(rc::Random(mix_seed(seed, draws++)), 20).value();
  }

  // One job of `type`: data, ids and client from the model's shapes.
  json job(const json& type, int n, bool continued) {
    const bool third = flavour == JobKind::kThirdParty;
    const char* details_op = third ? "GetThirdPartyJobDetails" : "GetJobDetails";
    const model::Shape& data_shape = member_shape(spec, details_op, true, {"jobDetails", "data"});
    const model::Shape& id_shape =
        third ? member_shape(spec, "PollForThirdPartyJobs", true, {"jobs", "jobId"})
              : member_shape(spec, "PollForJobs", true, {"jobs", "id"});
    gen::GenOptions small;
    small.max_string = 80;  // short, but room for the patterns (a pipeline ARN)
    small.max_collection = 2;
    small.max_depth = 4;
    json data = draw([&] { return gen::draw_valid(data_shape, 0, small); });
    data["actionTypeId"] = type;
    data.erase("continuationToken");
    if (continued) data["continuationToken"] = "cpct-continued-" + std::to_string(n);
    const std::string id = draw([&] { return gen::draw_string(id_shape, 1, 64); });
    json details{{"id", id}, {"data", data}};
    json out{{"state", "Queued"}, {"jobDetails", details}};
    if (third) {
      const model::Shape& client_shape =
          member_shape(spec, "PollForThirdPartyJobs", true, {"jobs", "clientId"});
      const std::string client = draw([&] { return gen::draw_string(client_shape, 1, 64); });
      const std::string token = "cpct-token-" + std::to_string(n);
      out["clientId"] = client;
      out["clientToken"] = tokens.emplace(client, token).first->second;
    } else {
      out["kind"] = "custom";
      out["clientToken"] = "unused";
    }
    return out;
  }

  Scenario scenario(std::string name, std::string description, json jobs,
                    std::vector<Fault> faults) {
    json document{{"acknowledgeTimeoutMs", 1000}, {"jobs", std::move(jobs)}};
    Scenario s;
    s.name = name;
    s.description = std::move(description);
    s.fixtures = std::make_shared<const model::Fixtures>(
        model::parse_fixtures(document, "scenario " + name, spec));
    s.action_type = action_type;
    if (flavour == JobKind::kThirdParty) s.client_tokens = tokens;
    s.faults = std::move(faults);
    tokens.clear();
    return s;
  }
};

}  // namespace

const char* to_string(FaultKind kind) {
  switch (kind) {
    case FaultKind::kThrottle:
      return "400 ThrottlingException";
    case FaultKind::kServerError:
      return "500 InternalFailure";
    case FaultKind::kNotJson:
      return "200 with a body that is not JSON";
    case FaultKind::kInvalidNonce:
      return "400 InvalidNonceException";
    case FaultKind::kJobNotFound:
      return "400 JobNotFoundException";
  }
  return "?";
}

std::vector<Scenario> plan_scenarios(const model::Spec& spec, const json& action_type,
                                     std::uint64_t seed, std::size_t generated) {
  const JobKind flavour =
      action_type.value("owner", "") == "Custom" ? JobKind::kCustom : JobKind::kThirdParty;
  const bool third = flavour == JobKind::kThirdParty;
  Maker m{spec, action_type, flavour, seed, 0, {}};
  json other = action_type;
  other["provider"] = "cpct-other-type";
  const std::string poll = third ? "PollForThirdPartyJobs" : "PollForJobs";
  const std::string ack = third ? "AcknowledgeThirdPartyJob" : "AcknowledgeJob";
  const std::string details = third ? "GetThirdPartyJobDetails" : "GetJobDetails";
  const std::string success = third ? "PutThirdPartyJobSuccessResult" : "PutJobSuccessResult";

  std::vector<Scenario> out;
  out.push_back(m.scenario("jobs", "three jobs of its action type and one of another",
                           {m.job(action_type, 1, false), m.job(action_type, 2, false),
                            m.job(other, 3, false), m.job(action_type, 4, false)},
                           {}));
  out.push_back(m.scenario("continued",
                           "a job that carries a continuation token, and one that does not",
                           {m.job(action_type, 1, true), m.job(action_type, 2, false)}, {}));
  out.push_back(m.scenario("throttled",
                           "the first poll throttled, the second a 5xx, a result answered 500",
                           {m.job(action_type, 1, false), m.job(action_type, 2, false)},
                           {{poll, 1, FaultKind::kThrottle},
                            {poll, 2, FaultKind::kServerError},
                            {success, 1, FaultKind::kServerError}}));
  // Third-party workers read details before acknowledging; custom ones
  // acknowledge straight from the poll.
  std::vector<Fault> lost{{ack, 1, FaultKind::kInvalidNonce}};
  lost.push_back(third ? Fault{details, 2, FaultKind::kJobNotFound}
                       : Fault{ack, 2, FaultKind::kJobNotFound});
  out.push_back(m.scenario(
      "lost-jobs", "the first acknowledgement refused (nonce), the next job not found",
      {m.job(action_type, 1, false), m.job(action_type, 2, false), m.job(action_type, 3, false)},
      lost));
  std::vector<Fault> hostile{{poll, 1, FaultKind::kNotJson}, {ack, 1, FaultKind::kNotJson}};
  if (third) hostile.push_back({details, 1, FaultKind::kNotJson});
  out.push_back(m.scenario(
      "hostile", "answers that are not JSON on the poll, the details and the acknowledgement",
      {m.job(action_type, 1, false), m.job(action_type, 2, false)}, hostile));
  for (std::size_t g = 0; g < generated; ++g) {
    const int jobs = m.draw([] { return *rc::gen::inRange(1, 5); });
    json list = json::array();
    for (int n = 1; n <= jobs; ++n)
      list.push_back(
          m.job(m.draw([] { return *rc::gen::inRange(0, 5); }) == 0 ? other : action_type, n,
                m.draw([] { return *rc::gen::inRange(0, 4); }) == 0));
    std::vector<Fault> faults;
    const int count = m.draw([] { return *rc::gen::inRange(0, 3); });
    const std::vector<std::string> ops{poll, ack, details, success};
    for (int f = 0; f < count; ++f) {
      const auto& op = ops[m.draw([&] { return *rc::gen::inRange<std::size_t>(0, ops.size()); })];
      const auto kind = static_cast<FaultKind>(m.draw([] { return *rc::gen::inRange(0, 3); }));
      faults.push_back(
          {op, static_cast<std::size_t>(m.draw([] { return *rc::gen::inRange(1, 4); })), kind});
    }
    out.push_back(m.scenario("generated-" + std::to_string(g + 1),
                             "generated: jobs and transient faults", std::move(list),
                             std::move(faults)));
  }
  return out;
}

}  // namespace cpct::check::worker
