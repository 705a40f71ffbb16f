// The model-aware mutator on its own: outputs fit, and chaining mutations
// from an empty input reaches every oracle outcome (what the time-to-outcome
// benchmark measures under libFuzzer).
#include <algorithm>
#include <cstring>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fuzz_support.hpp"
#include "handler_input.hpp"
#include "json_mutator.hpp"

namespace {

// Stands in for LLVMFuzzerMutate: flips one byte.
std::size_t flip_byte(std::uint8_t* data, std::size_t size, std::size_t) {
  if (size > 0) data[size / 2] ^= 0x20;
  return size;
}

std::string outcome_of(const std::vector<std::uint8_t>& input) {
  const auto in = cpct::fuzz::decode_handler_input(input.data(), input.size());
  // From the fixtures' jobs every time, as fuzz_handler asks (a result or
  // an acknowledgement changes the board).
  auto& board = cpct::fuzz::world().oracle->board();
  static std::uint64_t clean = board.generation();
  if (board.generation() != clean) {
    board.reset();
    clean = board.generation();
  }
  const auto expected = cpct::fuzz::world().oracle->expect(
      {in.target, in.content_type.value_or(""), std::string(in.body)});
  return expected.status == 200 ? "200" : expected.error_type;
}

// The seven outcomes of GetThirdPartyJobDetails (the benchmark's); the
// selector reaches the lifecycle's other operations, and their error types,
// too.
TEST(json_mutator, reaches_every_outcome_from_nothing) {
  constexpr std::size_t kMax = 4096;
  const std::set<std::string> all = {"200",
                                     "UnknownOperationException",
                                     "SerializationException",
                                     "ValidationException",
                                     "JobNotFoundException",
                                     "InvalidJobException",
                                     "InvalidClientTokenException"};
  std::set<std::string> seen;
  auto reached_all = [&] {
    return std::includes(seen.begin(), seen.end(), all.begin(), all.end());
  };
  std::vector<std::uint8_t> buffer(kMax);
  std::size_t size = 0;
  for (unsigned seed = 1; seed <= 5000 && !reached_all(); ++seed) {
    size = cpct::fuzz::mutate_handler_input(buffer.data(), size, kMax, seed, &flip_byte);
    ASSERT_LE(size, kMax);
    seen.insert(outcome_of({buffer.begin(), buffer.begin() + size}));
    if (seed % 50 == 0) size = 0;  // start over now and then, as a corpus would
  }
  std::set<std::string> missing;
  std::set_difference(all.begin(), all.end(), seen.begin(), seen.end(),
                      std::inserter(missing, missing.end()));
  EXPECT_TRUE(missing.empty()) << "not reached: " << ::testing::PrintToString(missing);
}

TEST(json_mutator, respects_max_size) {
  std::vector<std::uint8_t> buffer(64, '{');
  for (unsigned seed = 1; seed <= 500; ++seed) {
    const std::size_t size =
        cpct::fuzz::mutate_handler_input(buffer.data(), 16, 64, seed, &flip_byte);
    ASSERT_LE(size, 64u);
  }
}

TEST(json_mutator, cross_over_fits) {
  const std::string a = std::string(1, '\0') + R"({"jobId":"a","clientToken":"b"})";
  const std::string b = std::string(1, '\5') + R"({"jobId":"c","extra":1})";
  std::vector<std::uint8_t> out(32);
  for (unsigned seed = 1; seed <= 200; ++seed) {
    const auto n = cpct::fuzz::cross_over_handler_inputs(
        reinterpret_cast<const std::uint8_t*>(a.data()), a.size(),
        reinterpret_cast<const std::uint8_t*>(b.data()), b.size(), out.data(), out.size(), seed);
    ASSERT_LE(n, out.size());
  }
}

}  // namespace
