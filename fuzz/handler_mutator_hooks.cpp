// libFuzzer's custom mutation hooks for the handler input format
// (handler_input.hpp): linked into fuzz_handler and into its parse-only
// baseline, so the benchmark compares the targets under the same mutator.
// Left out of the *_bytes builds (byte mutation alone) and the replay
// executables (nothing mutates there).
#include <cstddef>
#include <cstdint>

#include "json_mutator.hpp"

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size,
                                               std::size_t max_size, unsigned int seed) {
  return cpct::fuzz::mutate_handler_input(data, size, max_size, seed, &LLVMFuzzerMutate);
}

extern "C" std::size_t LLVMFuzzerCustomCrossOver(const std::uint8_t* data1, std::size_t size1,
                                                 const std::uint8_t* data2, std::size_t size2,
                                                 std::uint8_t* out, std::size_t max_out_size,
                                                 unsigned int seed) {
  return cpct::fuzz::cross_over_handler_inputs(data1, size1, data2, size2, out, max_out_size, seed);
}
