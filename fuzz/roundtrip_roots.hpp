#pragma once
// The shapes fuzz_model_roundtrip builds values for: every operation's input
// and output, then every structure of the model that is not an error. The
// fuzz input's last bytes pick one (FuzzedDataProvider reads integers from
// the end), so fuzz/make_seeds can aim a seed at each.
#include <cstddef>
#include <string>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include "model/requirements.hpp"
#include "model/spec.hpp"
#include "value_builder.hpp"

namespace cpct::fuzz {

struct RoundTripRoot {
  std::string operation;  // empty for a structure that is no operation's root
  model::Direction direction = model::Direction::kInput;
  const model::Shape* shape = nullptr;
};

/// Choices read from the fuzz input (value_builder.hpp's Chooser).
class ProviderChooser final : public Chooser {
 public:
  explicit ProviderChooser(FuzzedDataProvider& provider) : provider_(provider) {}
  std::uint64_t in_range(std::uint64_t lo, std::uint64_t hi) override {
    return provider_.ConsumeIntegralInRange<std::uint64_t>(lo, hi);
  }

 private:
  FuzzedDataProvider& provider_;
};

/// Built on first use from the embedded spec (world()).
const std::vector<RoundTripRoot>& roundtrip_roots();

/// The root this input starts with; consumes its bytes from `provider`.
inline const RoundTripRoot& pick_root(FuzzedDataProvider& provider) {
  const auto& all = roundtrip_roots();
  return all[provider.ConsumeIntegralInRange<std::size_t>(0, all.size() - 1)];
}

}  // namespace cpct::fuzz
