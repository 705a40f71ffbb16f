#include "json_mutator.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "handler_input.hpp"
#include "text/utf8.hpp"
#include "value_builder.hpp"

namespace cpct::fuzz {
namespace {

using model::Shape;
using model::ShapeType;
using nlohmann::json;

// A place in the body and the shape the model gives it (null: a member the
// model does not know).
struct Site {
  json::json_pointer pointer;
  const Shape* shape;
};

void collect_sites(const json& value, const Shape* shape, const json::json_pointer& pointer,
                   std::vector<Site>& out, std::size_t depth) {
  out.push_back({pointer, shape});
  if (shape == nullptr || depth > 16) return;
  if (shape->type == ShapeType::kStructure && value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      const auto* member = shape->find_member(key);
      collect_sites(item, member ? member->shape : nullptr, pointer / key, out, depth + 1);
    }
  } else if (shape->type == ShapeType::kList && value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i)
      collect_sites(value[i], shape->list_member.shape, pointer / i, out, depth + 1);
  } else if (shape->type == ShapeType::kMap && value.is_object()) {
    for (const auto& [key, item] : value.items())
      collect_sites(item, shape->map_value.shape, pointer / key, out, depth + 1);
  }
}

// Near misses of a valid string: what a sloppy server might still accept.
std::string near_miss(std::string text, Chooser& chooser) {
  switch (chooser.in_range(0, 7)) {
    case 0:
      if (!text.empty()) text.pop_back();  // may cut a code point: invalid UTF-8 is caught later
      break;
    case 1:
      text += static_cast<char>(chooser.in_range(0x21, 0x7E));
      break;
    case 2:
      text = " " + text;
      break;
    case 3:
      for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      break;
    case 4:
      for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      break;
    case 5:
      text::append_utf8(text, non_ascii(chooser));
      break;
    case 6:
      text.clear();
      break;
    default:
      if (!text.empty()) text[chooser.in_range(0, text.size() - 1)] ^= 0x01;
  }
  return text;
}

// A string of exactly `length` code points, continuing `seed` (or a
// non-ASCII filler) so that byte and code point counts part ways.
std::string with_length(const std::string& seed, std::size_t length, Chooser& chooser) {
  auto points = text::decode_utf8(seed).value_or(std::u32string());
  if (points.empty() || chooser.one_in(3))
    points.assign(1, chooser.coin() ? U'a' : non_ascii(chooser));
  std::u32string out;
  out.reserve(length);
  while (out.size() < length) out += points.substr(0, length - out.size());
  return text::encode_utf8(out);
}

json swapped_type(const json& current, Chooser& chooser) {
  switch (chooser.in_range(0, 12)) {
    case 0:
      return 0;
    case 1:
      return -1;
    case 2:
      return 1.5;
    case 3:
      return true;
    case 4:
      return false;
    case 5:
      return nullptr;
    case 6:
      return "";
    case 7:
      return json::array();
    case 8:
      return json::object();
    case 9:
      return json::array({current});
    case 10:
      return json{{"value", current}};
    case 11:
      return std::numeric_limits<std::uint64_t>::max();
    default:
      return current.is_string() ? json(current.get_ref<const std::string&>().size())
                                 : json(current.dump());
  }
}

json boundary_number(const Shape& shape, Chooser& chooser) {
  const double lo = shape.min.value_or(std::numeric_limits<int>::min());
  const double hi = shape.max.value_or(std::numeric_limits<int>::max());
  switch (chooser.in_range(0, 6)) {
    case 0:
      return lo - 1;
    case 1:
      return lo;
    case 2:
      return hi;
    case 3:
      return hi + 1;
    case 4:
      return 2147483648LL;  // one past int32
    case 5:
      return -9223372036854775807LL - 1;
    default:
      return 1e300;
  }
}

class BodyMutator {
 public:
  BodyMutator(const model::Operation* operation, Chooser& chooser)
      : root_shape_(operation ? operation->input : nullptr), chooser_(chooser) {}

