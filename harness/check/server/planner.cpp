#include "check/server/planner.hpp"

#include <rapidcheck.h>

#include <random>

#include "check/semantics/operation_cases.hpp"
#include "gen/shape_gen.hpp"
#include "gen/violation_gen.hpp"
#include "model/requirements.hpp"
#include "text/utf8.hpp"

namespace cpct::check {
namespace {

using nlohmann::json;

// Code points of every UTF-8 length, for non-ASCII boundary strings.
constexpr char32_t kMixed[] = {0xE9, 0x65E5, 0x1F600, U'a'};

class Planner final : public semantics::CaseSink {
 public:
  Planner(const model::Spec& spec, const model::Fixtures& fixtures, const PlanOptions& options,
          const PlanFilter& filter)
      : spec_(spec),
        fixtures_(fixtures),
        options_(options),
        skip_(filter.skip),
        keep_(filter.keep),
        catalogue_(std::make_shared<const model::Catalogue>(spec)),
        content_type_(spec.wire.content_type) {}

  /// The cases, and for each the recipe of its body when it was drawn
  /// (the body itself is then left empty).
  std::pair<std::vector<Case>, std::vector<Plan::Remake>> run() {
    for (const auto& name : operations_or_all(spec_, options_.operations)) {
      op_ = &spec_.operation(name);
      target_ = spec_.metadata.target_prefix + "." + op_->name;
      const auto* cases = semantics::find(op_->name);
      const bool with_fixtures = cases != nullptr && !fixtures_.jobs.empty();
      known_ = with_fixtures ? cases->known_request(fixtures_) : std::nullopt;
      if (!protocol_op_ || (!protocol_known_ && known_)) {
        protocol_op_ = op_;
        protocol_known_ = known_.has_value();
      }
      positive();
      boundaries();
      violations();
      if (with_fixtures && op_->input != nullptr) cases->plan(*op_, fixtures_, *this);
    }
    protocol();
    return {std::move(cases_), std::move(remakes_)};
  }

  void add(CaseKind kind, std::string name, const json& body) override {
    add_raw(kind, std::move(name), body.dump(), target_, content_type_);
  }

  std::uint64_t next_seed() override { return mix_seed(options_.seed, draws_++); }

 private:
  // A case the filter refuses is left out here, before the next is made, so
  // the plan never holds more than one drawn body at a time.
  bool push(Case c) {
    c.operation = op_->name;
    if (keep_ && !keep_(c)) return false;
    c.index = cases_.size();
    cases_.push_back(std::move(c));
    remakes_.emplace_back();
    return true;
  }

  // A case whose body is drawn: past a budget, the plan keeps how to draw it
  // again, not the body (DynamoDB's drawn bodies, held whole, came to 750 MB).
  void add_drawn(CaseKind kind, std::string name, std::function<json()> make) {
    const json body = make();  // before make is moved: argument order is unspecified
    add_drawn(kind, std::move(name), body, std::move(make));
  }

  void add_drawn(CaseKind kind, std::string name, const json& body, std::function<json()> make) {
    Case c;
    c.kind = kind;
    c.name = std::move(name);
    c.request = {target_, content_type_, body.dump()};
    if (!push(std::move(c))) return;
    std::string& held = cases_.back().request.body;
    // Held while the budget lasts: drawing again costs time (about 2 ms a
    // DynamoDB body), holding costs memory.
    if (held_ + held.size() <= options_.held_bodies) {
      held_ += held.size();
      return;
    }
    remakes_.back() = {std::move(make), std::hash<std::string>{}(held)};
    // Swapped, not assigned: assigning a short string keeps the old buffer.
    std::string().swap(held);
  }

  // How to draw from `gen` again what the next seed draws.
  template <typename T>
  std::function<T()> drawing(rc::Gen<T> gen, int size = 50) {
    return [gen = std::move(gen), seed = next_seed(), size] {
      return gen(rc::Random(seed), size).value();
    };
  }

  // False when the filter left the case out.
  bool add_raw(CaseKind kind, std::string name, std::string body, std::optional<std::string> target,
               std::string content_type, std::string method = "POST", std::string path = "/") {
    Case c;
    c.kind = kind;
    c.name = std::move(name);
    c.method = std::move(method);
    c.path = std::move(path);
    c.request = {std::move(target), std::move(content_type), std::move(body)};
    return push(std::move(c));
  }

