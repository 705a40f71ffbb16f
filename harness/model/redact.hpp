#pragma once
// Redaction: values of the model's sensitive members never reach a report,
// a log or a message. Structured values are redacted by shape; free text
// (a body that is not JSON, a message) by the secrets cpct knows of.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/fixtures.hpp"
#include "model/spec.hpp"

namespace cpct::model {

class Redactor {
 public:
  Redactor() = default;
  /// Learns every sensitive value in the fixtures' jobDetails (read through
  /// `output`, the shape a jobDetails sits in).
  Redactor(const Shape* output, const Fixtures* fixtures);

  /// `value` (read as `shape`) with sensitive members replaced by the marker.
  nlohmann::json by_shape(const nlohmann::json& value, const Shape& shape) const;
  /// Every known secret in `text` replaced by the marker, and every SigV4
  /// signature ("Signature=" and its hex digits) too.
  std::string text(std::string text) const;
  /// Every string in `value` (keys too) passed through text().
  nlohmann::json strings(const nlohmann::json& value) const;

  /// Learns `secret`: text() then finds it plain or with any of its
  /// characters percent-encoded (either case) or JSON-escaped, in any mix.
  /// One shorter than kMinEmbeddedSecret is found only as a whole token
  /// (see whole_token in redact.cpp): inside a longer word it stays.
  void add_secret(const std::string& secret);
  static constexpr std::size_t kMinEmbeddedSecret = 4;
  /// Learns the credentials cpct signs with and hands adapters and workers:
  /// AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (net::Credentials reads the
  /// same variables), so that nothing an implementation echoes shows them.
  void add_environment_secrets();

 private:
  nlohmann::json by_shape(const nlohmann::json& value, const Shape& shape, std::size_t depth) const;
  nlohmann::json strings(const nlohmann::json& value, std::size_t depth) const;

  std::vector<std::string> secrets_;        // longest first, so overlaps redact whole
  std::vector<std::string> short_secrets_;  // under kMinEmbeddedSecret, longest first
};

}  // namespace cpct::model
