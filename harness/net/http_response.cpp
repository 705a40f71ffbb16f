// The small value-level parts of the client's interface.
#include "net/ascii.hpp"
#include "net/http_client.hpp"

namespace cpct::net {

std::optional<std::string> HttpResponse::header(const std::string& name) const {
  for (const auto& h : headers)
    if (detail::iequals(h.name, name)) return h.value;
  return std::nullopt;
}

const char* to_string(HttpResponse::Outcome outcome) {
  using Outcome = HttpResponse::Outcome;
  switch (outcome) {
    case Outcome::kResponse:
      return "response";
    case Outcome::kConnectFailed:
      return "connect-failed";
    case Outcome::kTimeout:
      return "timeout";
    case Outcome::kReset:
      return "reset";
    case Outcome::kTooLarge:
      return "too-large";
    case Outcome::kMalformed:
      return "malformed";
  }
  return "unknown";
}

}  // namespace cpct::net
