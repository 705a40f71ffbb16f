#include "net/tls.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <boost/asio/error.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <fstream>
#include <stdexcept>

namespace cpct::net {
namespace ssl = boost::asio::ssl;
using boost::system::error_code;

namespace detail {
namespace {

std::string millis(const ClientLimits& limits) {
  return std::to_string(limits.timeout.count()) + " ms";
}

// Well-formed TLS whose outcome the setup decides: the server's alert, or
// no protocol version or cipher both sides accept.
bool negotiation_refused(int reason) {
  return reason >= SSL_AD_REASON_OFFSET || reason == SSL_R_UNSUPPORTED_PROTOCOL ||
         reason == SSL_R_NO_PROTOCOLS_AVAILABLE || reason == SSL_R_NO_SHARED_CIPHER ||
         reason == SSL_R_NO_CIPHERS_AVAILABLE ||
         reason == SSL_R_UNSAFE_LEGACY_RENEGOTIATION_DISABLED || reason == SSL_R_DH_KEY_TOO_SMALL;
}

}  // namespace

std::string tls_reason_text(const error_code& ec) {
  const char* text = ERR_reason_error_string(static_cast<unsigned long>(ec.value()));
  return text ? text : ec.message();
}

std::unique_ptr<ssl::context> client_context(const TlsOptions& options) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
  // TLS 1.0 and 1.1 are deprecated (RFC 8996).
  SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
  error_code ec;
  if (options.insecure) {
    context->set_verify_mode(ssl::verify_none, ec);
    return context;
  }
  context->set_verify_mode(ssl::verify_peer, ec);
  if (!options.ca_file.empty()) {
    if (!std::ifstream(options.ca_file))
      throw std::invalid_argument("CA file " + options.ca_file + ": cannot read it");
    context->load_verify_file(options.ca_file, ec);
    if (ec)
      throw std::invalid_argument("CA file " + options.ca_file +
                                  ": not a PEM file of certificates (" + tls_reason_text(ec) + ")");
  } else {
    context->set_default_verify_paths(ec);
    if (ec)
      throw std::invalid_argument("the system's trust store cannot be loaded (" +
                                  tls_reason_text(ec) + "); give a CA file");
  }
  return context;
}

error_code prepare_handshake(SSL* ssl, const Url& url, bool insecure) {
  error_code ec;
  const auto address = boost::asio::ip::make_address(url.host, ec);
  const bool literal = !ec;
  if (!literal && !SSL_set_tlsext_host_name(ssl, url.host.c_str()))
    return boost::asio::error::make_error_code(boost::asio::error::invalid_argument);
  if (insecure) return {};
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  // A host name matches the certificate's DNS names, an address its IP
  // addresses (RFC 6125; RFC 2818 section 3.1); no partial wildcards.
  X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  const int ok = literal ? X509_VERIFY_PARAM_set1_ip_asc(param, address.to_string().c_str())
                         : X509_VERIFY_PARAM_set1_host(param, url.host.c_str(), url.host.size());
  if (!ok) return boost::asio::error::make_error_code(boost::asio::error::invalid_argument);
  return {};
}

Failure handshake_failure(const error_code& ec, SSL* ssl, const Url& url,
                          const ClientLimits& limits) {
  using Outcome = HttpResponse::Outcome;
  const std::string where = std::string(kTlsFailurePrefix) + url.authority() + " failed: ";
  if (ec == boost::beast::error::timeout)
    return {Outcome::kTimeout, "no TLS handshake within " + millis(limits)};
  if (ec == ssl::error::stream_truncated || ec == boost::asio::error::eof ||
      ec == boost::asio::error::connection_reset)
    return {Outcome::kReset, "connection closed during the TLS handshake"};
  if (ec.category() != boost::asio::error::get_ssl_category())
    return {Outcome::kReset, "TLS handshake failed: " + ec.message()};
  const int reason = ERR_GET_REASON(static_cast<unsigned long>(ec.value()));
  if (reason == SSL_R_UNEXPECTED_EOF_WHILE_READING)
    return {Outcome::kReset, "connection closed during the TLS handshake"};
  if (reason == SSL_R_CERTIFICATE_VERIFY_FAILED) {
    const long result = SSL_get_verify_result(ssl);
    std::string why = X509_verify_cert_error_string(result);
    if (result == X509_V_ERR_HOSTNAME_MISMATCH || result == X509_V_ERR_IP_ADDRESS_MISMATCH)
      why += " (the certificate is not for " + url.host + ")";
    else if (result == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT ||
             result == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN ||
             result == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)
      why += " (trust its CA with a CA file, or turn verification off for a test server)";
    return {Outcome::kConnectFailed, where + "certificate verify failed: " + why};
  }
  if (negotiation_refused(reason)) return {Outcome::kConnectFailed, where + tls_reason_text(ec)};
  // Anything else is a peer that does not speak TLS properly.
  return {Outcome::kMalformed, "not a TLS handshake: " + tls_reason_text(ec)};
}

bool is_truncation(const error_code& ec) {
  // OpenSSL 3 reports a close without close_notify as an error of its own,
  // which Asio 1.74 passes on instead of its stream_truncated.
  return ec == ssl::error::stream_truncated ||
         (ec.category() == boost::asio::error::get_ssl_category() &&
          ERR_GET_REASON(static_cast<unsigned long>(ec.value())) ==
              SSL_R_UNEXPECTED_EOF_WHILE_READING);
}

}  // namespace detail

void check_tls_options(const TlsOptions& options) {
  (void)detail::client_context(options);
}

}  // namespace cpct::net
