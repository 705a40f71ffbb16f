#include "reference_client/result.hpp"

namespace cpct::reference_client {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kService:
      return "service error";
    case ErrorKind::kHttp:
      return "HTTP error";
    case ErrorKind::kTransport:
      return "transport error";
    case ErrorKind::kMalformedResponse:
      return "malformed response";
    case ErrorKind::kConfiguration:
      return "configuration error";
    case ErrorKind::kInvalidInput:
      return "invalid input";
  }
  return "error";
}

}  // namespace cpct::reference_client
