// cpct_faulty_adapter: the reference adapter with one seeded client bug,
// for testing `cpct check client` (each defect must make the checker fail
// the requirement it names). Test-only: the defect switches live here,
// around the production wire pieces, never in the production client.
//   cpct_faulty_adapter --list              NAME REQUIREMENT, one per line
//   cpct_faulty_adapter --defect NAME       serve the adapter protocol
//   cpct_faulty_adapter --defect NAME --model FILE   every operation of FILE
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "model/model_file.hpp"
#include "protocol/error_type.hpp"
#include "protocol/json_body.hpp"
#include "reference_client/adapter.hpp"
#include "reference_client/client.hpp"
#include "reference_client/json_codec.hpp"
#include "reference_client/model_codec.hpp"
#include "reference_client/transport.hpp"
#include "reference_client/wire.hpp"

namespace {

using namespace cpct::reference_client;
using nlohmann::json;

struct Defect {
  const char* name;
  const char* requirement;  // "-" when no requirement should fail
  const char* bug;          // the real client bug it mimics
};

constexpr Defect kDefects[] = {
    {"none", "-", "no defect: the reference behaviour through this wrapper"},
    // Requests.
    {"wrong-target", "client.awsJson1_1.request.target",
     "sends X-Amz-Target CodePipeline.GetThirdPartyJobDetails (no API version)"},
    {"json-content-type", "client.awsJson1_1.request.content-type",
     "sends Content-Type application/json"},
    {"misnamed-body-member", "client.awsJson1_1.request.body",
     "serialises jobId as JobId (PascalCase, like a careless hand-written client)"},
    {"wrong-path", "client.awsJson1_1.request.method-path",
     "posts to /GetThirdPartyJobDetails instead of /"},
    {"unsigned", "client.awsJson1_1.request.signature", "sends no SigV4 Authorization header"},
    // Error types.
    {"type-namespace-kept", "client.awsJson1_1.error.type-namespace",
     "keeps the namespace of a body __type (ns#Foo stays ns#Foo)"},
    {"header-uri-kept", "client.awsJson1_1.error.header-uri",
     "keeps the :URI suffix of the X-Amzn-Errortype header"},
    {"header-ignored", "client.awsJson1_1.error.header",
     "ignores the X-Amzn-Errortype header (reads the body only)"},
    {"code-ignored", "client.awsJson1_1.error.code", "ignores the body's code member"},
    {"type-before-code", "-",
     "prefers __type over code, as the JS SDK v3 does (legal: no document decides)"},
    {"body-before-header", "-",
     "reads __type, then code, then the header (legal: only a test's note orders them)"},
    {"nested-type-read", "client.awsJson1_1.error.nested-type-ignored",
     "takes the most deeply nested __type in the body"},
    {"capital-message-only", "client.awsJson1_1.error.message",
     "reads the message from Message only, never the modeled message"},
    {"lower-message-only", "client.awsJson1_1.error.message-case",
     "reads the message from message only, as the model names it (a SHOULD)"},
    // Outputs.
    {"unknown-member-rejected", "client.output.unknown-member-ignored",
     "fails on a response member it does not know, at any level"},
    {"long-strings-truncated", "client.GetThirdPartyJobDetails.output.round-trip",
     "truncates strings to 256 code points (a fixed-size buffer)"},
    {"utf8-mangled", "client.GetThirdPartyJobDetails.output.round-trip",
     "replaces every non-ASCII character with '?' (a Latin-1 round trip)"},
    {"credentials-dropped", "client.GetThirdPartyJobDetails.output.round-trip",
     "drops artifactCredentials from the output it returns"},
    {"null-rejected", "client.GetThirdPartyJobDetails.output.round-trip",
     "fails on a null member instead of treating it as absent"},
    {"malformed-as-empty", "client.robustness.reports-error",
     "returns an empty output when a member has the wrong JSON type"},
    // Robustness.
    {"abort-on-invalid-json", "client.robustness.no-crash",
     "aborts on a response body that is not JSON (an HTML error page)"},
    {"hang-on-empty-body", "client.robustness.no-hang",
     "waits forever when a 2xx response has an empty body"},
    {"flaky-transport", "client.robustness.transport",
     "every third call fails before its request is sent (a connection-pool race)"},
};

const Defect* find_defect(const std::string& name) {
  for (const auto& defect : kDefects)
    if (name == defect.name) return &defect;
  return nullptr;
}

// --- defect helpers -------------------------------------------------------

// The walks below stop at kMaxDepth: a hostile body may nest 100,000 deep
// and the defects must not add a stack overflow to the bug they mimic.
constexpr int kMaxDepth = 64;

json without_nulls(const json& value, int depth = 0) {
  if (depth > kMaxDepth) return "(too deep)";
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [key, member] : value.items())
      if (!member.is_null()) out[key] = without_nulls(member, depth + 1);
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const auto& element : value) out.push_back(without_nulls(element, depth + 1));
    return out;
  }
  return value;
}

