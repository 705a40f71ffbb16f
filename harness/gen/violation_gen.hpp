#pragma once
// For each shape requirement, values that break exactly that requirement:
// a valid input or output with one member made wrong (missing, null, of the
// wrong JSON type, too short, too long, off-pattern, off-enum, out of range).
#include <optional>
#include <string>
#include <vector>

#include <rapidcheck.h>
#include <nlohmann/json.hpp>

#include "gen/shape_gen.hpp"
#include "model/requirements.hpp"

namespace cpct::gen {

struct Violating {
  nlohmann::json value;  // the whole input (or output) structure
  std::string requirement_id;
  /// Every requirement the value breaks: the intended one, plus any the
  /// model makes unavoidable (an empty string breaks length-min and a `+`
  /// pattern alike). A validator must report exactly these.
  std::vector<std::string> expected_ids;
  std::string how;  // "too long (513 code points)", for case names and reports
};

/// Why `requirement` has no violating value cpct can build (a pattern that
/// accepts everything, a maximum too large to exceed in memory), or
/// std::nullopt when it can be violated. Non-shape requirements: a reason.
std::optional<std::string> cannot_violate(const model::Requirement& requirement);

/// Values breaking `requirement` (a shape requirement of `root`, the input or
/// output structure it belongs to). Call only when cannot_violate is empty.
rc::Gen<Violating> violating_value(const model::Shape& root, const model::Requirement& requirement,
                                   GenOptions options = {});

}  // namespace cpct::gen
