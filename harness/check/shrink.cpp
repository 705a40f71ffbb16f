#include "check/shrink.hpp"

#include <nlohmann/json.hpp>

#include "check/planner.hpp"
#include "model/utf8.hpp"

namespace cpct::check {
namespace {

using nlohmann::json;

// Candidates one step smaller than `value`, smallest first.
void smaller_values(const json& value, std::vector<json>& out) {
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      json without = value;
      without.erase(key);
      out.push_back(std::move(without));
    }
    for (const auto& [key, item] : value.items()) {
      std::vector<json> inner;
      smaller_values(item, inner);
      for (auto& smaller : inner) {
        json copy = value;
        copy[key] = std::move(smaller);
        out.push_back(std::move(copy));
      }
    }
  } else if (value.is_array() && !value.empty()) {
    out.push_back(json::array());
    for (std::size_t i = 0; i < value.size(); ++i) {
      json without = value;
      without.erase(i);
      out.push_back(std::move(without));
    }
  } else if (value.is_string()) {
    const auto text = model::decode_utf8(value.get<std::string>());
    if (!text || text->size() < 2) return;
    // Cut half, then a quarter, an eighth... down to one code point: a
    // length boundary is found in about log2(n) accepted steps.
    const std::size_t n = text->size();
    for (std::size_t cut = n / 2; cut >= 1; cut /= 2)
      out.push_back(model::encode_utf8(text->substr(0, n - cut)));
  }
}

}  // namespace

std::vector<json> smaller_json(const json& value) {
  std::vector<json> out;
  smaller_values(value, out);
  return out;
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
    progress = false;
    std::vector<json> candidates;
    smaller_values(body, candidates);
    for (auto& candidate_body : candidates) {
      if (result.attempts >= max_attempts) break;
      Case candidate = result.minimal;
      candidate.request.body = candidate_body.dump();
      ++result.attempts;
      if (still_fails(candidate)) {
        body = std::move(candidate_body);
        result.minimal = std::move(candidate);
        ++result.steps;
        progress = true;
        break;
      }
    }
  }
  if (result.steps > 0 && result.minimal.name.rfind("shrunk: ", 0) != 0)
    result.minimal.name = "shrunk: " + result.minimal.name;
  return result;
}

}  // namespace cpct::check
