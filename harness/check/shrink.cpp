#include "check/shrink.hpp"

#include <optional>

#include <nlohmann/json.hpp>

#include "check/planner.hpp"
#include "model/utf8.hpp"

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
    const auto text = model::decode_utf8(value.get<std::string>());
    if (!text || text->size() < 2) return false;
    // Cut half, then a quarter, an eighth... down to one code point: a
    // length boundary is found in about log2(n) accepted steps.
    const std::size_t n = text->size();
    for (std::size_t cut = n / 2; cut >= 1; cut /= 2)
      if (visit(model::encode_utf8(text->substr(0, n - cut)))) return true;
  }
  return false;
}

}  // namespace

bool for_each_smaller(const json& value, const SmallerVisitor& visit) {
  return visit_smaller(value, visit);
}

ShrinkResult shrink_case(const Case& failing, const rc::Gen<Case>* generator,
                         const StillFails& still_fails, std::size_t max_attempts) {
  ShrinkResult result{failing, 0, 0};
  if (generator != nullptr && failing.generated_from) {
    std::unique_lock lock(rapidcheck_mutex());
    auto shrinkable =
        (*generator)(rc::Random(failing.generated_from->first), failing.generated_from->second);
    bool progress = true;
    while (progress && result.attempts < max_attempts) {
      progress = false;
      auto shrinks = shrinkable.shrinks();
      while (auto next = shrinks.next()) {
        if (result.attempts >= max_attempts) break;
        Case candidate = next->value();
        candidate.index = failing.index;
        lock.unlock();  // the endpoint may be slow; others may generate meanwhile
        const bool fails = still_fails(candidate);
        lock.lock();
        ++result.attempts;
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
  while (progress && result.attempts < max_attempts) {
    // One candidate at a time: a large body is never held many times over.
    std::optional<json> accepted;
    for_each_smaller(body, [&](json candidate_body) {
      if (result.attempts >= max_attempts) return true;  // out of attempts: stop
      Case candidate = result.minimal;
      candidate.request.body = candidate_body.dump();
      ++result.attempts;
      if (!still_fails(candidate)) return false;
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
