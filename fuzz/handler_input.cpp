#include "handler_input.hpp"

#include "fuzz_support.hpp"
#include "model/lifecycle/operations.hpp"

namespace cpct::fuzz {
namespace {

constexpr const char* kOperation = "GetThirdPartyJobDetails";
constexpr const char* kSibling = "PollForThirdPartyJobs";

}  // namespace

const std::vector<std::string>& handler_operations() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> out;
    for (const auto& op : model::lifecycle::operations()) out.emplace_back(op.name);
    // Operations of the model the endpoint answers UnknownOperationException
    // (outside the contract).
    out.emplace_back("PutApprovalResult");
    out.emplace_back("ListActionTypes");
    return out;
  }();
  return all;
}

HandlerInput decode_handler_input(const std::uint8_t* data, std::size_t size) {
  HandlerInput in;
  if (size > 0) {
    in.selector = data[0];
    in.body = std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1);
  }
  in.operation = kOperation;
  if ((in.selector & 4) == 0 && (in.selector >> 6) != 0) {
    const std::size_t slot = ((in.selector >> 6) - 1u) * 4u + (in.selector & 3u);
    in.operation = handler_operations()[slot];
    in.target = target_for(in.operation);
  } else {
    switch (in.selector & 7) {
      case 4:
        break;
      case 5:
        in.operation = kSibling;
        in.target = target_for(kSibling);
        break;
      case 6:
        in.target = target_for("NoSuchOperation");
        break;
      case 7:
        in.target = target_for("getThirdPartyJobDetails");
        break;
      default:
        in.target = target_for(kOperation);
    }
  }
  switch ((in.selector >> 3) & 3) {
    case 0:
      in.content_type = "application/x-amz-json-1.1";
      break;
    case 1:
      in.content_type = "application/x-amz-json-1.1; charset=utf-8";
      break;
    case 2:
      break;
    default:
      in.content_type = "application/json";
  }
  in.version = (in.selector & 0x20) != 0 ? 10 : 11;
  return in;
}

std::uint8_t selector_for_target(const std::optional<std::string>& target) {
  if (!target) return 4;
  if (*target == target_for(kOperation)) return 0;
  if (*target == target_for(kSibling)) return 5;
  const auto& ops = handler_operations();
  for (std::size_t slot = 0; slot < ops.size(); ++slot)
    if (*target == target_for(ops[slot]))
      return static_cast<std::uint8_t>((slot / 4 + 1) << 6 | slot % 4);
  if (*target == target_for("getThirdPartyJobDetails")) return 7;
  return 6;
}

}  // namespace cpct::fuzz
