#pragma once
// The secrets a case itself sends: the values it puts in the model's
// sensitive members (a generated SecretString). An endpoint may echo them
// anywhere in its answer (a body member, a header, a message), where no
// shape says they are sensitive; a report redacts them as text.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/case.hpp"
#include "model/redact.hpp"
#include "model/spec.hpp"

namespace cpct::check {

/// The values in `value`, read as `shape`, of sensitive members (strings as
/// they are, other values as JSON text), and the keys of maps whose key
/// shape (or the map) is sensitive.
std::vector<std::string> sensitive_values(const model::Shape& shape, const nlohmann::json& value);

/// The sensitive values of a request body read as `op`'s input; none when
/// the body is not JSON or the operation has no input.
std::vector<std::string> request_secrets(const model::Operation* op, const std::string& body);

/// The same of a case of `op`: read from the value its body was dumped
/// from when it carries one (no second parse), else from its body.
std::vector<std::string> case_secrets(const model::Operation* op, const Case& c);

/// `base` when `secrets` is empty; else a copy that learned them too (made
/// only for the few failures a report keeps, so a copy is cheap enough).
class CaseRedactor {
 public:
  CaseRedactor(const model::Redactor& base, const std::vector<std::string>& secrets);
  const model::Redactor& get() const { return own_ ? *own_ : base_; }

 private:
  const model::Redactor& base_;
  std::optional<model::Redactor> own_;
};

}  // namespace cpct::check
