#pragma once
// Standard base64 with padding (RFC 4648 section 4): how the awsJson
// protocols write a blob. The one place cpct encodes or checks base64
// (OpenSSL's EVP_EncodeBlock/EVP_DecodeBlock underneath).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cpct::model {

/// `bytes` as standard, padded base64.
std::string base64_encode(std::string_view bytes);

/// How many bytes `text` decodes to; std::nullopt when it is not standard,
/// padded base64 (a length not a multiple of 4, a character outside
/// A-Z a-z 0-9 + /, or '=' anywhere but the last two places).
std::optional<std::size_t> base64_decoded_size(std::string_view text);

/// The bytes `text` encodes; std::nullopt when base64_decoded_size does.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace cpct::model