  json fresh() {
    if (root_shape_ == nullptr) return json::object();
    auto value = build_valid(*root_shape_, chooser_, options_).value_or(json::object());
    if (chooser_.in_range(0, 3) != 0) fixture_pair(value);
    return value;
  }

  void mutate(json& root) {
    std::vector<Site> sites;
    collect_sites(root, root_shape_, json::json_pointer(), sites, 0);
    const Site& site = sites[chooser_.in_range(0, sites.size() - 1)];
    json& value = root[site.pointer];
    const Shape* shape = site.shape;
    switch (chooser_.in_range(0, 11)) {
      case 0:
        if (shape) value = build_valid(*shape, chooser_, options_).value_or(value);
        return;
      case 1:
        if (shape) return boundary(value, *shape);
        break;
      case 2:
        value = swapped_type(value, chooser_);
        return;
      case 3:
        if (shape && !shape->enum_values.empty()) {
          value = near_miss(shape->enum_values[chooser_.in_range(0, shape->enum_values.size() - 1)],
                            chooser_);
          return;
        }
        break;
      case 4:
        if (value.is_object() && !value.empty()) return drop_member(value, shape);
        break;
      case 5:
        if (shape && shape->type == ShapeType::kStructure && value.is_object())
          return add_member(value, *shape);
        break;
      case 6:
        if (value.is_object()) return unknown_member(value, shape);
        break;
      case 7:
        if (value.is_string()) {
          auto text = value.get<std::string>();
          std::string cp;
          text::append_utf8(cp, non_ascii(chooser_));
          text.insert(text.empty() ? 0 : chooser_.in_range(0, text.size()), cp);
          if (text::is_valid_utf8(text)) value = text;
          return;
        }
        break;
      case 8:
        if (shape && shape->pattern) {
          pattern::Rng rng(chooser_.in_range(0, std::numeric_limits<std::uint64_t>::max()));
          const auto lo = static_cast<std::size_t>(shape->min.value_or(1));
          const auto hi = static_cast<std::size_t>(std::min(shape->max.value_or(64), 256.0));
          if (auto text = shape->pattern->generate_non_matching(rng, lo, std::max(lo, hi)))
            value = *text;
          return;
        }
        break;
      case 9:
        value = nullptr;
        return;
      case 10:
        if (value.is_string()) {
          value = fixture_string();
          return;
        }
        break;
      default:
        break;
    }
    fixture_pair(root);
  }

 private:
  // Sets the job id and client token of the root to a fixture job's, or to
  // another job's token, or to a near miss of either: the semantic outcomes.
  void fixture_pair(json& root) {
    const auto& jobs = world().fixtures->jobs;
    if (jobs.empty() || !root.is_object() || root_shape_ == nullptr) return;
    if (!root_shape_->find_member("jobId") || !root_shape_->find_member("clientToken")) return;
    const auto& job = jobs[chooser_.in_range(0, jobs.size() - 1)];
    std::string id = job.id;
    std::string token = job.client_token;
    switch (chooser_.in_range(0, 5)) {
      case 0:
        token = jobs[chooser_.in_range(0, jobs.size() - 1)].client_token;
        break;
      case 1:
        token = near_miss(token, chooser_);
        break;
      case 2:
        id = near_miss(id, chooser_);
        break;
      default:
        break;
    }
    if (text::is_valid_utf8(id)) root["jobId"] = id;
    if (text::is_valid_utf8(token)) root["clientToken"] = token;
  }

  std::string fixture_string() {
    const auto& jobs = world().fixtures->jobs;
    if (jobs.empty()) return "job";
    const auto& job = jobs[chooser_.in_range(0, jobs.size() - 1)];
    std::string text = chooser_.coin() ? job.id : job.client_token;
    if (chooser_.coin()) text = near_miss(text, chooser_);
    return text::is_valid_utf8(text) ? text : job.id;
  }

