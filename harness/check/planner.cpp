#include "check/planner.hpp"

#include <rapidcheck.h>

#include <random>

#include "gen/shape_gen.hpp"
#include "gen/violation_gen.hpp"
#include "model/requirements.hpp"
#include "model/utf8.hpp"
#include "protocol/oracle.hpp"

namespace cpct::check {
namespace {

using nlohmann::json;

constexpr const char* kJson = protocol::kContentType;

// Code points of every UTF-8 length, for non-ASCII boundary strings.
constexpr char32_t kMixed[] = {0xE9, 0x65E5, 0x1F600, U'a'};

class Planner {
 public:
  Planner(const model::Spec& spec, const model::Fixtures& fixtures, const PlanOptions& options)
      : spec_(spec),
        fixtures_(fixtures),
        options_(options),
        op_(spec.operation(options.operation)),
        target_(spec.metadata.target_prefix + "." + op_.name) {
    for (const auto& job : fixtures.jobs) {
      if (job.kind == model::JobKind::kThirdParty && !known_) known_ = &job;
      if (job.kind == model::JobKind::kCustom && !custom_) custom_ = &job;
    }
  }

  std::vector<Case> run() {
    positive();
    boundaries();
    violations();
    semantics();
    protocol();
    return std::move(cases_);
  }

 private:
  void push(Case c) {
    c.index = cases_.size();
    cases_.push_back(std::move(c));
  }

  void add(CaseKind kind, std::string name, const json& body) {
    add_raw(kind, std::move(name), body.dump(), target_, kJson);
  }

  void add_raw(CaseKind kind, std::string name, std::string body, std::optional<std::string> target,
               std::string content_type, std::string method = "POST", std::string path = "/") {
    Case c;
    c.kind = kind;
    c.name = std::move(name);
    c.method = std::move(method);
    c.path = std::move(path);
    c.request = {std::move(target), std::move(content_type), std::move(body)};
    push(std::move(c));
  }

  // A value drawn from a RapidCheck generator, reproducibly.
  template <typename T>
  T draw(const rc::Gen<T>& gen, int size = 50) {
    return gen(rc::Random(mix_seed(options_.seed, draws_++)), size).value();
  }

  json request(const std::string& job_id, const std::string& token) const {
    return {{"jobId", job_id}, {"clientToken", token}};
  }

  void positive() {
    for (const auto& job : fixtures_.jobs)
      add(CaseKind::kPositive,
          std::string(model::to_string(job.kind)) + " job " + job.id + " with its token",
          request(job.id, job.client_token));
    for (int i = 0; i < 3; ++i) {
      auto body = draw(gen::valid_value(*op_.input));
      add(CaseKind::kPositive, "a well-formed request (most likely an unknown job)", body);
    }
  }

  // Every top-level string member at min and max, ASCII and not; the other
  // members from a real job so only the bounded one varies.
  void boundaries() {
    for (const auto& member : op_.input->members) {
      const model::Shape& shape = *member.shape;
      if (shape.type != model::ShapeType::kString) continue;
      for (const auto bound : {shape.min, shape.max}) {
        if (!bound) continue;
        for (const bool ascii : {true, false}) {
          const auto n = static_cast<std::size_t>(*bound);
          auto text = boundary_string(shape, n, ascii);
          if (!text) continue;
          json body = base_request();
          body[member.name] = *text;
          add(CaseKind::kBoundary,
              member.name + " at " + std::to_string(n) + " code points (" +
                  (ascii ? "ASCII" : "non-ASCII") + ")",
              body);
        }
      }
    }
  }

  std::optional<std::string> boundary_string(const model::Shape& shape, std::size_t n, bool ascii) {
    if (shape.pattern) {
      std::mt19937_64 rng(mix_seed(options_.seed, draws_++));
      return shape.pattern->generate(rng, n, n);
    }
    std::u32string text;
    for (std::size_t i = 0; i < n; ++i) text += ascii ? U'a' + (i % 26) : kMixed[i % 4];
    return model::encode_utf8(text);
  }

  json base_request() const {
    if (known_) return request(known_->id, known_->client_token);
    return request("job-1", "token-1");
  }

  void violations() {
    const model::Catalogue catalogue(spec_);
    for (const auto* r : catalogue.for_operation(op_.name)) {
      if (!r->constraint || r->direction != model::Direction::kInput) continue;
      if (gen::cannot_violate(*r)) continue;
      const int samples = *r->constraint == model::Constraint::kType       ? 5
                          : *r->constraint == model::Constraint::kRequired ? 4
                                                                           : 2;
      const auto gen = gen::violating_value(*op_.input, *r);
      for (int i = 0; i < samples; ++i) {
        const auto v = draw(gen);
        add(CaseKind::kViolation, r->id + ": " + v.how, v.value);
      }
    }
  }

