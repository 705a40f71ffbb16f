// Seeded defects of the job lifecycle (corpus/fixtures/lifecycle.json),
// and lifecycles right in another way than cpct serve's, which must pass.
#include <mutex>

#include "defects.hpp"
#include "protocol/json_body.hpp"

namespace cpct::faulty {
namespace {

using nlohmann::json;
using server::Reply;
using server::Request;
namespace http = boost::beast::http;

bool targets(const Request& request, std::string_view operation) {
  const auto it = request.find("X-Amz-Target");
  if (it == request.end()) return false;
  const std::string_view value(it->value().data(), it->value().size());
  const auto dot = value.find('.');
  return dot != std::string_view::npos && value.substr(dot + 1) == operation;
}

json body_of(const std::string& text) {
  const auto parsed = protocol::parse_body(text, true);
  return parsed.problem == protocol::BodyParse::Problem::kNone ? parsed.value : json();
}

Reply with_body(Reply reply, http::status status, const json& body) {
  reply.response.result(status);
  reply.response.body() = body.is_null() ? "" : body.dump();
  reply.response.content_length(reply.response.body().size());
  return reply;
}

Reply with_request_body(const Request& request, const protocol::Oracle& oracle, std::string_view id,
                        const json& body) {
  Request copy = request;
  copy.body() = body.dump();
  copy.prepare_payload();
  return server::handle(copy, oracle, id);
}

// The first job a third-party poll ever handed out, handed out again to a
// poll that finds the queue empty.
Reply hands_out_twice(const Request& request, const protocol::Oracle& oracle, std::string_view id) {
  static std::mutex mutex;
  static json first;
  Reply reply = server::handle(request, oracle, id);
  if (!targets(request, "PollForThirdPartyJobs") || reply.response.result_int() != 200)
    return reply;
  json body = body_of(reply.response.body());
  std::lock_guard lock(mutex);
  if (!body["jobs"].empty()) {
    if (first.is_null()) first = body["jobs"][0];
    return reply;
  }
  if (first.is_null()) return reply;
  body["jobs"].push_back(first);
  return with_body(std::move(reply), http::status::ok, body);
}

}  // namespace

void add_lifecycle_defects(std::vector<Defect>& out) {
  const std::string tp = "PollForThirdPartyJobs.semantics.";
  out.push_back({"lifecycle-hands-out-twice", tp + "never-twice", false, &hands_out_twice});
  out.push_back(
      {"lifecycle-any-nonce", "AcknowledgeThirdPartyJob.semantics.wrong-nonce", false,
       [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
         Reply reply = server::handle(request, oracle, id);
         if (reply.error_type != "InvalidNonceException") return reply;
         return with_body(std::move(reply), http::status::ok, json{{"status", "InProgress"}});
       }});
  // Every registered third-party action type polls the Acme-Deployer queue.
  out.push_back({"lifecycle-any-action-type", tp + "hands-out-queued", false,
                 [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
                   json body = body_of(request.body());
                   if (!targets(request, "PollForThirdPartyJobs") || !body.is_object() ||
                       body.value("actionTypeId", json()).value("provider", "") != "Acme-Tester")
                     return server::handle(request, oracle, id);
                   body["actionTypeId"]["provider"] = "Acme-Deployer";
                   body["actionTypeId"]["category"] = "Deploy";
                   body["actionTypeId"]["version"] = "2";
                   return with_request_body(request, oracle, id, body);
                 }});
  out.push_back(
      {"lifecycle-unknown-type-empty", tp + "unknown-action-type", false,
       [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
         Reply reply = server::handle(request, oracle, id);
         if (reply.error_type != "ActionTypeNotFoundException") return reply;
         reply.error_type.clear();
         return with_body(std::move(reply), http::status::ok, json{{"jobs", json::array()}});
       }});
  // A result before the acknowledgement is taken: a SHOULD (not-in-progress).
  out.push_back({"lifecycle-result-before-ack",
                 "PutThirdPartyJobSuccessResult.semantics.not-in-progress", true,
                 [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
                   Reply reply = server::handle(request, oracle, id);
                   if (reply.error_type != "InvalidJobStateException") return reply;
                   reply.error_type.clear();
                   return with_body(std::move(reply), http::status::ok, json::object());
                 }});

  // Right in another way.
  // Its own nonces: "x-" before each it hands out, taken off what comes back.
  out.push_back({"lifecycle-own-nonces", "", false,
                 [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
                   json in = body_of(request.body());
                   Reply reply;
                   if (in.is_object() && in.contains("nonce") && in["nonce"].is_string()) {
                     const std::string nonce = in["nonce"];
                     in["nonce"] = nonce.rfind("x-", 0) == 0 ? nonce.substr(2) : "not-" + nonce;
                     reply = with_request_body(request, oracle, id, in);
                   } else {
                     reply = server::handle(request, oracle, id);
                   }
                   if (reply.response.result_int() != 200) return reply;
                   json out = body_of(reply.response.body());
                   if (!out.is_object()) return reply;
                   bool changed = false;
                   if (out.contains("jobDetails") && out["jobDetails"].contains("nonce")) {
                     out["jobDetails"]["nonce"] =
                         "x-" + out["jobDetails"]["nonce"].get<std::string>();
                     changed = true;
                   }
                   if (out.contains("jobs"))
                     for (auto& job : out["jobs"])
                       if (job.contains("nonce")) {
                         job["nonce"] = "x-" + job["nonce"].get<std::string>();
                         changed = true;
                       }
                   return changed ? with_body(std::move(reply), http::status::ok, out) : reply;
                 }});
  // One job per poll whatever maxBatchSize asks.
  out.push_back({"lifecycle-one-per-poll", "", false,
                 [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
                   json in = body_of(request.body());
                   if (!in.is_object() || !in.contains("maxBatchSize"))
                     return server::handle(request, oracle, id);
                   in["maxBatchSize"] = 1;
                   return with_request_body(request, oracle, id, in);
                 }});
  // An acknowledgement of a finished job refused as a stale nonce.
  out.push_back({"lifecycle-finished-ack-refused", "", false,
                 [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
                   Reply reply = server::handle(request, oracle, id);
                   if (reply.response.result_int() != 200) return reply;
                   const json out = body_of(reply.response.body());
                   const std::string status = out.is_object() ? out.value("status", "") : "";
                   if (status != "Succeeded" && status != "Failed") return reply;
                   reply.error_type = "InvalidNonceException";
                   return with_body(std::move(reply), http::status::bad_request,
                                    json{{"__type", "InvalidNonceException"},
                                         {"message", "the job is finished"}});
                 }});
  // Results answered with no body at all.
  out.push_back({"lifecycle-empty-result-body", "", false,
                 [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
                   Reply reply = server::handle(request, oracle, id);
                   const bool result = targets(request, "PutThirdPartyJobSuccessResult") ||
                                       targets(request, "PutThirdPartyJobFailureResult") ||
                                       targets(request, "PutJobSuccessResult") ||
                                       targets(request, "PutJobFailureResult");
                   if (!result || reply.response.result_int() != 200) return reply;
                   return with_body(std::move(reply), http::status::ok, json());
                 }});
}

}  // namespace cpct::faulty
