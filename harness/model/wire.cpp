#include "model/wire.hpp"

#include <array>
#include <cctype>

#include "model/spec.hpp"

namespace cpct::model {
namespace {

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  if (from == to) return;
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// awsJson1_1 compliance tests with an awsJson1_0 twin of the same name
// (smithy-aws-protocol-tests, model/awsJson1_0). The others have none: an
// awsJson1_0 requirement cites the awsJson1_1 test, whose rule the two
// protocols share.
constexpr std::array kTwinned{
    "FooErrorWithDunderTypeAndDifferentNamespace",
    "FooErrorWithDunderTypeUriAndNamespace",
    "FooErrorWithDunderTypeAndNamespace",
    "FooErrorWithDunderType",
    "FooErrorUsingXAmznErrorTypeWithUriAndNamespace",
    "FooErrorUsingXAmznErrorTypeWithUri",
    "FooErrorUsingXAmznErrorType",
    "FooErrorUsingCodeUriAndNamespace",
    "FooErrorUsingCodeAndNamespace",
    "FooErrorUsingCode",
    "FooErrorWithNestedTypeProperty",
    "MustSupportParametersInContentType",
    "HostWithPath",
    "InvalidGreetingError",
};

}  // namespace

std::string Wire::id(std::string_view rest) const {
  std::string out = name;
  out += '.';
  out += rest;
  return out;
}

std::string Wire::localise(std::string text) const {
  if (name == "awsJson1_1") return text;
  replace_all(text, "application/x-amz-json-1.1", content_type);
  // Test IDs first: "AwsJson11X" holds no "awsJson1_1", but order keeps it plain.
  for (const char* twin : kTwinned)
    replace_all(text, std::string("AwsJson11") + twin, test_prefix + twin);
  replace_all(text, "awsJson1_1", name);
  return text;
}

bool Wire::is_content_type(std::string_view value) const {
  std::string media;
  for (const char c : value.substr(0, value.find(';')))
    if (!std::isspace(static_cast<unsigned char>(c)))
      media += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return media == content_type;
}

bool Wire::is_error_type_form(std::string_view sent, std::string_view name) const {
  if (sent == name) return true;
  if (!error_type_is_shape_id || sent.size() <= name.size() + 1) return false;
  const auto hash = sent.size() - name.size() - 1;
  return sent[hash] == '#' && sent.substr(hash + 1) == name &&
         sent.find_first_of("#:") == hash;  // one namespace, no URI suffix
}

Wire wire_of(const Metadata& metadata) {
  if (metadata.protocol == "json" && metadata.json_version == "1.0")
    return {"awsJson1_0", "application/x-amz-json-1.0", "AwsJson10", true};
  return {};
}

std::string unsupported_protocol(const Metadata& metadata) {
  if (metadata.protocol != "json")
    return "the model speaks the '" +
           (metadata.protocol.empty() ? std::string("(none)") : metadata.protocol) +
           "' protocol; cpct checks the aws-json protocols only (metadata.protocol \"json\", "
           "awsJson1_0 or awsJson1_1)";
  if (metadata.json_version != "1.0" && metadata.json_version != "1.1")
    return "the model's metadata.jsonVersion is '" + metadata.json_version +
           "'; the aws-json protocols are 1.0 and 1.1";
  return {};
}

}  // namespace cpct::model