  void semantics() {
    const auto& id_shape = *op_.input->find_member("jobId")->shape;
    const auto& token_shape = *op_.input->find_member("clientToken")->shape;
    for (int i = 0; i < 3; ++i) {
      const auto id = draw(rc::gen::exec([&] { return gen::draw_string(id_shape, 1, 64); }));
      add(CaseKind::kSemantic, "a random unknown job id", request(id, "token"));
    }
    for (const auto& job : fixtures_.jobs) {
      for (const auto& [how, id] : near_misses(job.id))
        add(CaseKind::kSemantic, "near-miss of job id " + job.id + ": " + how,
            request(id, job.client_token));
      if (job.kind == model::JobKind::kCustom) {
        add(CaseKind::kSemantic, "custom job " + job.id + " with a wrong token",
            request(job.id, job.client_token + "x"));
        continue;
      }
      const auto token = draw(rc::gen::exec([&] { return gen::draw_string(token_shape, 1, 64); }));
      if (token != job.client_token)
        add(CaseKind::kSemantic, "job " + job.id + " with a random token", request(job.id, token));
      for (const auto& [how, near] : near_misses(job.client_token))
        add(CaseKind::kSemantic, "job " + job.id + " with a near-miss token: " + how,
            request(job.id, near));
      if (custom_ && custom_->client_token != job.client_token)
        add(CaseKind::kSemantic, "job " + job.id + " with another job's token",
            request(job.id, custom_->client_token));
    }
  }

  // Strings one edit away, each still a valid member value.
  static std::vector<std::pair<std::string, std::string>> near_misses(const std::string& text) {
    std::vector<std::pair<std::string, std::string>> out;
    auto code_points = model::decode_utf8(text).value_or(std::u32string{});
    out.emplace_back("one more character", text + "x");
    if (code_points.size() > 1) {
      auto shorter = code_points;
      shorter.pop_back();
      out.emplace_back("one character less", model::encode_utf8(shorter));
    }
    std::string flipped = text;
    for (auto& c : flipped) {
      if (std::islower(static_cast<unsigned char>(c)))
        c = static_cast<char>(std::toupper(c));
      else if (std::isupper(static_cast<unsigned char>(c)))
        c = static_cast<char>(std::tolower(c));
    }
    if (flipped != text) out.emplace_back("case flipped", flipped);
    out.emplace_back("trailing space", text + " ");
    return out;
  }

