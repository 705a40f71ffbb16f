#include "server/generated_output.hpp"

#include <rapidcheck.h>

#include <cstdint>
#include <mutex>

#include "gen/shape_gen.hpp"

namespace cpct::server {
namespace {

// FNV-1a: stable across builds and platforms, unlike std::hash.
std::uint64_t fnv1a(std::uint64_t h, std::string_view bytes) {
  for (const unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

}  // namespace

std::string generated_output(const model::Operation& op, std::string_view target,
                             std::string_view body) {
  if (op.output == nullptr) return "{}";
  const std::uint64_t seed = fnv1a(fnv1a(0xcbf29ce484222325ULL, target), body);
  // Small answers: a mock's outputs are read by clients, not stored.
  gen::GenOptions options;
  options.max_string = 64;
  options.max_collection = 3;
  options.max_depth = 4;
  std::lock_guard lock(gen::rapidcheck_mutex());
  return gen::valid_value(*op.output, options)(rc::Random(seed), 20).value().dump();
}

}  // namespace cpct::server
