// Properties of the single-violation generators: for every shape
// requirement of the CodePipeline model, a generated value breaks exactly
// the intended requirement (plus any the model makes unavoidable, named
// up front), and for inputs the oracle gives the error docs/aws-facts.md says.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <set>

#include "gen/violation_gen.hpp"
#include "model/model_file.hpp"
#include "prop_support.hpp"
#include "protocol/oracle.hpp"

using cpct::model::Constraint;
using cpct::model::Direction;

namespace {

std::set<std::string> ids_of(const std::vector<cpct::model::Violation>& violations) {
  std::set<std::string> out;
  for (const auto& v : violations) out.insert(v.requirement_id);
  return out;
}

const cpct::model::Shape& root_of(const cpct::model::Spec& spec,
                                  const cpct::model::Requirement& r) {
  const auto& op = spec.operation(r.operation);
  return r.direction == Direction::kInput ? *op.input : *op.output;
}

// The operation cpct serves gets full runs; the model's other 38 keep the
// generators honest with fewer cases each (there are ~2,000 requirements).
int cases_for(const cpct::model::Requirement& r) {
  return cpct::model::has_semantics(r.operation) ? 100 : 8;
}

// Siblings of the broken member stay small: their own bounds have their own
// requirements.
const cpct::gen::GenOptions kOptions{.max_string = 200, .max_collection = 3, .max_depth = 5};

}  // namespace

TEST(prop_violations, each_generator_breaks_exactly_its_requirement) {
  const auto spec = cpct::model::embedded_spec();
  const cpct::model::Catalogue catalogue(*spec);
  std::size_t checked = 0;
  std::size_t exclusive = 0;
  std::size_t skipped = 0;
  for (const auto& r : catalogue.all()) {
    if (!r.constraint) continue;
    if (cpct::gen::cannot_violate(r)) {
      ++skipped;
      continue;
    }
    const auto& root = root_of(*spec, r);
    bool always_exclusive = true;
    const auto verdict = cpct::testing::check_property(r.id, cases_for(r), 50, [&] {
      const auto v = *cpct::gen::violating_value(root, r, kOptions);
      const auto found = ids_of(cpct::model::validate(r.operation, r.direction, root, v.value));
      const std::set<std::string> expected(v.expected_ids.begin(), v.expected_ids.end());
      RC_ASSERT(expected.count(r.id) == 1u);
      RC_ASSERT(found == expected);
      always_exclusive = always_exclusive && expected.size() == 1;
    });
    EXPECT_EQ(verdict, cpct::testing::Verdict::kPassed) << r.id;
    ++checked;
    exclusive += always_exclusive;
  }
  std::printf(
      "violation generators: %zu requirements checked (%zu always exclusive), %zu cannot be "
      "violated\n",
      checked, exclusive, skipped);
  EXPECT_GT(checked, 500u);
  // Unavoidable companions are rare: an empty string for a `+` pattern.
  EXPECT_GT(exclusive * 10, checked * 9);
}

TEST(prop_violations, oracle_answers_each_input_violation_as_aws_does) {
  const auto spec = cpct::model::embedded_spec();
  const cpct::model::Catalogue catalogue(*spec);
  const cpct::protocol::Oracle oracle(spec, nullptr);
  std::size_t checked = 0;
  for (const auto& r : catalogue.all()) {
    if (!r.constraint || r.direction != Direction::kInput || cpct::gen::cannot_violate(r)) continue;
    const auto& root = root_of(*spec, r);
    const auto verdict = cpct::testing::check_property(r.id, cases_for(r), 50, [&] {
      const auto v = *cpct::gen::violating_value(root, r, kOptions);
      const auto expected =
          oracle.expect(cpct::protocol::Request{spec->metadata.target_prefix + "." + r.operation,
                                                "application/x-amz-json-1.1", v.value.dump()});
      RC_ASSERT(expected.status == 400);
      const bool type = *r.constraint == Constraint::kType;
      RC_ASSERT(expected.error_type == (type ? "SerializationException" : "ValidationException"));
      RC_ASSERT(ids_of(expected.violations) ==
                std::set<std::string>(v.expected_ids.begin(), v.expected_ids.end()));
      // The requirement that decided the answer is one the value breaks.
      RC_ASSERT(std::find(v.expected_ids.begin(), v.expected_ids.end(),
                          expected.requirements.front()) != v.expected_ids.end());
      if (!type)
        RC_ASSERT(expected.message.rfind(
                      std::to_string(v.expected_ids.size()) + " validation error", 0) == 0u);
    });
    EXPECT_EQ(verdict, cpct::testing::Verdict::kPassed) << r.id;
    ++checked;
  }
  EXPECT_GT(checked, 100u);
}
