#include "cli/tls_flags.hpp"

#include <iostream>
#include <stdexcept>

#include "cli/command.hpp"
#include "cli/flags.hpp"

namespace cpct::cli {

void add_tls_client_flags(CLI::App& app, TlsClientFlags& flags) {
  auto* ca = app.add_option("--ca-file", flags.ca_file,
                            "PEM file of the CA certificates to trust for an https:// endpoint, "
                            "instead of the system's trust store")
                 ->type_name("FILE")
                 ->default_str("the system's trust store");
  app.add_flag("--insecure", flags.insecure,
               "do not verify the https:// endpoint's certificate or host name (self-signed test "
               "servers only)")
      ->excludes(ca);
}

void add_tls_server_flags(CLI::App& app, TlsServerFlags& flags) {
  app.add_option("--tls-cert", flags.cert_file,
                 "serve HTTPS with this PEM certificate (chain, leaf first); needs --tls-key")
      ->type_name("FILE")
      ->default_str("none: plain HTTP");
  app.add_option("--tls-key", flags.key_file, "the PEM private key of --tls-cert (unencrypted)")
      ->type_name("FILE");
}

net::TlsOptions tls_options_of(const TlsClientFlags& flags, const net::Url& endpoint) {
  net::TlsOptions options;
  options.ca_file = flags.ca_file.value_or("");
  options.insecure = flags.insecure;
  if (!endpoint.tls) {
    if (flags.ca_file || options.insecure)
      throw UsageError(std::string(flags.ca_file ? "--ca-file" : "--insecure") +
                       " is for an https:// endpoint; this one is http://");
    return options;
  }
  if (options.insecure && flags.ca_file)
    throw UsageError("--insecure verifies nothing: give --ca-file or --insecure, not both");
  if (flags.ca_file && options.ca_file.empty()) throw UsageError("--ca-file needs a file name");
  try {
    net::check_tls_options(options);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("--ca-file: ") + e.what());
  }
  if (options.insecure)
    std::cerr << "cpct: --insecure: the certificate of " << endpoint.origin()
              << " is not verified (anyone on the path could answer in its place)\n";
  return options;
}

void tls_server_of(const TlsServerFlags& flags, server::ServerOptions& options) {
  const bool cert = flags.cert_file.has_value();
  const bool key = flags.key_file.has_value();
  if (cert != key)
    throw UsageError(
        std::string(cert ? "--tls-cert needs --tls-key" : "--tls-key needs --tls-cert") +
        " (HTTPS takes both, plain HTTP neither)");
  if (!cert) return;
  options.tls_cert_file = *flags.cert_file;
  options.tls_key_file = *flags.key_file;
  if (options.tls_cert_file.empty() || options.tls_key_file.empty())
    throw UsageError("--tls-cert and --tls-key need file names");
}

}  // namespace cpct::cli
