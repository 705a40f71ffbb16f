#pragma once
// Typed value → JSON with the model's member names; absent members are
// left out. With `redact`, every value inside a sensitive structure is
// written as the redaction marker (the debug printer's view). Internal.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "client/fields.hpp"

namespace cpct::client::detail {

inline constexpr const char* kRedactedMarker = "*** Sensitive Data Redacted ***";

class Encoder {
 public:
  explicit Encoder(bool redact) : redact_(redact) {}

  nlohmann::json operator()(const std::string& value, bool sensitive) const {
    return sensitive ? nlohmann::json(kRedactedMarker) : nlohmann::json(value);
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
      const auto& member = value.*(field.member);
      if (member) out[field.name] = (*this)(*member, inner);
    });
    return out;
  }

 private:
  bool redact_;
};

}  // namespace cpct::client::detail
