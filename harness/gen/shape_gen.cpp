#include "gen/shape_gen.hpp"

#include <cmath>
#include <limits>
#include <random>
#include <set>

#include "model/base64.hpp"
#include "text/utf8.hpp"

namespace cpct::gen {
namespace {

using model::Shape;
using model::ShapeType;
using nlohmann::json;

// A few non-ASCII scalars of every UTF-8 length, chosen for what breaks
// parsers: Latin-1, combining marks, CJK, RTL, the BOM, astral emoji.
constexpr char32_t kNonAscii[] = {0xE9,   0xDF,   0x301,  0x65E5,  0x672C,  0x5D0,
                                  0xFEFF, 0x2028, 0xFFFD, 0x1F600, 0x10348, 0x10FFFD};

// A length in [lo, hi], biased towards both ends.
std::size_t draw_length(std::size_t lo, std::size_t hi) {
  if (lo >= hi) return lo;
  switch (*rc::gen::inRange(0, 8)) {
    case 0:
      return lo;
    case 1:
      return hi;
    case 2:
      return std::min(hi, lo + 1);
    default: {
      // Small values are common and cheap; the size parameter grows them.
      const std::size_t span = std::min<std::size_t>(hi - lo, 64);
      return lo + static_cast<std::size_t>(*rc::gen::inRange<std::size_t>(0, span + 1));
    }
  }
}

std::pair<std::size_t, std::size_t> length_bounds(const Shape& shape, std::size_t cap) {
  const auto lo = static_cast<std::size_t>(shape.min.value_or(0));
  const double max = shape.max.value_or(static_cast<double>(lo + cap));
  const auto hi = static_cast<std::size_t>(std::min(max, static_cast<double>(lo + cap)));
  return {lo, std::max(lo, hi)};
}

json draw_number(const Shape& shape) {
  const bool integral = shape.type == ShapeType::kInteger || shape.type == ShapeType::kLong;
  if (integral) {
    // JSON numbers beyond 2^53 lose precision in many readers; stay inside.
    const double type_lo =
        shape.type == ShapeType::kInteger ? std::numeric_limits<int>::min() : -9e15;
    const double type_hi =
        shape.type == ShapeType::kInteger ? std::numeric_limits<int>::max() : 9e15;
    const auto lo =
        static_cast<long long>(std::ceil(std::max(shape.min.value_or(type_lo), type_lo)));
    const auto hi =
        static_cast<long long>(std::floor(std::min(shape.max.value_or(type_hi), type_hi)));
    switch (*rc::gen::inRange(0, 4)) {
      case 0:
        return lo;
      case 1:
        return hi;
      default:
        return lo + static_cast<long long>(*rc::gen::inRange<unsigned long long>(
                        0, static_cast<unsigned long long>(hi - lo) + 1));
    }
  }
  const double lo = shape.min.value_or(-1e9);
  const double hi = shape.max.value_or(1e9);
  switch (*rc::gen::inRange(0, 4)) {
    case 0:
      return lo;
    case 1:
      return hi;
    default: {
      const double t = *rc::gen::inRange(0, 1000001) / 1e6;
      return std::clamp(lo + (hi - lo) * t, lo, hi);
    }
  }
}

// Any JSON but null at the top: a null member means an absent one.
json draw_document(std::size_t depth) {
  switch (*rc::gen::inRange(0, depth > 2 ? 4 : 6)) {
    case 0:
      return depth == 0 ? json(0) : json(nullptr);
    case 1:
      return *rc::gen::arbitrary<bool>();
    case 2:
      return *rc::gen::arbitrary<int>();
    case 3:
      return text::encode_utf8(draw_text(static_cast<std::size_t>(*rc::gen::inRange(0, 12))));
    case 4: {
      json out = json::array();
      for (int i = *rc::gen::inRange(0, 3); i > 0; --i) out.push_back(draw_document(depth + 1));
      return out;
    }
    default: {
      json out = json::object();
      for (int i = *rc::gen::inRange(0, 3); i > 0; --i)
        out["k" + std::to_string(i)] = draw_document(depth + 1);
      return out;
    }
  }
}

}  // namespace

std::u32string draw_text(std::size_t len) {
  pattern::Rng rng(*rc::gen::noShrink(rc::gen::arbitrary<std::uint64_t>()));
  static constexpr char32_t kAwkward[] = {'\n', '\t', '"', '\\', 0x7F, 0x01};
  std::u32string text;
  text.reserve(len);
  for (std::size_t i = 0; i < len; ++i) {
    const auto roll = rng() % 15;
    if (roll < 12)
      text += static_cast<char32_t>(0x20 + rng() % 0x5F);  // printable ASCII
    else if (roll == 12)
      text += kAwkward[rng() % std::size(kAwkward)];
    else
      text += kNonAscii[rng() % std::size(kNonAscii)];
  }
  return text;
}

std::string draw_string(const Shape& shape, std::size_t min_len, std::size_t max_len) {
  if (!shape.enum_values.empty()) return *rc::gen::elementOf(shape.enum_values);
  if (shape.pattern) {
    // Patterns generate from a seed: RapidCheck cannot shrink inside them,
    // but shrinking the seed still walks towards other valid strings.
    const auto seed = *rc::gen::noShrink(rc::gen::arbitrary<std::uint64_t>());
    pattern::Rng rng(seed);
    const std::size_t len = draw_length(min_len, max_len);
    if (auto s = shape.pattern->generate(rng, len, len)) return *s;
    if (auto s = shape.pattern->generate(rng, min_len, max_len)) return *s;
    throw rc::GenerationFailure("pattern " + shape.pattern->source() + " of shape " + shape.name +
                                " gives no string of " + std::to_string(min_len) + ".." +
                                std::to_string(max_len) + " code points");
  }
  return text::encode_utf8(draw_text(draw_length(min_len, max_len)));
}

json draw_valid(const Shape& shape, std::size_t depth, const GenOptions& options) {
  switch (shape.type) {
    case ShapeType::kStructure: {
      json out = json::object();
      if (shape.is_union && !shape.members.empty()) {
        const auto& member = *rc::gen::elementOf(shape.members);
        out[member.name] = draw_valid(*member.shape, depth + 1, options);
        return out;
      }
      for (const auto& member : shape.members) {
        const bool present =
            member.required || (depth < options.max_depth && *rc::gen::arbitrary<bool>());
        if (present) out[member.name] = draw_valid(*member.shape, depth + 1, options);
      }
      return out;
    }
    case ShapeType::kList: {
      const auto cap = depth < 3 ? options.max_collection : 3;
      const auto [lo, hi] = length_bounds(shape, depth >= options.max_depth ? 0 : cap);
      json out = json::array();
      for (std::size_t n = draw_length(lo, hi); n > 0; --n)
        out.push_back(draw_valid(*shape.list_member.shape, depth + 1, options));
      return out;
    }
    case ShapeType::kMap: {
      const auto cap = depth < 3 ? options.max_collection : 3;
      const auto [lo, hi] = length_bounds(shape, depth >= options.max_depth ? 0 : cap);
      const Shape& key_shape = *shape.map_key.shape;
      const auto [key_lo, key_hi] = length_bounds(key_shape, 40);
      json out = json::object();
      const std::size_t want = draw_length(lo, hi);
      // Keys must be distinct; small key spaces (enums) may hold fewer.
      for (std::size_t tries = 0; out.size() < want && tries < want * 8 + 8; ++tries)
        out[draw_string(key_shape, key_lo, key_hi)] =
            draw_valid(*shape.map_value.shape, depth + 1, options);
      if (out.size() < lo)
        throw rc::GenerationFailure("map " + shape.name + " cannot reach its minimum size");
      return out;
    }
    case ShapeType::kString: {
      const auto [lo, hi] = length_bounds(shape, options.max_string);
      return draw_string(shape, lo, hi);
    }
    case ShapeType::kBlob: {
      const auto [lo, hi] = length_bounds(shape, 256);
      std::string bytes(draw_length(lo, hi), '\0');
      for (auto& b : bytes) b = static_cast<char>(*rc::gen::inRange(0, 256));
      return model::base64_encode(bytes);
    }
    case ShapeType::kInteger:
    case ShapeType::kLong:
    case ShapeType::kDouble:
    case ShapeType::kFloat:
      return draw_number(shape);
    case ShapeType::kBoolean:
      return *rc::gen::arbitrary<bool>();
    case ShapeType::kTimestamp:
      return *rc::gen::inRange(0, 2000000000);
    case ShapeType::kDocument:
      return draw_document(0);
  }
  return nullptr;
}

std::mutex& rapidcheck_mutex() {
  static std::mutex mutex;
  return mutex;
}

rc::Gen<nlohmann::json> valid_value(const model::Shape& shape, GenOptions options) {
  return rc::gen::exec([&shape, options] { return draw_valid(shape, 0, options); });
}

}  // namespace cpct::gen