bool has_null_member(const json& value, int depth = 0) {
  if (depth > kMaxDepth) return false;
  if (value.is_object()) {
    for (const auto& [key, member] : value.items())
      if (member.is_null() || has_null_member(member, depth + 1)) return true;
  } else if (value.is_array()) {
    for (const auto& element : value)
      if (has_null_member(element, depth + 1)) return true;
  }
  return false;
}

// Applies `edit` to every string value (not keys) in `value`.
template <class Edit>
void edit_strings(json& value, const Edit& edit) {
  if (value.is_string()) {
    value = edit(value.get<std::string>());
  } else if (value.is_structured()) {
    for (auto& element : value) edit_strings(element, edit);
  }
}

std::string first_code_points(const std::string& text, std::size_t count) {
  std::size_t at = 0;
  for (std::size_t n = 0; at < text.size() && n < count; ++n) {
    ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
  }
  return text.substr(0, at);
}

std::string ascii_only(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      out += text[i];
    } else if ((byte & 0xC0) != 0x80) {
      out += '?';  // one per code point: continuation bytes are skipped
    }
  }
  return out;
}

void deepest_type(const json& value, int depth, int& best_depth, std::optional<std::string>& best) {
  if (depth > kMaxDepth) return;
  if (value.is_object()) {
    if (auto it = value.find("__type");
        it != value.end() && it->is_string() && depth > best_depth) {
      best_depth = depth;
      best = it->get<std::string>();
    }
    for (const auto& [key, member] : value.items())
      deepest_type(member, depth + 1, best_depth, best);
  } else if (value.is_array()) {
    for (const auto& element : value) deepest_type(element, depth + 1, best_depth, best);
  }
}

// --- the faulty client ----------------------------------------------------

class FaultyClient {
 public:
  /// `spec` null: GetThirdPartyJobDetails through the typed codec; else any
  /// operation of `spec` through the model codec (model_codec.hpp).
  FaultyClient(std::string defect, Transport& transport, const cpct::model::Spec* spec = nullptr)
      : defect_(std::move(defect)), transport_(transport), spec_(spec) {}

  Result<json> call(const json& json_input, const cpct::model::Operation* op = nullptr) {
    op_ = op;
    std::optional<cpct::net::HttpRequest> built;
    std::string op_name = kOperation;
    if (spec_ != nullptr) {
      if (!json_input.is_object())
        return ClientError{codes::kInvalidInput, "the input is not a JSON object", 0,
                           ErrorKind::kInvalidInput};
      op_name = op->name;
      built = make_model_request(*spec_, *op, json_input, transport_.config().url.path);
      if (is("misnamed-body-member")) {
        json renamed = json::object();  // every top-level member PascalCase
        for (const auto& [key, value] : json_input.items()) {
          std::string name = key;
          if (!name.empty()) name[0] = static_cast<char>(std::toupper(name[0]));
          renamed[name] = value;
        }
        built->body = renamed.dump();
      }
    } else {
      auto input = decode_input(json_input);
      if (!input) return input.error();
      built = make_request(input.value(), transport_.config().url.path);
      if (is("misnamed-body-member"))
        built->body =
            json{{"JobId", input.value().job_id}, {"clientToken", input.value().client_token}}
                .dump();
    }
    if (is("flaky-transport") && ++calls_ % 3 == 0)
      return ClientError{codes::kConnectionReset, "pooled connection was closed", 0,
                         ErrorKind::kTransport};
    auto request = std::move(*built);
    if (is("wrong-target")) {
      // The prefix without its API version: CodePipeline.GetThirdPartyJobDetails.
      const std::string prefix = spec_ ? spec_->metadata.target_prefix : kTargetPrefix;
      const auto cut = prefix.find('_');
      set_header(request, "X-Amz-Target",
                 (cut == std::string::npos ? prefix + "X" : prefix.substr(0, cut)) + "." + op_name);
    }
    if (is("json-content-type")) set_header(request, "Content-Type", "application/json");
    if (is("wrong-path")) request.target = "/" + op_name;
    const auto response = transport_.send(std::move(request), !is("unsigned"));
    return read(response);
  }

