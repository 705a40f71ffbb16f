#include "text/hex.hpp"

#include <iterator>

#include <boost/algorithm/hex.hpp>

namespace cpct::text {

std::string to_hex(std::string_view bytes, HexCase letters) {
  std::string out;
  out.reserve(bytes.size() * 2);
  if (letters == HexCase::kUpper)
    boost::algorithm::hex(bytes.begin(), bytes.end(), std::back_inserter(out));
  else
    boost::algorithm::hex_lower(bytes.begin(), bytes.end(), std::back_inserter(out));
  return out;
}

std::optional<std::string> from_hex(std::string_view digits) {
  std::string out;
  out.reserve(digits.size() / 2);
  try {
    boost::algorithm::unhex(digits.begin(), digits.end(), std::back_inserter(out));
  } catch (const boost::algorithm::hex_decode_error&) {
    // An odd digit count or a non-hex character: not hex, the caller says why.
    return std::nullopt;
  }
  return out;
}

void append_byte_escape(std::string& out, unsigned char byte, HexCase letters) {
  out += "\\x";
  out += to_hex(std::string_view(reinterpret_cast<const char*>(&byte), 1), letters);
}

}  // namespace cpct::text
