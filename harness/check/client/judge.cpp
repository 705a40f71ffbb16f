#include "check/client/judge.hpp"

#include "model/json_depth.hpp"
#include "text/utf8.hpp"

namespace cpct::check {
namespace {

using nlohmann::json;
using C = model::ids::Client;

// Null is absent (docs/aws-facts.md): compare outputs with nulls removed.
json without_nulls(const json& value) {
  return without(value, [](const std::string&, const json& item) { return item.is_null(); });
}

std::vector<Finding> judge_as_awsjson11(const model::Spec& spec, const model::Redactor& redactor,
                                        const ClientCase& c, const ClientExchange& e,
                                        Choice* choice) {
  std::vector<Finding> out;
  const auto& reply = e.reply;
  out.push_back(
      {client_id(C::kNoHang), reply.outcome != AdapterReply::Outcome::kTimeout, describe(reply)});
  out.push_back({client_id(C::kNoCrash),
                 reply.outcome == AdapterReply::Outcome::kLine ||
                     reply.outcome == AdapterReply::Outcome::kTimeout,
                 describe(reply)});
  // What the client sent: its first request (a retry sends the same again).
  const RecordedRequest* sent = e.requests.empty() ? nullptr : &e.requests.front();
  const model::Operation& op = spec.operation(c.operation);
  if (sent != nullptr) {
    const std::string target = spec.metadata.target_prefix + "." + op.name;
    const auto path = sent->target.substr(0, sent->target.find('?'));
    out.push_back({client_id(C::kRequestMethodPath), sent->method == "POST" && path == "/",
                   "sent " + sent->method + " " + sent->target});
    out.push_back({client_id(C::kRequestTarget),
                   sent->header("x-amz-target").value_or("") == target,
                   "X-Amz-Target is '" + sent->header("x-amz-target").value_or("(none)") + "'"});
    out.push_back({client_id(C::kRequestContentType),
                   spec.wire.is_content_type(sent->header("content-type").value_or("")),
                   "Content-Type is '" + sent->header("content-type").value_or("(none)") + "'"});
    const json body = json::parse(sent->body, nullptr, false);
    const bool same = !body.is_discarded() && without_nulls(body) == c.input;
    out.push_back({client_id(C::kRequestBody), same,
                   same ? std::string()
                        : "the body " + redacted_input_text(redactor, op, sent->body, 300) +
                              " is not the input " +
                              redacted_input_text(redactor, op, c.input.dump(), 300)});
    out.push_back(
        {client_id(C::kRequestSignature),
         sent->header("authorization").value_or("").rfind("AWS4-HMAC-SHA256 Credential=", 0) == 0,
         "no SigV4 Authorization header"});
  }
  if (c.requirement.empty()) return out;
  // A client that died or hung is blamed under robustness only: its output
  // was never read, so the case's own requirement is not what it broke.
  if (reply.outcome != AdapterReply::Outcome::kLine) return out;
  // A hostile adapter's deep line would make copies recurse: not well-formed.
  const json line = model::parse_json_within(reply.line, model::kMaxShownJsonDepth);
  const bool well_formed =
      line.is_object() && line.value("id", "") == c.id() &&
      (line.contains("output") || (line.contains("error") && line["error"].is_object()));
  if (!well_formed) {
    out.push_back(
        {c.requirement, false,
         "the adapter's line is not {\"id\": \"" + c.id() +
             "\", \"output\"|\"error\": ...}: " + text::to_printable(reply.line.substr(0, 300))});
    return out;
  }
  const bool is_output = line.contains("output");
  const std::string code =
      is_output || !line["error"].contains("code") || !line["error"]["code"].is_string()
          ? ""
          : line["error"]["code"].get<std::string>();
  // An error though no request reached cpct's endpoint, for a response that
  // was fine: the client's transport failed, not its reading of the output.
  if (!is_output && e.requests.empty() && !c.raw && c.expect != ClientCase::Expect::kAnyReply) {
    out.push_back({client_id(C::kTransport), false,
                   "the client reported error " + (code.empty() ? "(no code)" : code) +
                       " without a request reaching the endpoint"});
    return out;
  }
  if (!c.raw && !e.requests.empty()) out.push_back({client_id(C::kTransport), true, {}});
  auto note = [&](std::string answer) {
    if (choice != nullptr && !c.question.empty()) *choice = {c.question, std::move(answer)};
  };
  switch (c.expect) {
    case ClientCase::Expect::kOutput:
    case ClientCase::Expect::kLenient: {
      if (!is_output) {
        out.push_back({c.requirement, c.expect == ClientCase::Expect::kLenient,
                       "expected the output, got error " + code});
        break;
      }
      const bool equal = without_nulls(line["output"]) == without_nulls(c.output);
      out.push_back({c.requirement, equal, "the output read differs from the response's"});
      break;
    }
    case ClientCase::Expect::kError: {
      const bool ok =
          !is_output && code == c.error_code &&
          (c.error_message.empty() || line["error"].value("message", "") == c.error_message);
      std::string detail = is_output ? "expected error " + c.error_code + ", got an output"
                                     : "expected error " + c.error_code + ", got " +
                                           (code.empty() ? "no code" : code);
      if (!is_output && code == c.error_code)
        detail = "the message read is not '" + c.error_message + "'";
      out.push_back({c.requirement, ok, detail});
      break;
    }
    case ClientCase::Expect::kOneOf: {
      const ClientCase::Answer* matched = nullptr;
      for (const auto& a : c.answers) {
        const bool fits =
            is_output ? a.output && without_nulls(line["output"]) == without_nulls(*a.output)
                      : a.any_error || (a.error_code && *a.error_code == code);
        if (fits && matched == nullptr) matched = &a;
      }
      std::string acceptable;
      for (const auto& a : c.answers) acceptable += (acceptable.empty() ? "" : ", ") + a.label;
      out.push_back({c.requirement, matched != nullptr,
                     "the reply (" + (is_output ? std::string("an output") : "error " + code) +
                         ") is none of the acceptable answers: " + acceptable});
      if (matched != nullptr) note(matched->label);
      break;
    }
    case ClientCase::Expect::kAnyReply:
      note(is_output ? "read as an output" : "an error: " + (code.empty() ? "(no code)" : code));
      if (c.requirement == client_id(C::kReportsError))
        out.push_back({c.requirement, !is_output,
                       is_output ? "a malformed response was returned as data: " +
                                       text::to_printable(line.at("output").dump().substr(0, 200))
                                 : ""});
      break;
  }
  return out;
}

}  // namespace

std::string client_id(model::ids::Client rule) {
  return model::ids::client(model::Wire{}, rule);
}

std::vector<Finding> judge_client_case(const model::Spec& spec, const model::Redactor& redactor,
                                       const ClientCase& c, const ClientExchange& e,
                                       Choice* choice) {
  auto out = judge_as_awsjson11(spec, redactor, c, e, choice);
  // The IDs are written for awsJson1_1; the model's protocol names its own.
  for (auto& f : out) f.requirement = spec.wire.localise(std::move(f.requirement));
  return out;
}

json redact_input(const model::Redactor& redactor, const model::Operation& op, const json& input) {
  return op.input != nullptr ? redactor.by_shape(input, *op.input) : redactor.strings(input);
}

std::string redacted_input_text(const model::Redactor& redactor, const model::Operation& op,
                                const std::string& body, std::size_t limit) {
  const json value = model::parse_json_within(body, model::kMaxShownJsonDepth);
  // Not JSON: its bytes may hold a secret no shape can find, so only its size.
  if (value.is_discarded()) return "(" + std::to_string(body.size()) + " bytes, not JSON)";
  const std::string text =
      redact_input(redactor, op, value).dump(-1, ' ', false, json::error_handler_t::replace);
  return text::to_printable(text.substr(0, limit));
}

std::string describe(const AdapterReply& reply) {
  switch (reply.outcome) {
    case AdapterReply::Outcome::kLine:
      return "a reply";
    case AdapterReply::Outcome::kTimeout:
      return "no reply within the timeout";
    case AdapterReply::Outcome::kExited:
      return "the adapter died (" + reply.status + ")";
    case AdapterReply::Outcome::kTooLong:
      return "a reply line over cpct's size cap";
    case AdapterReply::Outcome::kInterrupted:
      return "no reply: cpct was stopped";
  }
  return "?";
}

}  // namespace cpct::check
