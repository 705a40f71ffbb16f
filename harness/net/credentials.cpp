// Credentials from the usual AWS variables, or harmless test values.
#include <cstdlib>

#include "net/sigv4.hpp"

namespace cpct::net {
namespace {

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

}  // namespace

Credentials Credentials::for_tests() {
  return {"AKIDCPCTTEST000000000", "cpct/test/secret/key/0000000000000000000", ""};
}

Credentials Credentials::from_environment() {
  Credentials credentials;
  credentials.access_key_id = env_or("AWS_ACCESS_KEY_ID", "AKIDCPCTTEST000000000");
  credentials.secret_access_key =
      env_or("AWS_SECRET_ACCESS_KEY", "cpct/test/secret/key/0000000000000000000");
  credentials.session_token = env_or("AWS_SESSION_TOKEN", "");
  return credentials;
}

}  // namespace cpct::net
