#pragma once
// The deliberate limits of the reference endpoint (docs/server.md says why
// each default is what it is). One struct, shared by every session.
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace cpct::server {

struct Limits {
  /// Request line plus header fields; over it: 431.
  std::uint32_t header_bytes = 8 * 1024;
  /// Request body after de-chunking; over it: 413.
  std::uint64_t body_bytes = 1024 * 1024;
  /// How long a connection may sit without the first byte of a request.
  std::chrono::milliseconds idle_timeout{60'000};
  /// How long a request may take to arrive whole once it has begun, and a
  /// response to be taken by the client; over it: 408 (reading) or close.
  std::chrono::milliseconds read_timeout{10'000};
  /// Open connections; at the cap the server stops accepting until one ends.
  std::size_t max_connections = 1024;
  /// After the last response the server reads and discards what the client
  /// still sends for this long, so the response is not lost to a reset.
  std::chrono::milliseconds linger{1'000};
};

}  // namespace cpct::server
