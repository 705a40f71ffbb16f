#pragma once
// The adapter protocol of docs/contracts.md, the client side: one JSON
// request per line in, exactly one JSON reply per line out. The loop is
// shared by the reference adapter and the test-only faulty one; each
// brings its own way of calling the operation.
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "reference_client/result.hpp"

namespace cpct::reference_client {

inline constexpr const char* kInvalidAdapterRequest = "InvalidAdapterRequest";
inline constexpr const char* kUnknownOperation = "UnknownOperation";

/// Calls one operation: its JSON input → its output as JSON (model member
/// names, absent members left out), or the error to report.
using CaseHandler = std::function<Result<nlohmann::json>(const nlohmann::json& input)>;

/// The operations an adapter serves, by model name.
using Operations = std::function<const CaseHandler*(const std::string& operation)>;

/// The reply to one request line, without the newline:
///   {"id": ID, "output": {...}}  or  {"id": ID, "error": {"code": C, "message": M}}.
/// ID is the request's id (any JSON value), else one salvaged from a line
/// that is not JSON, else null. Lines that are not a request object, and
/// unknown operations, get an error. Never throws.
std::string reply_to_line(std::string_view line, const Operations& operations);

/// Replies to every line of `in` until EOF, flushing `out` after each reply.
/// 0 at EOF, 1 when `out` cannot be written.
int serve_lines(std::istream& in, std::ostream& out, const Operations& operations);

}  // namespace cpct::reference_client
