#pragma once
// Hex digits of bytes, and the \xHH escape that messages, logs and reports
// use for a byte that is not printable text. The one place cpct writes hex
// (Boost.Algorithm's hex underneath).
#include <optional>
#include <string>
#include <string_view>

namespace cpct::text {

enum class HexCase { kLower, kUpper };

/// Two hex digits per byte: "\x01\xAB" -> "01ab" (or "01AB").
std::string to_hex(std::string_view bytes, HexCase letters = HexCase::kLower);

/// The bytes that hex digits (either case) spell; std::nullopt on an odd
/// number of digits or a character that is not a hex digit.
std::optional<std::string> from_hex(std::string_view digits);

/// Appends `byte` as the four characters \xHH.
void append_byte_escape(std::string& out, unsigned char byte, HexCase letters = HexCase::kUpper);

}  // namespace cpct::text
