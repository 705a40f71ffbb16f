#pragma once
// The endpoint under a lifecycle check, with the lifecycle Board beside it:
// every call goes to the endpoint, its answer is judged against the Board,
// and the Board adopts the endpoint's free choices (which queued jobs a poll
// hands out, the nonces it makes up). The first violation ends the sequence.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/case.hpp"
#include "model/lifecycle/board.hpp"
#include "net/http_client.hpp"
#include "net/sigv4.hpp"
#include "protocol/oracle.hpp"

namespace cpct::check::lifecycle {

namespace lc = model::lifecycle;

/// One connection to the endpoint, signed like an SDK; resets it between
/// sequences.
class Endpoint {
 public:
  struct Config {
    net::Url url;
    net::ClientLimits limits;
    net::Credentials credentials;
    net::SigningScope scope;
    std::string reset_url;      // POSTed before each sequence, when set
    std::string reset_command;  // run with sh -c before each sequence, when set
  };
  explicit Endpoint(Config config);
  net::HttpResponse send(const Case& c);
  /// Puts the endpoint back to its fixtures; false with `why` when it cannot.
  bool reset(std::string& why);
  const Config& config() const { return config_; }

 private:
  Config config_;
  net::HttpClient client_;
};

/// What the commands draw from: the fixtures' jobs and action types.
struct Context {
  std::shared_ptr<const model::Spec> spec;
  std::shared_ptr<const model::Fixtures> fixtures;
  std::vector<nlohmann::json> action_types;  // registered ones, then one nobody registered
};
Context make_context(std::shared_ptr<const model::Spec> spec,
                     std::shared_ptr<const model::Fixtures> fixtures);

/// `input` as a request of `op`: its X-Amz-Target, the content type, the body.
protocol::Request operation_request(const Context& context, const lc::OperationInfo& op,
                                    const nlohmann::json& input);

struct Step {
  Case request;
  int status = 0;      // 0: no response
  std::string answer;  // "200", "400 InvalidNonceException", "timeout"
  std::string expected;
};

struct Violation {
  std::string requirement;
  std::string detail;
};

enum class NonceKind { kCurrent, kWrong, kStale };

class Sut {
 public:
  Sut(const Context& context, const protocol::Oracle& oracle, Endpoint& endpoint);

  void poll(model::JobKind flavour, std::size_t type_index, std::optional<int> batch);
  /// `pick` chooses among the jobs handed out so far when `handed`, else
  /// among all jobs and one unknown id.
  void acknowledge(std::size_t pick, bool handed, NonceKind nonce, bool own_token);
  void details(std::size_t pick, bool handed, bool own_token);
  void result(std::size_t pick, bool handed, bool success, bool continuation, bool own_token);

  const std::vector<Step>& trace() const { return trace_; }
  const std::optional<Violation>& violation() const { return violation_; }
  /// Requirement IDs a sequence exercised (passed unless violation() names one).
  const std::vector<std::string>& exercised() const { return exercised_; }

 private:
  std::optional<std::size_t> job_for(std::size_t pick, bool handed) const;
  nlohmann::json job_input(std::optional<std::size_t> job, bool own_token) const;
  model::JobKind flavour_of(std::optional<std::size_t> job, std::size_t pick) const;
  /// Sends and judges a call whose answer the Board decides alone.
  void call(const lc::OperationInfo& op, const nlohmann::json& input,
            std::optional<std::size_t> job);
  net::HttpResponse send(const lc::OperationInfo& op, const nlohmann::json& input, Step& step);
  bool fail(const std::string& requirement, const std::string& detail);
  void learn(const lc::OperationInfo& op, std::size_t job, const nlohmann::json& body);

  const Context& context_;
  const protocol::Oracle& oracle_;
  Endpoint& endpoint_;
  lc::Board board_;
  std::vector<std::size_t> handed_;                   // jobs handed out, in order
  std::set<std::size_t> continued_;                   // jobs given a continuation token: left alone
  std::vector<std::vector<std::string>> old_nonces_;  // per job
  std::vector<Step> trace_;
  std::vector<std::string> exercised_;
  std::optional<Violation> violation_;
};

/// The Step's request as a curl command (check/reproduce.hpp).
std::string step_command(const Step& step, const Endpoint& endpoint,
                         const std::string& endpoint_text);

}  // namespace cpct::check::lifecycle
