#include "gen/violation_gen.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "model/shape_walk.hpp"
#include "text/utf8.hpp"

namespace cpct::gen {
namespace {

using model::Constraint;
using model::PathStep;
using model::Requirement;
using model::Shape;
using model::ShapeType;
using nlohmann::json;

// Beyond this a "too long" value costs more memory than the check is worth.
constexpr double kMaxViolatingLength = 1 << 20;

// The JSON value at `path` below `root`, made to exist: absent parents are
// drawn valid, empty lists and maps get one valid entry. Returns the slot.
json* reach(json& value, const Shape& root, const model::ShapePath& path, std::size_t end,
            const GenOptions& options, const Shape** shape_out) {
  json* node = &value;
  const Shape* shape = &root;
  for (std::size_t i = 0; i < end; ++i) {
    const PathStep& step = path[i];
    switch (step.kind) {
      case PathStep::Kind::kMember: {
        // A union holds one member: the one on the path.
        if (shape->is_union && node->is_object())
          for (auto it = node->begin(); it != node->end();)
            it = it.key() == step.name ? std::next(it) : node->erase(it);
        const model::Member* member = shape->find_member(step.name);
        shape = member->shape;
        json& slot = (*node)[step.name];
        if (slot.is_null()) slot = draw_valid(*shape, 1, options);
        node = &slot;
        break;
      }
      case PathStep::Kind::kElement: {
        shape = shape->list_member.shape;
        if (node->empty()) node->push_back(draw_valid(*shape, 1, options));
        node = &(*node)[*rc::gen::inRange<std::size_t>(0, node->size())];
        break;
      }
      case PathStep::Kind::kMapValue:
      case PathStep::Kind::kMapKey: {
        const Shape& key_shape = *shape->map_key.shape;
        shape = shape->map_value.shape;
        if (node->empty()) {
          const auto lo = static_cast<std::size_t>(key_shape.min.value_or(0));
          (*node)[draw_string(key_shape, lo,
                              std::max<std::size_t>(
                                  lo, std::min<double>(key_shape.max.value_or(lo + 8), lo + 8)))] =
              draw_valid(*shape, 1, options);
        }
        const auto index = *rc::gen::inRange<std::size_t>(0, node->size());
        auto it = node->begin();
        std::advance(it, static_cast<long>(index));
        node = &it.value();
        break;
      }
    }
  }
  *shape_out = shape;
  return node;
}

// JSON values of each type, to put where another type belongs.
std::vector<json> wrong_types(const Shape& shape) {
  const std::vector<json> all = {json("text"), json(7),          json(2.5),
                                 json(true),   json::array({1}), json::object({{"k", "v"}})};
  std::vector<json> out;
  for (const auto& candidate : all) {
    bool accepted = false;
    switch (shape.type) {
      case ShapeType::kStructure:
      case ShapeType::kMap:
        accepted = candidate.is_object();
        break;
      case ShapeType::kList:
        accepted = candidate.is_array();
        break;
      case ShapeType::kString:
        accepted = candidate.is_string();
        break;
      case ShapeType::kBlob:
        accepted = candidate.is_string();
        break;  // "text" is not base64, but keep the test about types
      case ShapeType::kBoolean:
        accepted = candidate.is_boolean();
        break;
      case ShapeType::kTimestamp:
        accepted = candidate.is_number();
        break;
      case ShapeType::kInteger:
      case ShapeType::kLong:
        accepted = candidate.is_number_integer();
        break;
      case ShapeType::kDouble:
      case ShapeType::kFloat:
        accepted = candidate.is_number();
        break;
      case ShapeType::kDocument:
        accepted = true;
        break;
    }
    if (!accepted) out.push_back(candidate);
  }
  return out;
}

// A string of exactly `len` code points for `shape`, honouring its pattern
// when it has one; std::nullopt when the pattern cannot give that length.
std::optional<std::string> string_of_length(const Shape& shape, std::size_t len) {
  if (shape.pattern) {
    pattern::Rng rng(*rc::gen::noShrink(rc::gen::arbitrary<std::uint64_t>()));
    return shape.pattern->generate(rng, len, len);
  }
  return text::encode_utf8(draw_text(len));
}

class Breaker {
 public:
  Breaker(const Shape& root, const Requirement& r, const GenOptions& options)
      : root_(root), r_(r), options_(options) {}

