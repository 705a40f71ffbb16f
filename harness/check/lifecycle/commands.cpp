#include "check/lifecycle/commands.hpp"

#include <sstream>

namespace cpct::check::lifecycle {
namespace {

using model::JobKind;

// Most commands aim at jobs already handed out: that is where the
// lifecycle is (acknowledge, then a result, then a continuation).
bool draw_handed() {
  return *rc::gen::weightedElement<bool>({{4, true}, {1, false}});
}
// RapidCheck scales inRange with the size, which here is the sequence
// length: at full size every index is as likely in short sequences too.
std::size_t draw_index(std::size_t end) {
  return *rc::gen::resize(100, rc::gen::inRange<std::size_t>(0, end));
}
std::size_t draw_pick() {
  return draw_index(64);
}

struct Poll : Command {
  std::size_t type;
  JobKind flavour = JobKind::kThirdParty;
  std::optional<int> batch;
  explicit Poll(const Plan& plan)
      : type(draw_index(plan.context->action_types.size())),
        batch(*rc::gen::weightedElement<int>({{1, 0}, {2, 1}, {1, 2}, {1, 3}})) {
    if (*batch == 0) batch.reset();  // no maxBatchSize
    // Mostly the flavour the owner calls for; sometimes the other (an error).
    const bool custom = plan.context->action_types[type].value("owner", "") == "Custom";
    const bool other = *rc::gen::weightedElement<bool>({{6, false}, {1, true}});
    flavour = custom != other ? JobKind::kCustom : JobKind::kThirdParty;
  }
  void run(const Plan&, Sut& sut) const override { sut.poll(flavour, type, batch); }
  void show(std::ostream& os) const override {
    os << "poll " << to_string(flavour) << " type " << type;
    if (batch) os << " maxBatchSize " << *batch;
  }
};

struct Acknowledge : Command {
  std::size_t pick = draw_pick();
  bool handed = draw_handed();
  NonceKind nonce = *rc::gen::weightedElement<NonceKind>(
      {{6, NonceKind::kCurrent}, {1, NonceKind::kWrong}, {1, NonceKind::kStale}});
  bool own_token = *rc::gen::weightedElement<bool>({{8, true}, {1, false}});
  explicit Acknowledge(const Plan&) {}
  void run(const Plan&, Sut& sut) const override {
    sut.acknowledge(pick, handed, nonce, own_token);
  }
  void show(std::ostream& os) const override {
    os << "acknowledge job " << pick << (handed ? " (handed out)" : "") << " nonce "
       << (nonce == NonceKind::kCurrent ? "current"
           : nonce == NonceKind::kWrong ? "wrong"
                                        : "stale")
       << (own_token ? "" : " wrong token");
  }
};

struct Details : Command {
  std::size_t pick = draw_pick();
  bool handed = draw_handed();
  bool own_token = *rc::gen::weightedElement<bool>({{5, true}, {1, false}});
  explicit Details(const Plan&) {}
  void run(const Plan&, Sut& sut) const override { sut.details(pick, handed, own_token); }
  void show(std::ostream& os) const override {
    os << "details job " << pick << (handed ? " (handed out)" : "")
       << (own_token ? "" : " wrong token");
  }
};

struct Result : Command {
  std::size_t pick = draw_pick();
  bool handed = draw_handed();
  bool success = *rc::gen::weightedElement<bool>({{3, true}, {1, false}});
  bool continuation = *rc::gen::weightedElement<bool>({{4, false}, {1, true}});
  bool own_token = *rc::gen::weightedElement<bool>({{6, true}, {1, false}});
  explicit Result(const Plan&) {}
  void run(const Plan&, Sut& sut) const override {
    sut.result(pick, handed, success, continuation, own_token);
  }
  void show(std::ostream& os) const override {
    os << (success ? "success" : "failure") << " job " << pick << (handed ? " (handed out)" : "")
       << (continuation && success ? " with continuation" : "")
       << (own_token ? "" : " wrong token");
  }
};

}  // namespace

rc::Gen<Commands> sequences(const Context& context) {
  return rc::state::gen::commands(Plan{&context}, [](const Plan& plan) {
    // Polls and acknowledgements twice as often: they move jobs forward.
    return rc::state::gen::execOneOfWithArgs<Poll, Poll, Acknowledge, Acknowledge, Details,
                                             Result>()(plan);
  });
}

std::string show(const Commands& commands) {
  std::ostringstream out;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    out << i + 1 << ". ";
    commands[i]->show(out);
    out << "\n";
  }
  return out.str();
}

}  // namespace cpct::check::lifecycle
