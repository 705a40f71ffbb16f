#pragma once
// What cpct leaves unchecked of an event-stream operation, and why: the
// aws-json protocol does not specify event-stream framing yet (Smithy's
// aws-json protocol page: "TODO: Add event stream handling
// specifications"), so an event-stream message is not judged. A request
// without an event stream is a plain aws-json request (Smithy's streaming
// spec: an initial-request exists only for an input event stream), so its
// checks stay.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/spec.hpp"

namespace cpct::check {

inline constexpr const char* kEventStreamOutput = "event-stream output: not checked";
inline constexpr const char* kEventStreamInput = "event-stream input: not checked";

/// `operations` without those whose input is an event stream: nothing of
/// theirs can be sent as a JSON request.
std::vector<std::string> without_input_streams(const model::Spec& spec,
                                               const std::vector<std::string>& operations);

/// results.json's target.untested entries for `operations`:
/// [{"operation", "reason"}], one per event-stream input or output.
nlohmann::json untested_streams(const model::Spec& spec,
                                const std::vector<std::string>& operations);

/// One line for stderr naming the entries, or "" when there are none.
std::string untested_line(const nlohmann::json& entries);

}  // namespace cpct::check
