#pragma once
// The model-aware mutator of fuzz_handler. It parses the body as JSON, walks
// it alongside the operation's input shape, and changes it the ways the
// contract cares about: lengths at and across the model's min/max (in code
// points, with non-ASCII fill), required members dropped and added, JSON
// type swaps, enum near-misses, pattern breakers, unknown and null members,
// fixture job ids and client tokens and their near-misses, and text-level
// damage (lone surrogate escapes, invalid UTF-8, truncation, duplicate keys).
// Part of the time it leaves the input to libFuzzer's byte mutation.
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace cpct::fuzz {

/// libFuzzer's LLVMFuzzerMutate.
using ByteMutator = std::size_t (*)(std::uint8_t* data, std::size_t size, std::size_t max_size);

/// A mutated body for `operation`'s input; `body` need not be valid JSON.
std::string mutate_body(std::string_view body, const std::string& operation, std::mt19937_64& rng);

/// A body mixing members of two bodies (or their bytes, when either is not
/// a JSON object).
std::string cross_over_bodies(std::string_view a, std::string_view b, std::mt19937_64& rng);

/// LLVMFuzzerCustomMutator for the handler input format (handler_input.hpp).
std::size_t mutate_handler_input(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                 unsigned int seed, ByteMutator byte_mutator);

/// LLVMFuzzerCustomCrossOver for the handler input format.
std::size_t cross_over_handler_inputs(const std::uint8_t* data1, std::size_t size1,
                                      const std::uint8_t* data2, std::size_t size2,
                                      std::uint8_t* out, std::size_t max_out_size,
                                      unsigned int seed);

}  // namespace cpct::fuzz
