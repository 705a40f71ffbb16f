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

/// Called with each candidate; returns true to stop (it took the candidate).
using SmallerVisitor = std::function<bool(nlohmann::json)>;

/// Hands `visit` the values one step smaller than `value` (a member dropped,
/// an array emptied or part of it dropped, a string shortened), smallest
/// first, one at a time, until it returns true. Returns whether it did.
/// Only one candidate exists at a time: a body of thousands of elements is
/// never copied thousands of times over at once.
bool for_each_smaller(const nlohmann::json& value, const SmallerVisitor& visit);

ShrinkResult shrink_case(const Case& failing, const rc::Gen<Case>* generator,
                         const StillFails& still_fails, std::size_t max_attempts = 64);

}  // namespace cpct::check