  std::function<json()> valid_drawing() {
    if (op_->input == nullptr) return [] { return json::object(); };
    return drawing(gen::valid_value(*op_->input));
  }

  void positive() {
    for (int i = 0; i < 3; ++i)
      add_drawn(CaseKind::kPositive, "a well-formed " + op_->name + " request", valid_drawing());
  }

  // How to make the request to vary one member of: the fixtures' known one,
  // else a valid one, drawn once per operation.
  std::function<json()> base_drawing() {
    if (!base_make_) {
      if (known_)
        base_make_ = [known = *known_] { return known; };
      else
        base_make_ = valid_drawing();
    }
    return base_make_;
  }

  // Every top-level string member at min and max, ASCII and not; the other
  // members from a base request so only the bounded one varies.
  void boundaries() {
    base_make_ = nullptr;
    if (op_->input == nullptr) return;
    for (const auto& member : op_->input->members) {
      const model::Shape& shape = *member.shape;
      if (shape.type != model::ShapeType::kString || !shape.enum_values.empty()) continue;
      for (const auto bound : {shape.min, shape.max}) {
        if (!bound) continue;
        for (const bool ascii : {true, false}) {
          const auto n = static_cast<std::size_t>(*bound);
          auto text = boundary_string(shape, n, ascii);
          if (!text) continue;
          add_drawn(CaseKind::kBoundary,
                    member.name + " at " + std::to_string(n) + " code points (" +
                        (ascii ? "ASCII" : "non-ASCII") + ")",
                    [base = base_drawing(), key = member.name, value = std::move(*text)] {
                      json body = base();
                      body[key] = value;
                      return body;
                    });
        }
      }
    }
  }

  std::optional<std::string> boundary_string(const model::Shape& shape, std::size_t n, bool ascii) {
    if (shape.pattern) {
      pattern::Rng rng(next_seed());
      return shape.pattern->generate(rng, n, n);
    }
    std::u32string text;
    for (std::size_t i = 0; i < n; ++i) text += ascii ? U'a' + (i % 26) : kMixed[i % 4];
    return text::encode_utf8(text);
  }

  void violations() {
    if (op_->input == nullptr) return;
    for (const auto* r : catalogue_->for_operation(op_->name)) {
      if (!r->constraint || r->direction != model::Direction::kInput) continue;
      if (gen::cannot_violate(*r) || (skip_ && skip_(r->id))) continue;
      const int samples = *r->constraint == model::Constraint::kType       ? 5
                          : *r->constraint == model::Constraint::kRequired ? 4
                                                                           : 2;
      const auto gen = gen::violating_value(*op_->input, *r);
      for (int i = 0; i < samples; ++i) {
        auto make = drawing(gen);
        const auto v = make();
        add_drawn(CaseKind::kViolation, r->id + ": " + v.how, v.value,
                  [make = std::move(make), keep_alive = catalogue_] { return make().value; });
      }
    }
  }

