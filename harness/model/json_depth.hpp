#pragma once
// How deep a JSON text nests, read off its brackets before any parse.
// nlohmann::json parses any depth without recursion, but copying, comparing,
// printing or walking a value recurses: every reader of untrusted JSON (a
// file, a response, an adapter's line) bounds the depth with this first.
#include <cstddef>
#include <limits>
#include <string_view>

#include <nlohmann/json.hpp>

namespace cpct::model {

/// The deepest nesting of arrays and objects in `text` (brackets inside
/// strings do not count). The scan stops at the first bracket deeper than
/// `limit`, returning limit + 1 and, when `at` is set, that bracket's offset.
std::size_t json_nesting_depth(std::string_view text,
                               std::size_t limit = std::numeric_limits<std::size_t>::max() - 1,
                               std::size_t* at = nullptr);

/// Which bound a JSON text breaks, read off its brackets and commas
/// (outside strings) in one pass before any parse: nesting deeper than
/// `max_depth` (named first when both are broken), or more than `max_values`
/// members and elements (a DOM costs ~100 bytes a value, so a reader bounds
/// the count as it bounds depth).
enum class JsonBound { kNone, kDepth, kValues };
JsonBound json_bound_broken(std::string_view text, std::size_t max_depth, std::size_t max_values);

/// Depth of the values cpct only shows in a report (an adapter's line, a
/// request body): deeper ones are shown as text, never parsed.
inline constexpr std::size_t kMaxShownJsonDepth = 256;

/// `text` parsed, or a discarded value when it is not JSON or nests deeper
/// than `max_depth`.
nlohmann::json parse_json_within(std::string_view text, std::size_t max_depth);

}  // namespace cpct::model
