#pragma once
// The server side of TLS for `cpct serve --tls-cert --tls-key`: one context
// every session shares (read-only once made), and the one TLS error the
// sessions must tell apart without OpenSSL's headers.
#include <boost/system/error_code.hpp>
#include <memory>
#include <string>

namespace boost::asio::ssl {
class context;
}

namespace cpct::server {

/// A context serving the PEM certificate chain in `cert_file` with the
/// private key in `key_file` (TLS 1.2 or later). Throws ServerError with a
/// one-line reason (file unreadable, not PEM, key not the certificate's).
std::shared_ptr<boost::asio::ssl::context> server_tls_context(const std::string& cert_file,
                                                              const std::string& key_file);

namespace detail {
/// A client that closed the TCP connection without close_notify: to the
/// session, the end of the stream.
bool tls_truncated(const boost::system::error_code& ec);
}  // namespace detail

}  // namespace cpct::server
