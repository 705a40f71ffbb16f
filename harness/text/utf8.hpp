#pragma once
// UTF-8 helpers, the one place cpct decodes or encodes UTF-8 (ICU's U8_*
// macros underneath). Smithy's length trait counts Unicode code points, so
// every length check in cpct goes through here rather than std::string::size().
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cpct::text {

/// Number of code points in valid UTF-8; std::nullopt when `text` is not
/// valid UTF-8 (overlong forms, surrogates and truncated sequences included).
std::optional<std::size_t> count_code_points(std::string_view text);

/// True when `text` is well-formed UTF-8 with no encoded surrogate.
bool is_valid_utf8(std::string_view text);

/// Byte length (1 to 4) of the valid UTF-8 sequence that starts at
/// `text[pos]`, or 0 when none does (a stray continuation byte, an overlong
/// form, a surrogate, a value past U+10FFFF, a truncated sequence).
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos);

/// Appends the UTF-8 encoding of `cp` (must be a Unicode scalar value).
void append_utf8(std::string& out, char32_t cp);

/// Decodes valid UTF-8 into code points; std::nullopt when invalid.
std::optional<std::u32string> decode_utf8(std::string_view text);

/// Encodes code points (Unicode scalar values) as UTF-8.
std::string encode_utf8(std::u32string_view text);

/// Bytes as text a report can hold: valid UTF-8 sequences as they are, each
/// byte that starts no valid sequence written as \xHH.
std::string to_printable(std::string_view bytes);

/// to_printable, and also every control character but newline and tab (C0,
/// DEL, C1: a terminal acts on ESC, CR, CSI) written as \xHH or \u00HH:
/// text from an implementation under test, fit for a terminal or Markdown.
std::string to_display(std::string_view bytes);

}  // namespace cpct::text
