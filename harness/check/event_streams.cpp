#include "check/event_streams.hpp"

namespace cpct::check {

std::vector<std::string> without_input_streams(const model::Spec& spec,
                                               const std::vector<std::string>& operations) {
  std::vector<std::string> out;
  for (const auto& name : operations)
    if (!spec.operation(name).input_event_stream) out.push_back(name);
  return out;
}

nlohmann::json untested_streams(const model::Spec& spec,
                                const std::vector<std::string>& operations) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& name : operations) {
    const auto& op = spec.operation(name);
    if (op.input_event_stream) out.push_back({{"operation", name}, {"reason", kEventStreamInput}});
    if (op.output_event_stream)
      out.push_back({{"operation", name}, {"reason", kEventStreamOutput}});
  }
  return out;
}

std::string untested_line(const nlohmann::json& entries) {
  std::string out;
  for (const auto& e : entries)
    if (e.is_object())
      out += (out.empty() ? "" : "; ") + e.value("operation", "?") + " (" + e.value("reason", "") +
             ")";
  return out;
}

}  // namespace cpct::check
