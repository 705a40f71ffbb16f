#include "server/request_id.hpp"

#include <cstdint>
#include <random>

namespace cpct::server {

std::string new_request_id() {
  // One generator per thread: no lock on the hot path. Request ids need to
  // be unique, not secret, so a seeded Mersenne Twister is enough.
  thread_local std::mt19937_64 rng = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  std::uint64_t hi = rng();
  std::uint64_t lo = rng();
  hi = (hi & ~std::uint64_t{0xF000}) | 0x4000;                             // version 4
  lo = (lo & ~(std::uint64_t{0xC0} << 56)) | (std::uint64_t{0x80} << 56);  // variant 10
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(36, '-');
  std::size_t pos = 0;
  auto put = [&](std::uint64_t word, int nibbles) {
    for (int i = nibbles - 1; i >= 0; --i) {
      if (pos == 8 || pos == 13 || pos == 18 || pos == 23) ++pos;
      id[pos++] = kHex[(word >> (4 * i)) & 0xF];
    }
  };
  put(hi, 16);
  put(lo, 16);
  return id;
}

}  // namespace cpct::server
