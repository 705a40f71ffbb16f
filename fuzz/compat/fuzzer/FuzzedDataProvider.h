#pragma once
// Stand-in for clang's <fuzzer/FuzzedDataProvider.h>, used only by a build
// that cannot find the real one (g++ without clang installed). It offers the
// calls cpct's targets make, with the same byte semantics, so a corpus
// replays to the same values under either: integers are taken from the end
// of the data, most significant byte first, and reduced modulo the range.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

class FuzzedDataProvider {
 public:
  FuzzedDataProvider(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  std::size_t remaining_bytes() const { return size_; }

  template <typename T>
  T ConsumeIntegral() {
    return ConsumeIntegralInRange(std::numeric_limits<T>::min(), std::numeric_limits<T>::max());
  }

  template <typename T>
  T ConsumeIntegralInRange(T min, T max) {
    static_assert(std::is_integral_v<T> && sizeof(T) <= sizeof(std::uint64_t));
    if (min > max) __builtin_trap();
    const std::uint64_t range = static_cast<std::uint64_t>(max) - static_cast<std::uint64_t>(min);
    std::uint64_t result = 0;
    std::size_t offset = 0;
    while (offset < sizeof(T) * 8 && (range >> offset) > 0 && size_ != 0) {
      --size_;
      result = (result << 8) | data_[size_];
      offset += 8;
    }
    if (range != std::numeric_limits<std::uint64_t>::max()) result = result % (range + 1);
    return static_cast<T>(static_cast<std::uint64_t>(min) + result);
  }

  bool ConsumeBool() { return (ConsumeIntegral<std::uint8_t>() & 1) == 1; }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
};
