#pragma once
// Name resolution within a deadline. getaddrinfo cannot be cancelled (Asio's
// resolver.cancel() takes effect only when it returns), so a stalled DNS
// server would hold an exchange, and the run, past every bound. The lookup
// runs on a detached thread that owns everything it touches; the caller
// waits only until the deadline and is told kTimeout, the thread ending
// whenever getaddrinfo does.
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <functional>
#include <string>

namespace cpct::net {

using ResolveResults = boost::asio::ip::tcp::resolver::results_type;

/// Resolves host and port, blocking (the system resolver by default).
using Resolver = std::function<ResolveResults(const std::string& host, const std::string& port,
                                              boost::system::error_code& ec)>;
ResolveResults system_resolve(const std::string& host, const std::string& port,
                              boost::system::error_code& ec);

/// `resolver`'s answer if it comes by `deadline`; otherwise ec is
/// boost::asio::error::timed_out and the lookup is abandoned.
ResolveResults resolve_within(const std::string& host, const std::string& port,
                              std::chrono::steady_clock::time_point deadline,
                              boost::system::error_code& ec,
                              const Resolver& resolver = system_resolve);

}  // namespace cpct::net
