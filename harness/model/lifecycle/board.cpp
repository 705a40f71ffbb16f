#include "model/lifecycle/board.hpp"

#include <algorithm>
#include <mutex>

namespace cpct::model::lifecycle {
namespace {

using nlohmann::json;

std::string initial_nonce(const FixtureJob& job) {
  if (!job.nonce.empty()) return job.nonce;
  const auto it = job.job_details.find("nonce");
  return it != job.job_details.end() && it->is_string() ? it->get<std::string>() : "";
}

json initial_data(const FixtureJob& job) {
  const auto it = job.job_details.find("data");
  return it == job.job_details.end() ? json() : *it;
}

}  // namespace

std::string lane_of(JobKind flavour, const std::string& type_key) {
  return std::string(to_string(flavour)) + " " + type_key;
}

std::string action_type_key(const json& action_type) {
  auto part = [&](const char* key) {
    const auto it = action_type.find(key);
    return it != action_type.end() && it->is_string() ? it->get<std::string>() : "";
  };
  return part("category") + "/" + part("owner") + "/" + part("provider") + "/" + part("version");
}

json action_type_of(const FixtureJob& job) {
  if (job.action_type.is_object()) return job.action_type;
  const auto data = job.job_details.find("data");
  if (data == job.job_details.end() || !data->is_object()) return json();
  const auto type = data->find("actionTypeId");
  return type != data->end() && type->is_object() ? *type : json();
}

Board::Board(std::shared_ptr<const Fixtures> fixtures, Clock::time_point now)
    : fixtures_(fixtures ? std::move(fixtures) : std::make_shared<const Fixtures>()) {
  reset(now);
}

void Board::reset(Clock::time_point now) {
  states_.assign(fixtures_->jobs.size(), JobState{});
  lanes_.assign(fixtures_->jobs.size(), std::string());
  queued_.clear();
  dispatched_.clear();
  action_types_.clear();
  for (const auto& type : fixtures_->action_types) action_types_.insert(action_type_key(type));
  for (std::size_t i = 0; i < states_.size(); ++i) {
    const FixtureJob& job = fixtures_->jobs[i];
    JobState& state = states_[i];
    state.status = job.state;
    state.nonce = initial_nonce(job);
    state.data = initial_data(job);
    // A job that starts out handed out was handed out once, just now.
    if (job.state != "Queued" && job.state != "Created") {
      state.dispatches = 1;
      state.dispatched_at = now;
    }
    if (const json type = action_type_of(job); type.is_object()) {
      action_types_.insert(action_type_key(type));
      lanes_[i] = lane_of(job.kind, action_type_key(type));
    }
    reindex(i);
    rebuild_details(i);
  }
  ++generation_;
}

void Board::unindex(std::size_t index) {
  if (lanes_[index].empty()) return;
  const JobState& state = states_[index];
  if (state.status == "Queued") queued_[lanes_[index]].erase(index);
  if (state.status == "Dispatched") dispatched_[lanes_[index]].erase({state.dispatched_at, index});
}

void Board::reindex(std::size_t index) {
  if (lanes_[index].empty()) return;
  const JobState& state = states_[index];
  if (state.status == "Queued") queued_[lanes_[index]].insert(index);
  if (state.status == "Dispatched") dispatched_[lanes_[index]].insert({state.dispatched_at, index});
}

std::vector<std::size_t> Board::candidates(const std::string& type_key, JobKind flavour,
                                           Clock::time_point now, std::size_t max,
                                           const std::function<bool(std::size_t)>& accept) const {
  const std::string lane = lane_of(flavour, type_key);
  std::vector<std::size_t> timed_out;
  if (const auto it = dispatched_.find(lane); it != dispatched_.end())
    for (const auto& [at, index] : it->second) {
      if (now - at < acknowledge_timeout()) break;
      timed_out.push_back(index);
    }
  std::sort(timed_out.begin(), timed_out.end());
  static const std::set<std::size_t> kNone;
  const auto q = queued_.find(lane);
  const std::set<std::size_t>& queued = q == queued_.end() ? kNone : q->second;
  // Both in fixture order, merged.
  std::vector<std::size_t> out;
  auto a = queued.begin();
  auto b = timed_out.begin();
  while (out.size() < max && (a != queued.end() || b != timed_out.end())) {
    const bool from_queue = b == timed_out.end() || (a != queued.end() && *a < *b);
    const std::size_t index = from_queue ? *a++ : *b++;
    if (accept(index)) out.push_back(index);
  }
  return out;
}

std::optional<std::size_t> Board::find(const std::string& job_id) const {
  const FixtureJob* job = fixtures_->find(job_id);
  if (job == nullptr) return std::nullopt;
  return static_cast<std::size_t>(job - fixtures_->jobs.data());
}

std::chrono::milliseconds Board::acknowledge_timeout() const {
  return std::chrono::milliseconds(fixtures_->acknowledge_timeout_ms);
}

bool Board::pollable(std::size_t index, const std::string& type_key, JobKind flavour,
                     Clock::time_point now) const {
  // The lane reset() derived: no JSON read on the way.
  if (lanes_[index].empty() || lanes_[index] != lane_of(flavour, type_key)) return false;
  const JobState& state = states_[index];
  if (state.status == "Queued") return true;
  // Handed out but never acknowledged: handed out again once the wait is over.
  return state.status == "Dispatched" && now - state.dispatched_at >= acknowledge_timeout();
}

Transition Board::dispatch(std::size_t index, Clock::time_point now) {
  unindex(index);
  JobState& state = states_[index];
  ++state.dispatches;
  const std::string fixture_nonce = initial_nonce(fixtures_->jobs[index]);
  // The fixture's nonce the first time; a new one each time after, so the
  // nonce of an earlier dispatch no longer acknowledges the job.
  state.nonce =
      state.dispatches == 1 && !fixture_nonce.empty()
          ? fixture_nonce
          : "d" + std::to_string(state.dispatches) + "-" + std::to_string(generation_ % 100000);
  state.dispatched_at = now;
  Transition t{fixtures_->jobs[index].id, state.status, "Dispatched"};
  state.status = "Dispatched";
  reindex(index);
  rebuild_details(index);
  ++generation_;
  return t;
}

Transition Board::move(std::size_t index, const std::string& status) {
  unindex(index);
  JobState& state = states_[index];
  Transition t{fixtures_->jobs[index].id, state.status, status};
  state.status = status;
  reindex(index);
  rebuild_details(index);
  ++generation_;
  return t;
}

void Board::set_data(std::size_t index, json data) {
  states_[index].data = std::move(data);
  rebuild_details(index);
  ++generation_;
}

void Board::learn_nonce(std::size_t index, std::string nonce) {
  states_[index].nonce = std::move(nonce);
  rebuild_details(index);
}

void Board::rebuild_details(std::size_t index) {
  const FixtureJob& job = fixtures_->jobs[index];
  JobState& state = states_[index];
  json details = job.job_details;
  if (job.kind == JobKind::kThirdParty && !state.nonce.empty()) details["nonce"] = state.nonce;
  if (!state.data.is_null()) details["data"] = state.data;
  auto body = std::make_shared<const json>(json{{"jobDetails", std::move(details)}});
  // As the server sends any body: bytes that are not UTF-8 replaced.
  state.details_text = std::make_shared<const std::string>(
      body->dump(-1, ' ', false, json::error_handler_t::replace));
  state.details = std::move(body);
}

Outcome Board::apply(const OperationInfo& operation, const json& input, Clock::time_point now) {
  switch (operation.verb) {
    case Verb::kPoll:
      return poll(*this, operation, input, now);
    case Verb::kAcknowledge:
      return acknowledge(*this, operation, input);
    case Verb::kDetails:
      return details(*this, operation, input);
    case Verb::kSucceed:
    case Verb::kFail:
      return report_result(*this, operation, input);
  }
  return error_outcome("InternalFailure", "no rule", "");
}

Outcome error_outcome(std::string type, std::string message, std::string requirement) {
  Outcome out;
  out.status = 400;
  out.error_type = std::move(type);
  out.message = std::move(message);
  out.requirement = std::move(requirement);
  return out;
}

Outcome success_outcome(json body, std::string requirement) {
  Outcome out;
  out.body = std::make_shared<const json>(std::move(body));
  out.requirement = std::move(requirement);
  return out;
}

Outcome LiveBoard::apply(const OperationInfo& operation, const json& input) {
  if (operation.verb == Verb::kDetails) {
    std::shared_lock lock(mutex_);
    return details(board_, operation, input);
  }
  std::unique_lock lock(mutex_);
  Outcome out = board_.apply(operation, input, Clock::now());
  generation_.store(board_.generation(), std::memory_order_release);
  return out;
}

void LiveBoard::reset() {
  std::unique_lock lock(mutex_);
  board_.reset(Clock::now());
  generation_.store(board_.generation(), std::memory_order_release);
}

std::uint64_t LiveBoard::generation() const {
  // Read on every request (the answer cache): no lock on that path.
  return generation_.load(std::memory_order_acquire);
}

json LiveBoard::summary() const {
  std::shared_lock lock(mutex_);
  json jobs = json::array();
  for (std::size_t i = 0; i < board_.states().size(); ++i) {
    const auto& state = board_.states()[i];
    jobs.push_back({{"id", board_.fixtures().jobs[i].id},
                    {"status", state.status},
                    {"dispatches", state.dispatches}});
  }
  return json{{"jobs", std::move(jobs)}};
}

}  // namespace cpct::model::lifecycle