 private:
  bool is(const char* name) const { return defect_ == name; }

  static void set_header(cpct::net::HttpRequest& request, const std::string& name,
                         const std::string& value) {
    for (auto& header : request.headers)
      if (header.name == name) header.value = value;
  }

  Result<json> read(const cpct::net::HttpResponse& response) {
    if (response.outcome != cpct::net::HttpResponse::Outcome::kResponse)
      return transport_error(response);
    const auto body = cpct::protocol::parse_body(response.body, true);
    if (is("abort-on-invalid-json") && body.problem != cpct::protocol::BodyParse::Problem::kNone)
      std::abort();
    const bool success = response.status >= 200 && response.status <= 299;
    if (!success) return read_error(response, body);
    if (is("hang-on-empty-body") && response.body.empty())
      for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
    if (is("null-rejected") && has_null_member(body.value))
      return ClientError{codes::kMalformedResponse, "null member", response.status,
                         ErrorKind::kMalformedResponse};
    json out;
    if (spec_ != nullptr) {
      auto output = read_model_response(response, op_->output);
      if (!output) {
        if (is("malformed-as-empty")) return json::object();
        return output.error();
      }
      out = output.value();
    } else {
      auto output = parse_output(response.body);
      if (!output) {
        if (is("malformed-as-empty")) return json::object();
        return output.error();
      }
      out = to_json(output.value());
    }
    if (is("unknown-member-rejected") && out != without_nulls(body.value))
      return ClientError{codes::kMalformedResponse, "unknown member in the response",
                         response.status, ErrorKind::kMalformedResponse};
    if (is("long-strings-truncated"))
      edit_strings(out, [](const std::string& s) { return first_code_points(s, 256); });
    if (is("utf8-mangled")) edit_strings(out, ascii_only);
    if (is("credentials-dropped") && out.contains("jobDetails") &&
        out["jobDetails"].contains("data"))
      out["jobDetails"]["data"].erase("artifactCredentials");
    return out;
  }

  // The reference resolution (protocol/error_type.cpp) with the defects' twists.
  ClientError read_error(const cpct::net::HttpResponse& response,
                         const cpct::protocol::BodyParse& body) {
    if (is("none") || body.problem != cpct::protocol::BodyParse::Problem::kNone)
      return cpct::reference_client::read_error(response);
    auto member = [&](const char* key) -> std::optional<std::string> {
      const auto& value = body.value;
      if (!value.is_object()) return std::nullopt;
      const auto it = value.find(key);
      if (it == value.end() || !it->is_string()) return std::nullopt;
      return it->get<std::string>();
    };
    auto header = is("header-ignored") ? std::nullopt : response.header("x-amzn-errortype");
    if (header && is("header-uri-kept")) header = header->substr(header->rfind('#') + 1);
    auto code = is("code-ignored") ? std::nullopt : member("code");
    std::optional<std::string> type = member("__type");
    if (is("nested-type-read")) {
      int best_depth = -1;
      deepest_type(body.value, 0, best_depth, type);
    }
    if (type && is("type-namespace-kept"))
      type = type->substr(0, type->find(':'));
    else if (type)
      type = cpct::protocol::sanitize_error_type(*type);
    if (header && !is("header-uri-kept")) header = cpct::protocol::sanitize_error_type(*header);
    if (code) code = cpct::protocol::sanitize_error_type(*code);

    std::optional<std::string> resolved;
    const auto order = is("body-before-header") ? std::array{&type, &code, &header}
                       : is("type-before-code") ? std::array{&header, &type, &code}
                                                : std::array{&header, &code, &type};
    for (const auto* candidate : order)
      if (*candidate && !(*candidate)->empty()) {
        resolved = **candidate;
        break;
      }
    const auto message = is("capital-message-only") ? member("Message")
                         : is("lower-message-only")
                             ? member("message")
                             : cpct::protocol::resolve_error_message(body.value);
    if (!resolved)
      return ClientError{codes::kUnknownError, "no error type", response.status, ErrorKind::kHttp};
    return ClientError{*resolved, message.value_or(""), response.status, ErrorKind::kService};
  }