  Violating run() {
    Violating out;
    out.requirement_id = r_.id;
    out.expected_ids = {r_.id};
    out.value = draw_valid(root_, 0, options_);
    const auto& path = r_.path;
    const Constraint constraint = *r_.constraint;
    if (constraint == Constraint::kRequired) {
      const Shape* parent = nullptr;
      json* container = reach(out.value, root_, path, path.size() - 1, options_, &parent);
      if (*rc::gen::arbitrary<bool>()) {
        container->erase(path.back().name);
        out.how = "absent";
      } else {
        (*container)[path.back().name] = nullptr;
        out.how = "null";
      }
      return out;
    }
    if (path.back().kind == PathStep::Kind::kMapKey) return break_key(out);
    const Shape* shape = nullptr;
    json* slot = reach(out.value, root_, path, path.size(), options_, &shape);
    switch (constraint) {
      case Constraint::kType: {
        *slot = *rc::gen::elementOf(wrong_types(*shape));
        out.how = std::string("a JSON ") + slot->type_name();
        break;
      }
      case Constraint::kLengthMin:
        resize(*slot, *shape, static_cast<std::size_t>(*shape->min) - 1, out);
        break;
      case Constraint::kLengthMax:
        resize(*slot, *shape, static_cast<std::size_t>(*shape->max) + 1, out);
        break;
      case Constraint::kPattern: {
        pattern::Rng rng(*rc::gen::noShrink(rc::gen::arbitrary<std::uint64_t>()));
        const auto lo = static_cast<std::size_t>(shape->min.value_or(0));
        const auto hi = static_cast<std::size_t>(
            std::min(shape->max.value_or(lo + 64), static_cast<double>(lo + 64)));
        auto text = shape->pattern->generate_non_matching(
            rng, std::max<std::size_t>(lo, 1), std::max(hi, std::max<std::size_t>(lo, 1)));
        if (!text) throw rc::GenerationFailure("no string off pattern " + shape->pattern->source());
        *slot = *text;
        out.how = "off-pattern";
        note_unavoidable(*shape, *text, out);
        break;
      }
      case Constraint::kEnum: {
        *slot = off_enum(*shape);
        out.how = "not in the enum";
        note_unavoidable(*shape, slot->get<std::string>(), out);
        break;
      }
      case Constraint::kRangeMin:
      case Constraint::kRangeMax: {
        const bool low = constraint == Constraint::kRangeMin;
        const double bound = low ? *shape->min : *shape->max;
        const bool integral = shape->type == ShapeType::kInteger || shape->type == ShapeType::kLong;
        if (integral)
          *slot = static_cast<long long>(bound) + (low ? -1 : 1);
        else
          *slot = bound + (low ? -1.0 : 1.0) * std::max(1.0, std::fabs(bound) * 1e-6);
        out.how = low ? "below the minimum" : "above the maximum";
        break;
      }
      case Constraint::kRequired:
        break;
    }
    return out;
  }

 private:
  // Strings, blobs, lists and maps resized to `len`, everything else valid.
  void resize(json& slot, const Shape& shape, std::size_t len, Violating& out) {
    out.how = "length " + std::to_string(len);
    switch (shape.type) {
      case ShapeType::kString: {
        auto text = string_of_length(shape, len);
        // A pattern that cannot make this length: any text, which breaks it too.
        if (!text) text = text::encode_utf8(std::u32string(len, U'a'));
        slot = *text;
        note_unavoidable(shape, *text, out);
        break;
      }
      case ShapeType::kBlob: {
        std::string b64;
        for (std::size_t i = 0; i < len; i += 3)
          b64 += len - i >= 3 ? "QUJD" : (len - i == 2 ? "QUI=" : "QQ==");
        slot = b64;
        break;
      }
      case ShapeType::kList: {
        while (slot.size() > len) slot.erase(slot.size() - 1);
        while (slot.size() < len) slot.push_back(draw_valid(*shape.list_member.shape, 2, options_));
        break;
      }
      case ShapeType::kMap: {
        while (slot.size() > len) slot.erase(slot.begin());
        const Shape& key_shape = *shape.map_key.shape;
        const auto lo = static_cast<std::size_t>(key_shape.min.value_or(1));
        const auto hi =
            static_cast<std::size_t>(std::min(key_shape.max.value_or(lo + 40), lo + 40.0));
        for (std::size_t tries = 0; slot.size() < len && tries < len * 8 + 64; ++tries)
          slot[draw_string(key_shape, lo, hi)] = draw_valid(*shape.map_value.shape, 2, options_);
        if (slot.size() != len) throw rc::GenerationFailure("map keys ran out for " + shape.name);
        break;
      }
      default:
        break;
    }
  }

