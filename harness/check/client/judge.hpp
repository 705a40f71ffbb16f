#pragma once
// The client checker's judge: what the adapter replied, and what the client
// sent, against what the case's response demands, as one finding per
// requirement the case exercises. The counterpart of check/server/judge; it
// knows no operation by name.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/client/adapter_process.hpp"
#include "check/client/mock_endpoint.hpp"
#include "check/client/planner.hpp"
#include "check/finding.hpp"
#include "model/redact.hpp"
#include "model/requirement_ids.hpp"
#include "model/spec.hpp"

namespace cpct::check {

/// What one case brought back: the adapter's reply and the requests the
/// client sent to the mock endpoint meanwhile.
struct ClientExchange {
  AdapterReply reply;
  std::vector<RecordedRequest> requests;
};

/// The findings of case `c`, with IDs in the model's protocol. `choice`,
/// when given, receives the answer chosen where the case puts a profile
/// question. `redactor` hides sensitive members in the findings' details.
std::vector<Finding> judge_client_case(const model::Spec& spec, const model::Redactor& redactor,
                                       const ClientCase& c, const ClientExchange& e,
                                       Choice* choice = nullptr);

/// A client requirement's ID spelled for awsJson1_1 (judge_client_case
/// localises the IDs it returns to the model's protocol).
std::string client_id(model::ids::Client rule);

/// The adapter's reply in words ("a reply", "no reply within the timeout"...).
std::string describe(const AdapterReply& reply);

/// An input with the model's sensitive members redacted.
nlohmann::json redact_input(const model::Redactor& redactor, const model::Operation& op,
                            const nlohmann::json& input);

/// A request body as a report may show it: read as the input, redacted,
/// printable and cut to `limit` bytes.
std::string redacted_input_text(const model::Redactor& redactor, const model::Operation& op,
                                const std::string& body, std::size_t limit);

/// `value` without the object members `drop(key, item)` picks, at every
/// level (values here are parsed within model::kMaxShownJsonDepth).
template <typename Drop>
nlohmann::json without(const nlohmann::json& value, const Drop& drop) {
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, item] : value.items())
      if (!drop(key, item)) out[key] = without(item, drop);
    return out;
  }
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : value) out.push_back(without(item, drop));
    return out;
  }
  return value;
}

}  // namespace cpct::check