  // The protocol's cases, once per plan, aimed at one operation: the first
  // whose fixtures give a known request, else the first selected.
  void protocol() {
    if (protocol_op_ == nullptr) return;
    op_ = protocol_op_;
    target_ = spec_.metadata.target_prefix + "." + op_->name;
    known_ = std::nullopt;
    if (const auto* cases = semantics::find(op_->name); cases && !fixtures_.jobs.empty())
      known_ = cases->known_request(fixtures_);
    base_make_ = nullptr;
    const json base = base_drawing()();
    const std::string good = base.dump();
    // A member to break: the request's first, else a made-up one.
    const std::string key = base.empty() ? "member" : base.begin().key();
    // The request with that member's value written raw; the other members
    // stay, so a server that reads the value sees an otherwise whole request.
    std::string rest;
    for (auto it = base.begin(); it != base.end(); ++it)
      if (it != base.begin()) rest += ", " + json(it.key()).dump() + ": " + it.value().dump();
    auto with = [&](const std::string& raw_value) {
      return "{" + json(key).dump() + ": " + raw_value + rest + "}";
    };
    const auto kind = CaseKind::kProtocol;
    const std::string& ct = content_type_;
    add_raw(kind, "no X-Amz-Target", good, std::nullopt, ct);
    const std::string prefix = spec_.metadata.target_prefix;
    for (const auto& [how, target] : std::vector<std::pair<std::string, std::string>>{
             {"an unknown operation", prefix + ".NoSuchOperation"},
             {"the operation in lower case", prefix + "." + lower(op_->name)},
             {"no prefix", op_->name},
             {"another API version", next_version(prefix) + "." + op_->name},
             {"a character before it", "x" + target_},
             {"an empty operation", prefix + "."},
             {"the operation misspelt", target_.substr(0, target_.size() - 1)}})
      add_raw(kind, "X-Amz-Target with " + how, good, target, ct);

    const std::string truncated = good.substr(0, good.size() / 2);
    std::string single_quoted = good;
    for (auto& c : single_quoted) c = c == '"' ? '\'' : c;
    const std::string trailing_comma =
        good.size() > 2 ? good.substr(0, good.size() - 1) + ",}" : "{\"" + key + "\": 1,}";
    for (const auto& [how, body] : std::vector<std::pair<std::string, std::string>>{
             {"an unclosed object", "{"},
             {"a truncated request", truncated},
             {"a trailing comma", trailing_comma},
             {"single quotes", single_quoted == good ? "{'" + key + "': 'a'}" : single_quoted},
             {"a comment", "/* c */ " + good},
             {"trailing bytes", good + " x"},
             {"a second object", good + good},
             {"a bare word", key},
             {"NaN", with("NaN")},
             {"only white space", " \n"},
             {"an unescaped control character", with("\"a\x01"
                                                     "b\"")}})
      add_raw(kind, "malformed JSON: " + how, body, target_, ct);

    for (const auto& [how, body] : std::vector<std::pair<std::string, std::string>>{
             {"a 0xFF byte", with("\"job\xff\"")},
             {"an overlong encoding", with("\"\xc0\xaf\"")},
             {"an encoded surrogate", with("\"\xed\xa0\x80\"")},
             {"a lone high surrogate escape", with(R"("\ud800")")},
             {"a lone low surrogate escape", with(R"("x\udc00")")}})
      add_raw(kind, "not UTF-8: " + how, body, target_, ct);

    for (const std::string& body : {std::string("[]"), std::string("\"a\""), std::string("1"),
                                    std::string("null"), std::string("true"), "[" + good + "]"})
      add_raw(kind, std::string("a JSON ") + json::parse(body).type_name() + " body", body, target_,
              ct);

    add_raw(kind, "an empty body", "", target_, ct);
    if (add_raw(kind, "Content-Type with a charset parameter", good, target_,
                ct + "; charset=utf-8"))
      cases_.back().source = spec_.wire.test_prefix + "MustSupportParametersInContentType";
    json extra = base;
    extra["unknownMember"] = 1;
    extra["nested"] = {{"deep", {1, 2, {{"x", nullptr}}}}};
    add(kind, "unknown members", extra);
    json with_null = base;
    with_null["optionalButUnknown"] = nullptr;
    add(kind, "a null member", with_null);

    // Outside the contract: anything but a 5xx, a hang or a reset will do.
    add_raw(kind, "GET /", "", target_, ct, "GET");
    add_raw(kind, "PUT /", good, target_, ct, "PUT");
    add_raw(kind, "POST /other", good, target_, ct, "POST", "/other");
    // A request without the protocol's Content-Type is outside it too: the
    // protocol requires the header of requests and says nothing of what a
    // server answers otherwise (live Kinesis: 404 with an XML body,
    // github.com/disneystreaming/smithy4s/issues/167).
    if (add_raw(kind, "Content-Type text/plain", good, target_, "text/plain"))
      cases_.back().outside_protocol = true;
    if (add_raw(kind, "no Content-Type", good, target_, "")) cases_.back().outside_protocol = true;
    add_raw(kind, "duplicate keys", "{\"" + key + "\": \"a\", " + good.substr(1), target_, ct);
  }

  static std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }

  static std::string next_version(const std::string& prefix) {
    std::string out = prefix;
    if (!out.empty() && std::isdigit(static_cast<unsigned char>(out.back())))
      out.back() = out.back() == '9' ? '0' : static_cast<char>(out.back() + 1);
    else
      out += "2";
    return out;
  }

  const model::Spec& spec_;
  const model::Fixtures& fixtures_;
  const PlanOptions& options_;
  const std::function<bool(const std::string&)>& skip_;
  const std::function<bool(const Case&)>& keep_;
  // Shared with the violations' recipes, whose generators point into it.
  const std::shared_ptr<const model::Catalogue> catalogue_;
  const std::string content_type_;
  const model::Operation* op_ = nullptr;
  std::string target_;
  std::optional<json> known_;        // the fixtures' request of op_ that succeeds
  std::function<json()> base_make_;  // how to draw op_'s base request
  const model::Operation* protocol_op_ = nullptr;
  bool protocol_known_ = false;
  std::vector<Case> cases_;
  std::vector<Plan::Remake> remakes_;
  std::size_t held_ = 0;  // bytes of drawn bodies held whole
  std::uint64_t draws_ = 0;
};

}  // namespace

