#include "client/json_codec.hpp"

#include <exception>
#include <new>

#include "client/encode.hpp"
#include "client/fields.hpp"
#include "protocol/json_body.hpp"

namespace cpct::client {
namespace {

using nlohmann::json;

// Thrown inside the decoder only; decode_output turns it into a ClientError.
struct DecodeFailure {
  std::string message;
};

// Reads JSON into the typed structs, tracking the member path for messages.
// Messages name paths and JSON types only: the value may be a secret.
class Decoder {
 public:
  void read(const json& j, std::string& out) {
    if (!j.is_string()) fail("expected a string, got " + std::string(j.type_name()));
    out = j.get_ref<const std::string&>();
  }

  template <class T>
  void read(const json& j, std::vector<T>& out) {
    if (!j.is_array()) fail("expected a list (JSON array), got " + std::string(j.type_name()));
    out.reserve(j.size());
    std::size_t index = 0;
    for (const auto& element : j) {
      const auto mark = enter("[" + std::to_string(index++) + "]");
      // Lists are dense (docs/project-rules.md): a null element is not a value.
      if (element.is_null()) fail("a list element is null");
      read(element, out.emplace_back());
      leave(mark);
    }
  }

  template <class T>
  void read(const json& j, std::map<std::string, T>& out) {
    if (!j.is_object()) fail("expected a map (JSON object), got " + std::string(j.type_name()));
    for (const auto& [key, value] : j.items()) {
      // The key is response data: the path says "{}" rather than echo it.
      const auto mark = enter("{}");
      if (value.is_null()) fail("a map value is null");
      read(value, out[key]);
      leave(mark);
    }
  }

  template <detail::Structure T>
  void read(const json& j, T& out) {
    if (!j.is_object())
      fail("expected a structure (JSON object), got " + std::string(j.type_name()));
    detail::for_each_field<T>([&](const auto& field) {
      const auto it = j.find(field.name);
      if (it == j.end() || it->is_null()) return;  // absent; null means absent
      const auto mark = enter(std::string(path_.empty() ? "" : ".") + field.name);
      auto& member = out.*(field.member);
      read(*it, member.emplace());
      leave(mark);
    });
  }

 private:
  std::size_t enter(const std::string& segment) {
    const auto mark = path_.size();
    path_ += segment;
    return mark;
  }
  void leave(std::size_t mark) { path_.resize(mark); }

  [[noreturn]] void fail(const std::string& what) const {
    throw DecodeFailure{(path_.empty() ? std::string("the body") : "member " + path_) + ": " +
                        what};
  }

  std::string path_;
};

ClientError malformed(std::string message) {
  return {codes::kMalformedResponse, std::move(message), 0, ErrorKind::kMalformedResponse};
}

}  // namespace

Result<GetThirdPartyJobDetailsOutput> decode_output(const json& body) {
  try {
    GetThirdPartyJobDetailsOutput out;
    Decoder().read(body, out);
    return out;
  } catch (const DecodeFailure& failure) {
    return malformed("the response is not a GetThirdPartyJobDetails output: " + failure.message);
  } catch (const std::exception& e) {
    // Only allocation failure gets here; the caller still gets a Result.
    return ClientError{codes::kInternalError, std::string("reading the response: ") + e.what(), 0,
                       ErrorKind::kMalformedResponse};
  }
}

Result<GetThirdPartyJobDetailsOutput> parse_output(std::string_view body) {
  try {
    // Zero bytes are the output with no member set: Smithy has servers send
    // an empty body then (awsJson1_1 response tests). White space alone is
    // not JSON and stays an error below.
    if (body.empty()) return GetThirdPartyJobDetailsOutput{};
    auto parsed = protocol::parse_body(body, false);
    if (parsed.problem != protocol::BodyParse::Problem::kNone)
      return malformed("the response body is not JSON: " + parsed.detail);
    return decode_output(parsed.value);
  } catch (const std::exception& e) {
    return ClientError{codes::kInternalError, std::string("reading the response: ") + e.what(), 0,
                       ErrorKind::kMalformedResponse};
  }
}

json to_json(const GetThirdPartyJobDetailsOutput& output) {
  return detail::Encoder(false)(output, false);
}

json to_json(const GetThirdPartyJobDetailsInput& input) {
  return {{"jobId", input.job_id}, {"clientToken", input.client_token}};
}

Result<GetThirdPartyJobDetailsInput> decode_input(const json& input) {
  auto invalid = [](std::string message) {
    return ClientError{codes::kInvalidInput, std::move(message), 0, ErrorKind::kInvalidInput};
  };
  if (!input.is_object())
    return invalid("the input is not a JSON object but " + std::string(input.type_name()));
  GetThirdPartyJobDetailsInput out;
  for (auto [name, member] :
       {std::pair{"jobId", &out.job_id}, std::pair{"clientToken", &out.client_token}}) {
    const auto it = input.find(name);
    if (it == input.end() || it->is_null()) return invalid(std::string("the input has no ") + name);
    if (!it->is_string())
      return invalid(std::string("input member ") + name + " is not a string but " +
                     it->type_name());
    *member = it->get<std::string>();
  }
  return out;
}

}  // namespace cpct::client
