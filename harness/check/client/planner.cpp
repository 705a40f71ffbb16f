#include "check/client/planner.hpp"

#include <algorithm>
#include <functional>

#include <rapidcheck.h>

#include "check/client/mock_endpoint.hpp"
#include "check/server/planner.hpp"
#include "gen/shape_gen.hpp"
#include "gen/violation_gen.hpp"
#include "model/requirement_ids.hpp"
#include "model/requirements.hpp"

namespace cpct::check {
namespace {

using nlohmann::json;
using C = model::ids::Client;

// IDs spelled for awsJson1_1 like the rest of the plan: ClientPlan's
// constructor localises every planned ID to the model's protocol.
std::string client_id(C rule) {
  return model::ids::client(model::Wire{}, rule);
}
std::string encoding_id(const std::string& encoding) {
  return model::ids::client_error(model::Wire{}, encoding);
}

constexpr const char* kUri = "http://internal.amazon.com/coral/com.amazon.coral.validate/";

constexpr gen::GenOptions kGeneratedOptions{.max_string = 400, .max_collection = 4, .max_depth = 6};

// What the cases of one operation share: the model's protocol and names.
struct Context {
  const model::Spec& spec;
  std::string ns;  // the error shapes' namespace, as AWS names it
  std::vector<net::Header> json_headers() const {
    return {{"Content-Type", spec.wire.content_type}};
  }
};

// com.amazonaws.<signing name>: the namespace AWS's error shape IDs carry
// (docs/aws-facts.md; CodePipeline's are com.amazonaws.codepipeline#...).
std::string namespace_of(const model::Spec& spec) {
  std::string name = spec.metadata.signing_name.empty() ? "service" : spec.metadata.signing_name;
  for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return "com.amazonaws." + name;
}

// The response of one error type in one encoding (docs/aws-facts.md).
ClientCase error_case(const Context& x, const std::string& type, const std::string& encoding) {
  ClientCase c;
  c.name = type + " as " + encoding;
  c.requirement = encoding_id(encoding);
  c.expect = ClientCase::Expect::kError;
  c.error_code = type;
  c.status = 400;
  c.headers = x.json_headers();
  const std::string message = "cpct says: " + type;
  const std::string ns = x.ns + "#" + type;
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
  c.requirement = client_id(C::kReportsError);
  c.expect = ClientCase::Expect::kAnyReply;
  c.status = status;
  c.headers = std::move(headers);
  c.body = std::move(body);
  return c;
}

// An error response exactly as a Smithy compliance test sends it (status,
// headers and body; the type is one the operation declares).
ClientCase smithy_error(const Context& x, const std::string& type, const std::string& encoding,
                        const std::string& test_id) {
  ClientCase c;
  c.name = type + " as Smithy's " + test_id + " sends it";
  c.requirement = encoding_id(encoding);
  c.expect = ClientCase::Expect::kError;
  c.error_code = type;
  c.status = 500;
  c.source = x.spec.wire.localise(test_id);
  const std::string ns = "aws.protocoltests.json#" + type;
  auto header_only = [&](const std::string& value) {
    c.headers = {{"X-Amzn-Errortype", value}};  // no Content-Type, no body
  };
  auto body_only = [&](const char* field, const std::string& value) {
    c.headers = x.json_headers();
    c.body = json{{field, value}}.dump();
  };
  if (encoding == "header") header_only(type);
  if (encoding == "header-uri") header_only(type + ":" + kUri);
  if (encoding == "header-namespace-uri") header_only(ns + ":" + kUri);
  if (encoding == "code") body_only("code", type);
  if (encoding == "code-namespace") body_only("code", ns);
  if (encoding == "code-namespace-uri") body_only("code", ns + ":" + kUri);
  if (encoding == "type-bare") body_only("__type", type);
  if (encoding == "type-namespace") body_only("__type", ns);
  if (encoding == "type-namespace-uri") body_only("__type", ns + ":" + kUri);
  if (encoding == "nested-type-ignored") {
    c.headers = x.json_headers();
    c.body = json{{"__type", ns},
                  {"ErrorDetails",
                   {{{"__type", "com.amazon.internal#ErrorDetails"}, {"reason", "Some reason"}}}}}
                 .dump();
  }
  return c;
}

// The Smithy test of each encoding, by encoding name.
constexpr std::pair<const char*, const char*> kSmithyErrorTests[] = {
    {"type-bare", "AwsJson11FooErrorWithDunderType"},
    {"type-namespace", "AwsJson11FooErrorWithDunderTypeAndNamespace"},
    {"type-namespace-uri", "AwsJson11FooErrorWithDunderTypeUriAndNamespace"},
    {"header", "AwsJson11FooErrorUsingXAmznErrorType"},
    {"header-uri", "AwsJson11FooErrorUsingXAmznErrorTypeWithUri"},
    {"header-namespace-uri", "AwsJson11FooErrorUsingXAmznErrorTypeWithUriAndNamespace"},
    {"code", "AwsJson11FooErrorUsingCode"},
    {"code-namespace", "AwsJson11FooErrorUsingCodeAndNamespace"},
    {"code-namespace-uri", "AwsJson11FooErrorUsingCodeUriAndNamespace"},
    {"nested-type-ignored", "AwsJson11FooErrorWithNestedTypeProperty"},
};

// Two carriers naming different types: either is a defensible reading.
ClientCase conflicting(const Context& x, const std::string& type, const char* first,
                       const char* second) {
  const std::string other = "DecoyTypeException";
  ClientCase c;
  c.name = type + " in " + first + ", another type in " + second;
  c.requirement = client_id(C::kErrorConflictingTypes);
  c.expect = ClientCase::Expect::kOneOf;
  c.question = "type-precedence";
  c.status = 400;
  c.headers = x.json_headers();
  json body = {{"message", "m"}};
  auto put = [&](const std::string& carrier, const std::string& value) {
    if (carrier == "header")
      c.headers.push_back({"X-Amzn-Errortype", value});
    else
      body[carrier] = value;
  };
  put(first, type);
  put(second, other);
  c.body = body.dump();
  c.answers = {{std::string(first) + " over " + second, type, std::nullopt, false},
               {std::string(second) + " over " + first, other, std::nullopt, false}};
  return c;
}

// Calls `visit` on every structure of `value`, read as `shape`, children
// first; `top` is true for `value` itself. Map keys are data, not members:
// a key added there would be a real entry, so only structures are visited.
void for_each_structure(
    json& value, const model::Shape& shape,
    const std::function<void(json& object, const model::Shape& shape, bool top)>& visit,
    bool top = true) {
  switch (shape.type) {
    case model::ShapeType::kStructure:
      if (!value.is_object()) return;
      for (const auto& member : shape.members)
        if (auto it = value.find(member.name); it != value.end())
          for_each_structure(*it, *member.shape, visit, false);
      visit(value, shape, top);
      break;
    case model::ShapeType::kList:
      if (value.is_array())
        for (auto& item : value) for_each_structure(item, *shape.list_member.shape, visit, false);
      break;
    case model::ShapeType::kMap:
      if (value.is_object())
        for (auto& [key, item] : value.items())
          for_each_structure(item, *shape.map_value.shape, visit, false);
      break;
    default:
      break;
  }
}

// `value` with a decoy "__type" member in every structure below the top.
// Unions too: aws-json deserializers MUST ignore an unrecognized __type in
// a union (Smithy's aws-json page; AwsJson10DeserializeIgnoreType).
void add_decoys(json& value, const model::Shape& shape) {
  for_each_structure(value, shape, [](json& object, const model::Shape&, bool top) {
    if (!top) object["__type"] = "DecoyNestedException";
  });
}

// `value` as a reader of dense lists sees it: without null list elements
// (and null members), at every level.
json dense(const json& value) {
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [key, item] : value.items())
      if (!item.is_null()) out[key] = dense(item);
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const auto& item : value)
      if (!item.is_null()) out.push_back(dense(item));
    return out;
  }
  return value;
}

