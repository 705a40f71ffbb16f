#include "check/shrink.hpp"

#include <optional>

#include <nlohmann/json.hpp>

#include "check/server/planner.hpp"
#include "text/utf8.hpp"

namespace cpct::check {
namespace {

using nlohmann::json;

// Arrays up to this size also try dropping each element alone; longer ones
// drop halves, quarters, ... so a list of ten thousand shrinks in about
// log2(n) accepted steps.
constexpr std::size_t kElementwise = 16;

bool visit_smaller(const json& value, const SmallerVisitor& visit) {
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      json without = value;
      without.erase(key);
      if (visit(std::move(without))) return true;
    }
    for (const auto& [key, item] : value.items()) {
      const bool accepted = visit_smaller(item, [&](json smaller) {
        json copy = value;
        copy[key] = std::move(smaller);
        return visit(std::move(copy));
      });
      if (accepted) return true;
    }
  } else if (value.is_array() && !value.empty()) {
    if (visit(json::array())) return true;
    const std::size_t n = value.size();
    for (std::size_t chunk = n / 2; chunk >= 1; chunk /= 2) {
      if (chunk == 1 && n > kElementwise) break;
      for (std::size_t start = 0; start < n; start += chunk) {
        json without = json::array();
        for (std::size_t i = 0; i < n; ++i)
          if (i < start || i >= start + chunk) without.push_back(value[i]);
        if (visit(std::move(without))) return true;
      }
    }
  } else if (value.is_string()) {
    const auto text = text::decode_utf8(value.get<std::string>());
    if (!text || text->size() < 2) return false;
    // Cut half, then a quarter, an eighth... down to one code point: a
    // length boundary is found in about log2(n) accepted steps.
    const std::size_t n = text->size();
    for (std::size_t cut = n / 2; cut >= 1; cut /= 2)
      if (visit(text::encode_utf8(text->substr(0, n - cut)))) return true;
  }
  return false;
}

}  // namespace

bool for_each_smaller(const json& value, const SmallerVisitor& visit) {
  return visit_smaller(value, visit);
}

namespace {

// Counts the candidates one shrink sends against its limits.
class Allowance {
 public:
  Allowance(const ShrinkLimits& limits, ShrinkResult& result) : limits_(limits), result_(result) {}

  /// True when one more candidate may be sent (and takes it from the run's
  /// budget); otherwise records why not in the result.
  bool take() {
    if (result_.attempts >= limits_.max_attempts) return stop(ShrinkStop::kAttempts);
    if (stall_ >= limits_.max_stall) return stop(ShrinkStop::kStalled);
    if (limits_.budget != nullptr) {
      std::size_t left = limits_.budget->load();
      while (left > 0 && !limits_.budget->compare_exchange_weak(left, left - 1)) {
      }
      if (left == 0) return stop(ShrinkStop::kBudget);
    }
    ++result_.attempts;
    return true;
  }
  /// The candidate sent did (or did not) fail the requirement still.
  void sent(bool fails) { stall_ = fails ? 0 : stall_ + 1; }
  bool stopped() const { return stopped_; }

 private:
  bool stop(ShrinkStop why) {
    if (!stopped_) result_.stop = why;
    stopped_ = true;
    return false;
  }

  const ShrinkLimits& limits_;
  ShrinkResult& result_;
  std::size_t stall_ = 0;
  bool stopped_ = false;
};

}  // namespace

ShrinkResult shrink_case(const Case& failing, const rc::Gen<Case>* generator,
                         const StillFails& still_fails, std::size_t max_attempts) {
  ShrinkLimits limits;
  limits.max_attempts = max_attempts;
  limits.max_stall = static_cast<std::size_t>(-1);
  return shrink_case(failing, generator, still_fails, limits);
}

ShrinkResult shrink_case(const Case& failing, const rc::Gen<Case>* generator,
                         const StillFails& still_fails, const ShrinkLimits& limits) {
  ShrinkResult result{failing, 0, 0};
  Allowance allowance(limits, result);
  if (generator != nullptr && failing.generated_from) {
    std::unique_lock lock(rapidcheck_mutex());
    auto shrinkable =
        (*generator)(rc::Random(failing.generated_from->first), failing.generated_from->second);
    bool progress = true;
    while (progress && !allowance.stopped()) {
      progress = false;
      auto shrinks = shrinkable.shrinks();
      while (auto next = shrinks.next()) {
        if (!allowance.take()) break;
        Case candidate = next->value();
        candidate.index = failing.index;
        lock.unlock();  // the endpoint may be slow; others may generate meanwhile
        const bool fails = still_fails(candidate);
        lock.lock();
        allowance.sent(fails);
        if (fails) {
          shrinkable = std::move(*next);
          result.minimal = std::move(candidate);
          result.minimal.generated_from.reset();
          ++result.steps;
          progress = true;
          break;
        }
      }
    }
  }
  // Then the body itself, whatever made it.
  json body;
  try {
    body = json::parse(result.minimal.request.body);
  } catch (const json::exception&) {
    return result;  // not JSON: the bytes are the case
  }
  if (!body.is_object()) return result;
  bool progress = true;
  while (progress && !allowance.stopped()) {
    // One candidate at a time: a large body is never held many times over.
    std::optional<json> accepted;
    for_each_smaller(body, [&](json candidate_body) {
      if (!allowance.take()) return true;  // out of candidates: stop
      Case candidate = result.minimal;
      candidate.request.body = candidate_body.dump();
      candidate.body_value.reset();
      const bool fails = still_fails(candidate);
      allowance.sent(fails);
      if (!fails) return false;
      accepted = std::move(candidate_body);  // `body` is being walked: replaced after
      result.minimal = std::move(candidate);
      ++result.steps;
      return true;
    });
    progress = accepted.has_value();
    if (accepted) body = std::move(*accepted);
  }
  if (result.steps > 0 && result.minimal.name.rfind("shrunk: ", 0) != 0)
    result.minimal.name = "shrunk: " + result.minimal.name;
  return result;
}

}  // namespace cpct::check
