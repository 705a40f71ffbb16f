#pragma once
// Finding a secret in text whatever encoding an echo put on each of its
// characters: plain, %XX (either case, on any subset of the characters),
// JSON escapes (\/ \" \\ \uXXXX of either case, surrogate pairs included)
// or '+' for a space. A matcher that compares fixed encoded forms misses a
// secret of which only some characters were encoded; this one decodes the
// text unit by unit while comparing, so every mix matches.
#include <cstddef>
#include <string>
#include <string_view>

namespace cpct::model {

/// The end (one past) of an encoded occurrence of `secret` starting at
/// `text[at]`, or std::string::npos when none starts there.
std::size_t match_encoded(std::string_view text, std::size_t at, std::string_view secret);

/// `text` with every encoded occurrence of `secret` replaced by `marker`.
std::string replace_encoded(std::string_view text, std::string_view secret,
                            std::string_view marker);

}  // namespace cpct::model
