#include "model/ordered_parse.hpp"

#include <memory>
#include <unordered_map>
#include <vector>

namespace cpct::model {
namespace {

using json = ModelJson;
using Members = json::object_t::Container;  // the vector of (key, value) an ordered_map is

// nlohmann's SAX interface, building the document as the DOM parser does
// but appending members (a hash index per large object finds duplicates).
class Builder {
 public:
  explicit Builder(json& root) : root_(root) {}

  bool null() { return put(json(nullptr)); }
  bool boolean(bool v) { return put(json(v)); }
  bool number_integer(json::number_integer_t v) { return put(json(v)); }
  bool number_unsigned(json::number_unsigned_t v) { return put(json(v)); }
  bool number_float(json::number_float_t v, const json::string_t&) { return put(json(v)); }
  bool string(json::string_t& v) { return put(json(std::move(v))); }
  bool binary(json::binary_t& v) { return put(json::binary(std::move(v))); }
  bool start_object(std::size_t) { return open(json::object()); }
  bool start_array(std::size_t) { return open(json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(json::string_t& k) {
    key_ = std::move(k);
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
    // Rethrown as the type ModelJson::parse throws.
    if (const auto* p = dynamic_cast<const json::parse_error*>(&e)) throw *p;
    if (const auto* o = dynamic_cast<const json::out_of_range*>(&e)) throw *o;
    throw json::parse_error::create(101, 0, e.what(), nullptr);
  }

 private:
  struct Open {
    json* value;
    std::unique_ptr<std::unordered_map<std::string, std::size_t>> index;
  };

  // Where the next value goes; returns it.
  json* place(json value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Open& top = stack_.back();
    if (top.value->is_array()) {
      top.value->push_back(std::move(value));
      return &top.value->back();
    }
    auto& members = static_cast<Members&>(top.value->get_ref<json::object_t&>());
    // Small objects are searched; a large one gets an index on first need.
    constexpr std::size_t kIndexFrom = 16;
    if (members.size() >= kIndexFrom && !top.index) {
      top.index = std::make_unique<std::unordered_map<std::string, std::size_t>>();
      for (std::size_t i = 0; i < members.size(); ++i) top.index->emplace(members[i].first, i);
    }
    if (top.index) {
      const auto [it, added] = top.index->emplace(key_, members.size());
      if (!added) return &(members[it->second].second = std::move(value));
    } else {
      for (auto& member : members)
        if (member.first == key_) return &(member.second = std::move(value));
    }
    members.emplace_back(std::move(key_), std::move(value));
    return &members.back().second;
  }

  bool put(json value) {
    place(std::move(value));
    return true;
  }
  bool open(json value) {
    // The parent does not grow while this child is open, so the pointer holds.
    stack_.push_back({place(std::move(value)), nullptr});
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  json& root_;
  std::vector<Open> stack_;
  std::string key_;
};

}  // namespace

ModelJson parse_ordered(std::string_view text) {
  json root;
  Builder builder(root);
  json::sax_parse(text.begin(), text.end(), &builder);
  return root;
}

void append_member(ModelJson& object, std::string key, ModelJson value) {
  static_cast<Members&>(object.get_ref<json::object_t&>())
      .emplace_back(std::move(key), std::move(value));
}

}  // namespace cpct::model