// A null appended to every list of `value`. (A null map value reads as an
// absent member, which the null-member cases cover already.)
void add_null_elements(json& value) {
  if (value.is_array()) {
    for (auto& item : value) add_null_elements(item);
    value.push_back(nullptr);
  } else if (value.is_object()) {
    for (auto& [key, item] : value.items()) add_null_elements(item);
  }
}

// Unknown members added to every structure of `value`, read as `shape`,
// but not to unions: beside the member set, an unknown one would make two,
// which no union may hold (Smithy: exactly one member of a union MUST be
// set), and a union of one unknown member is kept as an unknown variant,
// not dropped (Smithy: unions SHOULD define one), so no answer is the one.
void add_unknown(json& value, const model::Shape& shape, int& counter) {
  for_each_structure(value, shape, [&](json& object, const model::Shape& of, bool) {
    if (of.is_union) return;
    object["cpctUnknown" + std::to_string(counter++)] = {{"nested", {1, "two", nullptr}},
                                                         {"flag", true}};
  });
}

// Null members of `shape` at the top of `sent` where `expected` has none:
// a reader must take them as absent.
void add_null_members(json& sent, const model::Shape& shape) {
  if (!sent.is_object()) return;
  for (const auto& member : shape.members)
    if (!sent.contains(member.name)) sent[member.name] = nullptr;
}

}  // namespace