  std::string defect_;
  Transport& transport_;
  const cpct::model::Spec* spec_;
  const cpct::model::Operation* op_ = nullptr;
  std::size_t calls_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  std::string defect_name;
  std::string model_path;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--list") {
      for (const auto& defect : kDefects)
        std::cout << defect.name << " " << defect.requirement << "\n";
      return 0;
    }
    if (arg == "--describe") {
      for (const auto& defect : kDefects)
        std::cout << defect.name << " " << defect.requirement << " " << defect.bug << "\n";
      return 0;
    }
    if (arg == "--defect" && i + 1 < argc) {
      defect_name = argv[++i];
    } else if (arg == "--model" && i + 1 < argc) {
      model_path = argv[++i];
    } else {
      std::cerr
          << "usage: cpct_faulty_adapter --list | --describe | --defect NAME [--model FILE]\n";
      return 2;
    }
  }
  const Defect* defect = find_defect(defect_name);
  if (!defect) {
    std::cerr << "cpct_faulty_adapter: unknown defect '" << defect_name << "' (see --list)\n";
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);
  const char* endpoint = std::getenv("CPCT_ENDPOINT");
  if (!endpoint || !*endpoint) {
    std::cerr << "cpct_faulty_adapter: CPCT_ENDPOINT is not set\n";
    return 2;
  }
  std::cerr << "cpct_faulty_adapter: defect " << defect->name << " (" << defect->bug << ")\n";

  const auto config = ClientConfig::from_environment(endpoint);
  std::chrono::milliseconds timeout(5000);
  if (const char* text = std::getenv("CPCT_TIMEOUT_MS"); text && std::atol(text) > 0)
    timeout = std::chrono::milliseconds(std::atol(text));
  std::shared_ptr<const cpct::model::Spec> spec;
  std::optional<Transport> transport;
  try {
    if (!model_path.empty()) spec = cpct::model::load_spec_file(model_path);
    transport.emplace(TransportConfig{cpct::net::Url::parse(config.endpoint),
                                      config.region,
                                      config.credentials,
                                      timeout,
                                      config.max_body_bytes,
                                      spec ? spec->metadata.signing_name : kSigningName,
                                      {}});
  } catch (const std::exception& e) {
    std::cerr << "cpct_faulty_adapter: " << e.what() << "\n";
    return 2;
  }
  FaultyClient client(defect->name, *transport, spec.get());
  const CaseHandler handler = [&client](const json& input) { return client.call(input); };
  std::map<std::string, CaseHandler> handlers;
  if (spec)
    for (const auto& [name, op] : spec->operations)
      handlers.emplace(name,
                       [&client, &op = op](const json& input) { return client.call(input, &op); });
  const Operations operations = [&](const std::string& name) -> const CaseHandler* {
    if (!spec) return name == kOperation ? &handler : nullptr;
    const auto it = handlers.find(name);
    return it == handlers.end() ? nullptr : &it->second;
  };
  return serve_lines(std::cin, std::cout, operations);
}
