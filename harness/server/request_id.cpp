#include "server/request_id.hpp"

#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

namespace cpct::server {

std::string new_request_id() {
  // One generator per thread (it is not thread-safe), so the hot path takes
  // no lock. Boost's random_generator is a Mersenne Twister seeded once from
  // the system's entropy: request ids need to be unique, not secret.
  thread_local boost::uuids::random_generator generate;
  return boost::uuids::to_string(generate());  // lower-case, 8-4-4-4-12
}

}  // namespace cpct::server
