#include "server/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <fstream>

#include "net/tls.hpp"
#include "server/server.hpp"

namespace cpct::server {
namespace ssl = boost::asio::ssl;
using boost::system::error_code;

namespace {

void readable(const char* flag, const std::string& file) {
  if (!std::ifstream(file)) throw ServerError(std::string(flag) + " " + file + ": cannot read it");
}

}  // namespace

std::shared_ptr<ssl::context> server_tls_context(const std::string& cert_file,
                                                 const std::string& key_file) {
  readable("--tls-cert", cert_file);
  readable("--tls-key", key_file);
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  // TLS 1.0 and 1.1 are deprecated (RFC 8996).
  SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
  // An encrypted key must fail, not prompt on the terminal for a passphrase.
  context->set_password_callback(
      [](std::size_t, ssl::context::password_purpose) { return std::string(); });
  error_code ec;
  // The key first: loaded after it, a certificate that is not the key's
  // leaves the context without a key, which the check below names.
  context->use_private_key_file(key_file, ssl::context::pem, ec);
  if (ec)
    throw ServerError("--tls-key " + key_file + ": not a PEM private key (" +
                      net::detail::tls_reason_text(ec) + ")");
  context->use_certificate_chain_file(cert_file, ec);
  if (ec)
    throw ServerError("--tls-cert " + cert_file + ": not a PEM certificate (" +
                      net::detail::tls_reason_text(ec) + ")");
  if (SSL_CTX_check_private_key(context->native_handle()) != 1) {
    ERR_clear_error();
    throw ServerError("--tls-key " + key_file + ": not the private key of --tls-cert " + cert_file);
  }
  return context;
}

namespace detail {

bool tls_truncated(const error_code& ec) {
  // OpenSSL 3 reports it as an error of its own, which Asio 1.74 passes on.
  return ec == ssl::error::stream_truncated ||
         (ec.category() == boost::asio::error::get_ssl_category() &&
          ERR_GET_REASON(static_cast<unsigned long>(ec.value())) ==
              SSL_R_UNEXPECTED_EOF_WHILE_READING);
}

}  // namespace detail

}  // namespace cpct::server
