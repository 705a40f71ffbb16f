// The engine every seeded generator in cpct draws from: SplitMix64. The
// generators seed a fresh engine per value drawn (a pattern string, a text),
// so seeding must cost nothing; std::mt19937_64 fills 312 words of state on
// each seeding and again on its first draw, which was a tenth of the
// checker's CPU per case. SplitMix64's statistical quality is ample for
// test inputs, and it satisfies UniformRandomBitGenerator, so the <random>
// distributions take it.
#pragma once

#include <cstdint>
#include <limits>

namespace cpct::pattern {

class Rng {
 public:
  using result_type = std::uint64_t;

  explicit Rng(std::uint64_t seed) : state_(seed) {}

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  result_type operator()() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t state_;
};

}  // namespace cpct::pattern
