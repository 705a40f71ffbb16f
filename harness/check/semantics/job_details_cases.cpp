#include "check/semantics/job_details_cases.hpp"

#include <rapidcheck.h>

#include <cctype>

#include "gen/shape_gen.hpp"
#include "text/utf8.hpp"

namespace cpct::check::semantics {
namespace {

using nlohmann::json;

json request(const std::string& job_id, const std::string& token) {
  return {{"jobId", job_id}, {"clientToken", token}};
}

// A string valid for `shape`, drawn reproducibly from `seed`.
std::string draw(const model::Shape& shape, std::uint64_t seed) {
  return rc::gen::exec([&] { return gen::draw_string(shape, 1, 64); })(rc::Random(seed), 50)
      .value();
}

// Strings one edit away, each still a valid member value.
std::vector<std::pair<std::string, std::string>> near_misses(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  auto code_points = text::decode_utf8(text).value_or(std::u32string{});
  out.emplace_back("one more character", text + "x");
  if (code_points.size() > 1) {
    auto shorter = code_points;
    shorter.pop_back();
    out.emplace_back("one character less", text::encode_utf8(shorter));
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

const model::FixtureJob* first_of(const model::Fixtures& fixtures, model::JobKind kind) {
  for (const auto& job : fixtures.jobs)
    if (job.kind == kind) return &job;
  return nullptr;
}

}  // namespace

std::optional<json> JobDetailsCases::known_request(const model::Fixtures& fixtures) const {
  const auto* known = first_of(fixtures, model::JobKind::kThirdParty);
  if (known == nullptr) return std::nullopt;
  return request(known->id, known->client_token);
}

void JobDetailsCases::plan(const model::Operation& op, const model::Fixtures& fixtures,
                           CaseSink& sink) const {
  for (const auto& job : fixtures.jobs)
    sink.add(CaseKind::kPositive,
             std::string(model::to_string(job.kind)) + " job " + job.id + " with its token",
             request(job.id, job.client_token));
  const auto& id_shape = *op.input->find_member("jobId")->shape;
  const auto& token_shape = *op.input->find_member("clientToken")->shape;
  const auto* custom = first_of(fixtures, model::JobKind::kCustom);
  for (int i = 0; i < 3; ++i)
    sink.add(CaseKind::kSemantic, "a random unknown job id",
             request(draw(id_shape, sink.next_seed()), "token"));
  for (const auto& job : fixtures.jobs) {
    for (const auto& [how, id] : near_misses(job.id))
      sink.add(CaseKind::kSemantic, "near-miss of job id " + job.id + ": " + how,
               request(id, job.client_token));
    if (job.kind == model::JobKind::kCustom) {
      sink.add(CaseKind::kSemantic, "custom job " + job.id + " with a wrong token",
               request(job.id, job.client_token + "x"));
      continue;
    }
    const auto token = draw(token_shape, sink.next_seed());
    if (token != job.client_token)
      sink.add(CaseKind::kSemantic, "job " + job.id + " with a random token",
               request(job.id, token));
    for (const auto& [how, near] : near_misses(job.client_token))
      sink.add(CaseKind::kSemantic, "job " + job.id + " with a near-miss token: " + how,
               request(job.id, near));
    if (custom != nullptr && custom->client_token != job.client_token)
      sink.add(CaseKind::kSemantic, "job " + job.id + " with another job's token",
               request(job.id, custom->client_token));
  }
}

std::optional<Named> JobDetailsCases::generate(const model::Operation& op,
                                               const model::Fixtures& fixtures) const {
  if (fixtures.jobs.empty()) return std::nullopt;
  const auto& job = *rc::gen::elementOf(fixtures.jobs);
  Named out{"generated: job " + job.id, request(job.id, job.client_token)};
  if (*rc::gen::arbitrary<bool>()) {
    out.second["clientToken"] =
        gen::draw_string(*op.input->find_member("clientToken")->shape, 1, 40);
    out.first = "generated: job " + job.id + " with another token";
  }
  if (*rc::gen::inRange(0, 4) == 0)
    out.second["unknown" + std::to_string(*rc::gen::inRange(0, 9))] = "x";
  return out;
}

}  // namespace cpct::check::semantics