std::string ClientCase::bytes() const {
  return raw ? *raw : http_response(status, headers, body);
}

ClientCase output_case(const model::Spec& spec, const json& output, std::string name,
                       std::string requirement) {
  ClientCase c;
  c.name = std::move(name);
  c.requirement = std::move(requirement);
  c.expect = ClientCase::Expect::kOutput;
  c.output = output;
  c.headers = {{"Content-Type", spec.wire.content_type}};
  c.body = output.dump();
  return c;
}

json client_input(const model::Operation& op, std::uint64_t seed) {
  if (op.input == nullptr) return json::object();
  // Drawn small: the subject is how the client reads the answer, and the
  // body check compares the request with it whole.
  constexpr gen::GenOptions kInput{.max_string = 64, .max_collection = 2, .max_depth = 3};
  std::lock_guard lock(rapidcheck_mutex());
  return gen::valid_value(*op.input, kInput)(
             rc::Random(mix_seed(seed, std::hash<std::string>{}(op.name))), 10)
      .value();
}

ClientPlan::ClientPlan(const model::Spec& spec, ClientPlanOptions options)
    : spec_(spec), options_(std::move(options)) {
  if (options_.operations.empty())
    for (const auto& [name, op] : spec.operations) options_.operations.push_back(name);
  for (const auto& name : options_.operations) {
    const auto& op = spec.operation(name);
    inputs_[name] = client_input(op, options_.seed);
    const std::size_t first = planned_.size();
    plan_operation(op, first == 0);
    for (std::size_t i = first; i < planned_.size(); ++i) {
      planned_[i].operation = name;
      planned_[i].input = inputs_[name];
    }
    if (op.output != nullptr && !op.output_event_stream) with_output_.push_back(&op);
  }
  generated_ = with_output_.empty() ? 0 : options_.generated;
  for (std::size_t i = 0; i < planned_.size(); ++i) {
    planned_[i].index = i;
    // Written for awsJson1_1; the model's protocol names its own IDs.
    planned_[i].requirement = spec.wire.localise(std::move(planned_[i].requirement));
  }
}

json ClientPlan::input_of(const std::string& operation) const {
  const auto it = inputs_.find(operation);
  return it == inputs_.end() ? json::object() : it->second;
}

