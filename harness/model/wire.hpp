#pragma once
// The aws-json protocol a model speaks (awsJson1_0 or awsJson1_1): its name
// in requirement IDs, its Content-Type and the prefix of its Smithy
// compliance tests. The protocols differ on the wire in the Content-Type's
// version (Smithy, aws-json protocols, "Differences between awsJson1_0 and
// awsJson1_1") and in what an error's type holds (a shape ID in awsJson1_0,
// a shape name in awsJson1_1), so one set of rules serves both.
#include <string>
#include <string_view>

namespace cpct::model {

struct Metadata;

struct Wire {
  std::string name = "awsJson1_1";                          // in requirement IDs
  std::string content_type = "application/x-amz-json-1.1";  // requests and responses
  std::string test_prefix = "AwsJson11";                    // Smithy compliance test IDs
  /// Smithy, AWS JSON 1.0 protocol: the error type component contains the
  /// error's shape ID (`namespace#Name`); AWS JSON 1.1: its shape name.
  bool error_type_is_shape_id = false;

  /// "<name>.<rest>": a protocol requirement ID.
  std::string id(std::string_view rest) const;
  /// Text written for awsJson1_1 (the requirement tables) in this protocol's
  /// terms: its name, its Content-Type and its compliance test IDs.
  std::string localise(std::string text) const;
  /// True when a Content-Type value names this protocol's media type, whatever
  /// its parameters (`; charset=utf-8`), case and spacing.
  bool is_content_type(std::string_view value) const;
  /// True when `sent` (the __type an error carries) is in the form the
  /// protocol's specification gives for the error `name`: the bare name,
  /// and in awsJson1_0 also a shape ID ending in "#name".
  bool is_error_type_form(std::string_view sent, std::string_view name) const;
  bool operator==(const Wire&) const = default;
};

/// The wire of a model's metadata: awsJson1_0 for jsonVersion "1.0", else
/// awsJson1_1 (a model without metadata, as unit tests write them).
Wire wire_of(const Metadata& metadata);

/// Empty when cpct can check the model's protocol; else why not, in one
/// sentence naming the protocol ("rest-json", "query", ...).
std::string unsupported_protocol(const Metadata& metadata);

}  // namespace cpct::model
