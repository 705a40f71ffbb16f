// cpct-reference-worker: a CodePipeline job worker built on cpct's client,
// written to be copied (README.md). It follows docs/worker.md:
//
//   export CPCT_ENDPOINT=http://127.0.0.1:PORT
//   export CPCT_ACTION_TYPE='{"category":"Deploy","owner":"ThirdParty",
//                             "provider":"Acme","version":"1"}'
//   export CPCT_CLIENT_TOKENS='{"<clientId>":"<client token>"}'
//   cpct-reference-worker
//
// It polls for jobs of its action type (PollForThirdPartyJobs for owner
// ThirdParty, PollForJobs for Custom), claims each with its nonce, "works"
// (job_outcome.hpp) and reports the result, until SIGTERM or SIGINT. One
// line per step on stderr; never a credential or a client token.
// Exit status: 0 after a signal, 2 when the settings are unusable.
#include <signal.h>  // sigaction (POSIX)

#include <algorithm>
#include <chrono>
#include <csignal>
#include <iostream>
#include <string>
#include <thread>

#include "job_outcome.hpp"
#include "reference_client/client.hpp"
#include "reference_client/redaction.hpp"
#include "worker_settings.hpp"

namespace {

using namespace cpct::reference_client;
using namespace cpct::worker;
using namespace std::chrono_literals;

// Empty or failed polls back off from 100 ms, doubling up to 1 s; work resets it.
constexpr auto kFirstWait = 100ms;
constexpr auto kLongestWait = 1000ms;
constexpr int kMaxBatchSize = 5;

volatile std::sig_atomic_t g_stop = 0;

extern "C" void on_stop_signal(int) {
  g_stop = 1;
}

bool stopping() {
  return g_stop != 0;
}

void log(const std::string& line) {
  std::cerr << "cpct-reference-worker: " << line << "\n";
}

// Waits, but wakes within 10 ms of a stop signal.
void wait_unless_stopping(std::chrono::milliseconds wait) {
  const auto until = std::chrono::steady_clock::now() + wait;
  while (!stopping() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(10ms);
}

// Logs a failed call on a job. InvalidNonceException (another worker holds
// the job, or its nonce changed) and JobNotFoundException mean the job is
// not ours any more: the caller drops it either way, the message says so.
void log_failure(const std::string& job_id, const char* operation, const ClientError& error) {
  const bool gone = error.code == "InvalidNonceException" || error.code == "JobNotFoundException";
  log("job " + job_id + ": " + operation + " failed: " + to_debug_string(error) +
      (gone ? "; dropping the job" : "; leaving the job for a later poll"));
}

template <class T>
std::optional<ClientError> error_of(const Result<T>& result) {
  if (result) return std::nullopt;
  return result.error();
}

// Logs how reporting the result went.
void log_result(const std::string& job_id, Outcome outcome, const char* operation,
                const std::optional<ClientError>& error) {
  if (error)
    log_failure(job_id, operation, *error);
  else
    log("job " + job_id + ": " + operation + " (" + to_string(outcome) + ")");
}

// A third-party job: read its details with the client token of its
// clientId, acknowledge with the nonce the details carry, work, report.
// True when the job was acknowledged.
bool work_third_party_job(Client& client, const WorkerSettings& settings,
                          const ThirdPartyJob& job) {
  if (!job.job_id) {
    log("a polled job has no jobId; skipping it");
    return false;
  }
  const std::string& id = *job.job_id;
  const std::string client_id = job.client_id.value_or("");
  const auto token_it = settings.client_tokens.find(client_id);
  if (token_it == settings.client_tokens.end()) {
    log("job " + id + ": no client token for clientId '" + client_id +
        "' in CPCT_CLIENT_TOKENS; skipping the job");
    return false;
  }
  const std::string& token = token_it->second;

  const auto details = client.get_third_party_job_details({id, token});
  if (!details) {
    log_failure(id, "GetThirdPartyJobDetails", details.error());
    return false;
  }
  const auto& job_details = details.value().job_details;
  if (!job_details || !job_details->nonce) {
    log("job " + id + ": the details carry no nonce; skipping the job");
    return false;
  }
  log("job " + id + ": details read (nonce " + *job_details->nonce + ")");

  if (stopping()) return false;
  const auto ack = client.acknowledge_third_party_job({id, *job_details->nonce, token});
  if (!ack) {
    log_failure(id, "AcknowledgeThirdPartyJob", ack.error());
    return false;
  }
  log("job " + id + ": acknowledged (" + ack.value().status.value_or("no status") + ")");

  if (stopping()) return true;
  const Outcome outcome = outcome_of(job_details->data);
  if (outcome == Outcome::kFail) {
    const auto result = client.put_third_party_job_failure_result({id, token, failure_details()});
    log_result(id, outcome, "PutThirdPartyJobFailureResult", error_of(result));
  } else {
    PutThirdPartyJobSuccessResultInput input{id, token};
    if (outcome == Outcome::kContinue) input.continuation_token = kNextStep;
    input.execution_details = execution_details(outcome);
    const auto result = client.put_third_party_job_success_result(input);
    log_result(id, outcome, "PutThirdPartyJobSuccessResult", error_of(result));
  }
  return true;
}

// A custom action's job: the poll gave its data and nonce; acknowledge,
// work, report. True when the job was acknowledged.
bool work_custom_job(Client& client, const Job& job) {
  if (!job.id || !job.nonce) {
    log("a polled job has no " + std::string(job.id ? "nonce" : "id") + "; skipping it");
    return false;
  }
  const std::string& id = *job.id;
  const auto ack = client.acknowledge_job({id, *job.nonce});
  if (!ack) {
    log_failure(id, "AcknowledgeJob", ack.error());
    return false;
  }
  log("job " + id + ": acknowledged (" + ack.value().status.value_or("no status") + ")");

  if (stopping()) return true;
  const Outcome outcome = outcome_of(job.data);
  if (outcome == Outcome::kFail) {
    const auto result = client.put_job_failure_result({id, failure_details()});
    log_result(id, outcome, "PutJobFailureResult", error_of(result));
  } else {
    PutJobSuccessResultInput input{id};
    if (outcome == Outcome::kContinue) input.continuation_token = kNextStep;
    input.execution_details = execution_details(outcome);
    const auto result = client.put_job_success_result(input);
    log_result(id, outcome, "PutJobSuccessResult", error_of(result));
  }
  return true;
}

// Polls once and works every job it hands out, until a stop signal.
// Returns how many jobs were acknowledged; logs a failed poll.
template <class Poll, class Work>
int poll_and_work(const char* operation, Poll poll, Work work) {
  const auto polled = poll();
  if (!polled) {
    log(std::string(operation) + " failed: " + to_debug_string(polled.error()));
    return 0;
  }
  const auto& jobs = polled.value().jobs;
  const std::size_t count = jobs ? jobs->size() : 0;
  log(std::string(operation) + ": " + (count ? std::to_string(count) + " job(s)" : "no jobs"));
  int worked = 0;
  for (std::size_t i = 0; i < count && !stopping(); ++i) worked += work((*jobs)[i]) ? 1 : 0;
  return worked;
}

int poll_once(Client& client, const WorkerSettings& settings) {
  if (settings.flavour == Flavour::kThirdParty)
    return poll_and_work(
        "PollForThirdPartyJobs",
        [&] {
          return client.poll_for_third_party_jobs({settings.action_type, kMaxBatchSize});
        },
        [&](const ThirdPartyJob& job) { return work_third_party_job(client, settings, job); });
  return poll_and_work(
      "PollForJobs",
      [&] {
        return client.poll_for_jobs({settings.action_type, kMaxBatchSize});
      },
      [&](const Job& job) { return work_custom_job(client, job); });
}

void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  // A closed stderr or socket is an error to live with, not a reason to die.
  std::signal(SIGPIPE, SIG_IGN);
}

}  // namespace

int main() {
  install_stop_handlers();
  WorkerSettings settings;
  try {
    settings = settings_from_environment();
  } catch (const SettingsError& e) {
    log(e.what());
    return 2;
  }
  auto config = ClientConfig::from_environment(settings.endpoint);
  // Short calls: a call in flight when SIGTERM comes is finished, and the
  // worker must be gone within a second.
  config.timeout = settings.call_timeout;
  if (config.tls.insecure)
    log("CPCT_INSECURE=1: an https:// endpoint's certificate is not verified");
  Client client(std::move(config));
  if (client.configuration_error()) {
    log(client.configuration_error()->message);
    return 2;
  }
  log("polling " + settings.endpoint + " for " + describe(settings.action_type) + " jobs");

  auto wait = kFirstWait;
  while (!stopping()) {
    if (poll_once(client, settings) > 0) {
      wait = kFirstWait;
      continue;
    }
    if (stopping()) break;
    wait_unless_stopping(wait);
    wait = std::min<std::chrono::milliseconds>(wait * 2, kLongestWait);
  }
  log("stop signal: exiting");
  return 0;
}