void ClientPlan::plan_operation(const model::Operation& op, bool first) {
  const Context x{spec_, namespace_of(spec_)};
  const std::string round_trip = model::ids::client_round_trip(op.name);
  auto output_case = [&](const json& output, std::string name, std::string requirement) {
    return check::output_case(spec_, output, std::move(name), std::move(requirement));
  };
  const auto h = x.json_headers();
  std::string valid = "{}";
  // An event-stream output is framed events, not JSON (check/event_streams.hpp):
  // only the answers that are not a success are planned for it.
  const bool streamed = op.output_event_stream;
  if (op.output != nullptr && !streamed) {
    const model::Shape& shape = *op.output;
    std::lock_guard lock(rapidcheck_mutex());
    const std::uint64_t salt = std::hash<std::string>{}(op.name);
    auto draw = [&](std::uint64_t n) {
      return gen::valid_value(shape)(rc::Random(mix_seed(options_.seed ^ salt, n)), 60).value();
    };
    // Valid outputs: the empty one, each structure member empty, then drawn
    // ones of all sizes.
    planned_.push_back(output_case(json::object(), "an empty output", round_trip));
    // (Not a union: an empty one is no valid value.)
    for (const auto& member : shape.members)
      if (member.shape->type == model::ShapeType::kStructure && !member.shape->is_union)
        planned_.push_back(
            output_case({{member.name, json::object()}}, "empty " + member.name, round_trip));
    for (std::uint64_t i = 0; i < 8; ++i)
      planned_.push_back(output_case(draw(i), "a valid output", round_trip));
    // Unknown members at every level, of a valid output: dropped by the reader.
    for (std::uint64_t i = 0; i < 4; ++i) {
      json expected = draw(100 + i);
      json sent = expected;
      int counter = 0;
      add_unknown(sent, shape, counter);
      ClientCase c = output_case(expected, "unknown members at every level",
                                 client_id(C::kUnknownMemberIgnored));
      c.body = sent.dump();
      planned_.push_back(std::move(c));
    }
    // Each output constraint broken alone: a client passes the value through
    // or reports an error, and must not crash (docs/aws-facts.md, "Clients": no
    // constraint traits on output). A member of the wrong JSON type is a
    // malformed response, best reported as an error.
    const model::Catalogue catalogue(spec_);
    for (const auto* r : catalogue.for_operation(op.name)) {
      if (!r->constraint || r->direction != model::Direction::kOutput || r->operation != op.name)
        continue;
      if (gen::cannot_violate(*r)) continue;
      const auto bad =
          gen::violating_value(shape, *r, kGeneratedOptions)(
              rc::Random(mix_seed(options_.seed ^ salt, std::hash<std::string>{}(r->id))), 20)
              .value();
      if (*r->constraint == model::Constraint::kType) {
        ClientCase c = bad_case("a member of the wrong JSON type: " + r->id + " (" + bad.how + ")",
                                200, h, bad.value.dump());
        planned_.push_back(std::move(c));
        continue;
      }
      ClientCase c = output_case(bad.value, "breaks " + r->id + " (" + bad.how + ")", round_trip);
      c.expect = ClientCase::Expect::kLenient;
      planned_.push_back(std::move(c));
    }
    // Null members are absent: read as if they were not there.
    for (std::uint64_t i = 0; i < 2; ++i) {
      json expected = draw(300 + i);
      json sent = expected;
      sent["cpctNullProbe"] = nullptr;  // an unknown member, null
      add_null_members(sent, shape);
      ClientCase c = output_case(expected, "null members", round_trip);
      c.body = sent.dump();
      c.source = spec_.wire.localise("AwsJson11StructuresDontDeserializeNullValues");
      planned_.push_back(std::move(c));
    }
    // Smithy's unexpected member, and decoy __type members in an output.
    ClientCase foo = output_case(json::object(), "an unexpected member {\"foo\":true}",
                                 client_id(C::kUnknownMemberIgnored));
    foo.body = R"({"foo":true})";
    foo.source = "handles_unexpected_json_output";
    planned_.push_back(std::move(foo));
    for (std::uint64_t i = 0; i < 2; ++i) {
      json expected = draw(400 + i);
      json sent = expected;
      add_decoys(sent, shape);
      ClientCase c = output_case(expected, "decoy __type members at every level of an output",
                                 client_id(C::kUnknownMemberIgnored));
      c.body = sent.dump();
      planned_.push_back(std::move(c));
    }
    // Nulls inside lists: the model's are dense; no document says.
    json expected = draw(500);
    json sent = expected;
    add_null_elements(sent);
    if (sent != expected) {
      ClientCase nulls = output_case(dense(expected), "nulls inside lists", round_trip);
      nulls.body = sent.dump();
      nulls.expect = ClientCase::Expect::kOneOf;
      nulls.question = "null-elements";
      nulls.answers = {{"nulls dropped", std::nullopt, dense(sent), false},
                       {"nulls kept", std::nullopt, sent, false},
                       {"an error", std::nullopt, std::nullopt, true}};
      planned_.push_back(std::move(nulls));
    }
    // An empty 200 body is the empty output (Smithy's no-payload test).
    ClientCase empty = output_case(json::object(), "an empty 200 body", round_trip);
    empty.body.clear();
    empty.source = "json_1_1_service_responds_with_no_payload";
    planned_.push_back(std::move(empty));
    valid = draw(200).dump();
  }
  // Each declared error, and one the model does not declare, in every encoding.
  std::vector<std::string> types;
  for (const auto* shape : op.errors) types.push_back(shape->name);
  const std::size_t declared = types.size();
  types.push_back("ThrottlingException");  // a common error of every AWS service
  for (const auto& type : types)
    for (const auto& encoding : model::client_error_encodings())
      planned_.push_back(error_case(x, type, encoding));
  // The Smithy compliance tests, as they send them, with a declared type.
  if (declared > 0) {
    const std::string& type = types.front();
    for (const auto& [encoding, test_id] : kSmithyErrorTests)
      planned_.push_back(smithy_error(x, type, encoding, test_id));
    ClientCase other = smithy_error(x, type, "type-namespace",
                                    "AwsJson11FooErrorWithDunderTypeAndDifferentNamespace");
    other.body = json{{"__type", "aws.different.namespace#" + type}}.dump();
    planned_.push_back(std::move(other));
  }
  for (std::size_t i = 0; i < types.size(); ++i) {
    const auto& type = types[i];
    // Carriers that disagree: no document says which wins.
    planned_.push_back(conflicting(x, type, "code", "__type"));
    planned_.push_back(conflicting(x, type, "header", "__type"));
    planned_.push_back(conflicting(x, type, "header", "code"));
    if (i >= declared) continue;
    // The message member of a modeled error, as the model names it.
    ClientCase lower = error_case(x, type, "type-bare");
    lower.name = type + " with its message";
    lower.requirement = client_id(C::kErrorMessage);
    lower.error_message = "cpct says: " + type;
    planned_.push_back(std::move(lower));
    // Decoys: __type nested at every kind of position of an error body.
    ClientCase deep = error_case(x, type, "nested-type-ignored");
    deep.name = type + " with decoy __type members at every depth";
    deep.body = json{{"__type", type},
                     {"message", "m"},
                     {"list", {{{"__type", "DecoyA"}}, {{"x", {{"__type", "DecoyB"}}}}}},
                     {"deep", {{"a", {{"b", {{"c", {{"__type", "DecoyC"}}}}}}}}}}
                    .dump();
    planned_.push_back(std::move(deep));
    // Another letter case: nothing normative says; the answer is profiled.
    ClientCase cased = error_case(x, type, "type-bare");
    cased.name = type + " in lower case";
    std::string lowered = type;
    for (auto& ch : lowered) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    cased.body = json{{"__type", lowered}, {"message", "m"}}.dump();
    cased.requirement = client_id(C::kNoCrash);
    cased.expect = ClientCase::Expect::kAnyReply;
    cased.question = "error-type-case";
    planned_.push_back(std::move(cased));
  }
  const std::size_t bad_from = planned_.size();
  // Bad responses.
  planned_.push_back(bad_case("invalid JSON", 200, h, "{\"cpct\": {\"value\": oops}"));
  planned_.push_back(bad_case("truncated JSON", 200, h, valid.substr(0, valid.size() / 2)));
  planned_.push_back(bad_case("a JSON array", 200, h, "[]"));
  planned_.push_back(bad_case("an HTML 502 page", 502, {{"Content-Type", "text/html"}},
                              "<html><body><h1>502 Bad Gateway</h1></body></html>"));
  planned_.push_back(bad_case("an HTML 503 page", 503, {{"Content-Type", "text/html"}},
                              "<html><body>Service Unavailable</body></html>"));
  planned_.push_back(bad_case("trailing bytes after the JSON value", 200, h, valid + " garbage"));
  {
    ClientCase null_body = bad_case("a JSON null body", 200, h, "null");
    null_body.requirement = client_id(C::kNoCrash);
    null_body.question = "null-body";
    planned_.push_back(std::move(null_body));
  }
  {
    // SDKs read the body whatever the content type says: any answer will do.
    ClientCase odd = bad_case("a wrong content type", 200, {{"Content-Type", "text/plain"}}, valid);
    odd.requirement = client_id(C::kNoCrash);
    planned_.push_back(std::move(odd));
  }
  if (first) {
    // Once per plan: 8 MiB per operation would hold a whole model's worth.
    ClientCase big = bad_case("a very large body (8 MiB)", 200, h,
                              json{{"cpctLarge", std::string(8u << 20, 'n')}}.dump());
    big.requirement = client_id(C::kNoCrash);
    planned_.push_back(std::move(big));
  }
  {
    ClientCase cut = bad_case("the connection closed mid-body", 200, h, valid);
    cut.raw = http_response(200, h, valid).substr(0, 60 + valid.size() / 3);
    cut.close = true;
    planned_.push_back(std::move(cut));
    ClientCase garbage = bad_case("bytes that are not HTTP", 200, h, "");
    garbage.raw = "SPDY/9 what\r\n\r\n\x01\x02";
    garbage.close = true;
    planned_.push_back(std::move(garbage));
  }
  if (streamed)  // a 200 of an event stream would be read as events
    planned_.erase(
        std::remove_if(planned_.begin() + static_cast<std::ptrdiff_t>(bad_from), planned_.end(),
                       [](const ClientCase& c) {
                         return c.status == 200 && !(c.raw && c.raw->rfind("HTTP/", 0) != 0);
                       }),
        planned_.end());
}

ClientCase ClientPlan::at(std::size_t index) const {
  if (index < planned_.size()) return planned_[index];
  // Generated valid outputs go round the operations that have an output.
  const auto& op = *with_output_[(index - planned_.size()) % with_output_.size()];
  json output;
  {
    std::lock_guard lock(rapidcheck_mutex());
    output =
        gen::valid_value(*op.output)(rc::Random(mix_seed(options_.seed, 1'000'000'000 + index)),
                                     static_cast<int>(index % 100))
            .value();
  }
  ClientCase c = output_case(spec_, output, "generated: a valid output",
                             model::ids::client_round_trip(op.name));
  c.index = index;
  c.operation = op.name;
  c.input = input_of(op.name);
  return c;
}

}  // namespace cpct::check
