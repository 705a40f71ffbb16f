#pragma once
// The two primitives SigV4 needs, from OpenSSL's EVP interface.
#include <string>
#include <string_view>

namespace cpct::net::detail {

/// Raw 32-byte SHA-256 digest.
std::string sha256(std::string_view data);

/// Raw 32-byte HMAC-SHA256 of `data` under `key`.
std::string hmac_sha256(std::string_view key, std::string_view data);

}  // namespace cpct::net::detail
