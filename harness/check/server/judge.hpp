#pragma once
// The checker's oracle on a response: what the endpoint answered against
// what it must answer, as one finding per requirement the case exercises.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/case.hpp"
#include "check/finding.hpp"
#include "model/requirements.hpp"
#include "net/http_client.hpp"
#include "protocol/json_body.hpp"
#include "protocol/oracle.hpp"
#include "protocol/profile.hpp"

namespace cpct::check {

/// What cpct expected of a case, as reports show it.
nlohmann::json describe_expected(const protocol::Expected& expected);
/// What the endpoint did, as reports show it (body capped, not yet redacted).
nlohmann::json describe_observed(const net::HttpResponse& response);

class Judge {
 public:
  /// Judges answers of every operation of `spec` (the case's expected names it).
  /// `validation_error`: the type constraint violations get (the oracle's);
  /// `messages`: the profile's other message forms for them.
  Judge(const model::Spec& spec, const model::Catalogue& catalogue,
        std::string validation_error = "ValidationException",
        std::vector<protocol::MessageForm> messages = {});

  /// Judges against every acceptable answer and keeps the one the response
  /// fits best; `choice`, when given, receives the answer chosen where the
  /// case puts a question (left alone otherwise).
  std::vector<Finding> judge(const Case& c, const protocol::Expected& expected,
                             const net::HttpResponse& response, Choice* choice = nullptr) const;

 private:
  /// `parsed`: the response body as parse_response_body reads it, read once
  /// per judge() for every acceptable answer.
  std::vector<Finding> judge_one(const Case& c, const protocol::Expected& expected,
                                 const net::HttpResponse& response,
                                 const protocol::BodyParse& parsed) const;
  std::pair<std::size_t, std::size_t> score(const std::vector<Finding>& findings) const;
  void judge_error(const model::Operation* op, const protocol::Expected& expected,
                   const net::HttpResponse& response, const nlohmann::json* body,
                   std::vector<Finding>& out) const;
  void judge_declared(const model::Operation* op, const protocol::Expected& expected,
                      const net::HttpResponse& response, const nlohmann::json* body,
                      std::vector<Finding>& out) const;
  void judge_success(const protocol::Expected& expected, const net::HttpResponse& response,
                     const nlohmann::json* body, std::vector<Finding>& out) const;
  void judge_output(const model::Operation& op, const nlohmann::json& body,
                    std::vector<Finding>& out) const;
  void blame(const protocol::Expected& expected, bool ok, const std::string& detail,
             std::vector<Finding>& out) const;
  static bool mentions(const std::string& message, const std::string& part);
  /// True for an error `op` declares, other than ValidationException.
  bool declares(const model::Operation* op, const std::string& type) const;
  void judge_status(const net::HttpResponse& response, const nlohmann::json* body,
                    std::vector<Finding>& out) const;

  const model::Spec& spec_;
  const model::Catalogue& catalogue_;
  protocol::Ids ids_;
  std::string validation_error_;
  std::vector<protocol::MessageForm> messages_;
  /// operation → id path → its output requirement IDs
  std::map<std::string, std::map<std::string, std::vector<std::string>>> output_ids_;
};

}  // namespace cpct::check
