#pragma once
// Visits every member path below a structure once, in model order, the way
// requirement IDs spell them. Recursive shapes are cut where a structure
// would contain itself, so the walk is finite for any model.
#include <functional>

#include "model/shape_path.hpp"
#include "model/spec.hpp"

namespace cpct::model {

struct PathVisit {
  const ShapePath& path;
  const Shape& shape;    // the shape of the value at `path`
  const Member* member;  // set for a structure member, else null
};

void walk_paths(const Shape& root, const std::function<void(const PathVisit&)>& visit);

/// A short text for numbers held as double: "512", "0.5".
std::string format_number(double value);

}  // namespace cpct::model
