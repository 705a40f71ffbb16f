#pragma once
// Typed value → JSON with the model's member names; absent members are
// left out. With `redact`, every value inside a sensitive structure is
// written as the redaction marker (the debug printer's view). Internal.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/redacted.hpp"
#include "reference_client/fields.hpp"
#include "reference_client/job_worker_types.hpp"

namespace cpct::reference_client::detail {

inline constexpr const char* kRedactedMarker = model::kRedacted;

class Encoder {
 public:
  explicit Encoder(bool redact) : redact_(redact) {}

  nlohmann::json operator()(const std::string& value, bool sensitive) const {
    return sensitive ? nlohmann::json(kRedactedMarker) : nlohmann::json(value);
  }

  nlohmann::json operator()(int value, bool sensitive) const {
    return sensitive ? nlohmann::json(kRedactedMarker) : nlohmann::json(value);
  }

  // Epoch seconds, whole when the value is (awsJson's timestamp format).
  nlohmann::json operator()(const Timestamp& value, bool sensitive) const {
    if (sensitive) return kRedactedMarker;
    const auto ms = value.time_since_epoch().count();
    if (ms % 1000 == 0) return nlohmann::json(ms / 1000);
    return nlohmann::json(static_cast<double>(ms) / 1000.0);
  }

  template <class T>
  nlohmann::json operator()(const std::vector<T>& values, bool sensitive) const {
    auto out = nlohmann::json::array();
    for (const auto& value : values) out.push_back((*this)(value, sensitive));
    return out;
  }

  template <class T>
  nlohmann::json operator()(const std::map<std::string, T>& values, bool sensitive) const {
    auto out = nlohmann::json::object();
    for (const auto& [key, value] : values) out[key] = (*this)(value, sensitive);
    return out;
  }

  template <Structure T>
  nlohmann::json operator()(const T& value, bool sensitive) const {
    const bool inner = sensitive || (redact_ && Fields<T>::kSensitive);
    auto out = nlohmann::json::object();
    for_each_field<T>([&](const auto& field) {
      if (const auto* member = present(value.*(field.member)))
        out[field.name] = (*this)(*member, inner);
    });
    return out;
  }

 private:
  bool redact_;
};

}  // namespace cpct::reference_client::detail
