#include "value_builder.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/base64.hpp"
#include "text/utf8.hpp"

namespace cpct::fuzz {
namespace {

using model::Shape;
using model::ShapeType;
using nlohmann::json;

// Scalars that trouble parsers and length counters: 2-, 3- and 4-byte UTF-8,
// combining marks, the BOM, line separators, the last scalar.
constexpr char32_t kNonAscii[] = {0xE9,   0x301,  0x5D0,   0x65E5,  0xFEFF,
                                  0x2028, 0xFFFD, 0x1F600, 0x10348, 0x10FFFD};

std::pair<std::size_t, std::size_t> bounds(const Shape& shape, std::size_t cap) {
  const double lo = std::max(0.0, shape.min.value_or(0));
  const double hi = shape.max.value_or(lo + static_cast<double>(cap));
  // Larger maxima exist (policy documents) but add nothing a fuzzer needs.
  constexpr double kCeiling = 65536;
  const auto lo_n = static_cast<std::size_t>(std::min(lo, kCeiling));
  return {lo_n, std::max(lo_n, static_cast<std::size_t>(std::min(hi, kCeiling)))};
}

json build_number(const Shape& shape, Chooser& chooser) {
  const bool integral = shape.type == ShapeType::kInteger || shape.type == ShapeType::kLong;
  if (!integral) {
    const double lo = shape.min.value_or(-1e9);
    const double hi = std::max(lo, shape.max.value_or(1e9));
    switch (chooser.in_range(0, 3)) {
      case 0:
        return lo;
      case 1:
        return hi;
      default:
        return lo + (hi - lo) * static_cast<double>(chooser.in_range(0, 1000)) / 1000.0;
    }
  }
  // Inside 2^53 for longs: JSON readers differ beyond it.
  const double type_lo =
      shape.type == ShapeType::kInteger ? std::numeric_limits<int>::min() : -9e15;
  const double type_hi = shape.type == ShapeType::kInteger ? std::numeric_limits<int>::max() : 9e15;
  const auto lo = static_cast<long long>(std::ceil(std::max(shape.min.value_or(type_lo), type_lo)));
  const auto hi =
      static_cast<long long>(std::floor(std::min(shape.max.value_or(type_hi), type_hi)));
  if (hi < lo) return lo;
  switch (chooser.in_range(0, 3)) {
    case 0:
      return lo;
    case 1:
      return hi;
    default:
      return lo + static_cast<long long>(chooser.in_range(
                      0, static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo)));
  }
}

}  // namespace

std::size_t choose_length(Chooser& chooser, std::size_t lo, std::size_t hi,
                          const BuildOptions& options) {
  if (lo >= hi) return lo;
  switch (chooser.in_range(0, 5)) {
    case 0:
      return lo;
    case 1:
      return hi;
    case 2:
      return lo + 1;
    case 3:
      return hi - 1;
    default:
      return lo + chooser.in_range(0, std::min(hi - lo, options.max_string));
  }
}

char32_t non_ascii(Chooser& chooser) {
  return kNonAscii[chooser.in_range(0, std::size(kNonAscii) - 1)];
}

std::string any_text(Chooser& chooser, std::size_t length) {
  std::string out;
  for (std::size_t i = 0; i < length; ++i) {
    if (chooser.one_in(8))
      text::append_utf8(out, non_ascii(chooser));
    else
      out += static_cast<char>(chooser.in_range(0x20, 0x7E));
  }
  return out;
}

std::optional<std::string> build_string(const Shape& shape, Chooser& chooser, std::size_t lo,
                                        std::size_t hi) {
  if (!shape.enum_values.empty())
    return shape.enum_values[chooser.in_range(0, shape.enum_values.size() - 1)];
  if (shape.pattern) {
    pattern::Rng rng(chooser.in_range(0, std::numeric_limits<std::uint64_t>::max()));
    return shape.pattern->generate(rng, lo, hi);
  }
  return any_text(chooser, lo == hi ? lo : lo + chooser.in_range(0, hi - lo));
}