  Violating& break_key(Violating& out) {
    // The map itself: reach it, then add a key that breaks the constraint.
    const Shape* map_shape = nullptr;
    json* map = reach(out.value, root_, r_.path, r_.path.size() - 1, options_, &map_shape);
    const Shape& key_shape = *map_shape->map_key.shape;
    json key_holder;
    switch (*r_.constraint) {
      case Constraint::kLengthMin:
        resize(key_holder, key_shape, static_cast<std::size_t>(*key_shape.min) - 1, out);
        break;
      case Constraint::kLengthMax:
        resize(key_holder, key_shape, static_cast<std::size_t>(*key_shape.max) + 1, out);
        break;
      case Constraint::kEnum:
        key_holder = off_enum(key_shape);
        out.how = "key not in the enum";
        break;
      case Constraint::kPattern: {
        pattern::Rng rng(*rc::gen::noShrink(rc::gen::arbitrary<std::uint64_t>()));
        const auto lo =
            std::max<std::size_t>(1, static_cast<std::size_t>(key_shape.min.value_or(1)));
        const auto hi =
            static_cast<std::size_t>(std::min(key_shape.max.value_or(lo + 32), lo + 32.0));
        auto text = key_shape.pattern->generate_non_matching(rng, lo, std::max(lo, hi));
        if (!text) throw rc::GenerationFailure("no key off pattern " + key_shape.pattern->source());
        key_holder = *text;
        out.how = "key off-pattern";
        break;
      }
      default:
        throw rc::GenerationFailure("no way to break " + r_.id);
    }
    if (key_holder.is_string()) note_unavoidable(key_shape, key_holder.get<std::string>(), out);
    // A map at its maximum size would also break length-max; drop one entry.
    if (map_shape->max && static_cast<double>(map->size()) >= *map_shape->max && !map->empty())
      map->erase(map->begin());
    (*map)[key_holder.get<std::string>()] = draw_valid(*map_shape->map_value.shape, 2, options_);
    if (map_shape->min && static_cast<double>(map->size()) < *map_shape->min)
      throw rc::GenerationFailure("map " + map_shape->name + " below its minimum");
    return out;
  }

  json off_enum(const Shape& shape) const {
    const std::string base = *rc::gen::elementOf(shape.enum_values);
    for (const std::string& candidate :
         {base + "x", base.empty() ? std::string("x") : base.substr(1),
          std::string("NotAnEnumValue"), base + "\u00E9"}) {
      if (std::find(shape.enum_values.begin(), shape.enum_values.end(), candidate) ==
              shape.enum_values.end() &&
          !candidate.empty())
        return candidate;
    }
    throw rc::GenerationFailure("no value outside the enum of " + shape.name);
  }

  // The other string constraints at the same path that `text` breaks too.
  void note_unavoidable(const Shape& shape, const std::string& text, Violating& out) const {
    auto note = [&](Constraint c) {
      const auto id = sibling_id(c);
      if (std::find(out.expected_ids.begin(), out.expected_ids.end(), id) == out.expected_ids.end())
        out.expected_ids.push_back(id);
    };
    const double len = static_cast<double>(text::count_code_points(text).value_or(0));
    if (shape.type != ShapeType::kString) return;
    if (shape.min && *shape.min > 0 && len < *shape.min) note(Constraint::kLengthMin);
    if (shape.max && len > *shape.max) note(Constraint::kLengthMax);
    if (shape.pattern && !shape.pattern->matches(text)) note(Constraint::kPattern);
    if (!shape.enum_values.empty() && std::find(shape.enum_values.begin(), shape.enum_values.end(),
                                                text) == shape.enum_values.end())
      note(Constraint::kEnum);
  }

  std::string sibling_id(Constraint constraint) const {
    return model::shape_requirement_id(r_.operation, r_.direction, model::to_id_path(r_.path),
                                       constraint);
  }

  const Shape& root_;
  const Requirement& r_;
  const GenOptions& options_;
};

}  // namespace

std::optional<std::string> cannot_violate(const Requirement& r) {
  if (!r.constraint || r.shape == nullptr) return "not a shape requirement";
  const Shape& shape = *r.shape;
  switch (*r.constraint) {
    case Constraint::kType:
      if (shape.type == ShapeType::kDocument) return "a document accepts any JSON value";
      return std::nullopt;
    case Constraint::kLengthMax:
      if (*shape.max + 1 > kMaxViolatingLength)
        return "maximum length " + model::format_number(*shape.max) + " is too large to exceed";
      return std::nullopt;
    case Constraint::kPattern: {
      pattern::Rng rng(1);
      const auto lo = std::max<std::size_t>(1, static_cast<std::size_t>(shape.min.value_or(1)));
      const auto hi = static_cast<std::size_t>(std::min(shape.max.value_or(lo + 64), lo + 64.0));
      if (!shape.pattern->generate_non_matching(rng, lo, std::max(lo, hi)))
        return "pattern " + shape.pattern->source() + " accepts every string of a valid length";
      return std::nullopt;
    }
    case Constraint::kRangeMin:
      if (shape.type == ShapeType::kInteger && *shape.min <= std::numeric_limits<int>::min())
        return "the minimum is the type's own";
      return std::nullopt;
    case Constraint::kRangeMax:
      if (shape.type == ShapeType::kInteger && *shape.max >= std::numeric_limits<int>::max())
        return "the maximum is the type's own";
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

rc::Gen<Violating> violating_value(const Shape& root, const Requirement& requirement,
                                   GenOptions options) {
  return rc::gen::exec(
      [&root, &requirement, options] { return Breaker(root, requirement, options).run(); });
}

}  // namespace cpct::gen
