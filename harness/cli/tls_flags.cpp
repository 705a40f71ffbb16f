#include "cli/tls_flags.hpp"

#include <iostream>
#include <stdexcept>

namespace cpct::cli {

Flag ca_file_flag() {
  return {"ca-file", "FILE",
          "PEM file of the CA certificates to trust for an https:// endpoint, instead of the "
          "system's trust store",
          "the system's trust store"};
}

Flag insecure_flag() {
  return {"insecure", nullptr,
          "do not verify the https:// endpoint's certificate or host name (self-signed test "
          "servers only)"};
}

Flag tls_cert_flag() {
  return {"tls-cert", "FILE",
          "serve HTTPS with this PEM certificate (chain, leaf first); needs --tls-key",
          "none: plain HTTP"};
}

Flag tls_key_flag() {
  return {"tls-key", "FILE", "the PEM private key of --tls-cert (unencrypted)"};
}

net::TlsOptions tls_options_of(const Args& args, const net::Url& endpoint) {
  net::TlsOptions options;
  options.ca_file = args.get_or("ca-file", "");
  options.insecure = args.has("insecure");
  if (!endpoint.tls) {
    if (args.has("ca-file") || options.insecure)
      throw UsageError(std::string(args.has("ca-file") ? "--ca-file" : "--insecure") +
                       " is for an https:// endpoint; this one is http://");
    return options;
  }
  if (options.insecure && args.has("ca-file"))
    throw UsageError("--insecure verifies nothing: give --ca-file or --insecure, not both");
  if (args.has("ca-file") && options.ca_file.empty())
    throw UsageError("--ca-file needs a file name");
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

void tls_server_of(const Args& args, server::ServerOptions& options) {
  const bool cert = args.has("tls-cert");
  const bool key = args.has("tls-key");
  if (cert != key)
    throw UsageError(
        std::string(cert ? "--tls-cert needs --tls-key" : "--tls-key needs --tls-cert") +
        " (HTTPS takes both, plain HTTP neither)");
  if (!cert) return;
  options.tls_cert_file = args.get_or("tls-cert", "");
  options.tls_key_file = args.get_or("tls-key", "");
  if (options.tls_cert_file.empty() || options.tls_key_file.empty())
    throw UsageError("--tls-cert and --tls-key need file names");
}

}  // namespace cpct::cli
