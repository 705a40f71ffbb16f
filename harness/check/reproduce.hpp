#pragma once
// A command a person can paste to send a case again: curl, signed with
// SigV4 by curl itself from the usual AWS variables (no secret written out).
#include <string>

#include "check/case.hpp"
#include "net/http_client.hpp"

namespace cpct::check {

struct ReproduceContext {
  std::string endpoint;  // as given with --endpoint
  std::string region;
  std::string service;  // signing name
  net::TlsOptions tls;  // https://: curl trusts the same way (--cacert, -k)
};

/// The bytes quoted for a POSIX shell: '...' when printable ASCII (a quote
/// as '\'', which every sh reads), $'...' with \xHH escapes otherwise
/// (invalid UTF-8 and control bytes survive; bash, zsh and ksh read it,
/// dash 0.5.12 does not).
std::string shell_quote(const std::string& bytes);

std::string curl_command(const Case& c, const ReproduceContext& context);

}  // namespace cpct::check
