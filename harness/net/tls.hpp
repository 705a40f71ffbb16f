#pragma once
// The client side of TLS: the context an https:// client trusts with, and
// what a failed handshake means. Verification is OpenSSL's own (the chain
// against the trust store, then X509_check_host / X509_check_ip_asc on the
// leaf, as ssl::host_name_verification does), set through the verify
// parameters so a mismatch keeps its reason for the message.
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/system/error_code.hpp>
#include <memory>
#include <string>

#include "net/http_client.hpp"
#include "net/http_wire.hpp"

namespace cpct::net::detail {

/// OpenSSL's reason for a TLS error ("no certificate or crl found"), or
/// the error's own message when OpenSSL has none: for one-line errors on
/// both sides (the client here, `cpct serve --tls-cert` in server/).
std::string tls_reason_text(const boost::system::error_code& ec);

/// A client context: TLS 1.2 or later, verifying peers (unless insecure)
/// against the system's trust store or `options.ca_file`. Throws
/// std::invalid_argument when the CA file cannot be loaded.
std::unique_ptr<boost::asio::ssl::context> client_context(const TlsOptions& options);

/// Sets SNI (for host names; RFC 6066 section 3 forbids IP literals) and the
/// name or address the certificate must match on a new connection.
boost::system::error_code prepare_handshake(SSL* ssl, const Url& url, bool insecure);

/// A failed handshake as an outcome: the setup's fault (certificate, a TLS
/// alert from the server) is kConnectFailed with kTlsFailurePrefix; a
/// handshake that did not finish in time kTimeout; a peer that closed
/// kReset; bytes that are not TLS kMalformed.
Failure handshake_failure(const boost::system::error_code& ec, SSL* ssl, const Url& url,
                          const ClientLimits& limits);

/// A TLS peer that closed the TCP connection without close_notify: to
/// the HTTP reader, the end of the stream (responses carry their length).
bool is_truncation(const boost::system::error_code& ec);

}  // namespace cpct::net::detail
