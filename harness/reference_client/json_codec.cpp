#include "reference_client/json_codec.hpp"

#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <new>

#include "protocol/json_body.hpp"
#include "reference_client/encode.hpp"
#include "reference_client/fields.hpp"

namespace cpct::reference_client {
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

  void read(const json& j, int& out) {
    if (!j.is_number_integer())
      fail("expected an integer, got " + std::string(j.is_number() ? "a fraction" : j.type_name()));
    const bool fits = j.is_number_unsigned()
                          ? j.get<std::uint64_t>() <= std::numeric_limits<int>::max()
                          : j.get<std::int64_t>() >= std::numeric_limits<int>::min() &&
                                j.get<std::int64_t>() <= std::numeric_limits<int>::max();
    if (!fits) fail("an integer out of the 32-bit range");
    out = j.get<int>();
  }

  // Epoch seconds (awsJson), to the millisecond; ±10^14 s is ample and
  // keeps the milliseconds inside 64 bits.
  void read(const json& j, Timestamp& out) {
    if (!j.is_number())
      fail("expected a timestamp (epoch seconds, a number), got " + std::string(j.type_name()));
    const double seconds = j.get<double>();
    if (!std::isfinite(seconds) || std::fabs(seconds) > 1e14) fail("a timestamp out of range");
    const auto ms = j.is_number_integer() ? j.get<std::int64_t>() * 1000
                                          : static_cast<std::int64_t>(std::llround(seconds * 1000));
    out = Timestamp(std::chrono::milliseconds(ms));
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
      auto& member = out.*(field.member);
      constexpr bool kOptional = detail::kIsOptional<std::remove_cvref_t<decltype(member)>>;
      const auto it = j.find(field.name);
      const auto mark = enter(std::string(path_.empty() ? "" : ".") + field.name);
      if (it == j.end() || it->is_null()) {  // absent; null means absent
        // Only inputs have plain members: the ones the model requires.
        if constexpr (!kOptional) fail("a required member is absent");
        leave(mark);
        return;
      }
      if constexpr (kOptional)
        read(*it, member.emplace());
      else
        read(*it, member);
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

ClientError internal(const std::exception& e) {
  // Only allocation failure gets here; the caller still gets a Result.
  return {codes::kInternalError, std::string("reading the response: ") + e.what(), 0,
          ErrorKind::kMalformedResponse};
}

// "a GetJobDetails", "an AcknowledgeJob".
std::string with_article(const char* name) {
  return (std::string("AEIOU").find(name[0]) == std::string::npos ? "a " : "an ") +
         std::string(name);
}

}  // namespace

template <Message T>
Result<T> decode(const json& value) {
  try {
    T out;
    Decoder().read(value, out);
    return out;
  } catch (const DecodeFailure& failure) {
    if constexpr (OperationInput<T>)
      return ClientError{
          codes::kInvalidInput,
          "the input is not " + with_article(operation_name<T>()) + " input: " + failure.message, 0,
          ErrorKind::kInvalidInput};
    else
      return malformed("the response is not " + with_article(operation_name<T>()) +
                       " output: " + failure.message);
  } catch (const std::exception& e) {
    return internal(e);
  }
}

template <OperationOutput T>
Result<T> parse_output(std::string_view body) {
  try {
    // Zero bytes are the output with no member set: Smithy has servers send
    // an empty body then (awsJson1_1 response tests). White space alone is
    // not JSON and stays an error below.
    if (body.empty()) return T{};
    // Any depth: an unknown member nested deep is still to be ignored
    // (codec_test); the transport's body cap bounds what this reads.
    auto parsed = protocol::parse_body(body, false, protocol::kAnyJsonDepth);
    if (parsed.problem != protocol::BodyParse::Problem::kNone)
      return malformed("the response body is not JSON: " + parsed.detail);
    return decode<T>(parsed.value);
  } catch (const std::exception& e) {
    return internal(e);
  }
}

template <Message T>
json to_json(const T& value) {
  return detail::Encoder(false)(value, false);
}

Result<GetThirdPartyJobDetailsOutput> decode_output(const json& body) {
  return decode<GetThirdPartyJobDetailsOutput>(body);
}

Result<GetThirdPartyJobDetailsOutput> parse_output(std::string_view body) {
  return parse_output<GetThirdPartyJobDetailsOutput>(body);
}

json to_json(const GetThirdPartyJobDetailsOutput& output) {
  return to_json<GetThirdPartyJobDetailsOutput>(output);
}

json to_json(const GetThirdPartyJobDetailsInput& input) {
  return to_json<GetThirdPartyJobDetailsInput>(input);
}

// The adapter's own reading: its messages predate decode<T> and tests pin them.
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

// The templates for every input and output (operations.hpp).
#define CPCT_CODEC_MESSAGE(T)                      \
  template Result<T> decode<T>(const json& value); \
  template json to_json<T>(const T& value);
#define CPCT_CODEC_OPERATION(Name) \
  CPCT_CODEC_MESSAGE(Name##Input)  \
  CPCT_CODEC_MESSAGE(Name##Output) \
  template Result<Name##Output> parse_output<Name##Output>(std::string_view body);
CPCT_FOR_EACH_OPERATION(CPCT_CODEC_OPERATION)
#undef CPCT_CODEC_OPERATION
#undef CPCT_CODEC_MESSAGE

}  // namespace cpct::reference_client
