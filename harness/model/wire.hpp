#pragma once
// The aws-json protocol a model speaks (awsJson1_0 or awsJson1_1): its name
// in requirement IDs, its Content-Type and the prefix of its Smithy
// compliance tests. The protocols differ on the wire only in the
// Content-Type's version (Smithy, aws-json protocols, "Differences between
// awsJson1_0 and awsJson1_1"), so one set of rules serves both.
#include <string>
#include <string_view>

namespace cpct::model {

struct Metadata;

struct Wire {
  std::string name = "awsJson1_1";                          // in requirement IDs
  std::string content_type = "application/x-amz-json-1.1";  // requests and responses
  std::string test_prefix = "AwsJson11";                    // Smithy compliance test IDs

  /// "<name>.<rest>": a protocol requirement ID.
  std::string id(std::string_view rest) const;
  /// Text written for awsJson1_1 (the requirement tables) in this protocol's
  /// terms: its name, its Content-Type and its compliance test IDs.
  std::string localise(std::string text) const;
  /// True when a Content-Type value names this protocol's media type, whatever
  /// its parameters (`; charset=utf-8`), case and spacing.
  bool is_content_type(std::string_view value) const;
  bool operator==(const Wire&) const = default;
};

/// The wire of a model's metadata: awsJson1_0 for jsonVersion "1.0", else
/// awsJson1_1 (a model without metadata, as unit tests write them).
Wire wire_of(const Metadata& metadata);

/// Empty when cpct can check the model's protocol; else why not, in one
/// sentence naming the protocol ("rest-json", "query", ...).
std::string unsupported_protocol(const Metadata& metadata);

}  // namespace cpct::model
