#pragma once
// A model's JSON parsed in its own key order in linear time. nlohmann's
// ordered_json looks up every key it inserts in a vector, so parsing an
// object of n members costs n^2 / 2 key comparisons (a 40k-shape model:
// seconds); this parser appends and checks duplicates with a hash set.
#include <string>
#include <string_view>

#include "model/importer.hpp"

namespace cpct::model {

/// As ModelJson::parse(text) (a later duplicate key wins), and throws the
/// same exceptions (ModelJson::parse_error, out_of_range for 1e999).
ModelJson parse_ordered(std::string_view text);

/// `object[key] = value` for a key `object` does not hold yet, in constant
/// time (ordered_json's operator[] searches first).
void append_member(ModelJson& object, std::string key, ModelJson value);

}  // namespace cpct::model
