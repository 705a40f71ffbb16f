#include "check/case.hpp"

namespace cpct::check {

const char* to_string(CaseKind kind) {
  switch (kind) {
    case CaseKind::kPositive:
      return "positive";
    case CaseKind::kBoundary:
      return "boundary";
    case CaseKind::kViolation:
      return "violation";
    case CaseKind::kSemantic:
      return "semantic";
    case CaseKind::kProtocol:
      return "protocol";
    case CaseKind::kGenerated:
      return "generated";
  }
  return "?";
}

net::HttpRequest to_http(const Case& c) {
  net::HttpRequest out;
  out.method = c.method;
  out.target = c.path;
  if (!c.request.content_type.empty())
    out.headers.push_back({"Content-Type", c.request.content_type});
  if (c.request.target) out.headers.push_back({"X-Amz-Target", *c.request.target});
  out.body = c.request.body;
  return out;
}

}  // namespace cpct::check
