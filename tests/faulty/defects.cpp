#include "defects.hpp"

#include <chrono>
#include <thread>

#include <boost/beast/http/field.hpp>

#include "protocol/json_body.hpp"
#include "protocol/oracle.hpp"
#include "text/utf8.hpp"

namespace cpct::faulty {
namespace {

using nlohmann::json;
using server::Reply;
using server::Request;
namespace http = boost::beast::http;

// Request rewriting: the reference handler then answers the altered request.
Handle rewrite_request(std::function<void(json&)> edit) {
  return [edit](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
    Request copy = request;
    const auto parsed = protocol::parse_body(request.body(), true);
    if (parsed.problem == protocol::BodyParse::Problem::kNone && parsed.value.is_object()) {
      json body = parsed.value;
      edit(body);
      copy.body() = body.dump();
      copy.prepare_payload();
    }
    return server::handle(copy, oracle, id);
  };
}

// Response rewriting: the reference answer, then altered.
Handle rewrite_response(std::function<void(json& body, Reply& reply)> edit) {
  return [edit](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
    Reply reply = server::handle(request, oracle, id);
    json body = json::parse(reply.response.body(), nullptr, false);
    if (body.is_discarded()) return reply;
    edit(body, reply);
    reply.response.body() = body.dump();
    reply.response.content_length(reply.response.body().size());
    return reply;
  };
}

Reply answer(const Request& request, std::string_view id, http::status status, const json& body) {
  Reply reply = server::error_reply(status, "", "", request.version(), id, protocol::kContentType);
  reply.response.body() = body.dump();
  reply.response.content_length(reply.response.body().size());
  reply.response.keep_alive(request.keep_alive());
  return reply;
}

bool is_error(const json& body, const char* type) {
  return body.is_object() && body.value("__type", "") == type;
}

json* job_data(json& body) {
  if (!body.contains("jobDetails") || !body["jobDetails"].contains("data")) return nullptr;
  return &body["jobDetails"]["data"];
}

std::vector<Defect> make_defects() {
  std::vector<Defect> out;
  const std::string op = "GetThirdPartyJobDetails.";
  // Input constraints.
  out.push_back({"job-id-length-unchecked", op + "input.jobId.length-max", false,
                 rewrite_request([](json& b) {
                   if (b.contains("jobId") && b["jobId"].is_string()) {
                     auto cps = text::decode_utf8(b["jobId"].get<std::string>()).value_or(U"");
                     if (cps.size() > 512) b["jobId"] = text::encode_utf8(cps.substr(0, 512));
                   }
                 })});
  out.push_back({"empty-token-accepted", op + "input.clientToken.length-min", false,
                 rewrite_request([](json& b) {
                   if (b.value("clientToken", json()) == "") b["clientToken"] = "x";
                 })});
  out.push_back(
      {"token-not-required", op + "input.clientToken.required", false, rewrite_request([](json& b) {
         if (!b.contains("clientToken") || b["clientToken"].is_null()) b["clientToken"] = "x";
       })});
  out.push_back(
      {"numeric-job-id-coerced", op + "input.jobId.type", false, rewrite_request([](json& b) {
         if (b.contains("jobId") && b["jobId"].is_number()) b["jobId"] = b["jobId"].dump();
       })});
  // Output constraints.
  out.push_back({"nonce-too-long", op + "output.jobDetails.nonce.length-max", false,
                 rewrite_response([](json& b, Reply&) {
                   if (b.contains("jobDetails")) b["jobDetails"]["nonce"] = std::string(51, '7');
                 })});
  out.push_back({"category-lower-case", op + "output.jobDetails.data.actionTypeId.category.enum",
                 false, rewrite_response([](json& b, Reply&) {
                   if (auto* d = job_data(b); d && d->contains("actionTypeId"))
                     (*d)["actionTypeId"]["category"] = "deploy";
                 })});
  out.push_back({"owner-dropped", op + "output.jobDetails.data.actionTypeId.owner.required", false,
                 rewrite_response([](json& b, Reply&) {
                   if (auto* d = job_data(b); d && d->contains("actionTypeId"))
                     (*d)["actionTypeId"].erase("owner");
                 })});
  out.push_back({"artifact-name-off-pattern",
                 op + "output.jobDetails.data.inputArtifacts[].name.pattern", false,
                 rewrite_response([](json& b, Reply&) {
                   if (auto* d = job_data(b); d && d->contains("inputArtifacts"))
                     for (auto& a : (*d)["inputArtifacts"]) a["name"] = "Build Output!";
                 })});
  // Semantics.
  out.push_back({"any-token-accepted", op + "semantics.wrong-client-token", false,
                 [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
                   Request copy = request;
                   json b = json::parse(request.body(), nullptr, false);
                   if (b.is_object() && b.contains("jobId") && b["jobId"].is_string() &&
                       oracle.fixtures()) {
                     if (const auto* job = oracle.fixtures()->find(b["jobId"].get<std::string>()))
                       if (b.contains("clientToken") && b["clientToken"].is_string())
                         b["clientToken"] = job->client_token;
                     copy.body() = b.dump();
                     copy.prepare_payload();
                   }
                   return server::handle(copy, oracle, id);
                 }});
  out.push_back(
      {"custom-job-served", op + "semantics.not-third-party-job", false,
       [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
         json b = json::parse(request.body(), nullptr, false);
         if (b.is_object() && b.contains("jobId") && b["jobId"].is_string() && oracle.fixtures()) {
           const auto* job = oracle.fixtures()->find(b["jobId"].get<std::string>());
           if (job && job->kind == model::JobKind::kCustom)
             return answer(request, id, http::status::ok, json{{"jobDetails", job->job_details}});
         }
         return server::handle(request, oracle, id);
       }});
  out.push_back({"unknown-job-as-validation", op + "semantics.unknown-job", false,
                 rewrite_response([](json& b, Reply&) {
                   if (is_error(b, "JobNotFoundException")) b["__type"] = "ValidationException";
                 })});
  // Protocol.
  out.push_back({"unknown-target-500", "awsJson1_1.server.no-5xx", false,
                 rewrite_response([](json& b, Reply& r) {
                   if (is_error(b, "UnknownOperationException"))
                     r.response.result(http::status::internal_server_error);
                 })});
  out.push_back({"bad-json-as-validation", "awsJson1_1.request.malformed-json", false,
                 rewrite_response([](json& b, Reply&) {
                   if (is_error(b, "SerializationException")) b["__type"] = "ValidationException";
                 })});
  out.push_back({"array-body-accepted", "awsJson1_1.request.non-object-body", false,
                 [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
                   json b = json::parse(request.body(), nullptr, false);
                   if (!b.is_discarded() && b.is_array())
                     return answer(request, id, http::status::ok, json::object());
                   return server::handle(request, oracle, id);
                 }});
  out.push_back({"empty-body-rejected", "awsJson1_1.request.empty-body", false,
                 [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
                   if (request.body().empty() && request.method() == http::verb::post)
                     return answer(
                         request, id, http::status::bad_request,
                         {{"__type", "SerializationException"}, {"message", "empty body"}});
                   return server::handle(request, oracle, id);
                 }});
  out.push_back(
      {"charset-rejected", "awsJson1_1.request.content-type-parameters", false,
       [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
         const auto it = request.find(http::field::content_type);
         if (it != request.end() && it->value().find(';') != boost::beast::string_view::npos)
           return answer(request, id, http::status::bad_request,
                         {{"__type", "SerializationException"}, {"message", "bad content type"}});
         return server::handle(request, oracle, id);
       }});
  out.push_back({"lone-surrogate-accepted", "awsJson1_1.request.invalid-utf8", false,
                 [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
                   Request copy = request;
                   for (const char* escape : {"\\ud800", "\\udc00"})
                     for (auto at = copy.body().find(escape); at != std::string::npos;
                          at = copy.body().find(escape))
                       copy.body().replace(at, 6, "?");
                   copy.prepare_payload();
                   return server::handle(copy, oracle, id);
                 }});
  // Error encoding and response form.
  out.push_back({"json-content-type", "awsJson1_1.response.content-type", false,
                 [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
                   Reply reply = server::handle(request, oracle, id);
                   reply.response.set(http::field::content_type, "application/json");
                   return reply;
                 }});
  out.push_back({"error-type-missing", "awsJson1_1.response.error-type", false,
                 rewrite_response([](json& b, Reply&) {
                   if (b.contains("__type")) b.erase("__type");
                 })});
  // Robustness.
  out.push_back({"hang-on-long-token", "awsJson1_1.server.no-hang", false,
                 [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
                   json b = json::parse(request.body(), nullptr, false);
                   if (b.is_object() && b.contains("clientToken") && b["clientToken"].is_string() &&
                       b["clientToken"].get<std::string>().size() > 200)
                     std::this_thread::sleep_for(std::chrono::milliseconds(1500));
                   return server::handle(request, oracle, id);
                 }});
  // Leaks: the careless ways real servers expose credentials. Error
  // messages quote the request and the fixtures' credentials, success bodies
  // carry them in a debug member and in a too-long nonce, a header repeats
  // them. Redaction must hide every copy in every report.
  out.push_back({"echo-secret", op + "output.jobDetails.nonce.length-max", false,
                 [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
                   std::string leaked;
                   if (oracle.fixtures())
                     for (const auto& job : oracle.fixtures()->jobs) {
                       const auto data = job.job_details.find("data");
                       if (data == job.job_details.end() || !data->contains("artifactCredentials"))
                         continue;
                       for (const auto& [key, value] : (*data)["artifactCredentials"].items())
                         if (value.is_string())
                           leaked += key + "=" + value.get<std::string>() + ";";
                     }
                   while (text::decode_utf8(leaked).value_or(U"").size() <= 50) leaked += "7";
                   Reply reply = server::handle(request, oracle, id);
                   json body = json::parse(reply.response.body(), nullptr, false);
                   if (!body.is_object()) return reply;
                   if (body.contains("jobDetails")) {
                     body["jobDetails"]["nonce"] = leaked;
                     body["debug"] = {{"credentials", leaked}};
                   } else {
                     body["message"] = body.value("message", "") +
                                       " (request: " + text::to_printable(request.body()) +
                                       "; credentials: " + leaked + ")";
                   }
                   reply.response.set("X-Debug-Credentials", leaked);
                   reply.response.body() = body.dump();
                   reply.response.content_length(reply.response.body().size());
                   return reply;
                 }});
  // SHOULD-level: warnings, exit 0.
  out.push_back({"unknown-target-404", "awsJson1_1.response.observed-error-type", true,
                 rewrite_response([](json& b, Reply& r) {
                   if (is_error(b, "UnknownOperationException"))
                     r.response.result(http::status::not_found);
                 })});
  out.push_back({"unknown-member-rejected", "awsJson1_1.request.unknown-member", true,
                 [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
                   json b = json::parse(request.body(), nullptr, false);
                   if (b.is_object())
                     for (const auto& [key, value] : b.items())
                       if (key != "jobId" && key != "clientToken" && !value.is_null())
                         return answer(
                             request, id, http::status::bad_request,
                             {{"__type", "ValidationException"},
                              {"message", "1 validation error detected: unknown member " + key}});
                   return server::handle(request, oracle, id);
                 }});
  out.push_back({"terse-validation-message", "awsJson1_1.response.validation-message", true,
                 rewrite_response([](json& b, Reply&) {
                   if (is_error(b, "ValidationException")) b["message"] = "Invalid request";
                 })});
  // Legal alternatives: must pass.
  out.push_back({"namespaced-type", "", false, rewrite_response([](json& b, Reply&) {
                   if (b.contains("__type"))
                     b["__type"] = "com.amazonaws.codepipeline#" + b["__type"].get<std::string>();
                 })});
  out.push_back({"type-in-header", "", false, rewrite_response([](json& b, Reply& r) {
                   if (!b.contains("__type")) return;
                   r.response.set("X-Amzn-Errortype", b["__type"].get<std::string>() +
                                                          ":http://internal.amazon.com/coral/");
                   b.erase("__type");
                 })});
  out.push_back({"code-and-capital-message", "", false, rewrite_response([](json& b, Reply&) {
                   if (!b.contains("__type")) return;
                   b["code"] = b["__type"];
                   b["Message"] = b["message"];
                   b.erase("__type");
                   b.erase("message");
                 })});
  // Choices the documents leave open: each must pass (docs/requirements.md).
  out.push_back({"white-space-as-empty", "", false,
                 [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
                   Request copy = request;
                   if (copy.body().find_first_not_of(" \t\r\n") == std::string::npos) {
                     copy.body().clear();
                     copy.prepare_payload();
                   }
                   return server::handle(copy, oracle, id);
                 }});
  out.push_back({"custom-job-not-found", "", false, rewrite_response([](json& b, Reply&) {
                   if (is_error(b, "InvalidJobException")) b["__type"] = "JobNotFoundException";
                 })});
  out.push_back({"header-only-errors", "", false,
                 [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
                   Reply reply = server::handle(request, oracle, id);
                   json b = json::parse(reply.response.body(), nullptr, false);
                   if (!b.is_object() || !b.contains("__type")) return reply;
                   reply.response.set("X-Amzn-Errortype", b["__type"].get<std::string>());
                   reply.response.body().clear();
                   reply.response.content_length(0);
                   return reply;
                 }});
  out.push_back({"chunked-responses", "", false,
                 [](const Request& request, const protocol::Oracle& oracle, std::string_view id) {
                   Reply reply = server::handle(request, oracle, id);
                   reply.response.chunked(true);
                   return reply;
                 }});
  add_lifecycle_defects(out);
  return out;
}

}  // namespace

const std::vector<Defect>& defects() {
  static const std::vector<Defect> all = make_defects();
  return all;
}

const Defect* find_defect(const std::string& name) {
  for (const auto& d : defects())
    if (d.name == name) return &d;
  return nullptr;
}

}  // namespace cpct::faulty