std::optional<json> build_valid(const Shape& shape, Chooser& chooser, const BuildOptions& options,
                                std::size_t depth) {
  // Required members of a recursive shape could go on for ever.
  if (depth > 4 * options.max_depth) return std::nullopt;
  switch (shape.type) {
    case ShapeType::kStructure: {
      json out = json::object();
      if (shape.is_union) {
        if (shape.members.empty()) return out;
        const auto& member = shape.members[chooser.in_range(0, shape.members.size() - 1)];
        auto value = build_valid(*member.shape, chooser, options, depth + 1);
        if (!value) return std::nullopt;
        out[member.name] = std::move(*value);
        return out;
      }
      for (const auto& member : shape.members) {
        if (!member.required && (depth >= options.max_depth || chooser.coin())) continue;
        auto value = build_valid(*member.shape, chooser, options, depth + 1);
        if (!value) return std::nullopt;
        out[member.name] = std::move(*value);
      }
      return out;
    }
    case ShapeType::kList: {
      const auto [lo, hi] = bounds(shape, options.max_collection);
      const std::size_t n = lo + chooser.in_range(0, std::min(hi - lo, options.max_collection));
      json out = json::array();
      for (std::size_t i = 0; i < n; ++i) {
        auto value = build_valid(*shape.list_member.shape, chooser, options, depth + 1);
        if (!value) return std::nullopt;
        out.push_back(std::move(*value));
      }
      return out;
    }
    case ShapeType::kMap: {
      const auto [lo, hi] = bounds(shape, options.max_collection);
      const std::size_t n = lo + chooser.in_range(0, std::min(hi - lo, options.max_collection));
      json out = json::object();
      const Shape& key_shape = *shape.map_key.shape;
      const auto [key_lo, key_hi] = bounds(key_shape, options.max_string);
      // Keys drawn alike collapse; a few extra attempts reach the minimum.
      for (std::size_t attempt = 0; out.size() < n && attempt < 4 * n + 4; ++attempt) {
        auto key = build_string(key_shape, chooser, key_lo,
                                choose_length(chooser, key_lo, key_hi, options));
        if (!key) return std::nullopt;
        auto value = build_valid(*shape.map_value.shape, chooser, options, depth + 1);
        if (!value) return std::nullopt;
        out[*key] = std::move(*value);
      }
      if (out.size() < lo) return std::nullopt;
      return out;
    }
    case ShapeType::kString: {
      const auto [lo, hi] = bounds(shape, options.max_string);
      const std::size_t length = choose_length(chooser, lo, hi, options);
      auto text = build_string(shape, chooser, length, length);
      // A pattern may not produce that length (a UUID has one); any will do.
      if (!text && shape.pattern) text = build_string(shape, chooser, lo, hi);
      if (!text) return std::nullopt;
      return *text;
    }
    case ShapeType::kBlob: {
      const auto [lo, hi] = bounds(shape, options.max_string);
      std::string bytes(choose_length(chooser, lo, hi, options), '\0');
      for (auto& b : bytes) b = static_cast<char>(chooser.in_range(0, 255));
      return model::base64_encode(bytes);
    }
    case ShapeType::kInteger:
    case ShapeType::kLong:
    case ShapeType::kDouble:
    case ShapeType::kFloat:
      return build_number(shape, chooser);
    case ShapeType::kBoolean:
      return chooser.coin();
    case ShapeType::kTimestamp:
      // awsJson sends epoch seconds, fractions allowed.
      return 1.7e9 + static_cast<double>(chooser.in_range(0, 1'000'000)) / 8.0;
    case ShapeType::kDocument:
      return chooser.coin() ? json::object() : json{{"k", chooser.in_range(0, 9)}};
  }
  return std::nullopt;
}

}  // namespace cpct::fuzz