  void protocol() {
    const std::string good = known_ ? base_request().dump() : request("job-1", "t").dump();
    const auto kind = CaseKind::kProtocol;
    add_raw(kind, "no X-Amz-Target", good, std::nullopt, kJson);
    const std::string prefix = spec_.metadata.target_prefix;
    for (const auto& [how, target] : std::vector<std::pair<std::string, std::string>>{
             {"an unknown operation", prefix + ".NoSuchOperation"},
             {"the operation in lower case", prefix + "." + lower(op_.name)},
             {"no prefix", op_.name},
             {"another API version", next_version(prefix) + "." + op_.name},
             {"a character before it", "x" + target_},
             {"an empty operation", prefix + "."},
             {"the operation misspelt", target_.substr(0, target_.size() - 1)}})
      add_raw(kind, "X-Amz-Target with " + how, good, target, kJson);

    const std::string truncated = good.substr(0, good.size() / 2);
    for (const auto& [how, body] : std::vector<std::pair<std::string, std::string>>{
             {"an unclosed object", "{"},
             {"a truncated request", truncated},
             {"a trailing comma", R"({"jobId": "job-1", "clientToken": "t",})"},
             {"single quotes", R"({'jobId': 'job-1', 'clientToken': 't'})"},
             {"a comment", "/* c */ " + good},
             {"trailing bytes", good + " x"},
             {"a second object", good + good},
             {"a bare word", "jobId"},
             {"NaN", R"({"jobId": NaN})"},
             {"only white space", " \n"},
             {"an unescaped control character", "{\"jobId\": \"a\x01b\", \"clientToken\": \"t\"}"}})
      add_raw(kind, "malformed JSON: " + how, body, target_, kJson);

    for (const auto& [how, body] : std::vector<std::pair<std::string, std::string>>{
             {"a 0xFF byte", "{\"jobId\": \"job\xff\", \"clientToken\": \"t\"}"},
             {"an overlong encoding", "{\"jobId\": \"\xc0\xaf\", \"clientToken\": \"t\"}"},
             {"an encoded surrogate", "{\"jobId\": \"\xed\xa0\x80\", \"clientToken\": \"t\"}"},
             {"a lone high surrogate escape", R"({"jobId": "\ud800", "clientToken": "t"})"},
             {"a lone low surrogate escape", R"({"jobId": "x\udc00", "clientToken": "t"})"}})
      add_raw(kind, "not UTF-8: " + how, body, target_, kJson);

    for (const char* body : {"[]", "\"job-1\"", "1", "null", "true", "[{\"jobId\": \"job-1\"}]"})
      add_raw(kind, std::string("a JSON ") + json::parse(body).type_name() + " body", body, target_,
              kJson);

    add_raw(kind, "an empty body", "", target_, kJson);
    add_raw(kind, "Content-Type with a charset parameter", good, target_,
            std::string(kJson) + "; charset=utf-8");
    cases_.back().source = "AwsJson11MustSupportParametersInContentType";
    json extra = json::parse(good);
    extra["unknownMember"] = 1;
    extra["nested"] = {{"deep", {1, 2, {{"x", nullptr}}}}};
    add(kind, "unknown members", extra);
    json with_null = json::parse(good);
    with_null["optionalButUnknown"] = nullptr;
    add(kind, "a null member", with_null);

    // Outside the contract: anything but a 5xx, a hang or a reset will do.
    add_raw(kind, "GET /", "", target_, kJson, "GET");
    add_raw(kind, "PUT /", good, target_, kJson, "PUT");
    add_raw(kind, "POST /other", good, target_, kJson, "POST", "/other");
    add_raw(kind, "Content-Type text/plain", good, target_, "text/plain");
    add_raw(kind, "no Content-Type", good, target_, "");
    add_raw(kind, "duplicate keys", R"({"jobId": "a", "jobId": "b", "clientToken": "t"})", target_,
            kJson);
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
  const model::Operation& op_;
  const std::string target_;
  const model::FixtureJob* known_ = nullptr;
  const model::FixtureJob* custom_ = nullptr;
  std::vector<Case> cases_;
  std::uint64_t draws_ = 0;
};

}  // namespace

Plan::Plan(const model::Spec& spec, const model::Fixtures& fixtures, PlanOptions options)
    : options_(std::move(options)),
      planned_([&] {
        std::lock_guard lock(rapidcheck_mutex());
        return Planner(spec, fixtures, options_).run();
      }()),
      generator_(generated_case(spec, fixtures, options_.operation)) {}

std::mutex& rapidcheck_mutex() {
  static std::mutex mutex;
  return mutex;
}

Case Plan::at(std::size_t index) const {
  if (index < planned_.size()) return planned_[index];
  std::lock_guard lock(rapidcheck_mutex());
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

rc::Gen<Case> generated_case(const model::Spec& spec, const model::Fixtures& fixtures,
                             const std::string& operation) {
  const model::Operation& op = spec.operation(operation);
  const std::string target = spec.metadata.target_prefix + "." + op.name;
  auto catalogue = std::make_shared<const model::Catalogue>(spec);
  return rc::gen::exec([&spec, &fixtures, &op, target, catalogue] {
    Case c;
    c.kind = CaseKind::kGenerated;
    json body;
    switch (*rc::gen::inRange(0, 4)) {
      case 0: {  // a fixture job, maybe with a changed token or extra members
        if (fixtures.jobs.empty()) {
          body = *gen::valid_value(*op.input);
          c.name = "generated: a valid request";
          break;
        }
        const auto& job = *rc::gen::elementOf(fixtures.jobs);
        body = {{"jobId", job.id}, {"clientToken", job.client_token}};
        if (*rc::gen::arbitrary<bool>()) {
          body["clientToken"] =
              gen::draw_string(*op.input->find_member("clientToken")->shape, 1, 40);
          c.name = "generated: job " + job.id + " with another token";
        } else {
          c.name = "generated: job " + job.id;
        }
        if (*rc::gen::inRange(0, 4) == 0)
          body["unknown" + std::to_string(*rc::gen::inRange(0, 9))] = "x";
        break;
      }
      case 1:
        body = *gen::valid_value(*op.input);
        c.name = "generated: a valid request";
        break;
      default: {  // one broken requirement
        std::vector<const model::Requirement*> breakable;
        for (const auto* r : catalogue->for_operation(op.name))
          if (r->constraint && r->direction == model::Direction::kInput && !gen::cannot_violate(*r))
            breakable.push_back(r);
        const auto* r = *rc::gen::elementOf(breakable);
        const auto v = *gen::violating_value(*op.input, *r);
        body = v.value;
        c.name = "generated: " + r->id + " (" + v.how + ")";
      }
    }
    c.request = {target, protocol::kContentType, body.dump()};
    return c;
  });
}

}  // namespace cpct::check
