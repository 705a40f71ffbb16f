// fuzz_parse_only: the handler input format, body parsed by nlohmann and
// nothing else. A baseline for the benchmark (bench/fuzz/run): how much of
// fuzz_handler's time is the JSON parse every server must do anyway.
// Contract: none beyond not crashing; not a target for OSS-Fuzz.
#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "handler_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = cpct::fuzz::decode_handler_input(data, size);
  // Malformed bodies are expected: the result is discarded, not thrown.
  const auto value = nlohmann::json::parse(input.body, nullptr, false);
  return value.is_discarded() ? 0 : 0;
}
