#pragma once
// What goes on the wire and what a failed exchange means: the parts of the
// client that need no socket, so they read (and test) on their own.
#include <boost/system/error_code.hpp>
#include <string>

#include "net/http_client.hpp"

namespace cpct::net::detail {

/// The request as bytes: the raw ones when set, else a request line, Host
/// (unless present), the headers in order, Content-Length (unless present or
/// Transfer-Encoding is), a blank line and the body.
std::string request_bytes(const HttpRequest& request, const std::string& authority);

/// Whether the request expects a response without a body (HEAD).
bool expects_no_body(const HttpRequest& request);

struct Failure {
  HttpResponse::Outcome outcome;
  std::string error;
};

/// An error from connecting (resolve or TCP connect).
Failure connect_failure(const boost::system::error_code& ec, const Url& url,
                        const ClientLimits& limits);

/// An error while writing the request or reading the response.
Failure exchange_failure(const boost::system::error_code& ec, const ClientLimits& limits);

/// True for the errors a server's idle close produces on a reused connection
/// (a send that meets them before any response byte may be retried once).
bool is_closed_by_peer(const boost::system::error_code& ec);

}  // namespace cpct::net::detail
