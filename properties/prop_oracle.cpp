// Properties of the oracle on well-formed GetThirdPartyJobDetails requests
// against the example fixtures: its answer equals a direct reading of the
// semantic rules, and every success body is a valid output.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "gen/shape_gen.hpp"
#include "model/model_file.hpp"
#include "protocol/oracle.hpp"
#include "text/utf8.hpp"

using nlohmann::json;

namespace {

struct World {
  std::shared_ptr<const cpct::model::Spec> spec = cpct::model::embedded_spec();
  std::shared_ptr<const cpct::model::Fixtures> fixtures = std::make_shared<cpct::model::Fixtures>(
      cpct::model::load_fixtures_file(CPCT_SOURCE_DIR "/corpus/fixtures/example.json", *spec));
  cpct::protocol::Oracle oracle{spec, fixtures};
};

const World& world() {
  static const World w;
  return w;
}

// A real id or token, a near miss of one, or a fresh valid string.
std::string near(const std::vector<std::string>& real, const cpct::model::Shape& shape) {
  const std::string base = *rc::gen::elementOf(real);
  switch (*rc::gen::inRange(0, 5)) {
    case 0:
    case 1:
      return base;
    case 2:
      return base + "x";
    case 3: {
      // One code point shorter (bytes would break UTF-8).
      auto text = *cpct::text::decode_utf8(base);
      if (text.size() < 2) return base + "y";
      text.pop_back();
      return cpct::text::encode_utf8(text);
    }
    default:
      return cpct::gen::draw_string(shape, 1, 40);
  }
}

}  // namespace

RC_GTEST_PROP(prop_oracle, semantics_follow_the_fixtures, ()) {
  const auto& w = world();
  const auto& op = w.spec->operation("GetThirdPartyJobDetails");
  std::vector<std::string> ids;
  std::vector<std::string> tokens;
  for (const auto& job : w.fixtures->jobs)
    ids.push_back(job.id), tokens.push_back(job.client_token);
  const std::string job_id = near(ids, *op.input->find_member("jobId")->shape);
  const std::string token = near(tokens, *op.input->find_member("clientToken")->shape);
  json body = {{"jobId", job_id}, {"clientToken", token}};
  const auto expected = w.oracle.expect(
      {"CodePipeline_20150709.GetThirdPartyJobDetails", "application/x-amz-json-1.1", body.dump()});

  const auto* job = w.fixtures->find(job_id);
  if (job == nullptr) {
    RC_ASSERT(expected.error_type == "JobNotFoundException");
  } else if (job->kind == cpct::model::JobKind::kCustom) {
    RC_ASSERT(expected.error_type == "InvalidJobException");
  } else if (job->client_token != token) {
    RC_ASSERT(expected.error_type == "InvalidClientTokenException");
  } else {
    RC_ASSERT(expected.status == 200);
    RC_ASSERT(*expected.body == json({{"jobDetails", job->job_details}}));
    RC_ASSERT(
        cpct::model::validate(op.name, cpct::model::Direction::kOutput, *op.output, *expected.body)
            .empty());
  }
  if (expected.is_error()) RC_ASSERT(expected.status == 400);
  RC_CLASSIFY(expected.status == 200, "200");
  RC_CLASSIFY(expected.is_error(), expected.error_type);
}

// Valid inputs of every shape never get a Serialization or Validation error.
RC_GTEST_PROP(prop_oracle, valid_inputs_pass_validation, ()) {
  const auto& w = world();
  const auto& op = w.spec->operation("GetThirdPartyJobDetails");
  const auto input = *cpct::gen::valid_value(*op.input);
  const auto expected = w.oracle.expect({"CodePipeline_20150709.GetThirdPartyJobDetails",
                                         "application/x-amz-json-1.1", input.dump()});
  RC_ASSERT(expected.error_type != "ValidationException");
  RC_ASSERT(expected.error_type != "SerializationException");
}

// The oracle is a pure function of the request: asked twice, it answers
// alike, and a ready-made body text is the body serialised. fuzz_handler
// relies on this to ask it once per input (the handler hands its answer
// over).
RC_GTEST_PROP(prop_oracle, answers_alike_every_time, ()) {
  const auto& w = world();
  const auto& op = w.spec->operation("GetThirdPartyJobDetails");
  std::vector<std::string> ids;
  for (const auto& job : w.fixtures->jobs) ids.push_back(job.id);
  std::string body;
  switch (*rc::gen::inRange(0, 4)) {
    case 0:
      body = (*cpct::gen::valid_value(*op.input)).dump();
      break;
    case 1:
      body = json({{"jobId", near(ids, *op.input->find_member("jobId")->shape)},
                   {"clientToken", *rc::gen::arbitrary<std::string>()}})
                 .dump(-1, ' ', false, json::error_handler_t::replace);
      break;
    case 2:
      body = json({{"jobId", *rc::gen::arbitrary<int>()}, {"x", nullptr}}).dump();
      break;
    default:
      body = *rc::gen::arbitrary<std::string>();  // any bytes, JSON or not
  }
  const std::optional<std::string> target = *rc::gen::element<std::optional<std::string>>(
      "CodePipeline_20150709.GetThirdPartyJobDetails", "CodePipeline_20150709.PollForJobs",
      "Nope.Nope", std::nullopt);
  const cpct::protocol::Request request{target, "application/x-amz-json-1.1", body};
  const auto first = w.oracle.expect(request);
  const auto second = w.oracle.expect(request);
  RC_ASSERT(first.status == second.status);
  RC_ASSERT(first.error_type == second.error_type);
  RC_ASSERT(first.message == second.message);
  RC_ASSERT(*first.body == *second.body);
  RC_ASSERT(first.operation == second.operation);
  RC_ASSERT(first.requirements == second.requirements);
  RC_ASSERT(first.violations.size() == second.violations.size());
  RC_ASSERT(first.declared_outcome == second.declared_outcome);
  RC_ASSERT((first.body_text == nullptr) == (second.body_text == nullptr));
  if (first.body_text)
    RC_ASSERT(*first.body_text == first.body->dump(-1, ' ', false, json::error_handler_t::replace));
  RC_CLASSIFY(first.status == 200, "200");
}