  void boundary(json& value, const Shape& shape) {
    const auto lo = static_cast<std::size_t>(std::max(0.0, shape.min.value_or(0)));
    const auto hi = static_cast<std::size_t>(std::min(shape.max.value_or(lo + 64.0), 65536.0));
    std::size_t length = lo;
    switch (chooser_.in_range(0, 4)) {
      case 0:
        length = lo > 0 ? lo - 1 : 0;
        break;
      case 1:
        length = lo;
        break;
      case 2:
        length = hi;
        break;
      default:
        length = hi + 1;
    }
    switch (shape.type) {
      case ShapeType::kString:
        value = with_length(value.is_string() ? value.get<std::string>() : "", length, chooser_);
        return;
      case ShapeType::kList: {
        if (!value.is_array()) value = json::array();
        length = std::min<std::size_t>(length, 256);
        if (value.size() > length) value.get_ref<json::array_t&>().resize(length);
        while (value.size() < length)
          value.push_back(value.empty() ? build_valid(*shape.list_member.shape, chooser_, options_)
                                              .value_or(json::object())
                                        : value[chooser_.in_range(0, value.size() - 1)]);
        return;
      }
      case ShapeType::kInteger:
      case ShapeType::kLong:
      case ShapeType::kDouble:
      case ShapeType::kFloat:
        value = boundary_number(shape, chooser_);
        return;
      default:
        value = build_valid(shape, chooser_, options_).value_or(value);
    }
  }

  void drop_member(json& value, const Shape* shape) {
    // Required members first: their absence is a ValidationException.
    if (shape && shape->type == ShapeType::kStructure && chooser_.coin()) {
      for (const auto& member : shape->members)
        if (member.required && value.contains(member.name)) {
          value.erase(member.name);
          return;
        }
    }
    auto it = value.begin();
    std::advance(it, chooser_.in_range(0, value.size() - 1));
    value.erase(it);
  }

  void add_member(json& value, const Shape& shape) {
    if (shape.members.empty()) return;
    const auto& member = shape.members[chooser_.in_range(0, shape.members.size() - 1)];
    if (auto built = build_valid(*member.shape, chooser_, options_)) value[member.name] = *built;
  }

  void unknown_member(json& value, const Shape* shape) {
    std::string key;
    switch (chooser_.in_range(0, 4)) {
      case 0:
        key = "__type";
        break;
      case 1:
        key = "";
        break;
      case 2:
        key = any_text(chooser_, chooser_.in_range(1, 12));
        break;
      default:
        // A case variant of a real member: "JobId" is not "jobId".
        if (shape && shape->type == ShapeType::kStructure && !shape->members.empty())
          key = near_miss(shape->members[chooser_.in_range(0, shape->members.size() - 1)].name,
                          chooser_);
        else
          key = "unknownMember";
    }
    if (!text::is_valid_utf8(key)) key = "unknownMember";
    value[key] = chooser_.coin() ? json(any_text(chooser_, 3)) : swapped_type(json(), chooser_);
  }

  const Shape* root_shape_;
  Chooser& chooser_;
  BuildOptions options_;
};

