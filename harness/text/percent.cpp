#include "text/percent.hpp"

namespace cpct::text {

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

std::string percent_encode(std::string_view bytes, HexCase letters, std::string_view keep) {
  std::string out;
  out.reserve(bytes.size());
  for (const char c : bytes) {
    if (is_unreserved(static_cast<unsigned char>(c)) || keep.find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += '%';
      out += to_hex(std::string_view(&c, 1), letters);
    }
  }
  return out;
}

}  // namespace cpct::text
