#pragma once
// Shrinking a failing case to a minimal one that still breaks the same
// requirement: first along RapidCheck's shrink tree (generated cases), then
// by taking the JSON body apart (dropping members, shortening strings).
// Every candidate is sent to the endpoint, so the work is bounded.
#include <functional>
#include <vector>

#include <nlohmann/json.hpp>

#include <rapidcheck.h>

#include "check/case.hpp"

namespace cpct::check {

using StillFails = std::function<bool(const Case&)>;

struct ShrinkResult {
  Case minimal;
  std::size_t steps = 0;     // accepted shrinks
  std::size_t attempts = 0;  // candidates sent
};

/// Values one step smaller than `value` (a member dropped, an array
/// emptied or an element dropped, a string shortened), smallest first.
std::vector<nlohmann::json> smaller_json(const nlohmann::json& value);

ShrinkResult shrink_case(const Case& failing, const rc::Gen<Case>* generator,
                         const StillFails& still_fails, std::size_t max_attempts = 64);

}  // namespace cpct::check
