#pragma once
// Reading a request or response body as awsJson1_1 does: UTF-8 first, then
// JSON. Distinguishes "not UTF-8" (including a lone surrogate escape, a
// project rule) from other malformed JSON so each gets its own requirement.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace cpct::protocol {

struct BodyParse {
  enum class Problem { kNone, kInvalidUtf8, kMalformed };
  Problem problem = Problem::kNone;
  nlohmann::json value;  // set when problem is kNone
  std::string detail;    // what was wrong, for messages
};

/// The deepest nesting parse_body reads; deeper is kMalformed before any
/// value is built (RFC 8259 section 9: a parser may limit nesting depth).
/// A DOM costs ~100 bytes a level: 4M levels would be 400 MB per body.
inline constexpr std::size_t kMaxJsonDepth = 1000;
/// The most members and elements parse_body reads (counted before any value
/// is built, model::json_bound_broken); more is kMalformed under RFC 8259
/// section 9 ("may set limits on the size of texts"), a project rule
/// (docs/project-rules.md). 8 jobs each holding a 400k-member DOM peaked at
/// ~500 MB; at this cap a DOM is ~10 MB, and no awsJson output a model
/// describes comes near it (AWS pages list results well below it).
inline constexpr std::size_t kMaxJsonValues = 100'000;
/// No limit: for bodies already bounded in size (cpct serve's requests).
inline constexpr std::size_t kAnyJsonDepth = static_cast<std::size_t>(-1);

/// Parses `body`; an empty body is {} when `empty_is_object`. Unless
/// `max_depth` is kAnyJsonDepth, also at most kMaxJsonValues values.
BodyParse parse_body(std::string_view body, bool empty_is_object,
                     std::size_t max_depth = kMaxJsonDepth);

/// A response body as a reader must take it: as parse_body, except that a
/// lone surrogate escape (which RFC 8259's grammar allows, section 8.2) is
/// read as U+FFFD rather than making the body unreadable. A server that
/// echoes a client's lone surrogate back in a message sends valid JSON.
BodyParse parse_response_body(std::string_view body);

/// `json_text` with every lone surrogate escape replaced by \ufffd.
std::string with_lone_surrogates_replaced(std::string_view json_text);

/// True when a JSON text has a \uD800–\uDFFF escape not part of a pair.
bool has_lone_surrogate_escape(std::string_view json_text);

}  // namespace cpct::protocol
