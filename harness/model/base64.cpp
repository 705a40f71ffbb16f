#include "model/base64.hpp"

#include <algorithm>

#include <openssl/evp.h>

namespace cpct::model {
namespace {

bool in_alphabet(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

// OpenSSL counts in int: work through long inputs in pieces that fit, each a
// multiple of 3 bytes (encoding) or 4 characters (decoding).
constexpr std::size_t kChunk = std::size_t{3} << 20;

}  // namespace

std::string base64_encode(std::string_view bytes) {
  const std::size_t size = (bytes.size() + 2) / 3 * 4;
  // One more for the NUL EVP_EncodeBlock writes after each piece; the next
  // piece overwrites it, the last is cut off.
  std::string out(size + 1, '\0');
  std::size_t written = 0;
  for (std::size_t at = 0; at < bytes.size(); at += kChunk) {
    const std::size_t n = std::min(kChunk, bytes.size() - at);
    written += static_cast<std::size_t>(EVP_EncodeBlock(
        reinterpret_cast<unsigned char*>(out.data() + written),
        reinterpret_cast<const unsigned char*>(bytes.data() + at), static_cast<int>(n)));
  }
  out.resize(size);
  return out;
}

std::optional<std::size_t> base64_decoded_size(std::string_view text) {
  // EVP_DecodeBlock also accepts surrounding whitespace and does not check
  // the padding: the strict form is checked here.
  if (text.size() % 4 != 0) return std::nullopt;
  std::size_t padding = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '=') {
      if (i + 2 < text.size()) return std::nullopt;
      ++padding;
    } else if (padding != 0 || !in_alphabet(c)) {
      return std::nullopt;
    }
  }
  return text.size() / 4 * 3 - padding;
}

std::optional<std::string> base64_decode(std::string_view text) {
  const auto size = base64_decoded_size(text);
  if (!size) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  std::size_t written = 0;
  for (std::size_t at = 0; at < text.size(); at += kChunk / 3 * 4) {
    const std::size_t n = std::min(kChunk / 3 * 4, text.size() - at);
    const int len = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data() + written),
                                    reinterpret_cast<const unsigned char*>(text.data() + at),
                                    static_cast<int>(n));
    if (len < 0) return std::nullopt;
    written += static_cast<std::size_t>(len);
  }
  out.resize(*size);  // EVP_DecodeBlock counts the padding as zero bytes
  return out;
}

}  // namespace cpct::model
