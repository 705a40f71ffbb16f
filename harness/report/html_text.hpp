#pragma once
// Text made safe for an HTML page: every value a report shows came from an
// implementation under test and may hold markup, quotes or broken bytes.
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace cpct::report {

/// Escapes & < > " ' for element text and attribute values; invalid UTF-8
/// becomes U+FFFD and control bytes (other than tab and newline) \xHH, so
/// the page is always valid UTF-8 whatever `text` holds.
std::string html_escape(std::string_view text);

/// A JSON value as indented text (not yet escaped).
std::string pretty_json(const nlohmann::json& value);

/// A string member, or a non-string member as JSON text; `fallback` if absent.
std::string text_of(const nlohmann::json& object, const char* key,
                    const std::string& fallback = "");

/// A numeric member as an integer; 0 if absent or not a number.
std::uint64_t count_of(const nlohmann::json& object, const char* key);

/// An object member, or an empty object if absent or not an object.
const nlohmann::json& object_of(const nlohmann::json& object, const char* key);

/// An array member, or an empty array if absent or not an array.
const nlohmann::json& array_of(const nlohmann::json& object, const char* key);

/// " (flaky: failed F of N runs)" for a flaky failure, else "".
std::string flaky_of(const nlohmann::json& failure);

/// A requirement's "sources" as one line: "smithy-test: X; model: Y".
std::string sources_of(const nlohmann::json& requirement);

/// 12345 -> "12,345".
std::string with_commas(std::uint64_t n);

/// Microseconds for people: "850 µs", "1.4 ms", "2.0 s".
std::string format_micros(double us);

/// A stable fragment id for a requirement ID (only [A-Za-z0-9._-]).
std::string anchor_for(std::string_view requirement_id);

}  // namespace cpct::report