// Damage no JSON value can carry: the SerializationException paths.
std::string damage_text(std::string text, Chooser& chooser) {
  static const char* const kInsertions[] = {
      "\\ud800",  "\\udc00x", "\\ud83d\\ude00", "\xff", "\xc3\x28",     "\xed\xa0\x80",
      "\xc0\xaf", "\\u0000",  "\xef\xbb\xbf",   "\\",   "\"jobId\":1,", "\"jobId\":\"x\",",
      "]",        "}"};
  std::vector<std::size_t> quotes;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '"') quotes.push_back(i + 1);
  switch (chooser.in_range(0, 6)) {
    case 0:
    case 1: {
      const std::size_t at = quotes.empty() ? chooser.in_range(0, text.size())
                                            : quotes[chooser.in_range(0, quotes.size() - 1)];
      text.insert(at, kInsertions[chooser.in_range(0, std::size(kInsertions) - 1)]);
      return text;
    }
    case 2:
      text.resize(chooser.in_range(0, text.size()));
      return text;
    case 3:
      return text + (chooser.coin() ? "}" : " x");
    case 4: {
      // A duplicate key: outside the contract, but never a 5xx.
      const auto brace = text.find('{');
      if (brace != std::string::npos) text.insert(brace + 1, "\"jobId\":\"dup\",");
      return text;
    }
    case 5:
      return "[" + text + "]";
    default: {
      static const char* const kWhole[] = {"", " ", "null", "\"{}\"", "42", "[]", "{", "{}"};
      return kWhole[chooser.in_range(0, std::size(kWhole) - 1)];
    }
  }
}

}  // namespace

std::string mutate_body(std::string_view body, const std::string& operation, std::mt19937_64& rng) {
  RngChooser chooser(rng);
  BodyMutator mutator(world().spec->find_operation(operation), chooser);
  json value = json::parse(body, nullptr, false);
  if (!value.is_object() || chooser.one_in(16)) value = mutator.fresh();
  const std::size_t rounds = chooser.in_range(1, 3);
  for (std::size_t i = 0; i < rounds; ++i) mutator.mutate(value);
  // Strings the mutator made are UTF-8; replace guards against a bug there
  // turning into a mutator crash.
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (chooser.one_in(6)) text = damage_text(std::move(text), chooser);
  return text;
}

std::string cross_over_bodies(std::string_view a, std::string_view b, std::mt19937_64& rng) {
  RngChooser chooser(rng);
  json left = json::parse(a, nullptr, false);
  const json right = json::parse(b, nullptr, false);
  if (left.is_object() && right.is_object() && !right.empty()) {
    for (const auto& [key, item] : right.items())
      if (chooser.coin()) left[key] = item;
    return left.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  return std::string(a.substr(0, chooser.in_range(0, a.size()))) +
         std::string(b.substr(chooser.in_range(0, b.size())));
}

std::size_t mutate_handler_input(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                 unsigned int seed, ByteMutator byte_mutator) {
  std::mt19937_64 rng(seed);
  RngChooser chooser(rng);
  // Byte mutation part of the time: it finds what a JSON-level view cannot.
  if (size > 0 && chooser.one_in(5)) return byte_mutator(data, size, max_size);
  const auto input = decode_handler_input(data, size);
  std::uint8_t selector = input.selector;
  if (size == 0 || chooser.one_in(10))
    selector = chooser.coin()
                   ? static_cast<std::uint8_t>(chooser.in_range(0, 255))
                   : static_cast<std::uint8_t>(selector ^ (1u << chooser.in_range(0, 7)));
  const std::string body = mutate_body(input.body, input.operation, rng);
  if (body.size() + 1 > max_size) return size > 0 ? byte_mutator(data, size, max_size) : 0;
  data[0] = selector;
  std::memcpy(data + 1, body.data(), body.size());
  return body.size() + 1;
}

std::size_t cross_over_handler_inputs(const std::uint8_t* data1, std::size_t size1,
                                      const std::uint8_t* data2, std::size_t size2,
                                      std::uint8_t* out, std::size_t max_out_size,
                                      unsigned int seed) {
  std::mt19937_64 rng(seed);
  const auto left = decode_handler_input(data1, size1);
  const auto right = decode_handler_input(data2, size2);
  const std::string body = cross_over_bodies(left.body, right.body, rng);
  if (max_out_size == 0) return 0;
  out[0] = (rng() & 1) != 0 ? left.selector : right.selector;
  const std::size_t n = std::min(body.size(), max_out_size - 1);
  std::memcpy(out + 1, body.data(), n);
  return n + 1;
}

}  // namespace cpct::fuzz
