#pragma once
// The checker's oracle on a response: what the endpoint answered against
// what it must answer, as one finding per requirement the case exercises.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/case.hpp"
#include "model/requirements.hpp"
#include "net/http_client.hpp"
#include "protocol/oracle.hpp"

namespace cpct::check {

struct Finding {
  std::string requirement;
  bool ok = true;
  std::string detail;  // on failure: what was wrong, in a sentence
};

/// What cpct expected of a case, as reports show it.
nlohmann::json describe_expected(const protocol::Expected& expected);
/// What the endpoint did, as reports show it (body capped, not yet redacted).
nlohmann::json describe_observed(const net::HttpResponse& response);

class Judge {
 public:
  Judge(const model::Spec& spec, const model::Catalogue& catalogue, const std::string& operation);

  std::vector<Finding> judge(const Case& c, const protocol::Expected& expected,
                             const net::HttpResponse& response) const;

 private:
  void judge_error(const protocol::Expected& expected, const net::HttpResponse& response,
                   const nlohmann::json* body, std::vector<Finding>& out) const;
  void judge_success(const protocol::Expected& expected, const net::HttpResponse& response,
                     const nlohmann::json* body, std::vector<Finding>& out) const;
  void judge_output(const nlohmann::json& body, std::vector<Finding>& out) const;
  void blame(const protocol::Expected& expected, bool ok, const std::string& detail,
             std::vector<Finding>& out) const;
  static bool is_trait(const std::string& id);
  void judge_status(const net::HttpResponse& response, const nlohmann::json* body,
                    std::vector<Finding>& out) const;

  const model::Spec& spec_;
  const model::Catalogue& catalogue_;
  const model::Operation& op_;
  std::map<std::string, std::vector<std::string>>
      output_ids_;  // id path → its output requirement IDs
};

}  // namespace cpct::check
