#pragma once
// Values valid for a model shape, built from a stream of choices: the fuzz
// input itself (FuzzedDataProvider, so libFuzzer steers every length, enum
// and member) or a seeded PRNG (the mutator). Every fact about a shape is
// read from the model: lengths from min/max, patterns, enums, required.
#include <cstdint>
#include <optional>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "model/spec.hpp"

namespace cpct::fuzz {

/// Where choices come from.
class Chooser {
 public:
  virtual ~Chooser() = default;
  /// A number in [lo, hi].
  virtual std::uint64_t in_range(std::uint64_t lo, std::uint64_t hi) = 0;
  bool coin() { return in_range(0, 1) == 1; }
  /// True with probability about 1/n.
  bool one_in(std::uint64_t n) { return in_range(0, n - 1) == 0; }
};

/// Choices from a PRNG.
class RngChooser final : public Chooser {
 public:
  explicit RngChooser(std::mt19937_64& rng) : rng_(rng) {}
  std::uint64_t in_range(std::uint64_t lo, std::uint64_t hi) override {
    return std::uniform_int_distribution<std::uint64_t>(lo, hi)(rng_);
  }

 private:
  std::mt19937_64& rng_;
};

struct BuildOptions {
  std::size_t max_string = 600;    // longer maxima are reached only at the boundary
  std::size_t max_collection = 4;  // list and map sizes above min + this are not built
  std::size_t max_depth = 10;      // below this depth, optional members are left out
};

/// A length in [lo, hi] biased towards both boundaries; `hi` beyond
/// lo + options.max_string is reached only as the exact maximum.
std::size_t choose_length(Chooser& chooser, std::size_t lo, std::size_t hi,
                          const BuildOptions& options);

/// A value valid for `shape`; std::nullopt when the choices lead nowhere
/// valid (a pattern that cannot produce the chosen length, say).
std::optional<nlohmann::json> build_valid(const model::Shape& shape, Chooser& chooser,
                                          const BuildOptions& options = {}, std::size_t depth = 0);

/// A string valid for string shape `shape` with a length in [lo, hi]
/// (ignored for enums); std::nullopt as above.
std::optional<std::string> build_string(const model::Shape& shape, Chooser& chooser, std::size_t lo,
                                        std::size_t hi);

/// `length` code points, mostly printable ASCII, some non-ASCII of every
/// UTF-8 width.
std::string any_text(Chooser& chooser, std::size_t length);

/// A non-ASCII Unicode scalar value (2, 3 or 4 UTF-8 bytes).
char32_t non_ascii(Chooser& chooser);

}  // namespace cpct::fuzz
