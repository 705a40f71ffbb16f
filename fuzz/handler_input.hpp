#pragma once
// The input format of fuzz_handler (and fuzz_parse_only): one selector byte,
// then the request body. The selector picks the X-Amz-Target header, the
// Content-Type and the HTTP version, so libFuzzer can reach routing and
// protocol outcomes while the mutator works on the JSON body.
//
//   bits 0-2  target: 0-3 GetThirdPartyJobDetails, 4 absent, 5 a sibling
//             operation (PollForThirdPartyJobs), 6 an unknown operation,
//             7 a near miss (lower-case operation name)
//   bits 3-4  Content-Type: 0 canonical, 1 with "; charset=utf-8",
//             2 absent, 3 application/json
//   bit  5    HTTP/1.0 instead of HTTP/1.1
//   bits 6-7  with target 0-3: 0 GetThirdPartyJobDetails as above; k = 1-3
//             picks slot (k-1)*4 + (bits 0-1) of handler_operations():
//             the lifecycle's ten operations, then two of the model's the
//             endpoint does not serve. Targets 4-7 ignore them.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cpct::fuzz {

struct HandlerInput {
  std::uint8_t selector = 0;
  std::optional<std::string> target;        // header value; nullopt when absent
  std::optional<std::string> content_type;  // nullopt when absent
  unsigned version = 11;
  std::string_view body;
  /// The operation whose input shape the body is meant for.
  std::string operation;
};

HandlerInput decode_handler_input(const std::uint8_t* data, std::size_t size);

/// The twelve operations bits 6-7 reach (model::lifecycle::operations(),
/// then two model operations without a lifecycle rule).
const std::vector<std::string>& handler_operations();

/// The selector of a request with this target (one of the choices above;
/// other targets map to 6) and the canonical content type. A target of
/// handler_operations() other than GetThirdPartyJobDetails gets its slot.
std::uint8_t selector_for_target(const std::optional<std::string>& target);

}  // namespace cpct::fuzz