std::vector<std::string> operations_or_all(const model::Spec& spec,
                                           const std::vector<std::string>& operations) {
  if (!operations.empty()) return operations;
  std::vector<std::string> out;
  for (const auto& [name, op] : spec.operations) out.push_back(name);
  return out;
}

Plan::Plan(const model::Spec& spec, const model::Fixtures& fixtures, PlanOptions options,
           PlanFilter filter)
    : options_(std::move(options)),
      filter_(std::move(filter)),
      generator_(generated_case(spec, fixtures, options_.operations, filter_.skip)) {
  // The filter runs under the lock too: it must not draw (the oracle does not).
  std::lock_guard lock(rapidcheck_mutex());
  std::tie(planned_, remakes_) = Planner(spec, fixtures, options_, filter_).run();
}

Case Plan::at(std::size_t index) const {
  std::lock_guard lock(rapidcheck_mutex());
  if (index < planned_.size()) {
    Case c = planned_[index];
    if (const Remake& remake = remakes_[index]; remake.make) {
      c.request.body = remake.make().dump();
      // The body sent must be the one the filter judged.
      if (std::hash<std::string>{}(c.request.body) != remake.hash)
        throw std::logic_error("case " + c.id() + " drew another body than when planned");
    }
    return c;
  }
  const std::size_t i = index - planned_.size();
  const auto seed = mix_seed(options_.seed, 1'000'000'000 + i);
  const int size = static_cast<int>(i % 100);
  Case c = generator_(rc::Random(seed), size).value();
  c.index = index;
  c.generated_from = std::make_pair(seed, size);
  return c;
}

std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t index) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (index + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

namespace {

// What the generator needs of one operation, found once per plan.
struct GeneratedOperation {
  const model::Operation* op;
  std::string target;
  const semantics::OperationCases* cases;
  std::vector<const model::Requirement*> breakable;
};

}  // namespace

rc::Gen<Case> generated_case(const model::Spec& spec, const model::Fixtures& fixtures,
                             const std::vector<std::string>& operations,
                             const std::function<bool(const std::string&)>& skip) {
  auto catalogue = std::make_shared<const model::Catalogue>(spec);
  auto ops = std::make_shared<std::vector<GeneratedOperation>>();
  for (const auto& name : operations_or_all(spec, operations)) {
    const model::Operation& op = spec.operation(name);
    GeneratedOperation g{&op,
                         spec.metadata.target_prefix + "." + op.name,
                         fixtures.jobs.empty() ? nullptr : semantics::find(op.name),
                         {}};
    for (const auto* r : catalogue->for_operation(op.name))
      if (r->constraint && r->direction == model::Direction::kInput && !gen::cannot_violate(*r) &&
          !(skip && skip(r->id)))
        g.breakable.push_back(r);
    ops->push_back(std::move(g));
  }
  const std::string content_type = spec.wire.content_type;
  return rc::gen::exec([&fixtures, ops, catalogue, content_type] {
    const GeneratedOperation& g = *rc::gen::elementOf(*ops);
    const model::Operation& op = *g.op;
    Case c;
    c.kind = CaseKind::kGenerated;
    c.operation = op.name;
    json body = json::object();
    const int choice = *rc::gen::inRange(0, 4);
    std::optional<semantics::Named> semantic;
    if (choice == 0 && g.cases != nullptr) semantic = g.cases->generate(op, fixtures);
    if (semantic) {
      c.name = std::move(semantic->first);
      body = std::move(semantic->second);
    } else if (choice <= 1 || g.breakable.empty()) {
      if (op.input != nullptr) body = *gen::valid_value(*op.input);
      c.name = "generated: a valid " + op.name + " request";
    } else {  // one broken requirement
      const auto* r = *rc::gen::elementOf(g.breakable);
      const auto v = *gen::violating_value(*op.input, *r);
      body = v.value;
      c.name = "generated: " + r->id + " (" + v.how + ")";
    }
    auto value = std::make_shared<const json>(std::move(body));
    c.request = {g.target, content_type, value->dump()};
    c.body_value = std::move(value);
    return c;
  });
}

}  // namespace cpct::check
