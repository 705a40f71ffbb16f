#pragma once
// Shrinking a failing case to a minimal one that still breaks the same
// requirement: first along RapidCheck's shrink tree (generated cases), then
// by taking the JSON body apart (dropping members, shortening strings).
// Every candidate is sent to the endpoint, so the work is bounded.
#include <atomic>
#include <functional>
#include <vector>

#include <nlohmann/json.hpp>

#include <rapidcheck.h>

#include "check/case.hpp"

namespace cpct::check {

using StillFails = std::function<bool(const Case&)>;

/// Why a shrink stopped: only kMinimal means no candidate one step smaller
/// still fails.
enum class ShrinkStop { kMinimal, kAttempts, kStalled, kBudget };

struct ShrinkResult {
  Case minimal;
  std::size_t steps = 0;     // accepted shrinks
  std::size_t attempts = 0;  // candidates sent
  ShrinkStop stop = ShrinkStop::kMinimal;
};

/// How far one shrink may go; every candidate is a request.
struct ShrinkLimits {
  std::size_t max_attempts = 64;  // candidates for one requirement
  /// Candidates in a row that do not fail (so are not smaller failures):
  /// after this many, the walk is unlikely to pay and stops.
  std::size_t max_stall = 32;
  /// The run's candidates left (--shrink-budget), shared by every thread;
  /// each candidate takes one. Null: no run budget.
  std::atomic<std::size_t>* budget = nullptr;
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
                         const StillFails& still_fails, const ShrinkLimits& limits);
/// With `max_attempts` candidates, no stall limit and no run budget.
ShrinkResult shrink_case(const Case& failing, const rc::Gen<Case>* generator,
                         const StillFails& still_fails, std::size_t max_attempts = 64);

}  // namespace cpct::check
