#pragma once
// A scripted endpoint for client and adapter tests: each request is
// answered by the scenario its jobId names ("ok", "header", "html-502",
// "hang", ...). "echo" answers 200 with the request, as the adapter sees
// it, in jobDetails.id, so tests can look at what a client sent.
#include <nlohmann/json.hpp>
#include <string>

#include "client_samples.hpp"
#include "net/scripted_server.hpp"

namespace cpct::reference_client::test {

using Request = boost::beast::http::request<boost::beast::http::string_body>;

inline std::string http_response(int status, const std::string& body,
                                 const std::string& extra_headers = "",
                                 const std::string& content_type = "application/x-amz-json-1.1") {
  return "HTTP/1.1 " + std::to_string(status) + " Status\r\nContent-Type: " + content_type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + extra_headers + "\r\n" +
         body;
}

inline std::string field(const Request& request, const char* name) {
  const auto it = request.find(name);
  return it == request.end() ? "-" : std::string(it->value());
}

/// "METHOD TARGET CONTENT-TYPE X-AMZ-TARGET signed|unsigned BODY".
inline std::string describe(const Request& request) {
  const auto auth = field(request, "Authorization");
  return std::string(request.method_string()) + " " + std::string(request.target()) + " " +
         field(request, "Content-Type") + " " + field(request, "X-Amz-Target") + " " +
         (auth.rfind("AWS4-HMAC-SHA256 Credential=", 0) == 0 ? "signed" : "unsigned") + " " +
         request.body();
}

inline std::string scenario_of(const Request& request) {
  const auto body = nlohmann::json::parse(request.body(), nullptr, false);
  if (!body.is_object()) return "";
  for (const char* key : {"jobId", "JobId"})
    if (auto it = body.find(key); it != body.end() && it->is_string())
      return it->get<std::string>();
  return "";
}

inline std::string scenario_response(const std::string& scenario, const Request& request) {
  using nlohmann::json;
  const std::string uri = ":http://internal.amazon.com/coral/com.amazon.coral.validate/";
  if (scenario == "ok") return http_response(200, full_output().dump());
  if (scenario == "echo")
    return http_response(200, json{{"jobDetails", {{"id", describe(request)}}}}.dump());
  if (scenario == "type-namespace")
    return http_response(400, R"({"__type": "aws.protocoltests.json#FooError", "message": "m"})");
  if (scenario == "header-uri")
    return http_response(400, R"({"message": "m"})", "X-Amzn-Errortype: FooError" + uri + "\r\n");
  if (scenario == "header")
    return http_response(400, R"({"message": "m"})", "X-Amzn-Errortype: FooError\r\n");
  if (scenario == "code") return http_response(400, R"({"code": "FooError", "message": "m"})");
  if (scenario == "code-and-type")
    return http_response(400, R"({"code": "FooError", "__type": "BarError", "message": "m"})");
  if (scenario == "nested-type")
    return http_response(
        400, R"({"__type": "FooError", "ErrorDetails": {"__type": "Inner"}, "message": "m"})");
  if (scenario == "header-and-type")
    return http_response(400, R"({"__type": "BarError", "message": "m"})",
                         "X-Amzn-Errortype: FooError\r\n");
  if (scenario == "message-capital")
    return http_response(400, R"({"__type": "FooError", "Message": "upper"})");
  if (scenario == "message-lower")
    return http_response(400, R"({"__type": "FooError", "message": "lower"})");
  if (scenario == "unknown-member")
    return http_response(200, R"({"jobDetails": {"id": "j", "brandNew": {"x": 1}}})");
  if (scenario == "long-string")
    return http_response(
        200, json{{"jobDetails",
                   {{"data", {{"inputArtifacts", {{{"revision", std::string(1000, 'r')}}}}}}}}}
                 .dump());
  if (scenario == "non-ascii")
    return http_response(
        200, json{{"jobDetails", {{"id", "caf\u00e9 \u65e5\u672c \U0001F600"}}}}.dump());
  if (scenario == "null-member")
    return http_response(200, R"({"jobDetails": {"id": "j", "nonce": null}})");
  if (scenario == "wrong-type") return http_response(200, R"({"jobDetails": {"id": 5}})");
  if (scenario == "html-502")
    return http_response(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "",
                         "text/html");
  if (scenario == "empty-200") return http_response(200, "");
  if (scenario == "empty-200-untyped") return "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
  if (scenario == "blank-200") return http_response(200, " \r\n\t ");
  return http_response(400, R"({"__type": "JobNotFoundException", "message": "no such job"})");
}

/// The script: answers requests on a kept-alive connection until the
/// client goes away; "hang" never answers, "reset" closes at once,
/// "truncated" promises more body than it sends, then closes.
inline void serve_scenarios(net::testing::Peer& peer) {
  while (auto request = peer.read_request()) {
    const std::string scenario = scenario_of(*request);
    if (scenario == "hang") return peer.wait_for_close();
    if (scenario == "reset") return;
    if (scenario == "truncated") {
      peer.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"jobDetails\"");
      return;
    }
    if (!peer.write(scenario_response(scenario, *request))) return;
  }
}

}  // namespace cpct::reference_client::test
