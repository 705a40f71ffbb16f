#pragma once
// The TLS flags, in one place: --ca-file and --insecure where cpct calls an
// https:// endpoint (check server), --tls-cert and --tls-key where it
// serves one (serve).
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "net/http_client.hpp"
#include "server/server.hpp"

namespace cpct::cli {

struct TlsClientFlags {
  std::optional<std::string> ca_file;
  bool insecure = false;
};
struct TlsServerFlags {
  std::optional<std::string> cert_file;
  std::optional<std::string> key_file;
};

void add_tls_client_flags(CLI::App& app, TlsClientFlags& flags);
void add_tls_server_flags(CLI::App& app, TlsServerFlags& flags);

/// --ca-file and --insecure, checked: an unreadable CA file is a
/// UsageError; --insecure says once on stderr that nothing is verified.
/// Either flag without an https:// endpoint is a UsageError too.
net::TlsOptions tls_options_of(const TlsClientFlags& flags, const net::Url& endpoint);

/// --tls-cert and --tls-key into the server's options: both or neither.
void tls_server_of(const TlsServerFlags& flags, server::ServerOptions& options);

}  // namespace cpct::cli
