#pragma once
// Cases for `check client`: the response cpct's endpoint sends for one
// request of the client under test, and what the client must make of it.
// Planned from the model alone, per selected operation: valid outputs
// across the output shape, unknown members at every level, each output
// constraint violated, each declared error and the protocol's common error in
// every encoding, and bad responses; then generated valid outputs. Cases are
// served one at a time (docs/client.md), so the request carries no case token:
// the input is a valid one drawn from the operation's input shape.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/spec.hpp"
#include "net/http_client.hpp"

namespace cpct::check {

struct ClientCase {
  enum class Expect {
    kOutput,    // the adapter's output must equal `output`
    kError,     // the adapter's error code must equal `error_code`
    kAnyReply,  // a bad response: any answer, an error preferred (SHOULD)
    kLenient,   // output equal to `output`, or an error: both conform
    kOneOf,     // any of `answers`: the documents leave the choice open
  };
  /// One acceptable reply of a kOneOf case.
  struct Answer {
    std::string label;                      // for the implementation profile
    std::optional<std::string> error_code;  // an error with this code
    std::optional<nlohmann::json> output;   // an output equal to this
    bool any_error = false;                 // any error line
  };
  std::size_t index = 0;
  std::string operation;  // the operation the adapter is asked to call
  nlohmann::json input;   // its input: the request body the client must send
  std::string name;
  std::string requirement;  // the requirement this case exercises
  Expect expect = Expect::kOutput;
  nlohmann::json output;        // kOutput/kLenient: the expected output
  std::string error_code;       // kError
  std::string error_message;    // kError with a message check: the expected message
  std::vector<Answer> answers;  // kOneOf
  /// The profile question this case puts (protocol::questions()); with
  /// kAnyReply every reply is recorded under it.
  std::string question;
  /// The Smithy compliance test the case is, sent exactly as the test has it.
  std::string source;
  // The response, as parts (for reports and shrinking) and as bytes.
  int status = 200;
  std::vector<net::Header> headers;
  std::string body;
  std::optional<std::string> raw;  // bytes sent instead of status/headers/body
  bool close = false;

  std::string id() const { return "c" + std::to_string(index); }
  std::string bytes() const;
};

struct ClientPlanOptions {
  std::uint64_t seed = 1;
  std::size_t generated = 100;
  /// The operations planned, in this order; empty: every operation of the model.
  std::vector<std::string> operations;
};

class ClientPlan {
 public:
  ClientPlan(const model::Spec& spec, ClientPlanOptions options);
  std::size_t size() const { return planned_.size() + generated_; }
  std::size_t planned() const { return planned_.size(); }
  ClientCase at(std::size_t index) const;
  const ClientPlanOptions& options() const { return options_; }
  /// The input every case of `operation` asks the adapter to send.
  nlohmann::json input_of(const std::string& operation) const;

 private:
  void plan_operation(const model::Operation& op, bool first);

  const model::Spec& spec_;
  ClientPlanOptions options_;
  std::vector<ClientCase> planned_;
  std::map<std::string, nlohmann::json> inputs_;
  std::vector<const model::Operation*> with_output_;  // generated outputs go round these
  std::size_t generated_ = 0;
};

/// The input every case of `op` asks the adapter to send: one valid value
/// of its input shape drawn from `seed` ({} without an input shape).
nlohmann::json client_input(const model::Operation& op, std::uint64_t seed);

/// A 200 response carrying `output` in the model's protocol.
ClientCase output_case(const model::Spec& spec, const nlohmann::json& output, std::string name,
                       std::string requirement);

}  // namespace cpct::check
