#pragma once
// One request the checker sends, and why.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "net/http_client.hpp"
#include "protocol/oracle.hpp"

namespace cpct::check {

enum class CaseKind { kPositive, kBoundary, kViolation, kSemantic, kProtocol, kGenerated };
const char* to_string(CaseKind kind);

struct Case {
  std::size_t index = 0;  // position in the plan; ids are "c<index>"
  CaseKind kind = CaseKind::kPositive;
  std::string name;       // "jobId too long (513 code points)"
  std::string operation;  // the operation whose request the body is
  std::string method = "POST";
  std::string path = "/";
  protocol::Request request;  // target, content type, body
  /// Generated cases keep the generator's seed and size so the shrinker can
  /// walk RapidCheck's shrink tree from them.
  std::optional<std::pair<std::uint64_t, int>> generated_from;
  /// The value request.body is the dump of, for a generated case (null
  /// otherwise): the oracle reads it instead of parsing the body again.
  /// Whoever changes the body of a copy resets it.
  std::shared_ptr<const nlohmann::json> body_value;
  /// The Smithy compliance test the case is, when it is one.
  std::string source;

  /// Sent without what the protocol requires of every request (its
  /// Content-Type): any answer but a 5xx, a hang or a reset will do.
  bool outside_protocol = false;

  std::string id() const { return "c" + std::to_string(index); }
  /// Method and path other than POST /, and requests outside the protocol,
  /// are outside the contract: only robustness is checked.
  bool standard_route() const { return method == "POST" && path == "/" && !outside_protocol; }
};

/// The HTTP request a case becomes (before signing).
net::HttpRequest to_http(const Case& c);

}  // namespace cpct::check
