#include "net/resolve.hpp"

#include <boost/asio/io_context.hpp>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace cpct::net {

ResolveResults system_resolve(const std::string& host, const std::string& port,
                              boost::system::error_code& ec) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::resolver resolver(io);
  return resolver.resolve(host, port, ec);
}

ResolveResults resolve_within(const std::string& host, const std::string& port,
                              std::chrono::steady_clock::time_point deadline,
                              boost::system::error_code& ec, const Resolver& resolver) {
  // Shared with the lookup thread, which may outlive this call.
  struct Lookup {
    std::mutex mutex;
    std::condition_variable done_cv;
    bool done = false;
    ResolveResults results;
    boost::system::error_code ec;
  };
  auto lookup = std::make_shared<Lookup>();
  try {
    std::thread([lookup, host, port, resolver] {
      boost::system::error_code e;
      auto results = resolver(host, port, e);
      std::lock_guard lock(lookup->mutex);
      lookup->results = std::move(results);
      lookup->ec = e;
      lookup->done = true;
      lookup->done_cv.notify_all();
    }).detach();
  } catch (const std::system_error&) {
    ec = boost::asio::error::no_memory;  // no thread to spare
    return {};
  }
  std::unique_lock lock(lookup->mutex);
  if (!lookup->done_cv.wait_until(lock, deadline, [&] { return lookup->done; })) {
    ec = boost::asio::error::timed_out;
    return {};
  }
  ec = lookup->ec;
  return lookup->results;
}

}  // namespace cpct::net
