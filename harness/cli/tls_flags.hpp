#pragma once
// The TLS flags, in one place: --ca-file and --insecure where cpct calls an
// https:// endpoint (check server), --tls-cert and --tls-key where it
// serves one (serve).
#include "cli/args.hpp"
#include "net/http_client.hpp"
#include "server/server.hpp"

namespace cpct::cli {

Flag ca_file_flag();
Flag insecure_flag();
Flag tls_cert_flag();
Flag tls_key_flag();

/// --ca-file and --insecure, checked: an unreadable CA file is a
/// UsageError; --insecure says once on stderr that nothing is verified.
/// Either flag without an https:// endpoint is a UsageError too.
net::TlsOptions tls_options_of(const Args& args, const net::Url& endpoint);

/// --tls-cert and --tls-key into the server's options: both or neither.
void tls_server_of(const Args& args, server::ServerOptions& options);

}  // namespace cpct::cli
