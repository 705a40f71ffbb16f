#pragma once
// Percent-encoding (RFC 3986 section 2.1) and its unreserved characters
// (section 2.3): the one place cpct states which bytes a URI may carry as
// they are. SigV4's canonical URI and the redaction of secrets in URLs and
// forms both encode through here.
#include <string>
#include <string_view>

#include "text/hex.hpp"

namespace cpct::text {

/// ALPHA, DIGIT, '-', '.', '_' and '~' (ASCII only, whatever the locale).
bool is_unreserved(unsigned char c);

/// `bytes` with every byte but the unreserved ones and those in `keep` as
/// %XX, in `letters` case: percent_encode("a b/c", kUpper, "/") == "a%20b/c".
std::string percent_encode(std::string_view bytes, HexCase letters = HexCase::kUpper,
                           std::string_view keep = {});

}  // namespace cpct::text
