#include "check/client/client_cases.hpp"

#include <rapidcheck.h>

#include "check/client/mock_endpoint.hpp"
#include "check/planner.hpp"
#include "gen/shape_gen.hpp"
#include "model/requirements.hpp"
#include "protocol/oracle.hpp"

namespace cpct::check {
namespace {

using nlohmann::json;

constexpr const char* kNamespace = "com.amazonaws.codepipeline";
constexpr const char* kUri = "http://internal.amazon.com/coral/com.amazon.coral.validate/";

constexpr gen::GenOptions kGeneratedOptions{.max_string = 400, .max_collection = 4, .max_depth = 6};

std::vector<net::Header> json_headers() {
  return {{"Content-Type", protocol::kContentType}};
}

// The response of one error type in one encoding (AWS-FACTS.md).
ClientCase error_case(const std::string& type, const std::string& encoding) {
  ClientCase c;
  c.name = type + " as " + encoding;
  c.requirement = "client.awsJson1_1.error." + encoding;
  c.expect = ClientCase::Expect::kError;
  c.error_code = type;
  c.status = 400;
  c.headers = json_headers();
  const std::string message = "cpct says: " + type;
  const std::string ns = std::string(kNamespace) + "#" + type;
  json body = {{"message", message}};
  if (encoding == "type-bare")
    body["__type"] = type;
  else if (encoding == "type-namespace")
    body["__type"] = ns;
  else if (encoding == "type-namespace-uri")
    body["__type"] = ns + ":" + kUri;
  else if (encoding == "header")
    c.headers.push_back({"X-Amzn-Errortype", type});
  else if (encoding == "header-uri")
    c.headers.push_back({"X-Amzn-Errortype", type + ":" + kUri});
  else if (encoding == "header-namespace-uri")
    c.headers.push_back({"X-Amzn-Errortype", ns + ":" + kUri});
  else if (encoding == "code")
    body["code"] = type;
  else if (encoding == "code-namespace")
    body["code"] = ns;
  else if (encoding == "code-namespace-uri")
    body["code"] = ns + ":" + kUri;
  else if (encoding == "nested-type-ignored") {
    // Only the top-level __type counts, however deep another one sits.
    body["__type"] = type;
    body["Detail"] = {{"reason", {{"__type", "DecoyNestedException"}}}};
  } else if (encoding == "message-case") {
    body = {{"__type", type}, {"Message", message}};
    c.error_message = message;
  }
  c.body = body.dump();
  return c;
}

ClientCase bad_case(std::string name, int status, std::vector<net::Header> headers,
                    std::string body) {
  ClientCase c;
  c.name = std::move(name);
  c.requirement = "client.robustness.reports-error";
  c.expect = ClientCase::Expect::kAnyReply;
  c.status = status;
  c.headers = std::move(headers);
  c.body = std::move(body);
  return c;
}

// Unknown members added at every object level of `value`.
void add_unknown(json& value, int& counter) {
  if (value.is_object()) {
    for (auto& [key, item] : value.items()) add_unknown(item, counter);
    value["cpctUnknown" + std::to_string(counter++)] = {{"nested", {1, "two", nullptr}},
                                                        {"flag", true}};
  } else if (value.is_array()) {
    for (auto& item : value) add_unknown(item, counter);
  }
}

}  // namespace

json ClientCase::input() const {
  return {{"jobId", job_id()}, {"clientToken", "cpct-token"}};
}

std::string ClientCase::bytes() const {
  return raw ? *raw : http_response(status, headers, body);
}

ClientCase output_case(const json& output, std::string name, std::string requirement) {
  ClientCase c;
  c.name = std::move(name);
  c.requirement = std::move(requirement);
  c.expect = ClientCase::Expect::kOutput;
  c.output = output;
  c.headers = json_headers();
  c.body = output.dump();
  return c;
}

ClientPlan::ClientPlan(const model::Spec& spec, ClientPlanOptions options)
    : spec_(spec), options_(std::move(options)) {
  const auto& op = spec.operation(options_.operation);
  const std::string round_trip = "client." + op.name + ".output.round-trip";
  std::lock_guard lock(rapidcheck_mutex());
  auto draw = [&](std::uint64_t n) {
    return gen::valid_value(*op.output)(rc::Random(mix_seed(options_.seed, n)), 60).value();
  };
  // Valid outputs: the empty one, a full one, then drawn ones of all sizes.
  planned_.push_back(output_case(json::object(), "an empty output", round_trip));
  planned_.push_back(output_case({{"jobDetails", json::object()}}, "empty jobDetails", round_trip));
  for (std::uint64_t i = 0; i < 8; ++i)
    planned_.push_back(output_case(draw(i), "a valid output", round_trip));
  // Unknown members at every level, of a valid output: dropped by the reader.
  for (std::uint64_t i = 0; i < 4; ++i) {
    json expected = draw(100 + i);
    json sent = expected;
    int counter = 0;
    add_unknown(sent, counter);
    ClientCase c = output_case(expected, "unknown members at every level",
                               "client.output.unknown-member-ignored");
    c.body = sent.dump();
    planned_.push_back(std::move(c));
  }
  // Outputs that break the model's constraints: a client passes them
  // through or reports an error, and must not crash (AWS-FACTS.md).
  {
    json too_long = {{"jobDetails", {{"id", "j"}, {"nonce", std::string(5000, '9')}}}};
    ClientCase c = output_case(too_long, "a nonce far over its maximum length", round_trip);
    c.expect = ClientCase::Expect::kLenient;
    planned_.push_back(std::move(c));
    json off_enum = {{"jobDetails",
                      {{"data",
                        {{"actionTypeId",
                          {{"category", "Teleport"},
                           {"owner", "Nobody"},
                           {"provider", "p"},
                           {"version", "1"}}}}}}}};
    ClientCase d = output_case(off_enum, "enum values the model does not know", round_trip);
    d.expect = ClientCase::Expect::kLenient;
    planned_.push_back(std::move(d));
  }
  // Each declared error, and one the model does not declare, in every encoding.
  std::vector<std::string> types;
  for (const auto* shape : op.errors) types.push_back(shape->name);
  types.push_back("ThrottlingException");
  for (const auto& type : types)
    for (const auto& encoding : model::client_error_encodings())
      planned_.push_back(error_case(type, encoding));
  // Precedence and the lower-case message, beside the plain encodings.
  for (const auto& type : types) {
    ClientCase both = error_case(type, "code");
    both.name = type + " in code, another type in __type";
    both.body = json{{"code", type}, {"__type", "DecoyTypeException"}, {"message", "m"}}.dump();
    planned_.push_back(std::move(both));
    ClientCase lower = error_case(type, "message-case");
    lower.name = type + " with a lower-case message";
    lower.body = json{{"__type", type}, {"message", lower.error_message}}.dump();
    planned_.push_back(std::move(lower));
  }
  // Null members are absent: read as if they were not there.
  for (std::uint64_t i = 0; i < 2; ++i) {
    json expected = draw(300 + i);
    json sent = expected;
    sent["cpctNullProbe"] = nullptr;  // an unknown member, null
    if (sent.contains("jobDetails")) {
      for (const char* key : {"nonce", "id", "data"})
        if (!sent["jobDetails"].contains(key)) sent["jobDetails"][key] = nullptr;
    } else {
      sent["jobDetails"] = nullptr;
    }
    ClientCase c = output_case(expected, "null members", round_trip);
    c.body = sent.dump();
    planned_.push_back(std::move(c));
  }
  // Bad responses.
  const auto h = json_headers();
  const std::string valid = draw(200).dump();
  planned_.push_back(bad_case("invalid JSON", 200, h, "{\"jobDetails\": {\"id\": oops}"));
  planned_.push_back(bad_case("truncated JSON", 200, h, valid.substr(0, valid.size() / 2)));
  planned_.push_back(bad_case("a JSON array", 200, h, "[]"));
  planned_.push_back(
      bad_case("members of the wrong JSON type", 200, h,
               R"({"jobDetails": {"id": 5, "data": {"inputArtifacts": {"name": []}}}})"));
  planned_.push_back(bad_case("an HTML 502 page", 502, {{"Content-Type", "text/html"}},
                              "<html><body><h1>502 Bad Gateway</h1></body></html>"));
  planned_.push_back(bad_case("an HTML 503 page", 503, {{"Content-Type", "text/html"}},
                              "<html><body>Service Unavailable</body></html>"));
  planned_.push_back(bad_case("an empty 200 body", 200, h, ""));
  {
    // SDKs read the body whatever the content type says: any answer will do.
    ClientCase odd = bad_case("a wrong content type", 200, {{"Content-Type", "text/plain"}}, valid);
    odd.requirement = "client.robustness.no-crash";
    planned_.push_back(std::move(odd));
  }
  {
    ClientCase big = bad_case("a very large body (8 MiB)", 200, h,
                              json{{"jobDetails", {{"nonce", std::string(8u << 20, 'n')}}}}.dump());
    big.requirement = "client.robustness.no-crash";
    planned_.push_back(std::move(big));
    ClientCase cut = bad_case("the connection closed mid-body", 200, h, valid);
    cut.raw = http_response(200, h, valid).substr(0, 60 + valid.size() / 3);
    cut.close = true;
    planned_.push_back(std::move(cut));
    ClientCase garbage = bad_case("bytes that are not HTTP", 200, h, "");
    garbage.raw = "SPDY/9 what\r\n\r\n\x01\x02";
    garbage.close = true;
    planned_.push_back(std::move(garbage));
  }
  for (std::size_t i = 0; i < planned_.size(); ++i) planned_[i].index = i;
}

ClientCase ClientPlan::at(std::size_t index) const {
  if (index < planned_.size()) return planned_[index];
  const auto& op = spec_.operation(options_.operation);
  json output;
  {
    std::lock_guard lock(rapidcheck_mutex());
    output =
        gen::valid_value(*op.output)(rc::Random(mix_seed(options_.seed, 1'000'000'000 + index)),
                                     static_cast<int>(index % 100))
            .value();
  }
  ClientCase c =
      output_case(output, "generated: a valid output", "client." + op.name + ".output.round-trip");
  c.index = index;
  return c;
}

}  // namespace cpct::check
